import { GroupFixture, groupFixture, insertMeeting } from './support/agenda-fixtures';
import { createTestApp, expectProblem, TestApp, TestUser } from './support/test-app';

const draft = { body: 'Notes', keyIssues: [], decisions: [], expectedVersion: 0 };

// GET /groups/{id}/minutes: the co-chairs' "awaiting approval" in one request.
describe('group minutes list', () => {
  let t: TestApp;
  let f: GroupFixture;
  const ids = {} as Record<'old' | 'recent' | 'approved' | 'drafted' | 'cancelled' | 'untouched', string>;

  const list = (u: TestUser, query = '') =>
    t.api().get(`/api/v1/groups/${f.group.id}/minutes${query}`).set(u.auth);
  const circulate = async (id: string) => {
    expect((await t.api().put(`/api/v1/meetings/${id}/minutes`).set(f.focal.auth).send(draft)).status).toBe(
      200,
    );
    expect((await t.api().post(`/api/v1/meetings/${id}/minutes/circulate`).set(f.focal.auth)).status).toBe(
      200,
    );
  };

  beforeAll(async () => {
    t = await createTestApp();
    f = await groupFixture(t);
    ids.old = await insertMeeting(t, f.group.id, '2025-03-04T08:00:00.000Z', {
      status: 'held',
      title: 'March 2025',
    });
    ids.recent = await insertMeeting(t, f.group.id, '2026-11-03T08:00:00.000Z', {
      status: 'held',
      title: 'November',
    });
    ids.approved = await insertMeeting(t, f.group.id, '2026-10-06T08:00:00.000Z', {
      status: 'held',
      title: 'October',
    });
    ids.drafted = await insertMeeting(t, f.group.id, '2026-09-01T08:00:00.000Z', { status: 'held' });
    ids.cancelled = await insertMeeting(t, f.group.id, '2026-08-04T08:00:00.000Z', { status: 'cancelled' });
    ids.untouched = await insertMeeting(t, f.group.id, '2026-07-07T08:00:00.000Z', { status: 'held' });
    for (const id of [ids.old, ids.recent, ids.approved, ids.cancelled]) await circulate(id);
    expect(
      (await t.api().post(`/api/v1/meetings/${ids.approved}/minutes/approve`).set(f.coChair.auth)).status,
    ).toBe(200);
    expect(
      (await t.api().put(`/api/v1/meetings/${ids.drafted}/minutes`).set(f.focal.auth).send(draft)).status,
    ).toBe(200);
  });
  afterAll(() => t.close());

  it('lists the circulated minutes, newest meeting first, with what the dashboard shows', async () => {
    const res = await list(f.coChair, '?status=circulated');
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: { meetingId: string }) => m.meetingId)).toEqual([
      ids.recent,
      ids.cancelled,
      ids.old,
    ]);
    expect(res.body.items[0]).toEqual({
      meetingId: ids.recent,
      title: 'November',
      startsAt: '2026-11-03T08:00:00.000Z',
      timezone: 'Africa/Lubumbashi',
      meetingStatus: 'held',
      status: 'circulated',
      circulatedAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(res.body.items[1].meetingStatus).toBe('cancelled');
    expect(res.body.nextCursor).toBeNull();
  });

  it('filters by status, or lists every minutes written or opened', async () => {
    const approved = await list(f.member, '?status=approved');
    expect(approved.body.items.map((m: { meetingId: string }) => m.meetingId)).toEqual([ids.approved]);
    const drafts = await list(f.member, '?status=draft');
    expect(drafts.body.items.map((m: { meetingId: string }) => m.meetingId)).toEqual([ids.drafted]);
    const all = await list(f.member);
    expect(all.body.items.map((m: { meetingId: string }) => m.meetingId)).toEqual([
      ids.recent,
      ids.approved,
      ids.drafted,
      ids.cancelled,
      ids.old,
    ]);
  });

  it('pages with a keyset cursor', async () => {
    const first = await list(f.observer, '?limit=2');
    expect(first.body.items.map((m: { meetingId: string }) => m.meetingId)).toEqual([
      ids.recent,
      ids.approved,
    ]);
    const second = await list(f.observer, `?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items.map((m: { meetingId: string }) => m.meetingId)).toEqual([
      ids.drafted,
      ids.cancelled,
    ]);
    const third = await list(f.observer, `?limit=2&cursor=${encodeURIComponent(second.body.nextCursor)}`);
    expect(third.body.items.map((m: { meetingId: string }) => m.meetingId)).toEqual([ids.old]);
    expect(third.body.nextCursor).toBeNull();
  });

  it('is for members of the group only, and refuses bad input with 400', async () => {
    expectProblem(await list(f.outsider, '?status=circulated'), 404);
    expectProblem(await list(f.member, '?status=pending'), 400);
    expectProblem(await list(f.member, '?cursor=bm90LWEtY3Vyc29y'), 400);
    expectProblem(await list(f.member, '?limit=0'), 400);
  });
});
