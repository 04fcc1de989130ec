import { INestApplicationContext } from '@nestjs/common';
import { MeetingMaterialiser } from '../libs/domain/src';
import { DEMO_PASSWORD, DEMO_PEOPLE, demoGroupId, seedDemo } from '../scripts/demo';
import { startWorker } from './support/meetings';
import { createTestApp, TestApp } from './support/test-app';

// `npm run demo` fills a fresh database through the public API: this runs the same seeding
// against the test database and checks a newcomer finds the working group the README promises.
describe('npm run demo', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let groupId: string;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker();
    groupId = await seedDemo(t.url, t.ds, worker.get(MeetingMaterialiser, { strict: false }));
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  async function signIn(email: string): Promise<{ Authorization: string }> {
    const res = await t.api().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    return { Authorization: `Bearer ${res.body.accessToken}` };
  }

  it('is found again, so a second run adds nothing', async () => {
    expect(await demoGroupId(t.ds)).toBe(groupId);
  });

  it('gives the focal point a group of every recommended kind, with two co-chairs', async () => {
    const focal = await signIn(DEMO_PEOPLE[0].email);
    const members = await t.api().get(`/api/v1/groups/${groupId}/members?limit=100`).set(focal);
    expect(members.status).toBe(200);
    expect(members.body.items.filter((m: { status: string }) => m.status === 'active')).toHaveLength(
      DEMO_PEOPLE.length,
    );
    const coChairs = await t.api().get(`/api/v1/groups/${groupId}/co-chairs`).set(focal);
    expect(coChairs.body.current).toHaveLength(2);
    const map = await t.api().get(`/api/v1/groups/${groupId}/stakeholder-map`).set(focal);
    expect(map.status).toBe(200);
    expect(map.body.missingKinds).toEqual([]);
  });

  it('has past meetings with approved minutes, one awaiting approval, and upcoming meetings', async () => {
    const rows: { status: string; minutes: string | null; past: boolean }[] = await t.ds.query(
      `SELECT m.status, mi.status AS minutes, m.ends_at < now() AS past
       FROM meetings m LEFT JOIN minutes mi ON mi.meeting_id = m.id WHERE m.group_id = $1`,
      [groupId],
    );
    expect(rows.filter((r) => r.past && r.minutes === 'approved').length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.past && r.minutes === 'circulated')).toHaveLength(1);
    expect(rows.filter((r) => !r.past && r.status === 'scheduled').length).toBeGreaterThanOrEqual(1);
  });

  it('has recommendations in every status and incidents of both confidentialities', async () => {
    const focal = await signIn(DEMO_PEOPLE[0].email);
    const recs = await t.api().get(`/api/v1/groups/${groupId}/recommendations?limit=100`).set(focal);
    const statuses = new Set(recs.body.items.map((r: { status: string }) => r.status));
    for (const s of [
      'open',
      'in_progress',
      'implemented',
      'partially_implemented',
      'not_implemented',
      'dropped',
    ])
      expect(statuses).toContain(s);
    // The restricted report is the NGO's, shared with the company only: the focal point does not see it.
    const ngo = await signIn(DEMO_PEOPLE.find((p) => p.key === 'ngo')!.email);
    const theirs = await t.api().get(`/api/v1/groups/${groupId}/incidents?limit=100`).set(ngo);
    const mine = await t.api().get(`/api/v1/groups/${groupId}/incidents?limit=100`).set(focal);
    const restricted = theirs.body.items.filter(
      (i: { confidentiality: string }) => i.confidentiality === 'restricted',
    );
    expect(restricted).toHaveLength(1);
    expect(mine.body.items.map((i: { id: string }) => i.id)).not.toContain(restricted[0].id);
    expect(mine.body.items.length).toBe(theirs.body.items.length - 1);
  });
});
