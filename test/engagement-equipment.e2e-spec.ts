/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { INestApplicationContext } from '@nestjs/common';
import { AgreementJobs } from '@roundtable/domain';
import { agreementInForce, agreementWorld, AgreementWorld } from './support/agreements';
import { replayEvents } from './support/incidents';
import { connectedClient, createTestWorker, eventually, RealtimeClient } from './support/realtime';
import { createTestApp, expectProblem, TestApp, TestUser } from './support/test-app';

// Equipment requests: a police request to the company operating a site, assessed and decided by
// that company (risks, alternatives, conditions, rationale), handed over and monitored. Only the
// deciding company, the requesting agency and the organisations it is shared with see it — not
// another member, not the focal point, not an outsider — and the same holds for its events and
// audit entries. A request with a lethal item can only be declined.
describe('engagement: equipment requests', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let w: AgreementWorld;
  let siteId: string;
  let agreementId: string;

  const get = (path: string, u: TestUser) => t.api().get(`/api/v1${path}`).set(u.auth);
  const post = (path: string, u: TestUser, body: Record<string, unknown>) =>
    t.api().post(`/api/v1${path}`).set(u.auth).send(body);
  const request = (u: TestUser, body: Record<string, unknown> = {}) =>
    post(`/groups/${w.groupId}/equipment-requests`, u, {
      siteId,
      requestingOrganisationId: w.orgs.police,
      items: [
        {
          category: 'fuel',
          description: 'Diesel for two patrol vehicles, one month',
          quantity: 400,
          transfer: 'donation',
        },
        { category: 'communications', description: 'Hand-held radios', quantity: 6, transfer: 'loan' },
      ],
      purpose: 'Patrols of the access road after the March intrusions',
      ...body,
    });
  const decision = (extra: Record<string, unknown> = {}) => ({
    outcome: 'approved_with_conditions',
    risks: 'Radios could coordinate a dispersal of the market',
    alternativesConsidered: 'Company escort; fuel vouchers per patrol',
    conditions: 'Logbook of use shared monthly; radios returned at rotation',
    rationale: 'Patrols reduce intrusions; conditions limit misuse',
    ...extra,
  });
  const listed = async (u: TestUser) => {
    const res = await get(`/groups/${w.groupId}/equipment-requests?limit=200`, u);
    return res.status === 200 ? res.body.items.map((r: any) => r.id) : res.status;
  };

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker({ AGREEMENT_JOBS_INTERVAL_MS: '3600000' });
    w = await agreementWorld(t);
    const site = await post(`/groups/${w.groupId}/sites`, w.mine, {
      name: 'Kamoto underground mine',
      kind: 'mine',
      operatorOrganisationId: w.orgs.mine,
      publicSecurityPresent: true,
    });
    expect(site.status).toBe(201);
    siteId = site.body.id;
    const jobs = worker.get(AgreementJobs);
    agreementId = (await agreementInForce(t, w, (id) => jobs.runFor(id), { visibility: 'group' })).id;
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  describe('the whole workflow', () => {
    let id: string;

    it('is recorded by the requesting agency; the site operator decides', async () => {
      const res = await request(w.police);
      expect(res.status).toBe(201);
      id = res.body.id;
      expect(res.body).toMatchObject({
        status: 'received',
        site: { id: siteId, name: 'Kamoto underground mine' },
        requestingOrganisation: { id: w.orgs.police },
        decidingOrganisation: { id: w.orgs.mine },
        hasLethalItem: false,
        items: [
          { category: 'fuel', quantity: 400, transfer: 'donation' },
          { category: 'communications', quantity: 6, transfer: 'loan' },
        ],
        assessment: null,
        decision: null,
        may: { decide: false, withdraw: true },
      });
    });

    it('is assessed and decided only by the deciding company', async () => {
      expectProblem(await post(`/equipment-requests/${id}/decision`, w.police, decision()), 403);
      expectProblem(await post(`/equipment-requests/${id}/decision`, w.mineObserver, decision()), 403);
      const assessed = await post(`/equipment-requests/${id}/assessment`, w.mine, {
        risks: 'Radios could coordinate a dispersal',
        alternativesConsidered: 'Company escort',
      });
      expect(assessed.status).toBe(200);
      expect(assessed.body).toMatchObject({
        status: 'under_assessment',
        assessment: { risks: 'Radios could coordinate a dispersal', assessedByUserId: w.mine.id },
      });
      expectProblem(
        await post(`/equipment-requests/${id}/decision`, w.mine, decision({ conditions: undefined })),
        400,
      );
      const decided = await post(
        `/equipment-requests/${id}/decision`,
        w.mine,
        decision({ agreementId, clauseKey: 'e' }),
      );
      expect(decided.status).toBe(200);
      expect(decided.body).toMatchObject({
        status: 'approved_with_conditions',
        decision: {
          outcome: 'approved_with_conditions',
          conditions: 'Logbook of use shared monthly; radios returned at rotation',
          rationale: 'Patrols reduce intrusions; conditions limit misuse',
          agreementId,
          clauseKey: 'e',
          decidedByUserId: w.mine.id,
        },
      });
      expectProblem(await post(`/equipment-requests/${id}/decision`, w.mine, decision()), 409);
    });

    it('is handed over, monitored (linked to a non-compliance report) and closed', async () => {
      expectProblem(
        await post(`/equipment-requests/${id}/monitoring`, w.mine, { method: 'report', finding: 'x' }),
        409,
      );
      expectProblem(
        await post(`/equipment-requests/${id}/status`, w.police, { to: 'handed_over', note: 'n' }),
        403,
      );
      expectProblem(
        await post(`/equipment-requests/${id}/status`, w.mine, { to: 'returned', note: 'n' }),
        409,
      );
      const handed = await post(`/equipment-requests/${id}/status`, w.mine, {
        to: 'handed_over',
        note: 'Handed over at the Kasulo camp, logbook signed',
      });
      expect(handed.status).toBe(200);
      const nc = await post(`/agreements/${agreementId}/non-compliance`, w.mine, {
        clauseKeys: ['e'],
        description: 'Donated radios used at the market dispersal',
        severity: 'medium',
        confidentiality: 'restricted',
      });
      expect(nc.status).toBe(201);
      const monitored = await post(`/equipment-requests/${id}/monitoring`, w.police, {
        method: 'inspection',
        finding: 'Radios accounted for; logbook up to date',
      });
      expect(monitored.status).toBe(201);
      expect(monitored.body.status).toBe('monitoring');
      expectProblem(
        await post(`/equipment-requests/${id}/monitoring`, w.police, {
          method: 'report',
          finding: 'Radios at the market',
          nonComplianceId: nc.body.id,
        }),
        400,
      );
      const linked = await post(`/equipment-requests/${id}/monitoring`, w.mine, {
        method: 'report',
        finding: 'Radios seen at the market dispersal on 3 May',
        nonComplianceId: nc.body.id,
      });
      expect(linked.status).toBe(201);
      expect(linked.body.monitoring.map((m: any) => m.nonComplianceId)).toEqual([null, nc.body.id]);
      // The agency may see the request but not the company's restricted report: not named to it.
      const seenByPolice = await get(`/equipment-requests/${id}`, w.police);
      expect(seenByPolice.body.monitoring.map((m: any) => m.nonComplianceId)).toEqual([null, null]);
      const closed = await post(`/equipment-requests/${id}/status`, w.mine, {
        to: 'closed',
        note: 'Returned at rotation',
      });
      expect(closed.status).toBe(200);
      expect(closed.body.steps.map((s: any) => [s.statusFrom, s.statusTo])).toEqual([
        ['received', 'under_assessment'],
        ['under_assessment', 'approved_with_conditions'],
        ['approved_with_conditions', 'handed_over'],
        ['handed_over', 'monitoring'],
        ['monitoring', 'closed'],
      ]);
      expect(closed.body.steps[2].note).toBe('Handed over at the Kasulo camp, logbook signed');
      const inList = (
        await get(`/groups/${w.groupId}/equipment-requests?limit=200`, w.police)
      ).body.items.find((r: any) => r.id === id);
      expect(inList.steps).toHaveLength(5);
      expect(inList.monitoring.map((m: any) => m.nonComplianceId)).toEqual([null, null]);
    });

    it("is listed among the agreement's implementations for those who may see it", async () => {
      const own = await get(`/agreements/${agreementId}/implementations`, w.police);
      expect(own.status).toBe(200);
      expect(own.body.equipmentDecisions).toEqual([
        expect.objectContaining({
          requestId: id,
          outcome: 'approved_with_conditions',
          clauseKey: 'e',
          status: 'closed',
        }),
      ]);
      const other = await get(`/agreements/${agreementId}/implementations`, w.local);
      expect(other.status).toBe(200);
      expect(other.body.equipmentDecisions).toEqual([]);
      expectProblem(await get(`/agreements/${agreementId}/implementations`, w.outsider), 404);
    });

    it('can be withdrawn by the requester only, before hand-over', async () => {
      const r = (await request(w.police)).body;
      expectProblem(
        await post(`/equipment-requests/${r.id}/status`, w.mine, { to: 'withdrawn', note: 'n' }),
        403,
      );
      const withdrawn = await post(`/equipment-requests/${r.id}/status`, w.police, {
        to: 'withdrawn',
        note: 'The road is safe again',
      });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.status).toBe('withdrawn');
      expectProblem(await post(`/equipment-requests/${r.id}/decision`, w.mine, decision()), 409);
    });
  });

  it('a request with a lethal item can only be declined (400 otherwise)', async () => {
    const res = await request(w.police, {
      items: [
        { category: 'vehicle', description: 'Pick-up truck', quantity: 1, transfer: 'loan' },
        { category: 'lethal', description: 'Ammunition', quantity: 500, transfer: 'donation' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.hasLethalItem).toBe(true);
    for (const outcome of ['approved', 'approved_with_conditions']) {
      const refused = await post(
        `/equipment-requests/${res.body.id}/decision`,
        w.mine,
        decision({ outcome }),
      );
      expectProblem(refused, 400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'outcome' })]);
    }
    expect((await get(`/equipment-requests/${res.body.id}`, w.mine)).body.status).toBe('received');
    const declined = await post(
      `/equipment-requests/${res.body.id}/decision`,
      w.mine,
      decision({
        outcome: 'declined',
        conditions: undefined,
        rationale: 'Lethal equipment is never transferred',
      }),
    );
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', decision: { outcome: 'declined' } });
  });

  it('rejects bad input with field errors', async () => {
    const bad = await request(w.police, {
      items: [{ category: 'tanks', description: '', quantity: 0, transfer: 'gift' }],
      extra: true,
    });
    expectProblem(bad, 400);
    const noSite = await request(w.police, { siteId: undefined });
    expectProblem(noSite, 400);
    expect(noSite.body.errors).toEqual([expect.objectContaining({ field: 'decidingOrganisationId' })]);
    // Neither the requester nor the deciding company: the NGO may not record it.
    expectProblem(await request(w.ngo), 403);
    const bySiteless = await request(w.police, { siteId: undefined, decidingOrganisationId: w.orgs.mine });
    expect(bySiteless.status).toBe(201);
    expect(bySiteless.body.decidingOrganisation.id).toBe(w.orgs.mine);
  });

  describe('visibility', () => {
    let id: string;
    let sockets: Record<'mine' | 'police' | 'local' | 'focal' | 'ngo', RealtimeClient>;

    beforeAll(async () => {
      sockets = {
        mine: await connectedClient(t, w.mine.token),
        police: await connectedClient(t, w.police.token),
        local: await connectedClient(t, w.local.token),
        focal: await connectedClient(t, w.focal.token),
        ngo: await connectedClient(t, w.ngo.token),
      };
      id = (await request(w.police)).body.id;
      await post(
        `/equipment-requests/${id}/decision`,
        w.mine,
        decision({ outcome: 'declined', conditions: undefined }),
      );
    });
    afterAll(() => Object.values(sockets ?? {}).forEach((c) => c.close()));

    it('deciding company 200, requesting agency 200, another member 404, outsider 404', async () => {
      expect((await get(`/equipment-requests/${id}`, w.mine)).status).toBe(200);
      expect((await get(`/equipment-requests/${id}`, w.police)).status).toBe(200);
      expectProblem(await get(`/equipment-requests/${id}`, w.local), 404);
      expectProblem(await get(`/equipment-requests/${id}`, w.outsider), 404);
      // the focal point and the civil-society co-chair as such see nothing either
      expectProblem(await get(`/equipment-requests/${id}`, w.focal), 404);
      expectProblem(await get(`/equipment-requests/${id}`, w.ngo), 404);
      for (const u of [w.local, w.focal, w.outsider])
        expectProblem(await post(`/equipment-requests/${id}/status`, u, { to: 'withdrawn', note: 'n' }), 404);
      expect(await listed(w.mine)).toContain(id);
      expect(await listed(w.police)).toContain(id);
      expect(await listed(w.local)).not.toContain(id);
      expect(await listed(w.focal)).not.toContain(id);
      expect(await listed(w.outsider)).toBe(404);
    });

    it('events reach only those entitled, in realtime and on replay', async () => {
      const has = (c: RealtimeClient, type: string) => () =>
        c.received.some((e) => e.type === type && e.data.requestId === id);
      await eventually(has(sockets.mine, 'equipment.decided'));
      await eventually(has(sockets.police, 'equipment.requested'));
      // A group-wide event sent afterwards: once it has arrived, the request's would have too.
      const site = await post(`/groups/${w.groupId}/sites`, w.focal, {
        name: 'Sentinel office',
        kind: 'office',
        operatorOrganisationId: w.orgs.host,
        publicSecurityPresent: false,
      });
      for (const c of [sockets.local, sockets.focal, sockets.ngo]) {
        await eventually(() =>
          c.received.some((e) => e.type === 'site.created' && e.entityId === site.body.id),
        );
        expect(c.received.filter((e) => e.data.requestId === id)).toEqual([]);
      }
      for (const u of [w.local, w.focal, w.ngo])
        expect((await replayEvents(t, u, w.groupId)).items.filter((e) => e.data.requestId === id)).toEqual(
          [],
        );
      const own = await replayEvents(t, w.police, w.groupId);
      expect(own.items.filter((e) => e.data.requestId === id).map((e) => e.type)).toEqual([
        'equipment.requested',
        'equipment.decided',
      ]);
      expect(JSON.stringify(own.items)).not.toContain('Patrols of the access road');
    });

    it('the audit log shows its entries only to the focal point when shared; sharing widens sight', async () => {
      const auditIds = async (u: TestUser) =>
        (await get(`/groups/${w.groupId}/audit?limit=200`, u)).body.items
          .filter((a: any) => a.entityId === id)
          .map((a: any) => a.action);
      expect(await auditIds(w.focal)).toEqual([]);
      expectProblem(
        await t
          .api()
          .patch(`/api/v1/equipment-requests/${id}`)
          .set(w.local.auth)
          .send({ sharedWithOrganisationIds: [w.orgs.ngo] }),
        404,
      );
      const shared = await t
        .api()
        .patch(`/api/v1/equipment-requests/${id}`)
        .set(w.police.auth)
        .send({ sharedWithOrganisationIds: [w.orgs.ngo, w.orgs.host] });
      expect(shared.status).toBe(200);
      expect(shared.body.sharedWithOrganisations.map((o: any) => o.id).sort()).toEqual(
        [w.orgs.ngo, w.orgs.host].sort(),
      );
      expect((await get(`/equipment-requests/${id}`, w.ngo)).status).toBe(200);
      expect(await auditIds(w.focal)).toEqual([
        'equipment.updated',
        'equipment.decided',
        'equipment.requested',
      ]);
      expect(JSON.stringify((await get(`/groups/${w.groupId}/audit?limit=200`, w.focal)).body)).not.toContain(
        'Patrols of the access road',
      );
      // the shared organisation is told from now on; another member still is not
      await eventually(() =>
        sockets.ngo.received.some((e) => e.type === 'equipment.updated' && e.data.requestId === id),
      );
      expectProblem(await get(`/equipment-requests/${id}`, w.local), 404);
      // shared organisations see but do not decide
      expectProblem(
        await post(`/equipment-requests/${id}/status`, w.ngo, { to: 'withdrawn', note: 'n' }),
        403,
      );
    });
  });
});
