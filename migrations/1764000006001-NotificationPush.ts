import { MigrationInterface, QueryRunner } from 'typeorm';

// Realtime push of notifications: the worker relays each new notification once to the user's
// sockets (notification.created) and sets pushed_at. Existing notifications count as pushed.
export class NotificationPush1764000006001 implements MigrationInterface {
  name = 'NotificationPush1764000006001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN pushed_at timestamptz`);
    await q.query(`UPDATE notifications SET pushed_at = created_at`);
    await q.query(
      `CREATE INDEX notifications_unpushed_idx ON notifications (created_at, id) WHERE pushed_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_unpushed_idx`);
    await q.query(`ALTER TABLE notifications DROP COLUMN pushed_at`);
  }
}
