import { MigrationInterface, QueryRunner } from 'typeorm';

// E-mail delivery state of notifications. A worker claims a notification (email_claimed_at,
// committed) before it talks to the SMTP server and sets emailed_at after; a crash in between
// leaves the claim, so a notification is e-mailed at most once.
export class NotificationEmailDelivery1764000006000 implements MigrationInterface {
  name = 'NotificationEmailDelivery1764000006000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notifications
        ADD COLUMN email_claimed_at timestamptz,
        ADD COLUMN email_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN email_retry_at timestamptz,
        ADD COLUMN email_error text`);
    await q.query(
      `CREATE INDEX notifications_email_pending_idx ON notifications (created_at, id) WHERE emailed_at IS NULL AND email_claimed_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_email_pending_idx`);
    await q.query(`
      ALTER TABLE notifications
        DROP COLUMN email_claimed_at, DROP COLUMN email_attempts, DROP COLUMN email_retry_at, DROP COLUMN email_error`);
  }
}
