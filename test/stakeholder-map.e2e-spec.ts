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

describe('stakeholder map', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('counts active members by kind and organisation, names contact points and lists the missing recommended kinds', async () => {
    const focal = await registerUser(t, 'focal');
    const mine = await createOrganisation(t, focal, 'company', 'Mine');
    const police = await createOrganisation(t, focal, 'public_security', 'Police');
    const ngo = await createOrganisation(t, focal, 'civil_society', 'NGO');
    const group = await createGroup(t, focal, mine.id);
    const url = `/api/v1/groups/${group.id}/stakeholder-map`;

    const empty = await t.api().get(url).set(focal.auth);
    expect(empty.status).toBe(200);
    expect(empty.body.activeMembers).toBe(1);
    expect(empty.body.missingKinds).toEqual([
      'public_security',
      'host_government',
      'local_authority',
      'civil_society',
      'womens_group',
      'indigenous_peoples',
    ]);

    const [mine2, cop, activist, invitee, leaver] = await Promise.all(
      ['mine2', 'cop', 'activist', 'invitee', 'leaver'].map((l) => registerUser(t, l)),
    );
    await addMember(t, group.id, focal, mine2, mine.id);
    const copId = await addMember(t, group.id, focal, cop, police.id);
    await addMember(t, group.id, focal, activist, ngo.id, 'observer');
    const leaverId = await addMember(t, group.id, focal, leaver, ngo.id);
    // an open invitation and an ended membership do not count
    const gov = await createOrganisation(t, focal, 'host_government', 'Governorate');
    expect(
      (
        await t
          .api()
          .post(`/api/v1/groups/${group.id}/members`)
          .set(focal.auth)
          .send({ email: invitee.email, organisationId: gov.id, role: 'member' })
      ).status,
    ).toBe(201);
    expect(
      (await t.api().delete(`/api/v1/groups/${group.id}/members/${leaverId}`).set(focal.auth)).status,
    ).toBe(200);
    expect(
      (
        await t
          .api()
          .patch(`/api/v1/groups/${group.id}/members/${copId}`)
          .set(focal.auth)
          .send({ isContactPoint: true })
      ).status,
    ).toBe(200);

    const asMember = await t.api().get(url).set(mine2.auth);
    expect(asMember.status).toBe(200);
    const map = asMember.body;
    expect(map.activeMembers).toBe(4);
    expect(map.byKind).toEqual([
      { kind: 'company', members: 2, organisations: 1 },
      { kind: 'civil_society', members: 1, organisations: 1 },
      { kind: 'public_security', members: 1, organisations: 1 },
    ]);
    expect(map.byOrganisation).toEqual([
      { organisation: { id: mine.id, name: mine.name, kind: 'company', verified: false }, members: 2 },
      ...[
        { organisation: { id: ngo.id, name: ngo.name, kind: 'civil_society', verified: false }, members: 1 },
        {
          organisation: { id: police.id, name: police.name, kind: 'public_security', verified: false },
          members: 1,
        },
      ].sort((a, b) => a.organisation.name.toLowerCase().localeCompare(b.organisation.name.toLowerCase())),
    ]);
    expect(map.contactPoints).toEqual([
      {
        memberId: copId,
        userId: cop.id,
        displayName: 'cop',
        email: null,
        organisation: { id: police.id, name: police.name, kind: 'public_security', verified: false },
      },
    ]);
    expect(map.missingKinds).toEqual([
      'host_government',
      'local_authority',
      'womens_group',
      'indigenous_peoples',
    ]);
    // the focal point sees the contact point's e-mail
    expect((await t.api().get(url).set(focal.auth)).body.contactPoints[0].email).toBe(cop.email);
  });

  it('is hidden from outsiders (404)', async () => {
    const focal = await registerUser(t, 'focal');
    const outsider: TestUser = await registerUser(t, 'outsider');
    const org = await createOrganisation(t, focal, 'company');
    const group = await createGroup(t, focal, org.id);
    expectProblem(await t.api().get(`/api/v1/groups/${group.id}/stakeholder-map`).set(outsider.auth), 404);
    expectProblem(
      await t
        .api()
        .get(`/api/v1/groups/00000000-0000-4000-8000-000000000000/stakeholder-map`)
        .set(focal.auth),
      404,
    );
  });
});
