import { MigrationInterface, QueryRunner } from 'typeorm';

// Audit entries about an incident name it (incident_id), so the audit log shows them only to
// those who may see the incident. A status change by someone outside the reporting organisation
// carries its reason in the thread.
export class IncidentAuditAndStatus1764000007100 implements MigrationInterface {
  name = 'IncidentAuditAndStatus1764000007100';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ADD COLUMN incident_id uuid REFERENCES incidents(id)`);
    await q.query(`UPDATE audit_events SET incident_id = entity_id WHERE entity_type = 'incident'`);
    await q.query(
      `CREATE INDEX audit_events_incident_idx ON audit_events (incident_id) WHERE incident_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE incident_updates ADD COLUMN status_reason text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident_updates DROP COLUMN status_reason`);
    await q.query(`DROP INDEX audit_events_incident_idx`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN incident_id`);
  }
}
