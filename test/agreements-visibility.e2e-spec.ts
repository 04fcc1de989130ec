/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { INestApplicationContext } from '@nestjs/common';
import { AgreementJobs } from '@roundtable/domain';
import { agreementWorld, AgreementWorld, agreeVersion, createAgreement, signAll } from './support/agreements';
import { replayEvents } from './support/incidents';
import { connectedClient, createTestWorker, eventually, RealtimeClient } from './support/realtime';
import { createTestApp, expectProblem, TestApp, TestUser } from './support/test-app';

type Mode = 'parties' | 'summary' | 'group';
type Viewer = 'party' | 'partyObserver' | 'nonParty' | 'focalPoint' | 'coChair' | 'outsider';
// What a viewer gets for an agreement of each mode: the full agreement, its summary, or nothing.
type Sight = 'full' | 'summary' | 'none';

const MATRIX: Record<Viewer, Record<Mode, Sight>> = {
  party: { parties: 'full', summary: 'full', group: 'full' },
  partyObserver: { parties: 'full', summary: 'full', group: 'full' },
  nonParty: { parties: 'none', summary: 'summary', group: 'full' },
  focalPoint: { parties: 'none', summary: 'summary', group: 'full' },
  coChair: { parties: 'none', summary: 'summary', group: 'full' },
  outsider: { parties: 'none', summary: 'none', group: 'none' },
};
const MODES: Mode[] = ['parties', 'summary', 'group'];
const VIEWERS = Object.keys(MATRIX) as Viewer[];
// A word that appears only in the clause text of every agreement below (never in a title).
const CLAUSE_WORD = 'kingfisherprotocol';

