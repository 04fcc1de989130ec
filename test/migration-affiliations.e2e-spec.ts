import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessTokenService } from '../libs/core/src/auth/access-token.service';
import { dataSourceOptions, migrate } from '../libs/database/src';
import { createTestApp, TestApp } from './support/test-app';

// The affiliation migration on data written before it: creators become admins, people holding
// memberships through an organisation become its confirmed members, and the groups keep working.
// Runs in this file's own database copy: the newer migrations are reverted, legacy rows written,
// then everything is migrated up again (so the down migrations are exercised too).
describe('migration to affiliations', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const url = process.env.DATABASE_URL!;
    const ds = new DataSource({ ...dataSourceOptions(url), entities: [], logging: false });
    await ds.initialize();
    try {
      // Back to the schema before 1764000007000 (later migrations, of any branch, first).
      for (;;) {
        const [last] = await ds.query(`SELECT timestamp FROM migrations ORDER BY id DESC LIMIT 1`);
        if (Number(last.timestamp) < 1764000007000) break;
        await ds.undoLastMigration({ transaction: 'each' });
      }
      const user = async (label: string) =>
        (ids[label] = (
          await ds.query(
            `INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'x', $2) RETURNING id`,
            [`${label}@legacy.example`, label],
          )
        )[0].id);
      for (const l of ['creatorA', 'memberB', 'creatorB', 'invitedA', 'leftA']) await user(l);
      const org = async (label: string, creator: string, kind: string) =>
        (ids[label] = (
          await ds.query(
            `INSERT INTO organisations (name, kind, created_by) VALUES ($1, $2, $3) RETURNING id`,
            [`Legacy ${label}`, kind, ids[creator]],
          )
        )[0].id);
      await org('A', 'creatorA', 'company');
      await org('B', 'creatorB', 'civil_society');
      ids.group = (
        await ds.query(
          `INSERT INTO groups (name, timezone, organisation_id, created_by) VALUES ('Legacy group', 'Africa/Lubumbashi', $1, $2) RETURNING id`,
          [ids.A, ids.creatorA],
        )
      )[0].id;
      const membership = async (
        label: string,
        userLabel: string | null,
        orgLabel: string,
        status: string,
        role = 'member',
      ) =>
        (ids[label] = (
          await ds.query(
            `INSERT INTO memberships (group_id, user_id, email, organisation_id, role, status, invited_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
            [
              ids.group,
              userLabel ? ids[userLabel] : null,
              `${userLabel ?? 'nobody'}@legacy.example`,
              ids[orgLabel],
              role,
              status,
              ids.creatorA,
            ],
          )
        )[0].id);
      await membership('mFocal', 'creatorA', 'A', 'active', 'focal_point');
      await membership('mMemberB', 'memberB', 'B', 'active');
      await membership('mInvitedA', 'invitedA', 'A', 'invited');
      await membership('mLeftA', 'leftA', 'A', 'ended');
      await membership('mNobody', null, 'B', 'invited');
    } finally {
      await ds.destroy();
    }
    await migrate(url);
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('makes creators admins and members of their organisations confirmed members', async () => {
    const rows: { user_id: string; organisation_id: string; role: string; status: string; source: string }[] =
      await t.ds.query(
        `SELECT user_id, organisation_id, role, status, source FROM affiliations WHERE organisation_id = ANY($1) ORDER BY role, source`,
        [[ids.A, ids.B]],
      );
    const by = (u: string, o: string) =>
      rows.filter((r) => r.user_id === ids[u] && r.organisation_id === ids[o]);
    expect(by('creatorA', 'A')).toEqual([
      expect.objectContaining({ role: 'admin', status: 'active', source: 'creator' }),
    ]);
    expect(by('creatorB', 'B')).toEqual([
      expect.objectContaining({ role: 'admin', status: 'active', source: 'creator' }),
    ]);
    expect(by('memberB', 'B')).toEqual([
      expect.objectContaining({ role: 'member', status: 'active', source: 'migration' }),
    ]);
    expect(by('invitedA', 'A')).toEqual([expect.objectContaining({ role: 'member', status: 'active' })]);
    expect(by('leftA', 'A')).toEqual([]);
    expect(rows).toHaveLength(4);
    const [nobody] = await t.ds.query(
      `SELECT status, affiliation_id, organisation_approved_at FROM memberships WHERE id = $1`,
      [ids.mNobody],
    );
    expect(nobody).toEqual(
      expect.objectContaining({
        status: 'invited',
        affiliation_id: null,
        organisation_approved_at: expect.any(Date),
      }),
    );
  });

  it('keeps the group working for its members', async () => {
    const token = (u: string) =>
      t.app.get(AccessTokenService).sign({ id: ids[u], email: `${u}@legacy.example`, sid: randomUUID() });
    const asMember = await t
      .api()
      .get(`/api/v1/groups/${ids.group}`)
      .set('Authorization', `Bearer ${token('memberB')}`);
    expect(asMember.status).toBe(200);
    const asFocal = await t
      .api()
      .get(`/api/v1/groups/${ids.group}`)
      .set('Authorization', `Bearer ${token('creatorA')}`);
    expect(asFocal.body.myRole).toBe('focal_point');
    const admins = await t
      .api()
      .get(`/api/v1/organisations/${ids.B}/affiliations`)
      .set('Authorization', `Bearer ${token('creatorB')}`);
    expect(admins.body.items.map((a: { userId: string }) => a.userId).sort()).toEqual(
      [ids.creatorB, ids.memberB].sort(),
    );
  });
});
