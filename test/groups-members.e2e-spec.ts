import {
  addMember,
  createGroup,
  createOrganisation,
  createTestApp,
  expectProblem,
  PASSWORD,
  registerUser,
  TestApp,
  TestUser,
  uniqueEmail,
  uniqueName,
  verifyEmail,
} from './support/test-app';

describe('organisations', () => {
  let t: TestApp;
  let u: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    u = await registerUser(t, 'orgs');
  });
  afterAll(() => t.close());

  it('creates organisations with unique names, case-insensitively', async () => {
    const name = uniqueName('Mining Co');
    const res = await t
      .api()
      .post('/api/v1/organisations')
      .set(u.auth)
      .send({ name, kind: 'company', country: 'CD', vpsParticipant: true });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({ name, kind: 'company', country: 'CD', vpsParticipant: true }),
    );
    expectProblem(
      await t
        .api()
        .post('/api/v1/organisations')
        .set(u.auth)
        .send({ name: name.toUpperCase(), kind: 'company' }),
      409,
    );
  });

  it('validates kind and country', async () => {
    const res = await t
      .api()
      .post('/api/v1/organisations')
      .set(u.auth)
      .send({ name: uniqueName('X'), kind: 'cartel', country: 'Congo' });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['country', 'kind']);
  });

  it('searches by name and pages with a cursor', async () => {
    const tag = uniqueName('Searchable').replace(/\s/g, '-');
    for (const i of [1, 2, 3]) {
      await t
        .api()
        .post('/api/v1/organisations')
        .set(u.auth)
        .send({ name: `${tag} NGO ${i}`, kind: 'civil_society' })
        .expect(201);
    }
    const p1 = await t
      .api()
      .get(`/api/v1/organisations?q=${encodeURIComponent(tag.toLowerCase())}&limit=2`)
      .set(u.auth);
    expect(p1.status).toBe(200);
    expect(p1.body.items.map((o: { name: string }) => o.name)).toEqual([`${tag} NGO 1`, `${tag} NGO 2`]);
    const p2 = await t
      .api()
      .get(`/api/v1/organisations?q=${encodeURIComponent(tag)}&limit=2&cursor=${p1.body.nextCursor}`)
      .set(u.auth);
    expect(p2.body.items.map((o: { name: string }) => o.name)).toEqual([`${tag} NGO 3`]);
    expect(p2.body.nextCursor).toBeNull();
  });

  it('treats LIKE wildcards in q literally', async () => {
    const res = await t.api().get('/api/v1/organisations?q=%25%25%25__').set(u.auth);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });
});

