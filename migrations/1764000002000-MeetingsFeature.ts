import { MigrationInterface, QueryRunner } from 'typeorm';

// Meetings feature: RSVPs, attendance (read by minutes), reminder bookkeeping and the
// materialisation watermark of each series.
export class MeetingsFeature1764000002000 implements MigrationInterface {
  name = 'MeetingsFeature1764000002000';

  public async up(q: QueryRunner): Promise<void> {
    // Bookkeeping only (how far the last run got): correctness never depends on it, since each
    // run recomputes occurrences from the series itself.
    await q.query(`ALTER TABLE meeting_series ADD COLUMN materialised_until timestamptz`);
    await q.query(`CREATE INDEX meeting_series_active_idx ON meeting_series (id) WHERE status = 'active'`);
    // Ad hoc meetings carry their own reminder offsets; series meetings use the series'.
    await q.query(`ALTER TABLE meetings ADD COLUMN reminder_offsets_minutes integer[]`);
    await q.query(
      `CREATE INDEX meetings_series_starts_idx ON meetings (series_id, starts_at) WHERE series_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX meetings_scheduled_starts_idx ON meetings (starts_at) WHERE status = 'scheduled'`,
    );

    await q.query(`
      CREATE TABLE meeting_rsvps (
        meeting_id uuid NOT NULL REFERENCES meetings(id),
        membership_id uuid NOT NULL REFERENCES memberships(id),
        response text NOT NULL CHECK (response IN ('yes','no','maybe')),
        responded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (meeting_id, membership_id)
      )`);

    await q.query(`
      CREATE TABLE meeting_attendance (
        meeting_id uuid NOT NULL REFERENCES meetings(id),
        membership_id uuid NOT NULL REFERENCES memberships(id),
        attended boolean NOT NULL,
        recorded_by uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (meeting_id, membership_id)
      )`);

    // One row per reminder slot handled (sent or skipped as stale), so the reminder scan does not
    // revisit it. Exactly-once delivery itself rests on the notifications dedupe key.
    await q.query(`
      CREATE TABLE meeting_reminders (
        meeting_id uuid NOT NULL REFERENCES meetings(id),
        offset_minutes integer NOT NULL,
        starts_at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('sent','skipped')),
        recipients integer NOT NULL DEFAULT 0,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (meeting_id, offset_minutes, starts_at)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_reminders`);
    await q.query(`DROP TABLE meeting_attendance`);
    await q.query(`DROP TABLE meeting_rsvps`);
    await q.query(`DROP INDEX meetings_scheduled_starts_idx`);
    await q.query(`DROP INDEX meetings_series_starts_idx`);
    await q.query(`ALTER TABLE meetings DROP COLUMN reminder_offsets_minutes`);
    await q.query(`DROP INDEX meeting_series_active_idx`);
    await q.query(`ALTER TABLE meeting_series DROP COLUMN materialised_until`);
  }
}
