import { MigrationInterface, QueryRunner } from 'typeorm';

const SEARCH_DOCUMENT = `search_tsv = incident_search_document(i.id, i.title, i.description)`;

// How many updates an incident has, kept on its row. Incident lists read that column instead of
// counting each listed incident's updates (a correlated count per row was about a third of
// Postgres's work for a page of 50: docs/SCALING.md, hot-path rules). The trigger that already
// refreshes the incident's search document whenever an update is written or removed keeps it,
// in the same statement and under the same row lock, so concurrent updates count exactly.
export class IncidentUpdateCount1764000023000 implements MigrationInterface {
  name = 'IncidentUpdateCount1764000023000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE incidents ADD COLUMN update_count integer NOT NULL DEFAULT 0 CHECK (update_count >= 0)`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION incident_updates_search_tsv_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.incident_id ELSE NEW.incident_id END;
        delta integer := CASE TG_OP WHEN 'INSERT' THEN 1 WHEN 'DELETE' THEN -1 ELSE 0 END;
      BEGIN
        UPDATE incidents i SET ${SEARCH_DOCUMENT}, update_count = i.update_count + delta WHERE i.id = target;
        RETURN NULL;
      END $$`);
    await q.query(`
      UPDATE incidents i SET update_count = c.n
      FROM (SELECT incident_id, count(*)::int AS n FROM incident_updates GROUP BY incident_id) c
      WHERE c.incident_id = i.id`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION incident_updates_search_tsv_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE target uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.incident_id ELSE NEW.incident_id END;
      BEGIN
        UPDATE incidents i SET ${SEARCH_DOCUMENT} WHERE i.id = target;
        RETURN NULL;
      END $$`);
    await q.query(`ALTER TABLE incidents DROP COLUMN update_count`);
  }
}
