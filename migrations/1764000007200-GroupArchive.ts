import { MigrationInterface, QueryRunner } from 'typeorm';

// An archived group is read-only (every change → 409) until its focal point unarchives it.
export class GroupArchive1764000007200 implements MigrationInterface {
  name = 'GroupArchive1764000007200';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE groups
        ADD COLUMN archived_at timestamptz,
        ADD COLUMN archived_by uuid REFERENCES users(id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE groups DROP COLUMN archived_by, DROP COLUMN archived_at`);
  }
}
