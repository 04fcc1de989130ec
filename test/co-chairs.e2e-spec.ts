import {
  addMember,
  createGroup,
  createOrganisation,
  createTestApp,
  expectProblem,
  registerUser,
  TestApp,
  TestUser,
  expectDocumentedRoutes,
  DocumentedRoute,
} from './support/test-app';

interface Cast {
  groupId: string;
  focal: TestUser;
  users: Record<string, TestUser>;
  members: Record<string, string>;
  orgs: Record<string, string>;
}

// A group whose focal point represents an international organisation, with one member per entry.
async function setUp(
  t: TestApp,
  spec: Record<string, string>,
  policy = 'company_and_civil_society',
  sameOrg: Record<string, string> = {},
): Promise<Cast> {
  const focal = await registerUser(t, 'focal');
  const host = await createOrganisation(t, focal, 'international_organisation');
  const group = await createGroup(t, focal, host.id, { coChairPolicy: policy });
  const cast: Cast = { groupId: group.id, focal, users: {}, members: {}, orgs: {} };
  for (const [label, kind] of Object.entries(spec)) {
    cast.users[label] = await registerUser(t, label);
    cast.orgs[label] = sameOrg[label]
      ? cast.orgs[sameOrg[label]]
      : (await createOrganisation(t, focal, kind, label)).id;
    cast.members[label] = await addMember(t, group.id, focal, cast.users[label], cast.orgs[label]);
  }
  return cast;
}

