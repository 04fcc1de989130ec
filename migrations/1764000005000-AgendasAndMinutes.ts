import { MigrationInterface, QueryRunner } from 'typeorm';

// Agendas and minutes. Both are created lazily on first access (one row per meeting, insert
// ... on conflict do nothing), which reads the same as creating them with the meeting.
export class AgendasAndMinutes1764000005000 implements MigrationInterface {
  name = 'AgendasAndMinutes1764000005000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agendas (
        meeting_id uuid PRIMARY KEY REFERENCES meetings(id),
        group_id uuid NOT NULL REFERENCES groups(id),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
        published_at timestamptz,
        published_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE agenda_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES agendas(meeting_id),
        group_id uuid NOT NULL REFERENCES groups(id),
        kind text NOT NULL CHECK (kind IN ('incident_roundtable','recommendation_review','challenge','presentation','other')),
        -- The two items every agenda starts with; their links are resolved at read time.
        standing boolean NOT NULL DEFAULT false,
        title text NOT NULL,
        description text,
        duration_minutes integer CHECK (duration_minutes > 0),
        presenter_membership_id uuid REFERENCES memberships(id),
        status text NOT NULL CHECK (status IN ('proposed','accepted','rejected','deferred')),
        position integer NOT NULL,
        proposed_by uuid REFERENCES users(id),
        proposed_by_membership_id uuid REFERENCES memberships(id),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        reject_reason text,
        changed_after_publish boolean NOT NULL DEFAULT false,
        deferred_from_item_id uuid REFERENCES agenda_items(id),
        deferred_to_meeting_id uuid REFERENCES meetings(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX agenda_items_meeting_idx ON agenda_items (meeting_id, position, id)`);
    await q.query(
      `CREATE UNIQUE INDEX agenda_items_standing_key ON agenda_items (meeting_id, kind) WHERE standing`,
    );
    await q.query(`
      CREATE TABLE agenda_item_incidents (
        item_id uuid NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
        incident_id uuid NOT NULL REFERENCES incidents(id),
        PRIMARY KEY (item_id, incident_id)
      )`);
    await q.query(`
      CREATE TABLE agenda_item_recommendations (
        item_id uuid NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
        recommendation_id uuid NOT NULL REFERENCES recommendations(id),
        PRIMARY KEY (item_id, recommendation_id)
      )`);

    await q.query(`
      CREATE TABLE minutes (
        meeting_id uuid PRIMARY KEY REFERENCES meetings(id),
        group_id uuid NOT NULL REFERENCES groups(id),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','circulated','approved')),
        version integer NOT NULL DEFAULT 0,
        body text NOT NULL DEFAULT '',
        key_issues text[] NOT NULL DEFAULT '{}',
        decisions text[] NOT NULL DEFAULT '{}',
        updated_by uuid REFERENCES users(id),
        circulated_at timestamptz,
        circulated_by uuid REFERENCES users(id),
        approved_at timestamptz,
        approved_by uuid REFERENCES users(id),
        approved_by_membership_id uuid REFERENCES memberships(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE minutes_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES minutes(meeting_id),
        version integer NOT NULL,
        body text NOT NULL,
        key_issues text[] NOT NULL,
        decisions text[] NOT NULL,
        status text NOT NULL,
        author_user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (meeting_id, version)
      )`);
    await q.query(`
      CREATE TABLE minutes_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES minutes(meeting_id),
        author_user_id uuid NOT NULL REFERENCES users(id),
        author_membership_id uuid NOT NULL REFERENCES memberships(id),
        minutes_version integer NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX minutes_comments_meeting_idx ON minutes_comments (meeting_id, created_at, id)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE minutes_comments`);
    await q.query(`DROP TABLE minutes_revisions`);
    await q.query(`DROP TABLE minutes`);
    await q.query(`DROP TABLE agenda_item_recommendations`);
    await q.query(`DROP TABLE agenda_item_incidents`);
    await q.query(`DROP TABLE agenda_items`);
    await q.query(`DROP TABLE agendas`);
  }
}