describe('groups and members', () => {
  let t: TestApp;
  let focal: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let company: { id: string };
  let ngo: { id: string };
  let police: { id: string };
  let group: { id: string };
  let memberId: string;

  beforeAll(async () => {
    t = await createTestApp();
    [focal, member, outsider] = await Promise.all([
      registerUser(t, 'focal'),
      registerUser(t, 'member'),
      registerUser(t, 'outsider'),
    ]);
    company = await createOrganisation(t, focal, 'company');
    ngo = await createOrganisation(t, focal, 'civil_society');
    police = await createOrganisation(t, focal, 'public_security');
    group = await createGroup(t, focal, company.id);
    memberId = await addMember(t, group.id, focal, member, ngo.id);
  });
  afterAll(() => t.close());

  it('makes the creator the focal point', async () => {
    const res = await t.api().get(`/api/v1/groups/${group.id}`).set(focal.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        id: group.id,
        timezone: 'Africa/Lubumbashi',
        myRole: 'focal_point',
        coChairPolicy: 'company_and_civil_society',
      }),
    );
    const me = await t.api().get('/api/v1/me').set(focal.auth);
    expect(me.body.memberships).toEqual([
      expect.objectContaining({
        groupId: group.id,
        organisationId: company.id,
        role: 'focal_point',
        isCoChair: false,
      }),
    ]);
  });

  it('validates the time zone and organisation', async () => {
    const bad = await t
      .api()
      .post('/api/v1/groups')
      .set(focal.auth)
      .send({ name: 'G', organisationId: company.id, timezone: 'Mars/Olympus' });
    expectProblem(bad, 400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'timezone' })]);
    const noOrg = await t
      .api()
      .post('/api/v1/groups')
      .set(focal.auth)
      .send({ name: 'G', organisationId: '00000000-0000-4000-8000-000000000000', timezone: 'UTC' });
    expectProblem(noOrg, 400);
  });

  it('lists only the caller’s groups', async () => {
    const mine = await t.api().get('/api/v1/groups').set(member.auth);
    expect(mine.body.items.map((g: { id: string }) => g.id)).toEqual([group.id]);
    const none = await t.api().get('/api/v1/groups').set(outsider.auth);
    expect(none.body.items).toEqual([]);
  });

  it('hides a group from non-members with 404 and refuses members edits with 403', async () => {
    expectProblem(await t.api().get(`/api/v1/groups/${group.id}`).set(outsider.auth), 404);
    expectProblem(
      await t.api().patch(`/api/v1/groups/${group.id}`).set(outsider.auth).send({ name: 'x' }),
      404,
    );
    expectProblem(
      await t.api().patch(`/api/v1/groups/${group.id}`).set(member.auth).send({ name: 'x' }),
      403,
    );
    const ok = await t
      .api()
      .patch(`/api/v1/groups/${group.id}`)
      .set(focal.auth)
      .send({ region: 'Haut-Katanga', languages: ['fr', 'sw'] });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(expect.objectContaining({ region: 'Haut-Katanga', languages: ['fr', 'sw'] }));
  });

  it('invites, lists with an organisation-kind filter, and shows e-mails only to managers', async () => {
    const list = await t
      .api()
      .get(`/api/v1/groups/${group.id}/members?organisationKind=civil_society`)
      .set(focal.auth);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: memberId, email: member.email, role: 'member', status: 'active' }),
    ]);
    const asMember = await t.api().get(`/api/v1/groups/${group.id}/members`).set(member.auth);
    const focalRow = asMember.body.items.find((m: { userId: string }) => m.userId === focal.id);
    expect(focalRow.email).toBeNull();
    expectProblem(await t.api().get(`/api/v1/groups/${group.id}/members`).set(outsider.auth), 404);
  });

  it('refuses invitations by members (403), duplicates (409) and unknown organisations (400)', async () => {
    expectProblem(
      await t
        .api()
        .post(`/api/v1/groups/${group.id}/members`)
        .set(member.auth)
        .send({ email: uniqueEmail(), organisationId: ngo.id, role: 'member' }),
      403,
    );
    expectProblem(
      await t
        .api()
        .post(`/api/v1/groups/${group.id}/members`)
        .set(focal.auth)
        .send({ email: member.email.toUpperCase(), organisationId: police.id, role: 'member' }),
      409,
    );
    const bad = await t
      .api()
      .post(`/api/v1/groups/${group.id}/members`)
      .set(focal.auth)
      .send({ email: uniqueEmail(), organisationId: '00000000-0000-4000-8000-000000000000', role: 'chief' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['role']);
  });

  it('keeps an invitation for an e-mail without an account until it registers', async () => {
    const email = uniqueEmail('later');
    const inv = await t
      .api()
      .post(`/api/v1/groups/${group.id}/members`)
      .set(focal.auth)
      .send({ email, organisationId: police.id, role: 'observer', isContactPoint: true });
    expect(inv.status).toBe(201);
    expect(inv.body).toEqual(
      expect.objectContaining({ status: 'invited', userId: null, role: 'observer', isContactPoint: true }),
    );
    await t
      .api()
      .post('/api/v1/auth/register')
      .send({ email, password: PASSWORD, displayName: 'Later' })
      .expect(201);
    const login = await t.api().post('/api/v1/auth/login').send({ email, password: PASSWORD });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const invitations = await t.api().get('/api/v1/me/invitations').set(auth);
    expect(invitations.body).toEqual({
      items: [expect.objectContaining({ id: inv.body.id, groupId: group.id, groupName: expect.any(String) })],
      nextCursor: null,
    });
    const notes = await t.api().get('/api/v1/me/notifications?unread=true').set(auth);
    expect(notes.body.items).toEqual([
      expect.objectContaining({ type: 'member.invited', entityId: inv.body.id }),
    ]);
    // Not a member until accepted.
    expectProblem(await t.api().get(`/api/v1/groups/${group.id}`).set(auth), 404);
    // Accepting makes the account speak for the police: only once it has proved the address.
    expectProblem(await t.api().post(`/api/v1/me/invitations/${inv.body.id}/accept`).set(auth), 403);
    await verifyEmail(t, { email });
    const acc = await t.api().post(`/api/v1/me/invitations/${inv.body.id}/accept`).set(auth);
    expect(acc.status).toBe(200);
    expect(acc.body.status).toBe('active');
    expect((await t.api().get(`/api/v1/groups/${group.id}`).set(auth)).body.myRole).toBe('observer');
    // Accepting twice is not possible.
    expectProblem(await t.api().post(`/api/v1/me/invitations/${inv.body.id}/accept`).set(auth), 404);
  });

  it('lets an invitee decline; nobody else can answer their invitation', async () => {
    const invitee = await registerUser(t, 'decliner');
    const inv = await t
      .api()
      .post(`/api/v1/groups/${group.id}/members`)
      .set(focal.auth)
      .send({ email: invitee.email, organisationId: ngo.id, role: 'member' });
    expectProblem(await t.api().post(`/api/v1/me/invitations/${inv.body.id}/accept`).set(outsider.auth), 404);
    const dec = await t.api().post(`/api/v1/me/invitations/${inv.body.id}/decline`).set(invitee.auth);
    expect(dec.body.status).toBe('declined');
    expectProblem(await t.api().get(`/api/v1/groups/${group.id}`).set(invitee.auth), 404);
    // A declined invitation does not block a new one.
    const again = await t
      .api()
      .post(`/api/v1/groups/${group.id}/members`)
      .set(focal.auth)
      .send({ email: invitee.email, organisationId: ngo.id, role: 'member' });
    expect(again.status).toBe(201);
  });

  it('changes roles and contact points, but never removes the last focal point', async () => {
    const list = await t.api().get(`/api/v1/groups/${group.id}/members`).set(focal.auth);
    const focalMembership = list.body.items.find((m: { userId: string }) => m.userId === focal.id);
    expectProblem(
      await t
        .api()
        .patch(`/api/v1/groups/${group.id}/members/${focalMembership.id}`)
        .set(focal.auth)
        .send({ role: 'member' }),
      409,
    );
    expectProblem(
      await t
        .api()
        .patch(`/api/v1/groups/${group.id}/members/${memberId}`)
        .set(member.auth)
        .send({ role: 'focal_point' }),
      403,
    );
    const res = await t
      .api()
      .patch(`/api/v1/groups/${group.id}/members/${memberId}`)
      .set(focal.auth)
      .send({ isContactPoint: true });
    expect(res.body).toEqual(expect.objectContaining({ isContactPoint: true, role: 'member' }));
    expectProblem(
      await t
        .api()
        .patch(`/api/v1/groups/${group.id}/members/${memberId}`)
        .set(focal.auth)
        .send({ role: 'king' }),
      400,
    );
    expectProblem(
      await t
        .api()
        .patch(`/api/v1/groups/${group.id}/members/00000000-0000-4000-8000-000000000000`)
        .set(focal.auth)
        .send({ role: 'member' }),
      404,
    );
  });

  it('ends a membership, keeps its history, and the former member loses access', async () => {
    const leaver = await registerUser(t, 'leaver');
    const id = await addMember(t, group.id, focal, leaver, police.id);
    const res = await t.api().delete(`/api/v1/groups/${group.id}/members/${id}?reason=moved`).set(focal.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({ status: 'ended', endedReason: 'moved', endedAt: expect.any(String) }),
    );
    expectProblem(await t.api().get(`/api/v1/groups/${group.id}`).set(leaver.auth), 404);
    const history = await t.api().get(`/api/v1/groups/${group.id}/members?status=ended`).set(focal.auth);
    expect(history.body.items.map((m: { id: string }) => m.id)).toContain(id);
    expectProblem(await t.api().delete(`/api/v1/groups/${group.id}/members/${id}`).set(focal.auth), 409);
    // Re-inviting the same person later works (history stays a separate row).
    expect(
      (
        await t
          .api()
          .post(`/api/v1/groups/${group.id}/members`)
          .set(focal.auth)
          .send({ email: leaver.email, organisationId: ngo.id, role: 'member' })
      ).status,
    ).toBe(201);
  });

  it('lets a member leave by themselves but not remove others', async () => {
    const a = await registerUser(t, 'a');
    const b = await registerUser(t, 'b');
    const aId = await addMember(t, group.id, focal, a, ngo.id);
    const bId = await addMember(t, group.id, focal, b, ngo.id);
    expectProblem(await t.api().delete(`/api/v1/groups/${group.id}/members/${bId}`).set(a.auth), 403);
    expect((await t.api().delete(`/api/v1/groups/${group.id}/members/${aId}`).set(a.auth)).status).toBe(200);
  });
});
