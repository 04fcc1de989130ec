import { reportIncident, replayEvents } from './support/incidents';
import {
  addMember,
  affiliate,
  createGroup,
  createOrganisation,
  createTestApp,
  expectProblem,
  mailsTo,
  PASSWORD,
  registerUser,
  TestApp,
  TestUser,
  uniqueEmail,
  uniqueName,
  verifyEmail,
} from './support/test-app';

const notifications = async (t: TestApp, u: TestUser) =>
  (await t.api().get('/api/v1/me/notifications?limit=200').set(u.auth)).body.items as {
    type: string;
    entityId: string;
    title: string;
  }[];

// Finding 1: who speaks for an organisation is the organisation's decision.
describe('organisation affiliations', () => {
  let t: TestApp;
  let focal: TestUser; // company A, focal point
  let focalAlt: TestUser; // her second account
  let ngoAdmin: TestUser;
  let bAdmin: TestUser;
  let bMember: TestUser;
  let policeAdmin: TestUser;
  let orgs: { a: string; ngo: string; b: string; police: string };
  let groupId: string;
  let restrictedId: string;

  beforeAll(async () => {
    t = await createTestApp();
    [focal, focalAlt, ngoAdmin, bAdmin, bMember] = await Promise.all(
      ['focal', 'focal-alt', 'ngo-admin', 'b-admin', 'b-member'].map((l) => registerUser(t, l)),
    );
    orgs = {
      a: (await createOrganisation(t, focal, 'company', 'Company A')).id,
      ngo: (await createOrganisation(t, ngoAdmin, 'civil_society', 'Rights NGO')).id,
      b: (await createOrganisation(t, bAdmin, 'company', 'Company B')).id,
      police: (
        await createOrganisation(
          t,
          (policeAdmin = await registerUser(t, 'police-admin')),
          'public_security',
          'Police',
        )
      ).id,
    };
    groupId = (await createGroup(t, focal, orgs.a)).id;
    await addMember(t, groupId, focal, ngoAdmin, orgs.ngo);
    await addMember(t, groupId, focal, bMember, orgs.b);
    restrictedId = (
      await reportIncident(t, ngoAdmin, groupId, {
        title: 'Allegation about the guards of company B',
        confidentiality: 'restricted',
        sharedWithOrganisationIds: [orgs.b],
      })
    ).id;
  });
  afterAll(() => t.close());

  it('the focal point cannot make her second account speak for another organisation', async () => {
    const inv = await t
      .api()
      .post(`/api/v1/groups/${groupId}/members`)
      .set(focal.auth)
      .send({ email: focalAlt.email, organisationId: orgs.b, role: 'member' });
    expect(inv.status).toBe(201);
    expect(inv.body.status).toBe('pending_organisation');
    // Nothing to accept, nothing to read.
    expect((await t.api().get('/api/v1/me/invitations').set(focalAlt.auth)).body.items).toEqual([]);
    expectProblem(await t.api().post(`/api/v1/me/invitations/${inv.body.id}/accept`).set(focalAlt.auth), 404);
    expectProblem(await t.api().get(`/api/v1/incidents/${restrictedId}`).set(focalAlt.auth), 404);
    expectProblem(await t.api().get(`/api/v1/groups/${groupId}`).set(focalAlt.auth), 404);
    expect((await replayEvents(t, focalAlt, groupId)).status).toBe(404);
    // Not counted anywhere.
    const map = await t.api().get(`/api/v1/groups/${groupId}/stakeholder-map`).set(focal.auth);
    expect(
      map.body.byOrganisation.find((o: { organisation: { id: string } }) => o.organisation.id === orgs.b)
        .members,
    ).toBe(1);
    // Company B's admin is told and decides.
    expect(await notifications(t, bAdmin)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'membership.approval_requested', entityId: inv.body.id }),
      ]),
    );
    const pending = await t
      .api()
      .get(`/api/v1/organisations/${orgs.b}/memberships?status=pending_organisation`)
      .set(bAdmin.auth);
    expect(pending.body.items).toEqual([
      expect.objectContaining({ id: inv.body.id, email: focalAlt.email, groupId }),
    ]);
    expectProblem(
      await t
        .api()
        .post(`/api/v1/organisations/${orgs.b}/memberships/${inv.body.id}/approve`)
        .set(focal.auth),
      403,
    );
    const rejected = await t
      .api()
      .post(`/api/v1/organisations/${orgs.b}/memberships/${inv.body.id}/reject`)
      .set(bAdmin.auth)
      .send({ reason: 'Not one of ours' });
    expect(rejected.body).toEqual(
      expect.objectContaining({ status: 'ended', endedReason: 'Not one of ours' }),
    );
    expectProblem(await t.api().get(`/api/v1/incidents/${restrictedId}`).set(focalAlt.auth), 404);
  });

  it('a fresh sign-up cannot create a group as an organisation it does not speak for', async () => {
    const stranger = await registerUser(t, 'stranger');
    const res = await t
      .api()
      .post('/api/v1/groups')
      .set(stranger.auth)
      .send({ name: 'Fake police group', organisationId: orgs.police, timezone: 'Africa/Lubumbashi' });
    expectProblem(res, 403);
    // Asking is not enough; only an admin's approval is.
    const req = await t
      .api()
      .post(`/api/v1/organisations/${orgs.police}/affiliation-requests`)
      .set(stranger.auth)
      .send({ message: 'I am the commander' });
    expect(req.body).toEqual(expect.objectContaining({ status: 'requested', role: 'member' }));
    expectProblem(
      await t.api().post(`/api/v1/affiliations/${req.body.id}/approve`).set(stranger.auth).send({}),
      403,
    );
    expectProblem(
      await t.api().post(`/api/v1/affiliations/${req.body.id}/approve`).set(focal.auth).send({}),
      404,
    );
    expectProblem(
      await t
        .api()
        .post('/api/v1/groups')
        .set(stranger.auth)
        .send({ name: 'Fake police group', organisationId: orgs.police, timezone: 'Africa/Lubumbashi' }),
      403,
    );
  });

  it('an admin invites by e-mail; accepting needs the verified address', async () => {
    const invitee = await registerUser(t, 'invitee');
    const inv = await t
      .api()
      .post(`/api/v1/organisations/${orgs.ngo}/affiliations`)
      .set(ngoAdmin.auth)
      .send({ email: invitee.email, role: 'member' });
    expect(inv.status).toBe(201);
    expect(inv.body).toEqual(
      expect.objectContaining({ status: 'invited', userId: invitee.id, source: 'invitation' }),
    );
    expectProblem(
      await t
        .api()
        .post(`/api/v1/organisations/${orgs.ngo}/affiliations`)
        .set(bMember.auth)
        .send({ email: uniqueEmail(), role: 'member' }),
      403,
    );
    expect(await notifications(t, invitee)).toEqual([
      expect.objectContaining({ type: 'affiliation.invited', entityId: inv.body.id }),
    ]);
    const mine = await t.api().get('/api/v1/me/affiliations').set(invitee.auth);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: inv.body.id, status: 'invited' })]);
    expectProblem(await t.api().post(`/api/v1/me/affiliations/${inv.body.id}/accept`).set(invitee.auth), 403);
    await verifyEmail(t, invitee);
    const acc = await t.api().post(`/api/v1/me/affiliations/${inv.body.id}/accept`).set(invitee.auth);
    expect(acc.body).toEqual(expect.objectContaining({ status: 'active', confirmedAt: expect.any(String) }));
    const me = await t.api().get('/api/v1/me').set(invitee.auth);
    expect(me.body).toEqual(
      expect.objectContaining({
        emailVerified: true,
        affiliations: [
          expect.objectContaining({ organisationId: orgs.ngo, role: 'member', status: 'active' }),
        ],
      }),
    );
  });

  it('e-mails an invitation to an address without an account; it waits for that address', async () => {
    const email = uniqueEmail('newcomer');
    const inv = await t
      .api()
      .post(`/api/v1/organisations/${orgs.ngo}/affiliations`)
      .set(ngoAdmin.auth)
      .send({ email, role: 'admin' });
    expect(inv.body).toEqual(expect.objectContaining({ status: 'invited', userId: null }));
    expect(await mailsTo(t, email)).toEqual([
      expect.objectContaining({ subject: expect.stringContaining('invites you to represent') }),
    ]);
    await t
      .api()
      .post('/api/v1/auth/register')
      .send({ email, password: PASSWORD, displayName: 'Newcomer' })
      .expect(201);
    const login = await t.api().post('/api/v1/auth/login').send({ email, password: PASSWORD });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const notes = await t.api().get('/api/v1/me/notifications').set(auth);
    expect(notes.body.items).toEqual([
      expect.objectContaining({ type: 'affiliation.invited', entityId: inv.body.id }),
    ]);
    await verifyEmail(t, { email });
    const acc = await t.api().post(`/api/v1/me/affiliations/${inv.body.id}/accept`).set(auth);
    expect(acc.body).toEqual(expect.objectContaining({ status: 'active', role: 'admin' }));
  });

  it('confirms at once a verified address in a domain the organisation lists', async () => {
    const domain = `${uniqueName('police').replace(/\s/g, '').toLowerCase()}.example`;
    expectProblem(
      await t
        .api()
        .post(`/api/v1/organisations/${orgs.police}/domains`)
        .set(policeAdmin.auth)
        .send({ domain: 'not a domain' }),
      400,
    );
    expect(
      (
        await t
          .api()
          .post(`/api/v1/organisations/${orgs.police}/domains`)
          .set(policeAdmin.auth)
          .send({ domain: domain.toUpperCase() })
      ).body,
    ).toEqual(expect.objectContaining({ domain }));
    expectProblem(await t.api().get(`/api/v1/organisations/${orgs.police}/domains`).set(bMember.auth), 403);
    const officer = await registerUser(t, 'officer', `officer.${Date.now()}@${domain}`);
    // Unverified: an ordinary request.
    const unverified = await t
      .api()
      .post(`/api/v1/organisations/${orgs.police}/affiliation-requests`)
      .set(officer.auth)
      .send({});
    expect(unverified.body.status).toBe('requested');
    expect(
      (await t.api().delete(`/api/v1/affiliations/${unverified.body.id}`).set(officer.auth)).body.status,
    ).toBe('ended');
    await verifyEmail(t, officer);
    const verified = await t
      .api()
      .post(`/api/v1/organisations/${orgs.police}/affiliation-requests`)
      .set(officer.auth)
      .send({});
    expect(verified.body).toEqual(expect.objectContaining({ status: 'active', source: 'domain' }));
    // Another domain is not enough.
    const outsider = await registerUser(t, 'outsider');
    await verifyEmail(t, outsider);
    expect(
      (
        await t
          .api()
          .post(`/api/v1/organisations/${orgs.police}/affiliation-requests`)
          .set(outsider.auth)
          .send({})
      ).body.status,
    ).toBe('requested');
  });

  it('an admin approves a pending membership; accepting it confirms the affiliation', async () => {
    const guard = await registerUser(t, 'guard');
    const inv = await t
      .api()
      .post(`/api/v1/groups/${groupId}/members`)
      .set(focal.auth)
      .send({ email: guard.email, organisationId: orgs.b, role: 'member' });
    expect(inv.body.status).toBe('pending_organisation');
    const ok = await t
      .api()
      .post(`/api/v1/organisations/${orgs.b}/memberships/${inv.body.id}/approve`)
      .set(bAdmin.auth);
    expect(ok.body.status).toBe('invited');
    expectProblem(
      await t
        .api()
        .post(`/api/v1/organisations/${orgs.b}/memberships/${inv.body.id}/approve`)
        .set(bAdmin.auth),
      409,
    );
    expect((await t.api().get('/api/v1/me/invitations').set(guard.auth)).body.items).toEqual([
      expect.objectContaining({ id: inv.body.id }),
    ]);
    await verifyEmail(t, guard);
    const acc = await t.api().post(`/api/v1/me/invitations/${inv.body.id}/accept`).set(guard.auth);
    expect(acc.body.status).toBe('active');
    const me = await t.api().get('/api/v1/me').set(guard.auth);
    expect(me.body.affiliations).toEqual([
      expect.objectContaining({ organisationId: orgs.b, status: 'active' }),
    ]);
    // B's admin hears of the new member and sees the restricted incident reach them.
    expect(await notifications(t, bAdmin)).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'membership.joined', entityId: inv.body.id })]),
    );
    expect((await t.api().get(`/api/v1/incidents/${restrictedId}`).set(guard.auth)).status).toBe(200);
  });

  it('a group invitation turns into an ordinary one once the invitee speaks for the organisation', async () => {
    const later = await registerUser(t, 'later');
    const inv = await t
      .api()
      .post(`/api/v1/groups/${groupId}/members`)
      .set(focal.auth)
      .send({ email: later.email, organisationId: orgs.ngo, role: 'observer' });
    expect(inv.body.status).toBe('pending_organisation');
    await affiliate(t, orgs.ngo, later);
    expect((await t.api().get('/api/v1/me/invitations').set(later.auth)).body.items).toEqual([
      expect.objectContaining({ id: inv.body.id, status: 'invited' }),
    ]);
    expect((await t.api().post(`/api/v1/me/invitations/${inv.body.id}/accept`).set(later.auth)).status).toBe(
      200,
    );
  });

  it('lists an organisation’s affiliations with their memberships, for admins only', async () => {
    const res = await t.api().get(`/api/v1/organisations/${orgs.b}/affiliations?limit=200`).set(bAdmin.auth);
    expect(res.status).toBe(200);
    const member = res.body.items.find((a: { userId: string }) => a.userId === bMember.id);
    expect(member).toEqual(
      expect.objectContaining({
        status: 'active',
        role: 'member',
        organisation: expect.objectContaining({ id: orgs.b, verified: false }),
        memberships: [expect.objectContaining({ groupId, status: 'active', role: 'member' })],
      }),
    );
    expectProblem(await t.api().get(`/api/v1/organisations/${orgs.b}/affiliations`).set(bMember.auth), 403);
    expectProblem(
      await t
        .api()
        .get(`/api/v1/organisations/00000000-0000-4000-8000-000000000000/affiliations`)
        .set(bMember.auth),
      404,
    );
  });

  it('ending an affiliation ends every membership held through it, co-chair terms included', async () => {
    const chair = await registerUser(t, 'chair');
    const memberId = await addMember(t, groupId, focal, chair, orgs.b);
    const term = await t
      .api()
      .post(`/api/v1/groups/${groupId}/co-chairs`)
      .set(focal.auth)
      .send({ memberId, constituency: 'company' });
    expect(term.status).toBe(201);
    const mine = (await t.api().get('/api/v1/me').set(chair.auth)).body.affiliations[0];
    const ended = await t
      .api()
      .delete(`/api/v1/affiliations/${mine.affiliationId}?reason=left the company`)
      .set(bAdmin.auth);
    expect(ended.body).toEqual(expect.objectContaining({ status: 'ended', endedReason: 'left the company' }));
    expectProblem(await t.api().get(`/api/v1/groups/${groupId}`).set(chair.auth), 404);
    expectProblem(await t.api().get(`/api/v1/incidents/${restrictedId}`).set(chair.auth), 404);
    const { items } = await replayEvents(t, focal, groupId);
    expect(
      items.filter((e) => e.entityId === memberId || e.data.memberId === memberId).map((e) => e.type),
    ).toEqual(expect.arrayContaining(['member.left', 'cochair.ended']));
    const chairs = await t.api().get(`/api/v1/groups/${groupId}/co-chairs`).set(focal.auth);
    expect(chairs.body.current.map((c: { memberId: string }) => c.memberId)).not.toContain(memberId);
    expectProblem(await t.api().delete(`/api/v1/affiliations/${mine.affiliationId}`).set(bAdmin.auth), 409);
  });

  it('never leaves an organisation without an admin', async () => {
    const [own] = (await t.api().get('/api/v1/me').set(bAdmin.auth)).body.affiliations.filter(
      (a: { organisationId: string }) => a.organisationId === orgs.b,
    );
    expectProblem(await t.api().delete(`/api/v1/affiliations/${own.affiliationId}`).set(bAdmin.auth), 409);
    expectProblem(
      await t
        .api()
        .patch(`/api/v1/affiliations/${own.affiliationId}`)
        .set(bAdmin.auth)
        .send({ role: 'member' }),
      409,
    );
    const deputy = await registerUser(t, 'deputy');
    const deputyAffiliation = await affiliate(t, orgs.b, deputy);
    const promoted = await t
      .api()
      .patch(`/api/v1/affiliations/${deputyAffiliation}`)
      .set(bAdmin.auth)
      .send({ role: 'admin' });
    expect(promoted.body.role).toBe('admin');
    const demoted = await t
      .api()
      .patch(`/api/v1/affiliations/${own.affiliationId}`)
      .set(bAdmin.auth)
      .send({ role: 'member' });
    expect(demoted.body.role).toBe('member');
    // No longer an admin: another's affiliation is not theirs to see.
    expectProblem(
      await t
        .api()
        .patch(`/api/v1/affiliations/${deputyAffiliation}`)
        .set(bAdmin.auth)
        .send({ role: 'member' }),
      404,
    );
  });

  it('admins edit their organisation; others may not', async () => {
    const name = uniqueName('NGO renamed');
    expectProblem(
      await t.api().patch(`/api/v1/organisations/${orgs.ngo}`).set(bMember.auth).send({ name }),
      403,
    );
    const res = await t
      .api()
      .patch(`/api/v1/organisations/${orgs.ngo}`)
      .set(ngoAdmin.auth)
      .send({ name, country: 'CD' });
    expect(res.body).toEqual(expect.objectContaining({ name, country: 'CD' }));
    expectProblem(
      await t
        .api()
        .patch(`/api/v1/organisations/${orgs.ngo}`)
        .set(ngoAdmin.auth)
        .send({ name: (await t.api().get(`/api/v1/organisations/${orgs.a}`).set(focal.auth)).body.name }),
      409,
    );
    expectProblem(
      await t.api().patch(`/api/v1/organisations/${orgs.ngo}`).set(ngoAdmin.auth).send({ verified: true }),
      400,
    );
  });
});

