import { groupFixture, GroupFixture } from './support/agenda-fixtures';
import { reportIncident } from './support/incidents';
import { createTestApp, expectProblem, TestApp, TestUser } from './support/test-app';

// Event sequence numbers must not reveal hidden events: between two events a member sees, a
// restricted incident's event is recorded; nothing the member receives may show that it exists.
describe('events leave no trace of what a caller may not see', () => {
  let t: TestApp;
  let f: GroupFixture;

  beforeAll(async () => {
    t = await createTestApp();
    f = await groupFixture(t);
  });
  afterAll(() => t.close());

  const patch = async (description: string) => {
    const res = await t.api().patch(`/api/v1/groups/${f.group.id}`).set(f.focal.auth).send({ description });
    expect(res.status).toBe(200);
  };
  const replay = async (user: TestUser, after = '0') => {
    const res = await t
      .api()
      .get(`/api/v1/groups/${f.group.id}/events?after=${after}&limit=200`)
      .set(user.auth);
    expect(res.status).toBe(200);
    return res.body as { items: Record<string, unknown>[]; nextCursor: string | null };
  };

  it('a restricted event between two visible ones is invisible to a member outside its audience', async () => {
    await patch('visible before');
    // Reported by the co-chair's organisation, restricted and shared with nobody: the police
    // member may not see it.
    const incident = await reportIncident(t, f.coChair, f.group.id, { confidentiality: 'restricted' });
    await patch('visible after');
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM group_events WHERE group_id = $1 AND scope_id = $2`,
      [f.group.id, incident.id],
    );
    expect(n).toBeGreaterThan(0); // the hidden event exists

    const entitled = (await replay(f.coChair)).items;
    const member = (await replay(f.member)).items;
    expect(entitled.some((e) => e.entityId === incident.id)).toBe(true);
    expect(member.some((e) => e.entityId === incident.id)).toBe(false);
    const descriptions = member.map((e) => (e.data as { description?: string }).description);
    const before = descriptions.indexOf('visible before');
    const after = descriptions.indexOf('visible after');
    expect(after).toBe(before + 1); // adjacent for the member

    // No counter anywhere: exactly these fields, an id that is not a number, an opaque cursor.
    for (const e of member) {
      expect(Object.keys(e).sort()).toEqual(['at', 'cursor', 'data', 'entityId', 'groupId', 'id', 'type']);
      expect(e.id).toMatch(/^[\w-]{22}$/);
      expect(e.id).not.toMatch(/^\d+$/);
      expect(e.cursor).toMatch(/^[\w-]{22}$/);
      expect(e.cursor).not.toMatch(/^\d+$/);
    }
    // The same event is the same id (dedupe works) and the same cursor for everyone; the
    // cursors of the two events either side of the hidden one share nothing that would show it.
    const forMember = member[after];
    const forEntitled = entitled.find((e) => e.id === forMember.id);
    expect(forEntitled).toBeDefined();
    expect(forEntitled!.cursor).toBe(forMember.cursor);
    expect((member[before].cursor as string).slice(0, 3)).not.toBe((forMember.cursor as string).slice(0, 3));
    // Replay after the first visible event gives the second one next, nothing in between.
    const next = await replay(f.member, member[before].cursor as string);
    expect(next.items[0].id).toBe(forMember.id);
    // And the counter cannot be probed through `after`.
    for (const probe of ['1', '2', String(member.length + 1)])
      expectProblem(
        await t.api().get(`/api/v1/groups/${f.group.id}/events?after=${probe}`).set(f.member.auth),
        400,
      );
  });

  it("a cursor of one group's events is refused for another group", async () => {
    const other = await groupFixture(t);
    const { items } = await replay(f.member);
    const res = await t
      .api()
      .get(`/api/v1/groups/${other.group.id}/events?after=${items[0].cursor as string}`)
      .set(other.member.auth);
    expectProblem(res, 400);
  });
});
