import { MigrationInterface, QueryRunner } from 'typeorm';

// The per-group event counter moves out of `groups` into a table of its own. Every change bumps
// it under a row lock held until COMMIT, while the inserts of that same change (incidents,
// group_events, audit_events, …) check their foreign keys against the groups row with
// FOR KEY SHARE: on one row, concurrent writers of a group turned every such check into a
// multixact and a walk of the row's update chain — most of the database time of an incident
// report. Nothing references this table, so its updates collide with nothing but each other.
export class GroupEventSeqs1764000011000 implements MigrationInterface {
  name = 'GroupEventSeqs1764000011000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE group_event_seqs (
        group_id uuid PRIMARY KEY REFERENCES groups (id),
        event_seq bigint NOT NULL
      )`);
    await q.query(
      `INSERT INTO group_event_seqs (group_id, event_seq) SELECT id, event_seq FROM groups WHERE event_seq > 0`,
    );
    await q.query(`ALTER TABLE groups DROP COLUMN event_seq`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE groups ADD COLUMN event_seq bigint NOT NULL DEFAULT 0`);
    await q.query(
      `UPDATE groups g SET event_seq = s.event_seq FROM group_event_seqs s WHERE s.group_id = g.id`,
    );
    await q.query(`DROP TABLE group_event_seqs`);
  }
}
