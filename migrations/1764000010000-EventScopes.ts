import { MigrationInterface, QueryRunner } from 'typeorm';

// Events about an object with its own visibility name that object: (scope_kind, scope_id). Replay
// and realtime delivery then follow the object's current visibility, whatever its kind — an
// incident, an agreement (or only its content), a non-compliance report. incident_id stays and is
// still written for incident events, so code that reads it keeps working.
export class EventScopes1764000010000 implements MigrationInterface {
  name = 'EventScopes1764000010000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE group_events
        ADD COLUMN scope_kind text CHECK (scope_kind IN ('incident','agreement','agreement_content','non_compliance')),
        ADD COLUMN scope_id uuid,
        ADD CONSTRAINT group_events_scope_pair CHECK ((scope_kind IS NULL) = (scope_id IS NULL))`);
    await q.query(
      `UPDATE group_events SET scope_kind = 'incident', scope_id = incident_id WHERE incident_id IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE group_events
        DROP CONSTRAINT group_events_scope_pair,
        DROP COLUMN scope_id,
        DROP COLUMN scope_kind`);
  }
}
