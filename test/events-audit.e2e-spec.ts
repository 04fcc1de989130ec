import {
  addMember,
  createGroup,
  createOrganisation,
  createTestApp,
  expectProblem,
  registerUser,
  TestApp,
  TestUser,
} from './support/test-app';

describe('group events and audit', () => {
  let t: TestApp;
  let focal: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let group: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    [focal, member, outsider] = await Promise.all([
      registerUser(t, 'focal'),
      registerUser(t, 'member'),
      registerUser(t, 'outsider'),
    ]);
    const company = await createOrganisation(t, focal, 'company');
    const ngo = await createOrganisation(t, focal, 'civil_society');
    group = await createGroup(t, focal, company.id);
    await addMember(t, group.id, focal, member, ngo.id);
  });
  afterAll(() => t.close());

  it('numbers events strictly increasing per group, without gaps, even under concurrent writes', async () => {
    const writes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t
          .api()
          .patch(`/api/v1/groups/${group.id}`)
          .set(focal.auth)
          .send({ description: `edit ${i}` }),
      ),
    );
    expect(writes.map((w) => w.status)).toEqual(Array(12).fill(200));
    const res = await t.api().get(`/api/v1/groups/${group.id}/events?limit=200`).set(member.auth);
    expect(res.status).toBe(200);
    // In commit order: the group.updated events carry the edits in the order they committed.
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM group_events WHERE group_id = $1`, [
      group.id,
    ]);
    expect(res.body.items).toHaveLength(n);
    expect(new Set(res.body.items.map((e: { id: string }) => e.id)).size).toBe(n);
    expect(res.body.items.filter((e: { type: string }) => e.type === 'group.updated')).toHaveLength(12);
    expect(res.body.items[0]).toEqual({
      id: expect.any(String),
      cursor: expect.any(String),
      type: 'member.joined',
      groupId: group.id,
      entityId: expect.any(String),
      at: expect.any(String),
      data: expect.objectContaining({ role: 'focal_point' }),
    });
  });

  it('replays after a cursor, page by page', async () => {
    const all = (await t.api().get(`/api/v1/groups/${group.id}/events?limit=200`).set(member.auth)).body
      .items;
    const ids = all.map((e: { id: string }) => e.id);
    const page1 = await t
      .api()
      .get(`/api/v1/groups/${group.id}/events?after=${all[1].cursor}&limit=3`)
      .set(member.auth);
    expect(page1.body.items.map((e: { id: string }) => e.id)).toEqual(ids.slice(2, 5));
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t
      .api()
      .get(`/api/v1/groups/${group.id}/events?after=${page1.body.nextCursor}&limit=3`)
      .set(member.auth);
    expect(page2.body.items.map((e: { id: string }) => e.id)).toEqual(ids.slice(5, 8));
    const rest = await t
      .api()
      .get(`/api/v1/groups/${group.id}/events?after=${all[all.length - 2].cursor}`)
      .set(member.auth);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
    // Numbers are not cursors: a caller cannot probe the group's counter.
    for (const after of ['-1', '2', String(all.length), 'garbage'])
      expectProblem(
        await t.api().get(`/api/v1/groups/${group.id}/events?after=${after}`).set(member.auth),
        400,
      );
    expectProblem(await t.api().get(`/api/v1/groups/${group.id}/events`).set(outsider.auth), 404);
  });

  it('writes the audit row in the same transaction as the change', async () => {
    const before = await t.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE group_id = $1`, [
      group.id,
    ]);
    const events = await t.ds.query(`SELECT count(*)::int AS n FROM group_events WHERE group_id = $1`, [
      group.id,
    ]);
    expect(before[0].n).toBe(events[0].n);
    // A refused change writes neither.
    expectProblem(
      await t.api().patch(`/api/v1/groups/${group.id}`).set(member.auth).send({ name: 'x' }),
      403,
    );
    const after = await t.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE group_id = $1`, [
      group.id,
    ]);
    expect(after[0].n).toBe(before[0].n);
  });

  it('shows the audit log to the focal point only (member 403, outsider 404)', async () => {
    const res = await t.api().get(`/api/v1/groups/${group.id}/audit?limit=5`).set(focal.auth);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
    expect(res.body.items[0]).toEqual(
      expect.objectContaining({
        action: 'group.updated',
        entityType: 'group',
        actor: { userId: focal.id, displayName: 'focal' },
      }),
    );
    expect(res.body.nextCursor).toEqual(expect.any(String));
    const next = await t
      .api()
      .get(`/api/v1/groups/${group.id}/audit?limit=5&cursor=${res.body.nextCursor}`)
      .set(focal.auth);
    expect(Number(next.body.items[0].id)).toBeLessThan(Number(res.body.items[4].id));
    expectProblem(await t.api().get(`/api/v1/groups/${group.id}/audit`).set(member.auth), 403);
    expectProblem(await t.api().get(`/api/v1/groups/${group.id}/audit`).set(outsider.auth), 404);
  });

  it('records on each audit row the id of the request that made the change, concurrent requests apart', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `audit-req-${Date.now().toString(36)}-${i}`);
    const writes = await Promise.all(
      ids.map((id, i) =>
        t
          .api()
          .patch(`/api/v1/groups/${group.id}`)
          .set(focal.auth)
          .set('X-Request-Id', id)
          .send({ description: `request ${i}` }),
      ),
    );
    writes.forEach((w, i) => {
      expect(w.status).toBe(200);
      expect(w.headers['x-request-id']).toBe(ids[i]);
    });
    const res = await t.api().get(`/api/v1/groups/${group.id}/audit?limit=6`).set(focal.auth);
    // One row per request, each with its own id: none missing, none borrowed from another request.
    expect(res.body.items.map((a: { requestId: string }) => a.requestId).sort()).toEqual([...ids].sort());
  });

  it('marks notifications read, only the owner’s', async () => {
    const invitee = await registerUser(t, 'invitee');
    const company = await createOrganisation(t, focal, 'company');
    await t
      .api()
      .post(`/api/v1/groups/${group.id}/members`)
      .set(focal.auth)
      .send({ email: invitee.email, organisationId: company.id, role: 'member' })
      .expect(201);
    const list = await t.api().get('/api/v1/me/notifications?unread=true').set(invitee.auth);
    expect(list.body.items).toHaveLength(1);
    const id = list.body.items[0].id;
    expectProblem(await t.api().post(`/api/v1/me/notifications/${id}/read`).set(outsider.auth), 404);
    const read = await t.api().post(`/api/v1/me/notifications/${id}/read`).set(invitee.auth);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await t.api().get('/api/v1/me/notifications?unread=true').set(invitee.auth)).body.items).toEqual(
      [],
    );
    expect((await t.api().get('/api/v1/me/notifications').set(invitee.auth)).body.items).toHaveLength(1);
  });
});