// Who sees what of an agreement, in every place it can appear: lists, detail, search, versions,
// diff, export, obligations, legal references, events (replay and realtime), notifications and
// indicators. The parties are the mining company and the police.
describe('agreement visibility', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let w: AgreementWorld;
  const agreements = {} as Record<Mode, { id: string; versionId: string; v2: string; obligationId: string }>;

  const viewer = (v: Viewer): TestUser =>
    ({
      party: w.police,
      partyObserver: w.mineObserver,
      nonParty: w.local,
      focalPoint: w.focal,
      coChair: w.ngo,
      outsider: w.outsider,
    })[v];
  const get = (path: string, u: TestUser) => t.api().get(`/api/v1${path}`).set(u.auth);
  const ids = async (u: TestUser, query = ''): Promise<Record<string, string> | number> => {
    const res = await get(`/groups/${w.groupId}/agreements?limit=200${query}`, u);
    if (res.status !== 200) return res.status;
    return Object.fromEntries(res.body.items.map((a: any) => [a.id, a.access]));
  };
  const sightIn = (listed: Record<string, string> | number, id: string): Sight | number =>
    typeof listed === 'number' ? listed : ((listed[id] as Sight | undefined) ?? 'none');

  beforeAll(async () => {
    t = await createTestApp();
    // No scheduler ticks during the test: the job runs when the test says so.
    worker = await createTestWorker({ AGREEMENT_JOBS_INTERVAL_MS: '3600000' });
    w = await agreementWorld(t);
    const jobs = worker.get(AgreementJobs);
    for (const mode of MODES) {
      const site = await t
        .api()
        .post(`/api/v1/groups/${w.groupId}/sites`)
        .set(w.mine.auth)
        .send({
          name: `Site ${mode}`,
          kind: 'mine',
          operatorOrganisationId: w.orgs.mine,
          publicSecurityPresent: true,
        });
      const a = await createAgreement(t, w, w.mine, {
        title: `Accord ${mode}`,
        visibility: mode,
        effectiveFrom: '2020-01-01',
        siteIds: [site.body.id],
      });
      const versionId = a.body.currentVersion.id;
      const v = (await get(`/agreement-versions/${versionId}`, w.mine)).body;
      const clauses = v.clauses.map((c: any) => ({
        key: c.key,
        heading: c.heading,
        body: c.key === 'c' ? `${c.body} The ${CLAUSE_WORD} applies.` : c.body,
      }));
      await t
        .api()
        .put(`/api/v1/agreement-versions/${versionId}`)
        .set(w.mine.auth)
        .send({ clauses, expectedRevision: 1 });
      await agreeVersion(t, w, versionId);
      await signAll(t, w, versionId, '2020-01-01');
      await jobs.runFor(a.id);
      const ob = await t
        .api()
        .post(`/api/v1/agreements/${a.id}/obligations`)
        .set(w.mine.auth)
        .send({
          clauseKey: 'd',
          title: `Training ${mode}`,
          responsibleOrganisationId: w.orgs.police,
          dueDate: '2099-01-01',
        });
      await t
        .api()
        .post(`/api/v1/agreements/${a.id}/legal-references`)
        .set(w.mine.auth)
        .send({ kind: 'statute', citation: `Code minier (${mode})` });
      const v2 = await t
        .api()
        .post(`/api/v1/agreements/${a.id}/versions`)
        .set(w.police.auth)
        .send({ basedOnVersion: 1, changeSummary: 'Yearly review' });
      agreements[mode] = { id: a.id, versionId, v2: v2.body.id, obligationId: ob.body.id };
    }
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  describe.each(VIEWERS)('%s', (who) => {
    const expected = (mode: Mode) => MATRIX[who][mode];

    it.each(MODES)('%s agreement: list, detail and search', async (mode) => {
      const u = viewer(who);
      const { id } = agreements[mode];
      const sight = expected(mode);
      const listed = await ids(u);
      if (who === 'outsider') {
        expect(listed).toBe(404);
        expectProblem(await get(`/agreements/${id}`, u), 404);
        return;
      }
      expect(sightIn(listed, id)).toBe(sight);
      const detail = await get(`/agreements/${id}`, u);
      if (sight === 'none') {
        expectProblem(detail, 404);
      } else {
        expect(detail.status).toBe(200);
        expect(detail.body).toMatchObject({ access: sight, title: `Accord ${mode}`, status: 'in_force' });
        expect(detail.body.coverage.covered).toHaveLength(10);
        expect(detail.body.parties.map((p: any) => p.organisation.id)).toEqual([w.orgs.mine, w.orgs.police]);
        expect(detail.body.nextReviewOn).toBe('2021-01-01');
        // the summary never carries the text or the versions
        for (const field of ['currentVersion', 'openVersion', 'templateKey', 'openReviewRequests'])
          expect([field, field in detail.body]).toEqual([field, sight === 'full']);
      }
      // titles are found wherever the agreement is listed; clause text only where it may be read
      expect(sightIn(await ids(u, `&q=${encodeURIComponent(`Accord ${mode}`)}`), id)).toBe(sight);
      expect(sightIn(await ids(u, `&q=${CLAUSE_WORD}`), id)).toBe(sight === 'full' ? 'full' : 'none');
      expect(sightIn(await ids(u, `&siteId=${(detail.body.sites?.[0] ?? {}).id ?? id}`), id)).toBe(
        sight === 'none' ? 'none' : sight,
      );
    });

    it.each(MODES)(
      '%s agreement: versions, diff, export, obligations, legal references, reviews',
      async (mode) => {
        const u = viewer(who);
        const a = agreements[mode];
        const content = expected(mode) === 'full' ? 200 : 404;
        const paths = [
          `/agreements/${a.id}/versions`,
          `/agreement-versions/${a.versionId}`,
          `/agreement-versions/${a.v2}/diff?against=${a.versionId}`,
          `/agreement-versions/${a.versionId}/export?format=md`,
          `/agreements/${a.id}/obligations`,
          `/obligations/${a.obligationId}`,
          `/agreements/${a.id}/legal-references`,
          `/agreements/${a.id}/reviews`,
          `/agreements/${a.id}/review-requests`,
        ];
        for (const path of paths) {
          const res = await get(path, u);
          expect([path, res.status]).toEqual([path, content]);
          if (content === 404) expectProblem(res, 404);
        }
      },
    );

    it('replays only the events it may see', async () => {
      const u = viewer(who);
      const replay = await replayEvents(t, u, w.groupId);
      if (who === 'outsider') {
        expect(replay.status).toBe(404);
        return;
      }
      for (const mode of MODES) {
        const types = new Set(
          replay.items.filter((e) => e.data.agreementId === agreements[mode].id).map((e) => e.type),
        );
        const sight = expected(mode);
        // the agreement record (creation, status, signatures) is summary information
        expect([mode, types.has('agreement.created'), types.has('agreement.signed')]).toEqual([
          mode,
          sight !== 'none',
          sight !== 'none',
        ]);
        // the text, obligations and legal basis are content
        for (const type of ['agreement.version_proposed', 'agreement.version_agreed', 'obligation.created'])
          expect([mode, type, types.has(type)]).toEqual([mode, type, sight === 'full']);
      }
    });

    it('counts in the indicators only what it may see', async () => {
      const u = viewer(who);
      const res = await get(`/groups/${w.groupId}/agreements/indicators`, u);
      if (who === 'outsider') return expectProblem(res, 404);
      expect(res.status).toBe(200);
      const visible = MODES.filter((m) => expected(m) !== 'none').length;
      const readable = MODES.filter((m) => expected(m) === 'full').length;
      expect(res.body.agreementsInForce).toBe(visible);
      expect(res.body.sites).toEqual({
        withPublicSecurity: 3,
        withAgreementInForce: visible,
        share: Math.round((visible / 3) * 1000) / 1000,
      });
      expect(res.body.clauseCoverage.map((c: any) => c.agreements)).toEqual(Array(10).fill(visible));
      expect(res.body.reviewsOverdue).toBe(visible);
      expect(res.body.obligations).toEqual({ total: readable, met: 0, overdue: 0 });
    });
  });

  it('notifies only the members who may see the agreement', async () => {
    const rows: { user_id: string; entity_id: string }[] = await t.ds.query(
      `SELECT DISTINCT user_id, entity_id FROM notifications WHERE entity_id = ANY($1::uuid[])`,
      [MODES.map((m) => agreements[m].id)],
    );
    const notified = (mode: Mode) =>
      new Set(rows.filter((r) => r.entity_id === agreements[mode].id).map((r) => r.user_id));
    for (const mode of MODES) {
      expect(notified(mode).has(w.police.id)).toBe(true);
      for (const u of [w.local, w.focal, w.ngo, w.outsider]) expect(notified(mode).has(u.id)).toBe(false);
    }
  });

  it('delivers realtime events only to those who may see them', async () => {
    const sockets: Record<'party' | 'nonParty' | 'focalPoint', RealtimeClient> = {
      party: await connectedClient(t, w.police.token),
      nonParty: await connectedClient(t, w.local.token),
      focalPoint: await connectedClient(t, w.focal.token),
    };
    try {
      const hidden = await createAgreement(t, w, w.mine, {
        title: 'Realtime parties',
        visibility: 'parties',
      });
      const summary = await createAgreement(t, w, w.mine, {
        title: 'Realtime summary',
        visibility: 'summary',
      });
      await t
        .api()
        .post(`/api/v1/agreement-versions/${summary.body.currentVersion.id}/propose`)
        .set(w.mine.auth);
      const has = (c: RealtimeClient, type: string, agreementId: string) => () =>
        c.received.some((e) => e.type === type && e.data.agreementId === agreementId);
      await eventually(has(sockets.party, 'agreement.created', hidden.id));
      await eventually(has(sockets.party, 'agreement.version_proposed', summary.id));
      // a group-wide event sent after them: once it has arrived, the others would have too
      const site = await t.api().post(`/api/v1/groups/${w.groupId}/sites`).set(w.focal.auth).send({
        name: 'Sentinel site',
        kind: 'office',
        operatorOrganisationId: w.orgs.host,
        publicSecurityPresent: false,
      });
      for (const c of [sockets.nonParty, sockets.focalPoint]) {
        await eventually(() =>
          c.received.some((e) => e.type === 'site.created' && e.entityId === site.body.id),
        );
        expect(c.received.some((e) => e.data.agreementId === hidden.id)).toBe(false);
        expect(has(c, 'agreement.created', summary.id)()).toBe(true);
        expect(has(c, 'agreement.version_proposed', summary.id)()).toBe(false);
      }
    } finally {
      for (const c of Object.values(sockets)) c.close();
    }
  });

  it('applies a narrowed visibility at once, to past events too', async () => {
    const a = await createAgreement(t, w, w.mine, { title: 'Narrowed later', visibility: 'group' });
    const seen = async (u: TestUser) =>
      (await replayEvents(t, u, w.groupId)).items.some((e) => e.data.agreementId === a.id);
    expect(await seen(w.local)).toBe(true);
    expect((await get(`/agreements/${a.id}`, w.local)).status).toBe(200);
    const narrowed = await t
      .api()
      .patch(`/api/v1/agreements/${a.id}`)
      .set(w.police.auth)
      .send({ visibility: 'parties' });
    expect(narrowed.status).toBe(200);
    expectProblem(await get(`/agreements/${a.id}`, w.local), 404);
    expect(await seen(w.local)).toBe(false);
    expect(await seen(w.focal)).toBe(false);
    expect(await seen(w.police)).toBe(true);
  });

  it('names a parent agreement only to those who may see it', async () => {
    const child = await createAgreement(t, w, w.mine, {
      title: 'Local agreement under a hidden MoU',
      level: 'local',
      kind: 'site_security_agreement',
      parentAgreementId: agreements.parties.id,
      visibility: 'group',
    });
    expect((await get(`/agreements/${child.id}`, w.police)).body.parentAgreementId).toBe(
      agreements.parties.id,
    );
    expect((await get(`/agreements/${child.id}`, w.local)).body.parentAgreementId).toBeNull();
    const filtered = await get(
      `/groups/${w.groupId}/agreements?parentAgreementId=${agreements.parties.id}`,
      w.local,
    );
    expect(filtered.body.items).toEqual([]);
  });

  it('lets only party members change, accept and sign; summary viewers may report non-compliance', async () => {
    const s = agreements.summary;
    for (const u of [w.local, w.focal, w.ngo]) {
      expectProblem(await t.api().patch(`/api/v1/agreements/${s.id}`).set(u.auth).send({ title: 'x' }), 404);
      expectProblem(
        await t
          .api()
          .post(`/api/v1/agreements/${s.id}/status`)
          .set(u.auth)
          .send({ to: 'suspended', reason: 'x' }),
        404,
      );
      expectProblem(await t.api().post(`/api/v1/agreement-versions/${s.v2}/accept`).set(u.auth), 404);
    }
    const g = agreements.group;
    expectProblem(
      await t.api().patch(`/api/v1/agreements/${g.id}`).set(w.focal.auth).send({ title: 'x' }),
      403,
    );
    expectProblem(await t.api().post(`/api/v1/agreement-versions/${g.v2}/propose`).set(w.local.auth), 403);
    const report = await t
      .api()
      .post(`/api/v1/agreements/${s.id}/non-compliance`)
      .set(w.ngo.auth)
      .send({
        clauseKeys: ['c'],
        description: 'Unvetted officers at the gate',
        severity: 'high',
        confidentiality: 'group',
      });
    expect(report.status).toBe(201);
    expectProblem(
      await t
        .api()
        .post(`/api/v1/agreements/${agreements.parties.id}/non-compliance`)
        .set(w.ngo.auth)
        .send({ clauseKeys: ['c'], description: 'x', severity: 'high', confidentiality: 'group' }),
      404,
    );
  });
});