// Organisations carry `verified`, set by a platform administrator (ADMIN_EMAILS, verified address).
describe('verified organisations', () => {
  let t: TestApp;
  const adminEmail = uniqueEmail('platform');
  beforeAll(async () => {
    t = await createTestApp({ ADMIN_EMAILS: `someone@example.org, ${adminEmail.toUpperCase()}` });
  });
  afterAll(() => t.close());

  it('only a platform administrator with a verified address verifies, and every response says so', async () => {
    const platform = await registerUser(t, 'platform', adminEmail);
    const focal = await registerUser(t, 'focal');
    const company = await createOrganisation(t, focal, 'company');
    const group = await createGroup(t, focal, company.id);
    const put = () => t.api().put(`/api/v1/organisations/${company.id}/verification`);
    expectProblem(await put().set(focal.auth).send({ verified: true }), 403);
    // Listed but not yet proved: registering a listed address grants nothing.
    expectProblem(await put().set(platform.auth).send({ verified: true }), 403);
    expect((await t.api().get('/api/v1/me').set(platform.auth)).body.platformAdmin).toBe(false);
    await verifyEmail(t, platform);
    expect((await t.api().get('/api/v1/me').set(platform.auth)).body.platformAdmin).toBe(true);
    const ok = await put().set(platform.auth).send({ verified: true });
    expect(ok.body).toEqual(expect.objectContaining({ verified: true, verifiedAt: expect.any(String) }));
    const members = await t.api().get(`/api/v1/groups/${group.id}/members`).set(focal.auth);
    expect(members.body.items[0].organisation).toEqual(
      expect.objectContaining({ id: company.id, verified: true }),
    );
    const map = await t.api().get(`/api/v1/groups/${group.id}/stakeholder-map`).set(focal.auth);
    expect(map.body.byOrganisation[0].organisation.verified).toBe(true);
    expect((await t.api().get('/api/v1/me').set(focal.auth)).body.memberships[0].organisationVerified).toBe(
      true,
    );
    // A new name is not what the administrator vouched for.
    const renamed = await t
      .api()
      .patch(`/api/v1/organisations/${company.id}`)
      .set(focal.auth)
      .send({ name: uniqueName('Renamed') });
    expect(renamed.body.verified).toBe(false);
  });
});
