import { MigrationInterface, QueryRunner } from 'typeorm';

// Audit entries follow the visibility of the object they are about, like group events: the scope
// (incident, agreement, agreement content, non-compliance report) replaces the incident-only
// column, so a restricted agreement or report no longer shows up in the focal point's audit log.
export class AuditScopes1764000017000 implements MigrationInterface {
  name = 'AuditScopes1764000017000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ADD COLUMN scope_kind text, ADD COLUMN scope_id uuid`);
    await q.query(
      `UPDATE audit_events SET scope_kind = 'incident', scope_id = incident_id WHERE incident_id IS NOT NULL`,
    );
    // Entries written before scopes existed: agreements and reports by their entity.
    await q.query(
      `UPDATE audit_events SET scope_kind = 'agreement', scope_id = entity_id
       WHERE scope_kind IS NULL AND entity_type = 'agreement' AND entity_id IS NOT NULL`,
    );
    await q.query(
      `UPDATE audit_events SET scope_kind = 'non_compliance', scope_id = entity_id
       WHERE scope_kind IS NULL AND entity_type = 'non_compliance' AND entity_id IS NOT NULL`,
    );
    await q.query(`DROP INDEX audit_events_incident_idx`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN incident_id`);
    await q.query(
      `CREATE INDEX audit_events_scope_idx ON audit_events (scope_kind, scope_id) WHERE scope_kind IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_events_scope_idx`);
    await q.query(`ALTER TABLE audit_events ADD COLUMN incident_id uuid REFERENCES incidents(id)`);
    await q.query(`UPDATE audit_events SET incident_id = scope_id WHERE scope_kind = 'incident'`);
    await q.query(
      `CREATE INDEX audit_events_incident_idx ON audit_events (incident_id) WHERE incident_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE audit_events DROP COLUMN scope_kind, DROP COLUMN scope_id`);
  }
}
