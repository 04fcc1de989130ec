/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { INestApplicationContext } from '@nestjs/common';
import { AgreementJobs } from '@roundtable/domain';
import { agreementInForce, agreementWorld, AgreementWorld } from './support/agreements';
import { replayEvents } from './support/incidents';
import { createTestWorker } from './support/realtime';
import { createTestApp, expectProblem, TestApp, TestUser } from './support/test-app';

// Training of the public security forces assigned to sites: the minimum-topics catalogue (both
// editions), programmes and sessions (counts, never names), assigned forces with rotations, and
// coverage figures checked against a seeded set with known answers.
describe('engagement: training', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let w: AgreementWorld;
  let sites: { a: string; b: string };
  let agreementId: string;

  const get = (path: string, u: TestUser) => t.api().get(`/api/v1${path}`).set(u.auth);
  const post = (path: string, u: TestUser, body: Record<string, unknown>) =>
    t.api().post(`/api/v1${path}`).set(u.auth).send(body);
  const put = (path: string, u: TestUser, body: Record<string, unknown>) =>
    t.api().put(`/api/v1${path}`).set(u.auth).send(body);
  const programme = (u: TestUser, body: Record<string, unknown> = {}) =>
    post(`/groups/${w.groupId}/training-programmes`, u, {
      title: 'Human rights and the use of force — Kolwezi contingent',
      audience: 'police',
      agencyOrganisationId: w.orgs.police,
      siteIds: [sites.a, sites.b],
      topics: ['human_rights_law', 'use_of_force'],
      ...body,
    });
  const session = (id: string, u: TestUser, body: Record<string, unknown> = {}) =>
    post(`/training-programmes/${id}/sessions`, u, {
      heldOn: '2026-03-01',
      location: 'Kolwezi police camp',
      language: 'fr',
      topics: ['use_of_force'],
      trainees: { total: 10, women: 2 },
      ...body,
    });
  const forces = (siteId: string, u: TestUser, body: Record<string, unknown>) =>
    put(`/sites/${siteId}/assigned-forces`, u, { agencyOrganisationId: w.orgs.police, ...body });

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker({ AGREEMENT_JOBS_INTERVAL_MS: '3600000' });
    w = await agreementWorld(t);
    const site = async (name: string) => {
      const res = await post(`/groups/${w.groupId}/sites`, w.mine, {
        name,
        kind: 'mine',
        operatorOrganisationId: w.orgs.mine,
        publicSecurityPresent: true,
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    sites = { a: await site('Kamoto'), b: await site('Mashamba') };
    const jobs = worker.get(AgreementJobs);
    agreementId = (await agreementInForce(t, w, (id) => jobs.runFor(id), { visibility: 'group' })).id;
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('serves the minimum-topics catalogue per edition and locale', async () => {
    const third = await get('/catalogue/training-topics', w.local);
    expect(third.status).toBe(200);
    expect(third.body.edition).toMatchObject({ key: '3rd', latest: true });
    const minimum = (body: any) => body.items.filter((i: any) => i.minimum).map((i: any) => i.key);
    expect(minimum(third.body)).toContain('gender_and_sgbv');
    expect(minimum(third.body)).not.toContain('first_aid');
    const second = await get('/catalogue/training-topics?edition=2nd&locale=fr', w.local);
    expect(second.body).toMatchObject({ edition: { key: '2nd', latest: false }, locale: 'fr' });
    expect(minimum(second.body)).toContain('first_aid');
    expect(second.body.items.find((i: any) => i.key === 'first_aid').label).toBe('Premiers secours');
    expectProblem(await get('/catalogue/training-topics?edition=4th', w.local), 400);
  });

  describe('coverage against a seeded set', () => {
    let p1: string;
    let p2: string;

    beforeAll(async () => {
      // Site A: 30 officers, then a rotation on 1 March brings 25; site B: 15 since 1 February.
      // The military at site A are another agency and do not count.
      expect((await forces(sites.a, w.mine, { headcount: 30, asOf: '2025-09-01' })).status).toBe(200);
      expect((await forces(sites.b, w.police, { headcount: 15, asOf: '2026-02-01' })).status).toBe(200);
      const rotated = await forces(sites.a, w.mine, {
        headcount: 25,
        asOf: '2026-03-01',
        nextRotationOn: '2026-09-01',
      });
      expect(rotated.status).toBe(200);
      expect(rotated.body).toMatchObject({ headcount: 25, asOf: '2026-03-01', nextRotationOn: '2026-09-01' });
      expect(rotated.body.rotations.map((r: any) => r.asOf)).toEqual(['2026-03-01', '2025-09-01']);
      const created = await programme(w.mine, { agreementId, clauseKey: 'd' });
      expect(created.status).toBe(201);
      p1 = created.body.id;
      // Before the rotation: 20 trained, community relations covered — for forces since gone.
      expect(
        (
          await session(p1, w.police, {
            heldOn: '2026-01-15',
            topics: ['community_relations'],
            trainees: { total: 20, women: 5 },
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await session(p1, w.police, {
            heldOn: '2026-03-01',
            topics: ['human_rights_law', 'voluntary_principles', 'use_of_force'],
            trainees: { total: 18, women: 4 },
            preTestAverage: 50,
            postTestAverage: 80,
          })
        ).status,
      ).toBe(201);
      const last = await session(p1, w.mine, {
        heldOn: '2026-04-10',
        language: 'sw',
        topics: ['code_of_conduct', 'arrest_and_detention', 'gender_and_sgbv'],
        trainees: { total: 12, women: 3 },
        preTestAverage: 40,
        postTestAverage: 70,
      });
      expect(last.status).toBe(201);
      expect(last.body).toMatchObject({
        trainees: { total: 12, women: 3 },
        preTestAverage: 40,
        language: 'sw',
      });
      p2 = (
        await programme(w.police, {
          title: 'First aid',
          siteIds: undefined,
          catalogueEdition: '2nd',
          topics: ['first_aid'],
        })
      ).body.id;
      expect((await session(p2, w.police, { topics: ['first_aid'] })).status).toBe(201);
    });

    it('trained since the last rotation ÷ assigned headcount: 30 of 40 → 0.75; topics covered and missing', async () => {
      const res = await get(`/training-programmes/${p1}`, w.local);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        agencyOrganisation: { id: w.orgs.police },
        agreementId,
        clauseKey: 'd',
        catalogueEdition: '3rd',
        sessionCount: 3,
        traineesTotal: 50,
        traineesWomen: 12,
        preTestAverage: 46,
        postTestAverage: 76,
        mayRecordSessions: false,
        coverage: {
          lastRotationOn: '2026-03-01',
          headcount: 40,
          trainedSinceRotation: 30,
          womenSinceRotation: 7,
          ratio: 0.75,
          topicsCovered: [
            'human_rights_law',
            'voluntary_principles',
            'use_of_force',
            'code_of_conduct',
            'arrest_and_detention',
            'gender_and_sgbv',
          ],
          topicsMissing: ['community_relations', 'incident_reporting', 'vulnerable_groups'],
        },
      });
      expect(res.body.sessions.map((s: any) => s.heldOn)).toEqual(['2026-04-10', '2026-03-01', '2026-01-15']);
      expect(JSON.stringify(res.body.sessions)).not.toMatch(/name/i);
    });

    it('a programme without sites has no headcount; its edition decides the minimum topics', async () => {
      const res = await get(`/training-programmes/${p2}`, w.police);
      expect(res.body.coverage).toMatchObject({ headcount: null, ratio: null, trainedSinceRotation: 10 });
      expect(res.body.coverage.topicsCovered).toEqual(['first_aid']);
      expect(res.body.coverage.minimumTopics).not.toContain('gender_and_sgbv');
      expect(res.body.mayRecordSessions).toBe(true);
    });

    it('lists programmes with coverage, by site and agency', async () => {
      const all = await get(`/groups/${w.groupId}/training-programmes`, w.ngo);
      expect(all.status).toBe(200);
      expect(all.body.items.map((p: any) => p.id)).toEqual([p1, p2]);
      expect(all.body.items[0].coverage.ratio).toBe(0.75);
      expect(all.body.items[0]).not.toHaveProperty('sessions');
      const bySite = await get(`/groups/${w.groupId}/training-programmes?siteId=${sites.b}`, w.ngo);
      expect(bySite.body.items.map((p: any) => p.id)).toEqual([p1]);
      expectProblem(await get(`/groups/${w.groupId}/training-programmes`, w.outsider), 404);
      expectProblem(await get(`/training-programmes/${p1}`, w.outsider), 404);
    });

    it("is listed among the agreement's implementations", async () => {
      const res = await get(`/agreements/${agreementId}/implementations`, w.ngo);
      expect(res.body.trainingProgrammes).toEqual([expect.objectContaining({ id: p1, clauseKey: 'd' })]);
    });

    it('records events every member sees', async () => {
      const events = await replayEvents(t, w.local, w.groupId);
      const sessions = events.items.filter(
        (e) => e.type === 'training.session_recorded' && e.data.programmeId === p1,
      );
      expect(sessions).toHaveLength(3);
      expect(sessions[0].data).toMatchObject({ trainees: { total: 20, women: 5 } });
      expect(events.items.filter((e) => e.type === 'forces.assigned')).toHaveLength(3);
      expect(events.items.some((e) => e.type === 'training.programme_created' && e.entityId === p1)).toBe(
        true,
      );
    });
  });

  it('who may record: programme organisations, agency, focal point, co-chairs — not other members or observers', async () => {
    const p = (await programme(w.mine)).body.id;
    expectProblem(await session(p, w.local), 403);
    expectProblem(await session(p, w.mineObserver), 403);
    expectProblem(await session(p, w.outsider), 404);
    expect((await session(p, w.focal)).status).toBe(201);
    expectProblem(await forces(sites.a, w.local, { headcount: 3, asOf: '2026-01-01' }), 403);
    expectProblem(await forces(sites.a, w.outsider, { headcount: 3, asOf: '2026-01-01' }), 404);
    expectProblem(await programme(w.mineObserver), 403);
  });

  it('rejects invalid programmes, sessions and counts with field errors', async () => {
    const fields = (res: any) => (res.body.errors ?? []).map((e: any) => e.field).sort();
    const bad = await programme(w.mine, { topics: ['karate'], audience: 'navy', clauseKey: 'd' });
    expectProblem(bad, 400);
    expect(fields(bad)).toEqual(['audience', 'topics']);
    const noAgreement = await programme(w.mine, { clauseKey: 'd' });
    expect(fields(noAgreement)).toEqual(['clauseKey']);
    const noClause = await programme(w.mine, { agreementId, clauseKey: 'z' });
    expect(fields(noClause)).toEqual(['clauseKey']);
    const outsiderOrg = await programme(w.mine, {
      agencyOrganisationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(fields(outsiderOrg)).toEqual(['agencyOrganisationId']);
    const p = (await programme(w.mine)).body.id;
    const women = await session(p, w.mine, { trainees: { total: 5, women: 6 } });
    expectProblem(women, 400);
    expect(fields(women)).toEqual(['trainees.women']);
    const names = await session(p, w.mine, { trainees: { total: 2, women: 1, names: ['A', 'B'] } });
    expectProblem(names, 400);
    const scores = await session(p, w.mine, { preTestAverage: 120, heldOn: '10/03/2026' });
    expect(fields(scores)).toEqual(['heldOn', 'preTestAverage']);
    const rotation = await forces(sites.a, w.mine, {
      headcount: -1,
      asOf: '2026-05-01',
      nextRotationOn: '2026-04-01',
    });
    expectProblem(rotation, 400);
  });
});
