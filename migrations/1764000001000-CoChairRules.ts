import { MigrationInterface, QueryRunner } from 'typeorm';

// Co-chair rules enforced by the database, so two concurrent appointments can never both win.
// `appointed_under` records the group's policy when the term began: the one-per-constituency
// rule only binds terms appointed under company_and_civil_society (under any_two_organisations
// the constituency is a label and the two-seat limit is enforced under a group row lock).
export class CoChairRules1764000001000 implements MigrationInterface {
  name = 'CoChairRules1764000001000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE co_chair_terms
        ADD COLUMN appointed_under text NOT NULL DEFAULT 'company_and_civil_society'
          CHECK (appointed_under IN ('company_and_civil_society','any_two_organisations')),
        ADD CONSTRAINT co_chair_terms_end_consistent CHECK (ended_at IS NOT NULL OR (end_reason IS NULL AND ended_by IS NULL))`);
    await q.query(`
      CREATE UNIQUE INDEX co_chair_terms_sitting_constituency_key ON co_chair_terms (group_id, constituency)
      WHERE ended_at IS NULL AND appointed_under = 'company_and_civil_society'`);
    await q.query(
      `CREATE UNIQUE INDEX co_chair_terms_sitting_organisation_key ON co_chair_terms (group_id, organisation_id) WHERE ended_at IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX co_chair_terms_sitting_member_key ON co_chair_terms (membership_id) WHERE ended_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX co_chair_terms_group_idx ON co_chair_terms (group_id, starts_on, created_at)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX co_chair_terms_group_idx`);
    await q.query(`DROP INDEX co_chair_terms_sitting_member_key`);
    await q.query(`DROP INDEX co_chair_terms_sitting_organisation_key`);
    await q.query(`DROP INDEX co_chair_terms_sitting_constituency_key`);
    await q.query(
      `ALTER TABLE co_chair_terms DROP CONSTRAINT co_chair_terms_end_consistent, DROP COLUMN appointed_under`,
    );
  }
}
