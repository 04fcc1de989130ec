import { MigrationInterface, QueryRunner } from 'typeorm';

// Sessions (docs/SESSIONS.md): one row per sign-in, the id is the `sid` of its access tokens and
// the family of its refresh tokens. Revoking a session sets revoked_at (the record every API
// instance falls back to when Redis is away). Password reset tokens: single use, one hour.
export class Sessions1764000012000 implements MigrationInterface {
  name = 'Sessions1764000012000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        user_agent text,
        ip_prefix text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text CHECK (revoked_reason IN ('logout','revoked','password_changed','password_reset','refresh_reuse'))
      )`);
    await q.query(
      `CREATE INDEX sessions_user_idx ON sessions (user_id, created_at DESC) WHERE revoked_at IS NULL`,
    );
    await q.query(`CREATE INDEX sessions_revoked_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL`);
    // Each existing refresh-token family becomes a session, so signed-in people stay signed in
    // (their current access tokens carry no sid and are refused; the client refreshes).
    await q.query(`
      INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, revoked_at, revoked_reason)
      SELECT family_id, user_id, min(created_at), max(created_at), max(expires_at),
             CASE WHEN bool_and(revoked_at IS NOT NULL) THEN max(revoked_at) END,
             CASE WHEN bool_and(revoked_at IS NOT NULL) THEN 'revoked' END
      FROM refresh_tokens GROUP BY family_id, user_id`);
    await q.query(
      `ALTER TABLE refresh_tokens ADD CONSTRAINT refresh_tokens_session_fk FOREIGN KEY (family_id) REFERENCES sessions(id) ON DELETE CASCADE`,
    );
    await q.query(`
      CREATE TABLE password_reset_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        email text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id) WHERE used_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_reset_tokens`);
    await q.query(`ALTER TABLE refresh_tokens DROP CONSTRAINT refresh_tokens_session_fk`);
    await q.query(`DROP TABLE sessions`);
  }
}
