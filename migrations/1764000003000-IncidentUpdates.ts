import { MigrationInterface, QueryRunner } from 'typeorm';

// Incident updates thread, the access log of restricted incidents, and full-text search.
// Search uses the 'simple' configuration over unaccented text: the groups write in French and
// English (and Swahili), and names of places and people must match as written, so no stemming;
// "expulsés" and "expulses" match alike.
export class IncidentUpdates1764000003000 implements MigrationInterface {
  name = 'IncidentUpdates1764000003000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`
      CREATE TABLE incident_updates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incidents(id),
        author_user_id uuid NOT NULL REFERENCES users(id),
        author_organisation_id uuid NOT NULL REFERENCES organisations(id),
        body text NOT NULL,
        -- The status the update moved the incident to, if it did.
        status text CHECK (status IN ('open','monitoring','closed')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX incident_updates_incident_idx ON incident_updates (incident_id, created_at, id)`,
    );

    // Who read a restricted incident, and when. Append-only.
    await q.query(`
      CREATE TABLE incident_access_log (
        id bigserial PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incidents(id),
        user_id uuid NOT NULL REFERENCES users(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        action text NOT NULL CHECK (action IN ('view','view_updates','list')),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX incident_access_log_incident_idx ON incident_access_log (incident_id, id DESC)`,
    );

    // Search document: title (A), description (B) and every update body (C). A trigger keeps it
    // current because a generated column cannot read the updates table.
    await q.query(`ALTER TABLE incidents ADD COLUMN search_tsv tsvector NOT NULL DEFAULT ''::tsvector`);
    await q.query(`
      CREATE FUNCTION incident_search_document(p_id uuid, p_title text, p_description text) RETURNS tsvector
      LANGUAGE sql STABLE AS $$
        SELECT setweight(to_tsvector('simple', unaccent(coalesce(p_title, ''))), 'A')
            || setweight(to_tsvector('simple', unaccent(coalesce(p_description, ''))), 'B')
            || setweight(to_tsvector('simple', unaccent(coalesce(
                 (SELECT string_agg(u.body, ' ' ORDER BY u.created_at, u.id) FROM incident_updates u WHERE u.incident_id = p_id), ''))), 'C')
      $$`);
    await q.query(`
      CREATE FUNCTION incidents_search_tsv_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_tsv := incident_search_document(NEW.id, NEW.title, NEW.description);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER incidents_search_tsv BEFORE INSERT OR UPDATE OF title, description ON incidents
      FOR EACH ROW EXECUTE FUNCTION incidents_search_tsv_trigger()`);
    await q.query(`
      CREATE FUNCTION incident_updates_search_tsv_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE target uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.incident_id ELSE NEW.incident_id END;
      BEGIN
        UPDATE incidents i SET search_tsv = incident_search_document(i.id, i.title, i.description) WHERE i.id = target;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER incident_updates_search_tsv AFTER INSERT OR UPDATE OF body OR DELETE ON incident_updates
      FOR EACH ROW EXECUTE FUNCTION incident_updates_search_tsv_trigger()`);
    await q.query(
      `UPDATE incidents i SET search_tsv = incident_search_document(i.id, i.title, i.description)`,
    );
    await q.query(`CREATE INDEX incidents_search_idx ON incidents USING gin (search_tsv)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER incident_updates_search_tsv ON incident_updates`);
    await q.query(`DROP TRIGGER incidents_search_tsv ON incidents`);
    await q.query(`DROP FUNCTION incident_updates_search_tsv_trigger()`);
    await q.query(`DROP FUNCTION incidents_search_tsv_trigger()`);
    await q.query(`DROP INDEX incidents_search_idx`);
    await q.query(`ALTER TABLE incidents DROP COLUMN search_tsv`);
    await q.query(`DROP FUNCTION incident_search_document(uuid, text, text)`);
    await q.query(`DROP TABLE incident_access_log`);
    await q.query(`DROP TABLE incident_updates`);
  }
}
