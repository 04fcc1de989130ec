import { MigrationInterface, QueryRunner } from 'typeorm';

// Approved minutes become a frozen record (docs/agendas-and-minutes.md): each co-chair's
// approval is kept, the group decides whether one or all sitting co-chairs approve, and the
// approval stores the record (meeting, attendance, agenda with its links, body…) as jsonb.
export class FrozenMinutes1764000008000 implements MigrationInterface {
  name = 'FrozenMinutes1764000008000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE groups ADD COLUMN minutes_approval text NOT NULL DEFAULT 'one_co_chair'
        CHECK (minutes_approval IN ('one_co_chair','all_co_chairs'))`);
    await q.query(`ALTER TABLE minutes ADD COLUMN approved_record jsonb`);
    await q.query(`
      CREATE TABLE minutes_approvals (
        meeting_id uuid NOT NULL REFERENCES minutes(meeting_id),
        membership_id uuid NOT NULL REFERENCES memberships(id),
        user_id uuid NOT NULL REFERENCES users(id),
        version integer NOT NULL,
        approved_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (meeting_id, membership_id)
      )`);
    // Minutes approved before this migration keep their approver; their record is frozen the
    // first time they are read afterwards (MinutesRecords.ensure).
    await q.query(`
      INSERT INTO minutes_approvals (meeting_id, membership_id, user_id, version, approved_at)
      SELECT meeting_id, approved_by_membership_id, approved_by, version, approved_at FROM minutes
      WHERE status = 'approved' AND approved_by IS NOT NULL AND approved_by_membership_id IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE minutes_approvals`);
    await q.query(`ALTER TABLE minutes DROP COLUMN approved_record`);
    await q.query(`ALTER TABLE groups DROP COLUMN minutes_approval`);
  }
}
