import { reportIncident } from './support/incidents';
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

// Findings 4 and 5: the audit log and status changes of incidents respect who they belong to.
describe('incident audit and status', () => {
  let t: TestApp;
  let focal: TestUser; // host government, focal point
  let reporter: TestUser; // NGO
  let ngoChair: TestUser; // NGO, civil-society co-chair
  let guardChair: TestUser; // company B (the incident is about its guards), company co-chair
  let guard: TestUser; // company B
  let ngoObserver: TestUser; // NGO, observer
  let restricted: { id: string };
  let open: { id: string };
  let groupId: string;

  const appoint = async (memberId: string, constituency: string) => {
    const res = await t
      .api()
      .post(`/api/v1/groups/${groupId}/co-chairs`)
      .set(focal.auth)
      .send({ memberId, constituency });
    if (res.status !== 201) throw new Error(`appoint failed: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const post = (u: TestUser, incidentId: string, body: Record<string, unknown>) =>
    t.api().post(`/api/v1/incidents/${incidentId}/updates`).set(u.auth).send(body);
  const auditAbout = async (u: TestUser, incidentId: string) => {
    const res = await t.api().get(`/api/v1/groups/${groupId}/audit?limit=200`).set(u.auth);
    expect(res.status).toBe(200);
    return (res.body.items as { entityId: string; action: string }[]).filter(
      (a) => a.entityId === incidentId,
    );
  };

  beforeAll(async () => {
    t = await createTestApp();
    [focal, reporter, ngoChair, guardChair, guard, ngoObserver] = await Promise.all(
      ['focal', 'reporter', 'ngo-chair', 'guard-chair', 'guard', 'ngo-observer'].map((l) => registerUser(t, l)),
    );
    const gov = await createOrganisation(t, focal, 'host_government', 'Governorate');
    const ngo = await createOrganisation(t, reporter, 'civil_society', 'Rights NGO');
    const company = await createOrganisation(t, guardChair, 'company', 'Company B');
    groupId = (await createGroup(t, focal, gov.id)).id;
    await addMember(t, groupId, focal, reporter, ngo.id);
    await appoint(await addMember(t, groupId, focal, ngoChair, ngo.id), 'civil_society');
    await appoint(await addMember(t, groupId, focal, guardChair, company.id), 'company');
    await addMember(t, groupId, focal, guard, company.id);
    await addMember(t, groupId, focal, ngoObserver, ngo.id, 'observer');
    restricted = await reportIncident(t, reporter, groupId, {
      title: 'Guards of company B beat a miner',
      confidentiality: 'restricted',
      sharedWithOrganisationIds: [company.id],
    });
    open = await reportIncident(t, reporter, groupId, { title: 'Road blocked at Kasulo' });
  });
  afterAll(() => t.close());

  it('only the reporting organisation changes the status of a restricted incident', async () => {
    // The co-chair whose company the allegation is about can see it, but not close it.
    expectProblem(
      await post(guardChair, restricted.id, { body: 'Resolved', status: 'closed', reason: 'Settled' }),
      403,
    );
    expectProblem(
      await post(guard, restricted.id, { body: 'Resolved', status: 'closed', reason: 'Settled' }),
      403,
    );
    // They may still add to the thread.
    expect((await post(guardChair, restricted.id, { body: 'We are looking into it.' })).status).toBe(201);
    const byReporter = await post(reporter, restricted.id, { body: 'Under watch', status: 'monitoring' });
    expect(byReporter.status).toBe(201);
    expect(byReporter.body).toEqual(expect.objectContaining({ status: 'monitoring', statusReason: null }));
  });

  it('someone outside the reporting organisation changes a group incident’s status only with a reason, shown in the thread', async () => {
    const bare = await post(focal, open.id, { body: 'Road reopened', status: 'closed' });
    expectProblem(bare, 400);
    expect(bare.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expectProblem(await post(focal, open.id, { body: 'Noted', reason: 'no status given' }), 400);
    const withReason = await post(guardChair, open.id, {
      body: 'Road reopened',
      status: 'closed',
      reason: 'Confirmed by the local authority',
    });
    expect(withReason.status).toBe(201);
    const thread = await t.api().get(`/api/v1/incidents/${open.id}/updates`).set(reporter.auth);
    expect(thread.body.items).toEqual([
      expect.objectContaining({ status: 'closed', statusReason: 'Confirmed by the local authority' }),
    ]);
    expect((await t.api().get(`/api/v1/incidents/${open.id}`).set(focal.auth)).body.status).toBe('closed');
    // The reporting organisation needs no reason.
    expect((await post(reporter, open.id, { body: 'Reopened: blocked again', status: 'open' })).status).toBe(
      201,
    );
  });

  it('the audit log shows entries about a restricted incident only to those who may see it', async () => {
    // The focal point may read the audit log but not the incident: nothing about it, not even
    // that it exists or that its status changed.
    expect(await auditAbout(focal, restricted.id)).toEqual([]);
    const res = await t.api().get(`/api/v1/groups/${groupId}/audit?limit=200`).set(focal.auth);
    expect(JSON.stringify(res.body)).not.toContain(restricted.id);
    // The reporting organisation's co-chair may read both.
    expect((await auditAbout(ngoChair, restricted.id)).map((a) => a.action)).toEqual([
      'incident.updated',
      'incident.updated',
      'incident.reported',
    ]);
    // So may the co-chair of the organisation it is shared with.
    expect((await auditAbout(guardChair, restricted.id)).length).toBe(3);
    // Group incidents stay visible to the focal point.
    expect((await auditAbout(focal, open.id)).length).toBeGreaterThan(0);
  });

  it('the access log of a restricted incident is for the reporting organisation’s members, not its observers', async () => {
    const accessLog = (u: TestUser) => t.api().get(`/api/v1/incidents/${restricted.id}/access-log`).set(u.auth);
    // The observer reads the incident (and that read is logged) but not who else read it.
    expect((await t.api().get(`/api/v1/incidents/${restricted.id}`).set(ngoObserver.auth)).status).toBe(200);
    const refused = await accessLog(ngoObserver);
    expectProblem(refused, 403);
    expect(refused.body.detail).toMatch(/not its observers/);
    // The co-chair of the organisation it is shared with sees the incident, not its log.
    expectProblem(await accessLog(guardChair), 403);
    // The focal point cannot see the incident at all.
    expectProblem(await accessLog(focal), 404);
    // The reporting organisation's members and its co-chair may, and see the observer's read.
    for (const u of [reporter, ngoChair]) {
      const res = await accessLog(u);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ userId: ngoObserver.id, action: 'view' })]),
      );
    }
  });
});
