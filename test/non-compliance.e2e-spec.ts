/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { INestApplicationContext } from '@nestjs/common';
import { AgreementJobs } from '@roundtable/domain';
import { agreementInForce, agreementWorld, AgreementWorld, createAgreement } from './support/agreements';
import { downloadAttachment } from './support/files';
import { reportIncident, replayEvents } from './support/incidents';
import { createTestWorker } from './support/realtime';
import { createTestApp, expectProblem, TestApp, TestUser } from './support/test-app';

// Non-compliance reports: any member who can see the agreement reports (civil society included),
// with the confidentiality and anonymity rules of incidents; linked incidents are shown only to
// those who may see them; the parties, the focal point or a co-chair move the report along its
// workflow, each step with a note and a time.
describe('non-compliance', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let w: AgreementWorld;
  let agreement: { id: string; versionId: string };

  const get = (path: string, u: TestUser) => t.api().get(`/api/v1${path}`).set(u.auth);
  const post = (path: string, u: TestUser, body: Record<string, unknown>) =>
    t.api().post(`/api/v1${path}`).set(u.auth).send(body);
  const report = (u: TestUser, body: Record<string, unknown> = {}, agreementId = agreement.id) =>
    post(`/agreements/${agreementId}/non-compliance`, u, {
      clauseKeys: ['c'],
      description: 'Officers without vetting were deployed at the Kasulo gate.',
      severity: 'high',
      confidentiality: 'group',
      ...body,
    });
  const step = (id: string, u: TestUser, to: string, note = `Moved to ${to}`) =>
    post(`/non-compliance/${id}/status`, u, { to, note });
  const fields = (res: { body: { errors?: { field: string }[] } }) =>
    [...new Set((res.body.errors ?? []).map((e) => e.field))].sort();
  const listed = async (u: TestUser, path = `/groups/${w.groupId}/non-compliance`) => {
    const res = await get(`${path}${path.includes('?') ? '&' : '?'}limit=200`, u);
    return res.status === 200 ? res.body.items.map((r: any) => r.id) : res.status;
  };

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker({ AGREEMENT_JOBS_INTERVAL_MS: '3600000' });
    w = await agreementWorld(t);
    const jobs = worker.get(AgreementJobs);
    agreement = await agreementInForce(t, w, (id) => jobs.runFor(id), { visibility: 'summary' });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  describe("an NGO's restricted report linked to a restricted incident", () => {
    let incidentId: string;
    let restricted: any;

    beforeAll(async () => {
      // The NGO's incident, shared with the company only.
      incidentId = (
        await reportIncident(t, w.ngo, w.groupId, {
          title: 'Beating at the Kasulo gate',
          confidentiality: 'restricted',
          sharedWithOrganisationIds: [w.orgs.mine],
          category: 'use_of_force_public_security',
          severity: 'high',
        })
      ).id;
      const res = await report(w.ngo, {
        clauseKeys: ['a', 'c'],
        incidentIds: [incidentId],
        confidentiality: 'restricted',
        sharedWithOrganisationIds: [w.orgs.mine],
        anonymous: true,
      });
      expect(res.status).toBe(201);
      restricted = res.body;
    });

    it('is shown to the reporting organisation with its reporter and the incident', async () => {
      const own = await get(`/non-compliance/${restricted.id}`, w.ngo);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({
        agreementId: agreement.id,
        clauseKeys: ['a', 'c'],
        confidentiality: 'restricted',
        anonymous: true,
        status: 'reported',
        reportedByMyOrganisation: true,
        reporter: { userId: w.ngo.id, organisation: { id: w.orgs.ngo } },
        sharedWithOrganisations: [expect.objectContaining({ id: w.orgs.mine })],
        incidents: [
          {
            id: incidentId,
            title: 'Beating at the Kasulo gate',
            severity: 'high',
            occurredAt: expect.any(String),
          },
        ],
      });
    });

    it('is shown to the organisation it is shared with, without naming the anonymous reporter', async () => {
      const shared = await get(`/non-compliance/${restricted.id}`, w.mine);
      expect(shared.status).toBe(200);
      expect(shared.body).toMatchObject({ reporter: null, reportedByMyOrganisation: false });
      expect(shared.body.incidents.map((i: any) => i.id)).toEqual([incidentId]);
      expect((await get(`/non-compliance/${restricted.id}`, w.mineObserver)).status).toBe(200);
    });

    it('is invisible to everyone else — the other party, the focal point, a non-party member, an outsider', async () => {
      for (const u of [w.police, w.focal, w.local, w.outsider]) {
        expectProblem(await get(`/non-compliance/${restricted.id}`, u), 404);
        expectProblem(await step(restricted.id, u, 'acknowledged'), 404);
        expectProblem(
          await t
            .api()
            .patch(`/api/v1/non-compliance/${restricted.id}`)
            .set(u.auth)
            .send({ recommendationId: null }),
          404,
        );
      }
      for (const u of [w.police, w.focal, w.local]) {
        expect(await listed(u)).not.toContain(restricted.id);
        expect(await listed(u, `/agreements/${agreement.id}/non-compliance`)).not.toContain(restricted.id);
        const events = await replayEvents(t, u, w.groupId);
        expect(
          events.items.filter((e) => e.entityId === restricted.id || e.data.reportId === restricted.id),
        ).toEqual([]);
      }
      expect(await listed(w.outsider)).toBe(404);
      expect(await listed(w.mine)).toContain(restricted.id);
      const ngoEvents = await replayEvents(t, w.ngo, w.groupId);
      const reported = ngoEvents.items.find(
        (e) => e.type === 'noncompliance.reported' && e.entityId === restricted.id,
      );
      expect(reported?.data).toMatchObject({ anonymous: true, confidentiality: 'restricted' });
      expect(reported?.data).not.toHaveProperty('reporterUserId');
    });

    it('keeps its evidence (attachments) exactly as visible as the report', async () => {
      const evidence = Buffer.from('Statement of the witness, 12 March, kept by the NGO\n');
      const added = await t
        .api()
        .post(`/api/v1/non-compliance/${restricted.id}/attachments`)
        .set(w.ngo.auth)
        .attach('file', evidence, { filename: 'statement.txt', contentType: 'text/plain' });
      expect(added.status).toBe(201);
      for (const u of [w.ngo, w.mine]) {
        const got = await downloadAttachment(t, u, added.body.id);
        expect(got.status).toBe(200);
        expect(Buffer.compare(got.body as Buffer, evidence)).toBe(0);
      }
      for (const u of [w.police, w.focal, w.local, w.outsider]) {
        expectProblem(await get(`/attachments/${added.body.id}`, u), 404);
        expectProblem(await get(`/non-compliance/${restricted.id}/attachments`, u), 404);
        const events = await replayEvents(t, u, w.groupId).catch(() => ({ items: [] }));
        expect(events.items.some((e) => e.entityId === added.body.id)).toBe(false);
      }
      const [audit] = await t.ds.query(
        `SELECT scope_kind, actor_user_id FROM audit_events WHERE action = 'attachment.added' AND entity_id = $1`,
        [added.body.id],
      );
      expect(audit.scope_kind).toBe('non_compliance');
    });

    it('notifies only the entitled party members, and attributes nothing in the audit trail', async () => {
      const notified: string[] = (
        await t.ds.query(
          `SELECT user_id FROM notifications WHERE type = 'noncompliance.reported' AND entity_id = $1 ORDER BY user_id`,
          [restricted.id],
        )
      ).map((r: any) => r.user_id);
      expect(notified).toEqual([w.mine.id, w.mineObserver.id].sort());
      const [audit] = await t.ds.query(
        `SELECT actor_user_id, details FROM audit_events WHERE action = 'noncompliance.reported' AND entity_id = $1`,
        [restricted.id],
      );
      expect(audit.actor_user_id).toBeNull();
      expect(JSON.stringify(audit.details)).not.toContain('Kasulo');
    });

    it('moves along its workflow with a note and a time per step; the reporter is told', async () => {
      expectProblem(await step(restricted.id, w.mine, 'resolved'), 409);
      expectProblem(await step(restricted.id, w.mineObserver, 'acknowledged'), 403);
      expectProblem(
        await post(`/non-compliance/${restricted.id}/status`, w.mine, { to: 'acknowledged' }),
        400,
      );
      const ack = await step(
        restricted.id,
        w.mine,
        'acknowledged',
        'We have seen it and will raise it with the commander',
      );
      expect(ack.status).toBe(200);
      expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedAt: expect.any(String) });
      for (const to of ['raised_with_authorities', 'action_agreed', 'resolved'])
        expect((await step(restricted.id, w.mine, to)).status).toBe(200);
      const done = (await get(`/non-compliance/${restricted.id}`, w.ngo)).body;
      expect(done).toMatchObject({
        status: 'resolved',
        resolvedAt: expect.any(String),
        closedAt: expect.any(String),
      });
      expect(done.steps.map((s: any) => [s.statusFrom, s.statusTo])).toEqual([
        ['reported', 'acknowledged'],
        ['acknowledged', 'raised_with_authorities'],
        ['raised_with_authorities', 'action_agreed'],
        ['action_agreed', 'resolved'],
      ]);
      expect(done.steps[0]).toMatchObject({
        note: 'We have seen it and will raise it with the commander',
        actorUserId: w.mine.id,
        actorOrganisationId: w.orgs.mine,
        at: expect.any(String),
      });
      expectProblem(await step(restricted.id, w.mine, 'dismissed'), 409);
      const told = await t.ds.query(
        `SELECT count(*)::int AS n FROM notifications WHERE type = 'noncompliance.updated' AND entity_id = $1 AND user_id = $2`,
        [restricted.id, w.ngo.id],
      );
      expect(told[0].n).toBe(4);
      const police = await t.ds.query(`SELECT 1 FROM notifications WHERE entity_id = $1 AND user_id = $2`, [
        restricted.id,
        w.police.id,
      ]);
      expect(police).toEqual([]);
    });
  });

  describe('a report seen by the whole group', () => {
    it('shows a restricted linked incident only to those who may see it', async () => {
      const incident = await reportIncident(t, w.ngo, w.groupId, {
        title: 'Arrests near the pit',
        confidentiality: 'restricted',
        sharedWithOrganisationIds: [w.orgs.mine],
      });
      const open = await reportIncident(t, w.ngo, w.groupId, { title: 'Protest at the gate' });
      const res = await report(w.ngo, { incidentIds: [incident.id, open.id] });
      expect(res.status).toBe(201);
      const seenBy = async (u: TestUser) =>
        (await get(`/non-compliance/${res.body.id}`, u)).body.incidents.map((i: any) => i.title);
      expect(await seenBy(w.mine)).toEqual(
        expect.arrayContaining(['Arrests near the pit', 'Protest at the gate']),
      );
      for (const u of [w.police, w.focal, w.local]) expect(await seenBy(u)).toEqual(['Protest at the gate']);
      expect(await listed(w.focal)).toContain(res.body.id);
    });

    it('is moved on by a party or the focal point, not by other members (403)', async () => {
      const res = await report(w.local, { severity: 'medium' });
      expect(res.status).toBe(201);
      expect(res.body.reporter).toMatchObject({ userId: w.local.id });
      expectProblem(await step(res.body.id, w.local, 'acknowledged'), 403);
      expect((await step(res.body.id, w.focal, 'acknowledged')).status).toBe(200);
      expect((await step(res.body.id, w.police, 'raised_with_authorities')).status).toBe(200);
      expect(
        (await step(res.body.id, w.police, 'unresolved', 'The commander refused to act')).body.status,
      ).toBe('unresolved');
      const filtered = await listed(w.local, `/groups/${w.groupId}/non-compliance?status=unresolved`);
      expect(filtered).toEqual([res.body.id]);
    });

    it('links the follow-up recommendation', async () => {
      const res = await report(w.ngo);
      const rec = await post(`/groups/${w.groupId}/recommendations`, w.focal, {
        title: 'Vet the officers assigned to Kasulo',
        responsibleOrganisationIds: [w.orgs.police],
        dueDate: '2099-01-31',
        priority: 'high',
      });
      expect(rec.status).toBe(201);
      const patch = (u: TestUser, body: Record<string, unknown>) =>
        t.api().patch(`/api/v1/non-compliance/${res.body.id}`).set(u.auth).send(body);
      expectProblem(await patch(w.local, { recommendationId: rec.body.id }), 403);
      const linked = await patch(w.police, { recommendationId: rec.body.id });
      expect(linked.status).toBe(200);
      expect(linked.body.recommendationId).toBe(rec.body.id);
      expectProblem(await patch(w.police, { recommendationId: '00000000-0000-4000-8000-000000000000' }), 400);
      expectProblem(await patch(w.police, { recommendationId: 'x' }), 400);
      expect((await patch(w.police, { recommendationId: null })).body.recommendationId).toBeNull();
      const events = (await replayEvents(t, w.local, w.groupId)).items.filter(
        (e) => e.entityId === res.body.id,
      );
      expect(events.map((e) => [e.type, e.data.change ?? null])).toEqual([
        ['noncompliance.reported', null],
        ['noncompliance.updated', 'recommendation'],
        ['noncompliance.updated', 'recommendation'],
      ]);
    });
  });

  describe('validation', () => {
    it('names each invalid link', async () => {
      const hidden = await reportIncident(t, w.police, w.groupId, {
        title: 'Police only',
        confidentiality: 'restricted',
      });
      const obligation = await post(`/agreements/${agreement.id}/obligations`, w.mine, {
        clauseKey: 'd',
        title: 'Train',
        responsibleOrganisationId: w.orgs.police,
      });
      expect(obligation.status).toBe(201);
      const cases: [TestUser, Record<string, unknown>, string[]][] = [
        [w.ngo, { clauseKeys: ['c', 'zz'] }, ['clauseKeys.1']],
        [w.ngo, { clauseKeys: [] }, ['clauseKeys']],
        [w.ngo, { incidentIds: [hidden.id] }, ['incidentIds.0']],
        // obligations are agreement content: a summary viewer cannot name one
        [w.ngo, { obligationId: obligation.body.id }, ['obligationId']],
        [w.ngo, { siteId: '00000000-0000-4000-8000-000000000000' }, ['siteId']],
        [w.ngo, { sharedWithOrganisationIds: [w.orgs.mine] }, ['sharedWithOrganisationIds']],
        [w.ngo, { severity: 'grave', confidentiality: 'secret' }, ['confidentiality', 'severity']],
        [w.ngo, { description: '' }, ['description']],
      ];
      for (const [u, body, expected] of cases) {
        const res = await report(u, body);
        expectProblem(res, 400);
        expect([JSON.stringify(body), fields(res)]).toEqual([JSON.stringify(body), expected]);
      }
      const withObligation = await report(w.police, { obligationId: obligation.body.id });
      expect(withObligation.status).toBe(201);
      expect(withObligation.body.obligationId).toBe(obligation.body.id);
      // …and the summary viewer sees the report without the obligation
      expect((await get(`/non-compliance/${withObligation.body.id}`, w.local)).body.obligationId).toBeNull();
    });

    it('is refused to observers (403), outsiders and non-parties of a parties agreement (404), and before signature (409)', async () => {
      expectProblem(await report(w.mineObserver), 403);
      expectProblem(await report(w.outsider), 404);
      const partiesOnly = await createAgreement(t, w, w.mine, { visibility: 'parties' });
      expectProblem(await report(w.ngo, {}, partiesOnly.id), 404);
      expectProblem(await report(w.mine, {}, partiesOnly.id), 409);
      const draft = await createAgreement(t, w, w.mine, { visibility: 'group' });
      expectProblem(await report(w.ngo, {}, draft.id), 409);
    });

    it('shares a report on a parties agreement only with party organisations', async () => {
      const jobs = worker.get(AgreementJobs);
      const partiesOnly = await agreementInForce(t, w, (id) => jobs.runFor(id), { visibility: 'parties' });
      const res = await report(
        w.mine,
        { confidentiality: 'restricted', sharedWithOrganisationIds: [w.orgs.local] },
        partiesOnly.id,
      );
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([
        { field: 'sharedWithOrganisationIds.0', message: expect.stringContaining('party') },
      ]);
      const ok = await report(
        w.mine,
        { confidentiality: 'restricted', sharedWithOrganisationIds: [w.orgs.police] },
        partiesOnly.id,
      );
      expect(ok.status).toBe(201);
      expect((await get(`/non-compliance/${ok.body.id}`, w.police)).status).toBe(200);
      expectProblem(await get(`/non-compliance/${ok.body.id}`, w.ngo), 404);
    });
  });
});
