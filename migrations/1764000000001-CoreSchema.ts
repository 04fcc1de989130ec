import { MigrationInterface, QueryRunner } from 'typeorm';

// The shared core of meetings, incidents and recommendations, so every feature codes against
// one schema. Each feature adds its own tables, columns and indexes in later migrations.
export class CoreSchema1764000000001 implements MigrationInterface {
  name = 'CoreSchema1764000000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id),
        title text NOT NULL,
        rrule text NOT NULL,
        start_date date NOT NULL,
        start_time time NOT NULL,
        timezone text NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
        location text,
        online_url text,
        horizon_days integer NOT NULL DEFAULT 90 CHECK (horizon_days > 0),
        reminder_offsets_minutes integer[] NOT NULL DEFAULT '{10080,1440}',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','deleted')),
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await q.query(`CREATE INDEX meeting_series_group_idx ON meeting_series (group_id)`);

    await q.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id),
        series_id uuid REFERENCES meeting_series(id),
        -- The occurrence's original start instant in its series: the idempotency key of
        -- materialisation. It never changes, even when the meeting is rescheduled.
        occurrence_key timestamptz,
        title text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        timezone text NOT NULL,
        location text,
        online_url text,
        focus text,
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','cancelled','held')),
        cancel_reason text,
        -- Set once a single occurrence is edited: series edits no longer touch it.
        detached boolean NOT NULL DEFAULT false,
        sequence integer NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((series_id IS NULL) = (occurrence_key IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX meetings_occurrence_key ON meetings (series_id, occurrence_key) WHERE series_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX meetings_group_starts_idx ON meetings (group_id, starts_at, id)`);

    await q.query(`
      CREATE TABLE incidents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id),
        reporter_user_id uuid NOT NULL REFERENCES users(id),
        reporter_organisation_id uuid NOT NULL REFERENCES organisations(id),
        title text NOT NULL,
        description text NOT NULL,
        occurred_at timestamptz NOT NULL,
        location_name text NOT NULL,
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        lng double precision CHECK (lng BETWEEN -180 AND 180),
        category text NOT NULL CHECK (category IN ('community_protest','artisanal_mining','theft_or_intrusion',
          'use_of_force_public_security','use_of_force_private_security','arrest_or_detention','sexual_violence',
          'environmental','other')),
        severity text NOT NULL CHECK (severity IN ('low','medium','high','critical')),
        actors text[] NOT NULL DEFAULT '{}',
        alleged_human_rights_abuse boolean NOT NULL DEFAULT false,
        injured integer NOT NULL DEFAULT 0 CHECK (injured >= 0),
        killed integer NOT NULL DEFAULT 0 CHECK (killed >= 0),
        confidentiality text NOT NULL CHECK (confidentiality IN ('group','restricted')),
        anonymous boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','monitoring','closed')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX incidents_group_created_idx ON incidents (group_id, created_at DESC, id DESC)`,
    );
    await q.query(`
      CREATE TABLE incident_shares (
        incident_id uuid NOT NULL REFERENCES incidents(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        PRIMARY KEY (incident_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX incident_shares_org_idx ON incident_shares (organisation_id)`);

    await q.query(`
      CREATE TABLE recommendations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id),
        meeting_id uuid REFERENCES meetings(id),
        agenda_item_id uuid,
        title text NOT NULL,
        description text,
        due_date date NOT NULL,
        priority text NOT NULL CHECK (priority IN ('low','medium','high')),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','implemented',
          'partially_implemented','not_implemented','dropped')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX recommendations_group_idx ON recommendations (group_id, due_date, id)`);
    await q.query(`
      CREATE TABLE recommendation_organisations (
        recommendation_id uuid NOT NULL REFERENCES recommendations(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        PRIMARY KEY (recommendation_id, organisation_id)
      )`);
    await q.query(
      `CREATE INDEX recommendation_organisations_org_idx ON recommendation_organisations (organisation_id)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recommendation_organisations`);
    await q.query(`DROP TABLE recommendations`);
    await q.query(`DROP TABLE incident_shares`);
    await q.query(`DROP TABLE incidents`);
    await q.query(`DROP TABLE meetings`);
    await q.query(`DROP TABLE meeting_series`);
  }
}
