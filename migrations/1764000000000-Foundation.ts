import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        calendar_token text NOT NULL DEFAULT encode(gen_random_bytes(24), 'hex'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`CREATE UNIQUE INDEX users_calendar_token_key ON users (calendar_token)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);

    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        kind text NOT NULL CHECK (kind IN ('company','private_security_provider','public_security','host_government',
          'home_government','local_authority','community','civil_society','womens_group','indigenous_peoples',
          'international_organisation','other')),
        country text,
        vps_participant boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name))`);

    await q.query(`
      CREATE TABLE groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        description text,
        region text,
        languages text[] NOT NULL DEFAULT '{}',
        timezone text NOT NULL,
        co_chair_policy text NOT NULL DEFAULT 'company_and_civil_society'
          CHECK (co_chair_policy IN ('company_and_civil_society','any_two_organisations')),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        created_by uuid NOT NULL REFERENCES users(id),
        event_seq bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id),
        user_id uuid REFERENCES users(id),
        email text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        role text NOT NULL CHECK (role IN ('focal_point','member','observer')),
        is_contact_point boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('invited','active','declined','ended')),
        invited_by uuid REFERENCES users(id),
        invited_at timestamptz NOT NULL DEFAULT now(),
        joined_at timestamptz,
        ended_at timestamptz,
        ended_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One open (invited or active) membership per person per group: a user belongs to a group
    // through exactly one organisation at a time.
    await q.query(
      `CREATE UNIQUE INDEX memberships_open_email_key ON memberships (group_id, lower(email)) WHERE status IN ('invited','active')`,
    );
    await q.query(`CREATE INDEX memberships_user_idx ON memberships (user_id, status)`);
    await q.query(`CREATE INDEX memberships_group_idx ON memberships (group_id, status)`);
    await q.query(`CREATE INDEX memberships_email_idx ON memberships (lower(email)) WHERE user_id IS NULL`);

    // Co-chair terms: a term held by a member, never deleted (rules in a later migration).
    await q.query(`
      CREATE TABLE co_chair_terms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id),
        membership_id uuid NOT NULL REFERENCES memberships(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        constituency text NOT NULL CHECK (constituency IN ('company','civil_society')),
        starts_on date NOT NULL DEFAULT current_date,
        ended_at timestamptz,
        end_reason text,
        appointed_by uuid REFERENCES users(id),
        ended_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX co_chair_terms_membership_idx ON co_chair_terms (membership_id) WHERE ended_at IS NULL`,
    );

    // Group events: the per-group ordered log clients replay, and the outbox the relay publishes.
    await q.query(`
      CREATE TABLE group_events (
        id bigserial PRIMARY KEY,
        group_id uuid NOT NULL REFERENCES groups(id),
        seq bigint NOT NULL,
        type text NOT NULL,
        entity_id uuid,
        at timestamptz NOT NULL DEFAULT now(),
        data jsonb NOT NULL DEFAULT '{}',
        incident_id uuid,
        published_at timestamptz,
        UNIQUE (group_id, seq)
      )`);
    await q.query(
      `CREATE INDEX group_events_unpublished_idx ON group_events (id) WHERE published_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        group_id uuid REFERENCES groups(id),
        actor_user_id uuid REFERENCES users(id),
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid,
        at timestamptz NOT NULL DEFAULT now(),
        details jsonb NOT NULL DEFAULT '{}',
        request_id text
      )`);
    await q.query(`CREATE INDEX audit_events_group_idx ON audit_events (group_id, id)`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        type text NOT NULL,
        group_id uuid REFERENCES groups(id),
        entity_id uuid,
        title text NOT NULL,
        body text,
        data jsonb NOT NULL DEFAULT '{}',
        dedupe_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        emailed_at timestamptz,
        UNIQUE (user_id, dedupe_key)
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP TABLE group_events`);
    await q.query(`DROP TABLE co_chair_terms`);
    await q.query(`DROP TABLE memberships`);
    await q.query(`DROP TABLE groups`);
    await q.query(`DROP TABLE organisations`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE users`);
  }
}