describe('co-chairs', () => {
  let t: TestApp;
  let outsider: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    outsider = await registerUser(t, 'outsider');
  });
  afterAll(() => t.close());

  const appoint = (c: Cast, by: TestUser, body: Record<string, unknown>) =>
    t.api().post(`/api/v1/groups/${c.groupId}/co-chairs`).set(by.auth).send(body);
  const terms = (c: Cast, by: TestUser = c.focal) =>
    t.api().get(`/api/v1/groups/${c.groupId}/co-chairs`).set(by.auth);
  const events = async (c: Cast) =>
    (await t.api().get(`/api/v1/groups/${c.groupId}/events?limit=200`).set(c.focal.auth)).body.items as {
      type: string;
      entityId: string;
      data: Record<string, unknown>;
    }[];
  const meCoChair = async (c: Cast, user: TestUser) => {
    const me = await t.api().get('/api/v1/me').set(user.auth);
    return me.body.memberships.find((m: { groupId: string }) => m.groupId === c.groupId)?.isCoChair;
  };

  describe('under company_and_civil_society', () => {
    it('appoints a company and a civil-society co-chair, records events and audit, and shows the powers in GET /me', async () => {
      const c = await setUp(t, { mine: 'company', women: 'womens_group' });
      expect(await meCoChair(c, c.users.mine)).toBe(false);
      const a = await appoint(c, c.focal, { memberId: c.members.mine, constituency: 'company' });
      expect(a.status).toBe(201);
      expect(a.body).toMatchObject({
        memberId: c.members.mine,
        constituency: 'company',
        sitting: true,
        endedAt: null,
        replacedTermIds: [],
        organisation: { id: c.orgs.mine, kind: 'company' },
      });
      expect(a.body.startsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const b = await appoint(c, c.focal, {
        memberId: c.members.women,
        constituency: 'civil_society',
        startsOn: '2026-01-15',
      });
      expect(b.status).toBe(201);
      expect(b.body.startsOn).toBe('2026-01-15');

      expect(await meCoChair(c, c.users.mine)).toBe(true);
      expect(await meCoChair(c, c.users.women)).toBe(true);
      // The power comes with the term: a plain member who co-chairs may now invite.
      const newcomer = await registerUser(t, 'newcomer');
      const inv = await t
        .api()
        .post(`/api/v1/groups/${c.groupId}/members`)
        .set(c.users.mine.auth)
        .send({ email: newcomer.email, organisationId: c.orgs.mine, role: 'member' });
      expect(inv.status).toBe(201);

      const list = await terms(c, c.users.women);
      expect(list.status).toBe(200);
      expect(list.body.current.map((x: { id: string }) => x.id)).toEqual([b.body.id, a.body.id]);
      expect(list.body.past).toEqual([]);

      const ev = await events(c);
      expect(ev.filter((e) => e.type === 'cochair.appointed').map((e) => e.entityId)).toEqual([
        a.body.id,
        b.body.id,
      ]);
      const audit = await t.ds.query(
        `SELECT action, entity_id FROM audit_events WHERE group_id = $1 AND action = 'cochair.appointed' ORDER BY id`,
        [c.groupId],
      );
      expect(audit.map((r: { entity_id: string }) => r.entity_id)).toEqual([a.body.id, b.body.id]);
    });

    it('refuses an organisation kind that does not fit the constituency (400)', async () => {
      const c = await setUp(t, {
        police: 'public_security',
        mine: 'company',
        ngo: 'civil_society',
        community: 'community',
        indigenous: 'indigenous_peoples',
      });
      expectProblem(await appoint(c, c.focal, { memberId: c.members.police, constituency: 'company' }), 400);
      expectProblem(
        await appoint(c, c.focal, { memberId: c.members.police, constituency: 'civil_society' }),
        400,
      );
      const wrong = await appoint(c, c.focal, { memberId: c.members.ngo, constituency: 'company' });
      expectProblem(wrong, 400);
      expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'constituency' })]);
      expectProblem(
        await appoint(c, c.focal, { memberId: c.members.mine, constituency: 'civil_society' }),
        400,
      );
      // community and indigenous peoples' organisations may hold the civil-society seat
      expect(
        (await appoint(c, c.focal, { memberId: c.members.community, constituency: 'civil_society' })).status,
      ).toBe(201);
      expect(
        (
          await appoint(c, c.focal, {
            memberId: c.members.indigenous,
            constituency: 'civil_society',
            replace: true,
          })
        ).status,
      ).toBe(201);
      expect((await terms(c)).body.current).toHaveLength(1);
    });

    it('refuses a second co-chair for a constituency (409) and hands over with replace: true', async () => {
      const c = await setUp(t, { first: 'company', second: 'company', ngo: 'civil_society' });
      const first = await appoint(c, c.focal, { memberId: c.members.first, constituency: 'company' });
      const ngo = await appoint(c, c.focal, { memberId: c.members.ngo, constituency: 'civil_society' });
      expect([first.status, ngo.status]).toEqual([201, 201]);
      expectProblem(await appoint(c, c.focal, { memberId: c.members.second, constituency: 'company' }), 409);
      expectProblem(
        await appoint(c, c.focal, { memberId: c.members.second, constituency: 'company', replace: false }),
        409,
      );

      // The sitting company co-chair hands over to the next company representative.
      const handover = await appoint(c, c.users.first, {
        memberId: c.members.second,
        constituency: 'company',
        replace: true,
      });
      expect(handover.status).toBe(201);
      expect(handover.body.replacedTermIds).toEqual([first.body.id]);
      const list = (await terms(c)).body;
      expect(list.current.map((x: { id: string }) => x.id).sort()).toEqual(
        [handover.body.id, ngo.body.id].sort(),
      );
      expect(list.past).toEqual([
        expect.objectContaining({
          id: first.body.id,
          sitting: false,
          endReason: 'handed over',
          endedAt: expect.any(String),
        }),
      ]);
      expect(await meCoChair(c, c.users.first)).toBe(false);
      expect(await meCoChair(c, c.users.second)).toBe(true);
      const ev = await events(c);
      expect(ev.find((e) => e.type === 'cochair.ended')).toMatchObject({ entityId: first.body.id });
      // The civil-society seat was untouched by the handover.
      expect(await meCoChair(c, c.users.ngo)).toBe(true);
    });

    it('never seats the same member twice', async () => {
      const c = await setUp(t, { mine: 'company' });
      expect((await appoint(c, c.focal, { memberId: c.members.mine, constituency: 'company' })).status).toBe(
        201,
      );
      expectProblem(
        await appoint(c, c.focal, { memberId: c.members.mine, constituency: 'company', replace: true }),
        409,
      );
    });

    it('two parallel appointments for the same constituency: exactly one wins', async () => {
      const c = await setUp(t, { a: 'company', b: 'company' });
      const results = await Promise.all([
        appoint(c, c.focal, { memberId: c.members.a, constituency: 'company' }),
        appoint(c, c.focal, { memberId: c.members.b, constituency: 'company' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expectProblem(
        results.find((r) => r.status === 409)!,
        409,
      );
      const [{ n }] = await t.ds.query(
        `SELECT count(*)::int AS n FROM co_chair_terms WHERE group_id = $1 AND ended_at IS NULL`,
        [c.groupId],
      );
      expect(n).toBe(1);
    });

    it('the database itself refuses a second sitting term for a constituency or an organisation', async () => {
      const c = await setUp(t, { a: 'company', b: 'company' });
      const a = await appoint(c, c.focal, { memberId: c.members.a, constituency: 'company' });
      expect(a.status).toBe(201);
      await expect(
        t.ds.query(
          `INSERT INTO co_chair_terms (group_id, membership_id, organisation_id, constituency) VALUES ($1, $2, $3, 'company')`,
          [c.groupId, c.members.b, c.orgs.b],
        ),
      ).rejects.toMatchObject({ code: '23505' });
      await expect(
        t.ds.query(
          `INSERT INTO co_chair_terms (group_id, membership_id, organisation_id, constituency, appointed_under) VALUES ($1, $2, $3, 'civil_society', 'any_two_organisations')`,
          [c.groupId, c.members.b, c.orgs.a],
        ),
      ).rejects.toMatchObject({ code: '23505' });
    });
  });

  describe('under any_two_organisations', () => {
    it('seats any two members of different organisations, refuses a third and a second from one organisation', async () => {
      const c = await setUp(
        t,
        {
          police: 'public_security',
          ngo: 'civil_society',
          gov: 'host_government',
          police2: 'public_security',
        },
        'any_two_organisations',
        { police2: 'police' },
      );
      const p = await appoint(c, c.focal, { memberId: c.members.police, constituency: 'civil_society' });
      expect(p.status).toBe(201);
      // same organisation → 409 even with a seat free
      expectProblem(await appoint(c, c.focal, { memberId: c.members.police2, constituency: 'company' }), 409);
      const n = await appoint(c, c.focal, { memberId: c.members.ngo, constituency: 'civil_society' });
      expect(n.status).toBe(201);
      expectProblem(await appoint(c, c.focal, { memberId: c.members.gov, constituency: 'company' }), 409);

      // replace with no co-chair in the constituency: the longest-serving term is handed over
      const g = await appoint(c, c.focal, {
        memberId: c.members.gov,
        constituency: 'company',
        replace: true,
      });
      expect(g.status).toBe(201);
      expect(g.body.replacedTermIds).toEqual([p.body.id]);
      // replace within one organisation hands over that organisation's term
      const g2 = await appoint(c, c.focal, {
        memberId: c.members.police2,
        constituency: 'company',
        replace: true,
      });
      expect(g2.status).toBe(201);
      expect(g2.body.replacedTermIds).toEqual([g.body.id]);
      const list = (await terms(c)).body;
      expect(list.current.map((x: { memberId: string }) => x.memberId).sort()).toEqual(
        [c.members.ngo, c.members.police2].sort(),
      );
      expect(list.past).toHaveLength(2);
    });

    it('three parallel appointments: exactly two sit', async () => {
      const c = await setUp(
        t,
        { a: 'company', b: 'civil_society', d: 'public_security' },
        'any_two_organisations',
      );
      const results = await Promise.all(
        ['a', 'b', 'd'].map((k) => appoint(c, c.focal, { memberId: c.members[k], constituency: 'company' })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409]);
      expect((await terms(c)).body.current).toHaveLength(2);
    });
  });

  describe('permissions and validation', () => {
    it('a member may read but not appoint or end (403); an outsider sees nothing (404)', async () => {
      const c = await setUp(t, { mine: 'company', plain: 'civil_society' });
      const a = await appoint(c, c.focal, { memberId: c.members.mine, constituency: 'company' });
      expect(a.status).toBe(201);
      expect((await terms(c, c.users.plain)).status).toBe(200);
      expectProblem(
        await appoint(c, c.users.plain, { memberId: c.members.plain, constituency: 'civil_society' }),
        403,
      );
      expectProblem(
        await t
          .api()
          .post(`/api/v1/groups/${c.groupId}/co-chairs/${a.body.id}/end`)
          .set(c.users.plain.auth)
          .send({ reason: 'coup' }),
        403,
      );
      expectProblem(await terms(c, outsider), 404);
      expectProblem(
        await appoint(c, outsider, { memberId: c.members.plain, constituency: 'civil_society' }),
        404,
      );
      expectProblem(
        await t
          .api()
          .post(`/api/v1/groups/${c.groupId}/co-chairs/${a.body.id}/end`)
          .set(outsider.auth)
          .send({ reason: 'x' }),
        404,
      );
      expect(await meCoChair(c, c.users.mine)).toBe(true);
    });

    it('a sitting co-chair may appoint the other co-chair', async () => {
      const c = await setUp(t, { mine: 'company', ngo: 'civil_society' });
      expect((await appoint(c, c.focal, { memberId: c.members.mine, constituency: 'company' })).status).toBe(
        201,
      );
      expect(
        (await appoint(c, c.users.mine, { memberId: c.members.ngo, constituency: 'civil_society' })).status,
      ).toBe(201);
    });

    it('only active members of the group may be appointed', async () => {
      const c = await setUp(t, { mine: 'company' });
      const invitee = await registerUser(t, 'invitee');
      const inv = await t
        .api()
        .post(`/api/v1/groups/${c.groupId}/members`)
        .set(c.focal.auth)
        .send({ email: invitee.email, organisationId: c.orgs.mine, role: 'member' });
      expect(inv.status).toBe(201);
      const pending = await appoint(c, c.focal, { memberId: inv.body.id, constituency: 'company' });
      expectProblem(pending, 400);
      expect(pending.body.errors).toEqual([expect.objectContaining({ field: 'memberId' })]);
      const other = await setUp(t, { stranger: 'company' });
      expectProblem(
        await appoint(c, c.focal, { memberId: other.members.stranger, constituency: 'company' }),
        400,
      );
    });

    it('validates the body', async () => {
      const c = await setUp(t, { mine: 'company' });
      const bad = await appoint(c, c.focal, { memberId: 'nope', constituency: 'government', replace: 'yes' });
      expectProblem(bad, 400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'constituency',
        'memberId',
        'replace',
      ]);
      expectProblem(
        await appoint(c, c.focal, { memberId: c.members.mine, constituency: 'company', extra: 1 }),
        400,
      );
      expectProblem(
        await appoint(c, c.focal, {
          memberId: c.members.mine,
          constituency: 'company',
          startsOn: '2026-02-30',
        }),
        400,
      );
      const future = await appoint(c, c.focal, {
        memberId: c.members.mine,
        constituency: 'company',
        startsOn: '2999-01-01',
      });
      expectProblem(future, 400);
      expect(future.body.errors).toEqual([expect.objectContaining({ field: 'startsOn' })]);
      expectProblem(
        await t
          .api()
          .post(`/api/v1/groups/${c.groupId}/co-chairs/not-a-uuid/end`)
          .set(c.focal.auth)
          .send({ reason: 'x' }),
        404,
      );
    });
  });

  describe('ending terms', () => {
    it('ends a term with a reason, keeps it as history, and refuses to end it twice', async () => {
      const c = await setUp(t, { mine: 'company', next: 'company' });
      const a = await appoint(c, c.focal, { memberId: c.members.mine, constituency: 'company' });
      const url = `/api/v1/groups/${c.groupId}/co-chairs/${a.body.id}/end`;
      expectProblem(await t.api().post(url).set(c.focal.auth).send({}), 400);
      const end = await t.api().post(url).set(c.focal.auth).send({ reason: 'End of mandate' });
      expect(end.status).toBe(200);
      expect(end.body).toMatchObject({
        id: a.body.id,
        sitting: false,
        endReason: 'End of mandate',
        endedBy: c.focal.id,
      });
      expectProblem(await t.api().post(url).set(c.focal.auth).send({ reason: 'again' }), 409);
      expect(await meCoChair(c, c.users.mine)).toBe(false);
      expect((await terms(c)).body).toEqual({
        current: [],
        past: [expect.objectContaining({ id: a.body.id, endReason: 'End of mandate' })],
      });
      expect((await events(c)).filter((e) => e.type === 'cochair.ended')).toEqual([
        expect.objectContaining({
          entityId: a.body.id,
          data: expect.objectContaining({ reason: 'End of mandate' }),
        }),
      ]);
      // the seat is free again
      expect((await appoint(c, c.focal, { memberId: c.members.next, constituency: 'company' })).status).toBe(
        201,
      );
      // a term of another group is not found
      const other = await setUp(t, {});
      expectProblem(
        await t
          .api()
          .post(`/api/v1/groups/${other.groupId}/co-chairs/${a.body.id}/end`)
          .set(other.focal.auth)
          .send({ reason: 'x' }),
        404,
      );
    });

    it('an appointment racing the end of that membership never leaves a term sitting on an ended membership', async () => {
      const c = await setUp(t, { a: 'company', b: 'civil_society', d: 'womens_group' });
      // a and b sit; d is appointed (handing over b's seat) while b and d leave at the same time
      expect((await appoint(c, c.focal, { memberId: c.members.a, constituency: 'company' })).status).toBe(
        201,
      );
      expect(
        (await appoint(c, c.focal, { memberId: c.members.b, constituency: 'civil_society' })).status,
      ).toBe(201);
      const [handover, leaveB, leaveD] = await Promise.all([
        appoint(c, c.focal, { memberId: c.members.d, constituency: 'civil_society', replace: true }),
        t.api().delete(`/api/v1/groups/${c.groupId}/members/${c.members.b}`).set(c.focal.auth),
        t.api().delete(`/api/v1/groups/${c.groupId}/members/${c.members.d}`).set(c.focal.auth),
      ]);
      expect([201, 400]).toContain(handover.status);
      expect([leaveB.status, leaveD.status]).toEqual([200, 200]);
      const sitting = await t.ds.query(
        `SELECT t.membership_id, m.status FROM co_chair_terms t JOIN memberships m ON m.id = t.membership_id WHERE t.group_id = $1 AND t.ended_at IS NULL`,
        [c.groupId],
      );
      expect(sitting).toEqual([{ membership_id: c.members.a, status: 'active' }]);
    });

    it('a co-chair who leaves the group stops being co-chair', async () => {
      const c = await setUp(t, { mine: 'company', next: 'company' });
      const a = await appoint(c, c.focal, { memberId: c.members.mine, constituency: 'company' });
      const left = await t
        .api()
        .delete(`/api/v1/groups/${c.groupId}/members/${c.members.mine}`)
        .set(c.focal.auth);
      expect(left.status).toBe(200);
      const list = (await terms(c)).body;
      expect(list.current).toEqual([]);
      expect(list.past).toEqual([expect.objectContaining({ id: a.body.id, endReason: 'membership ended' })]);
      expect(await meCoChair(c, c.users.mine)).toBeUndefined();
      expect((await appoint(c, c.focal, { memberId: c.members.next, constituency: 'company' })).status).toBe(
        201,
      );
    });
  });

  it('documents the co-chair and stakeholder-map routes in OpenAPI', async () => {
    const doc = (await t.api().get('/api/docs-json')).body;
    const routes: DocumentedRoute[] = [
      ['/api/v1/groups/{groupId}/co-chairs', 'get', 'CoChairTermsDto', null],
      ['/api/v1/groups/{groupId}/co-chairs', 'post', 'CoChairAppointmentDto', 'AppointCoChairDto'],
      ['/api/v1/groups/{groupId}/co-chairs/{termId}/end', 'post', 'CoChairTermDto', 'EndCoChairTermDto'],
      ['/api/v1/groups/{groupId}/stakeholder-map', 'get', 'StakeholderMapDto', null],
    ];
    expectDocumentedRoutes(doc, routes);
  });
});
