import { MigrationInterface, QueryRunner } from 'typeorm';

// A user's locale (BCP 47) and time zone (IANA), the outbox of e-mails (written in the caller's
// transaction, delivered by the worker) and the platform's generated secrets (the development
// JWT secret when JWT_SECRET is unset).
export class AccountSettingsAndMail1764000007300 implements MigrationInterface {
  name = 'AccountSettingsAndMail1764000007300';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN locale text, ADD COLUMN time_zone text`);
    await q.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text,
        dedupe_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        claimed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        retry_at timestamptz,
        sent_at timestamptz,
        delivery text CHECK (delivery IN ('smtp','log')),
        last_error text
      )`);
    await q.query(`CREATE INDEX mail_outbox_due_idx ON mail_outbox (created_at, id) WHERE sent_at IS NULL`);
    await q.query(`CREATE INDEX mail_outbox_recent_idx ON mail_outbox (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX mail_outbox_to_idx ON mail_outbox (lower(to_address), created_at DESC)`);
    await q.query(`
      CREATE TABLE platform_secrets (
        name text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform_secrets`);
    await q.query(`DROP TABLE mail_outbox`);
    await q.query(`ALTER TABLE users DROP COLUMN time_zone, DROP COLUMN locale`);
  }
}
