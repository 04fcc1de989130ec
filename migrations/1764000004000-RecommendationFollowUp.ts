import { MigrationInterface, QueryRunner } from 'typeorm';

// Recommendation follow-up: the timeline of progress reports and assessments, the impact
// assessment, and the guard that makes the overdue notification happen once per due date.
export class RecommendationFollowUp1764000004000 implements MigrationInterface {
  name = 'RecommendationFollowUp1764000004000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE recommendations
        ADD COLUMN impact_rating text CHECK (impact_rating IN ('none','low','moderate','high')),
        ADD COLUMN impact_note text,
        ADD COLUMN impact_assessed_by uuid REFERENCES users(id),
        ADD COLUMN impact_assessed_at timestamptz,
        -- The due date the overdue notification was sent for (set in the same transaction as the
        -- notification and the event): a retried or concurrent job finds nothing left to do, and
        -- moving the due date arms the notification again.
        ADD COLUMN overdue_notified_for date,
        ADD CONSTRAINT recommendations_completed_when_terminal
          CHECK ((status IN ('implemented','partially_implemented','not_implemented','dropped')) = (completed_at IS NOT NULL)),
        ADD CONSTRAINT recommendations_impact_when_terminal
          CHECK (impact_rating IS NULL OR status IN ('implemented','partially_implemented','not_implemented','dropped'))`);
    // The overdue scan only looks at recommendations still being worked on.
    await q.query(
      `CREATE INDEX recommendations_pending_due_idx ON recommendations (due_date) WHERE status IN ('open','in_progress')`,
    );
    await q.query(
      `CREATE INDEX recommendations_meeting_idx ON recommendations (meeting_id) WHERE meeting_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE recommendation_timeline (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recommendation_id uuid NOT NULL REFERENCES recommendations(id),
        kind text NOT NULL CHECK (kind IN ('created','progress','edited','impact')),
        author_user_id uuid REFERENCES users(id),
        author_organisation_id uuid REFERENCES organisations(id),
        note text,
        status_from text,
        status_to text,
        progress_from integer,
        progress_to integer CHECK (progress_to BETWEEN 0 AND 100),
        evidence_urls text[] NOT NULL DEFAULT '{}',
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX recommendation_timeline_rec_idx ON recommendation_timeline (recommendation_id, created_at, id)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recommendation_timeline`);
    await q.query(`DROP INDEX recommendations_meeting_idx`);
    await q.query(`DROP INDEX recommendations_pending_due_idx`);
    await q.query(`
      ALTER TABLE recommendations
        DROP CONSTRAINT recommendations_impact_when_terminal,
        DROP CONSTRAINT recommendations_completed_when_terminal,
        DROP COLUMN overdue_notified_for,
        DROP COLUMN impact_assessed_at,
        DROP COLUMN impact_assessed_by,
        DROP COLUMN impact_note,
        DROP COLUMN impact_rating`);
  }
}
