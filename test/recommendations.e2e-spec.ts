import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfigModule, QueueModule, QueueName } from '@roundtable/core';
import { DatabaseModule } from '@roundtable/database';
import {
  ChangeRecorder,
  DomainCoreModule,
  NotificationsService,
  RECOMMENDATION_OVERDUE_JOB,
  RECOMMENDATION_OVERDUE_SCHEDULER_ID,
  RecommendationOverdueJob,
} from '@roundtable/domain';
import { Queue, QueueEvents } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { RecommendationsWorkerModule } from '../apps/worker/src/recommendations/recommendations-worker.module';
import { RecommendationsScheduler } from '../apps/worker/src/recommendations/recommendations.processor';
import { WORKER_FEATURE_MODULES } from '../apps/worker/src/worker.module';
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

interface World {
  groupId: string;
  focal: TestUser;
  mine: TestUser; // member of the responsible organisation
  mineObserver: TestUser; // observer of the responsible organisation
  police: TestUser; // member of another organisation
  cochair: TestUser; // sitting co-chair (civil society)
  orgs: { host: string; mine: string; police: string; ngo: string };
}

describe('recommendations', () => {
  let t: TestApp;
  let outsider: TestUser;
  let w: World;

  // A group with a focal point, a mining company (one member, one observer), the police and a
  // civil-society co-chair.
  async function world(timezone = 'Africa/Lubumbashi'): Promise<World> {
    const focal = await registerUser(t, 'focal');
    const host = await createOrganisation(t, focal, 'international_organisation', 'Host');
    const mineOrg = await createOrganisation(t, focal, 'company', 'Mine');
    const policeOrg = await createOrganisation(t, focal, 'public_security', 'Police');
    const ngoOrg = await createOrganisation(t, focal, 'civil_society', 'NGO');
    const group = await createGroup(t, focal, host.id, { timezone });
    const [mine, mineObserver, police, cochair] = await Promise.all(
      ['mine', 'observer', 'police', 'cochair'].map((l) => registerUser(t, l)),
    );
    await addMember(t, group.id, focal, mine, mineOrg.id);
    await addMember(t, group.id, focal, mineObserver, mineOrg.id, 'observer');
    await addMember(t, group.id, focal, police, policeOrg.id);
    const ngoMember = await addMember(t, group.id, focal, cochair, ngoOrg.id);
    const appointed = await t
      .api()
      .post(`/api/v1/groups/${group.id}/co-chairs`)
      .set(focal.auth)
      .send({ memberId: ngoMember, constituency: 'civil_society' });
    expect(appointed.status).toBe(201);
    return {
      groupId: group.id,
      focal,
      mine,
      mineObserver,
      police,
      cochair,
      orgs: { host: host.id, mine: mineOrg.id, police: policeOrg.id, ngo: ngoOrg.id },
    };
  }

  const create = (x: World, by: TestUser, body: Record<string, unknown> = {}) =>
    t
      .api()
      .post(`/api/v1/groups/${x.groupId}/recommendations`)
      .set(by.auth)
      .send({
        title: 'Train guards on the use of force',
        responsibleOrganisationIds: [x.orgs.mine],
        dueDate: '2099-06-30',
        priority: 'high',
        ...body,
      });
  const progress = (id: string, by: TestUser, body: Record<string, unknown>) =>
    t.api().post(`/api/v1/recommendations/${id}/progress`).set(by.auth).send(body);
  const impact = (
    id: string,
    by: TestUser,
    body: Record<string, unknown> = { rating: 'moderate', note: 'Fewer incidents' },
  ) => t.api().post(`/api/v1/recommendations/${id}/impact`).set(by.auth).send(body);
  const get = (id: string, by: TestUser) => t.api().get(`/api/v1/recommendations/${id}`).set(by.auth);
  const list = (x: World, by: TestUser, query = '') =>
    t.api().get(`/api/v1/groups/${x.groupId}/recommendations${query}`).set(by.auth);
  const today = async (tz: string): Promise<string> =>
    (await t.ds.query(`SELECT (now() AT TIME ZONE $1)::date::text AS d`, [tz]))[0].d;
  const addDays = (date: string, n: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const notificationsOf = async (type: string, recId: string): Promise<Record<string, number>> => {
    const rows = await t.ds.query(
      `SELECT user_id, count(*)::int AS n FROM notifications WHERE type = $1 AND entity_id = $2 GROUP BY user_id`,
      [type, recId],
    );
    return Object.fromEntries(rows.map((r: { user_id: string; n: number }) => [r.user_id, r.n]));
  };
  const eventsOf = async (type: string, recId: string): Promise<number> =>
    (
      await t.ds.query(`SELECT count(*)::int AS n FROM group_events WHERE type = $1 AND entity_id = $2`, [
        type,
        recId,
      ])
    )[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    outsider = await registerUser(t, 'outsider');
    w = await world();
  });
  afterAll(() => t.close());

  describe('creating', () => {
    it('creates a recommendation with its timeline, event, audit row and assignment notifications', async () => {
      const res = await create(w, w.focal, { description: 'All shifts', dueDate: '2020-01-31' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        groupId: w.groupId,
        title: 'Train guards on the use of force',
        description: 'All shifts',
        dueDate: '2020-01-31',
        priority: 'high',
        status: 'open',
        progress: 0,
        overdue: true, // a past due date is allowed (recommendations of earlier meetings)
        impact: null,
        completedAt: null,
        meetingId: null,
        createdBy: w.focal.id,
        responsibleOrganisations: [{ id: w.orgs.mine, name: expect.any(String), kind: 'company' }],
        timeline: [expect.objectContaining({ kind: 'created', authorUserId: w.focal.id, statusTo: 'open' })],
      });
      expect(await eventsOf('recommendation.created', res.body.id)).toBe(1);
      const [audit] = await t.ds.query(
        `SELECT actor_user_id FROM audit_events WHERE action = 'recommendation.created' AND entity_id = $1`,
        [res.body.id],
      );
      expect(audit.actor_user_id).toBe(w.focal.id);
      // the responsible organisation's members (observer included) are told, nobody else
      expect(await notificationsOf('recommendation.assigned', res.body.id)).toEqual({
        [w.mine.id]: 1,
        [w.mineObserver.id]: 1,
      });
      const inbox = await t.api().get('/api/v1/me/notifications').set(w.mine.auth);
      expect(inbox.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'recommendation.assigned', entityId: res.body.id }),
        ]),
      );
    });

    it('may be created by a co-chair, not by a member (403) or an outsider (404)', async () => {
      expect((await create(w, w.cochair)).status).toBe(201);
      expectProblem(await create(w, w.mine), 403);
      expectProblem(await create(w, w.mineObserver), 403);
      expectProblem(await create(w, outsider), 404);
    });

    it('requires responsible organisations with active members in the group', async () => {
      const ghost = await createOrganisation(t, w.focal, 'local_authority', 'Ghost');
      const res = await create(w, w.focal, { responsibleOrganisationIds: [w.orgs.mine, ghost.id] });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([
        { field: 'responsibleOrganisationIds.1', message: expect.stringContaining(ghost.id) },
      ]);
      // an organisation with only an open invitation does not count
      const invitee = await registerUser(t, 'invitee');
      await t
        .api()
        .post(`/api/v1/groups/${w.groupId}/members`)
        .set(w.focal.auth)
        .send({ email: invitee.email, organisationId: ghost.id, role: 'member' });
      expectProblem(await create(w, w.focal, { responsibleOrganisationIds: [ghost.id] }), 400);
      expectProblem(await create(w, w.focal, { responsibleOrganisationIds: [] }), 400);
      expectProblem(
        await create(w, w.focal, { responsibleOrganisationIds: [w.orgs.mine, w.orgs.mine] }),
        400,
      );
    });

    it('validates the body', async () => {
      const res = await create(w, w.focal, {
        title: ' ',
        dueDate: '2027-02-30',
        priority: 'urgent',
        responsibleOrganisationIds: ['x'],
        colour: 'red',
      });
      expectProblem(res, 400);
      expect(new Set(res.body.errors.map((e: { field: string }) => e.field))).toEqual(
        new Set(['title', 'dueDate', 'priority', 'responsibleOrganisationIds', 'colour']),
      );
      expectProblem(await create(w, w.focal, { dueDate: '31/01/2027' }), 400);
    });

    it('links a meeting of the same group only; stores the agenda item id', async () => {
      const [own] = await t.ds.query(
        `INSERT INTO meetings (group_id, title, starts_at, ends_at, timezone) VALUES ($1, 'Monthly', now(), now() + interval '2 hours', 'Africa/Lubumbashi') RETURNING id`,
        [w.groupId],
      );
      const other = await world();
      const [foreign] = await t.ds.query(
        `INSERT INTO meetings (group_id, title, starts_at, ends_at, timezone) VALUES ($1, 'Other', now(), now() + interval '2 hours', 'Africa/Lubumbashi') RETURNING id`,
        [other.groupId],
      );
      const bad = await create(w, w.focal, { meetingId: foreign.id });
      expectProblem(bad, 400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'meetingId' })]);
      const agendaItemId = randomUUID();
      const ok = await create(w, w.focal, { meetingId: own.id, agendaItemId });
      // agenda items belong to another feature: without their table the id is stored as given
      const agendaTable = (await t.ds.query(`SELECT to_regclass('agenda_items') AS t`))[0].t;
      if (agendaTable) expectProblem(ok, 400);
      else expect(ok.body).toMatchObject({ meetingId: own.id, agendaItemId });
      const byMeeting = await list(w, w.mine, `?meetingId=${own.id}`);
      expect(byMeeting.body.items.map((r: { meetingId: string }) => r.meetingId)).toEqual(
        agendaTable ? [] : [own.id],
      );
    });
  });

  describe('follow-up workflow', () => {
    it('moves open → in_progress → implemented through progress reports, refusing impossible transitions', async () => {
      const rec = (await create(w, w.focal)).body;
      const started = await progress(rec.id, w.mine, {
        note: 'First sessions planned',
        progress: 30,
        evidenceUrls: ['https://example.org/plan.pdf'],
      });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ status: 'in_progress', progress: 30, completedAt: null });
      expect(started.body.timeline[1]).toMatchObject({
        kind: 'progress',
        authorUserId: w.mine.id,
        authorOrganisationId: w.orgs.mine,
        note: 'First sessions planned',
        statusFrom: 'open',
        statusTo: 'in_progress',
        progressFrom: 0,
        progressTo: 30,
        evidenceUrls: ['https://example.org/plan.pdf'],
      });

      expectProblem(await progress(rec.id, w.mine, { note: 'back', status: 'open' }), 409);
      const badUrls = await progress(rec.id, w.mine, {
        note: 'x',
        evidenceUrls: ['ftp://example.org/a', 'javascript:alert(1)'],
      });
      expectProblem(badUrls, 400);
      expect(badUrls.body.errors[0].field).toBe('evidenceUrls');
      expectProblem(await progress(rec.id, w.mine, { note: 'x', progress: 101 }), 400);
      expectProblem(await progress(rec.id, w.mine, { note: 'x', progress: 50.5 }), 400);
      expectProblem(await progress(rec.id, w.mine, { note: 'x', status: 'finished' }), 400);
      expectProblem(await progress(rec.id, w.mine, { status: 'implemented' }), 400);
      expectProblem(await progress(rec.id, w.mine, { note: 'x', status: 'implemented', progress: 90 }), 400);

      const done = await progress(rec.id, w.mine, { note: 'All guards trained', status: 'implemented' });
      expect(done.status).toBe(201);
      expect(done.body).toMatchObject({
        status: 'implemented',
        progress: 100,
        completedAt: expect.any(String),
        overdue: false,
      });

      // a terminal status is final
      expectProblem(await progress(rec.id, w.focal, { note: 'reopen', status: 'in_progress' }), 409);
      expectProblem(await progress(rec.id, w.focal, { note: 'less', progress: 50 }), 409);
      expectProblem(await progress(rec.id, w.focal, { note: 'other verdict', status: 'dropped' }), 409);
      expectProblem(
        await t.api().patch(`/api/v1/recommendations/${rec.id}`).set(w.focal.auth).send({ title: 'New' }),
        409,
      );
      // a note with more evidence is still welcome
      const note = await progress(rec.id, w.mine, {
        note: 'Attendance sheets',
        evidenceUrls: ['http://example.org/sheets'],
      });
      expect(note.status).toBe(201);
      expect(note.body.status).toBe('implemented');

      const detail = await get(rec.id, w.mineObserver);
      expect(detail.status).toBe(200);
      expect(
        detail.body.timeline.map((e: { kind: string; statusTo: string }) => `${e.kind}:${e.statusTo}`),
      ).toEqual(['created:open', 'progress:in_progress', 'progress:implemented', 'progress:implemented']);
      expect(await eventsOf('recommendation.updated', rec.id)).toBe(3);
    });

    it('may close an open recommendation directly or drop one in progress', async () => {
      const a = (await create(w, w.focal)).body;
      expect(
        (await progress(a.id, w.focal, { note: 'Recorded after the fact', status: 'not_implemented' })).body,
      ).toMatchObject({ status: 'not_implemented', progress: 0 });
      const b = (await create(w, w.focal)).body;
      await progress(b.id, w.mine, { note: 'started', status: 'in_progress', progress: 10 });
      expect(
        (await progress(b.id, w.cochair, { note: 'No longer relevant', status: 'dropped' })).body,
      ).toMatchObject({ status: 'dropped', progress: 10 });
    });

    it('progress may be reported by the responsible organisation, the focal point or a co-chair only', async () => {
      const rec = (await create(w, w.focal)).body;
      expectProblem(await progress(rec.id, w.police, { note: 'not ours' }), 403);
      expectProblem(await progress(rec.id, w.mineObserver, { note: 'observers read only' }), 403);
      expectProblem(await progress(rec.id, outsider, { note: 'x' }), 404);
      expectProblem(await progress(randomUUID(), w.focal, { note: 'x' }), 404);
      expectProblem(await progress('nope', w.focal, { note: 'x' }), 404);
      expect((await progress(rec.id, w.mine, { note: 'ours' })).status).toBe(201);
      expect((await progress(rec.id, w.focal, { note: 'focal' })).status).toBe(201);
      expect((await progress(rec.id, w.cochair, { note: 'co-chair' })).status).toBe(201);
      expect((await get(rec.id, w.police)).status).toBe(200);
      expectProblem(await get(rec.id, outsider), 404);
      expectProblem(await list(w, outsider), 404);
    });

    it('impact is assessed by a sitting co-chair once the recommendation is closed', async () => {
      const rec = (await create(w, w.focal)).body;
      expectProblem(await impact(rec.id, w.cochair), 409);
      expectProblem(await impact(rec.id, w.focal), 403);
      await progress(rec.id, w.mine, { note: 'done', status: 'partially_implemented', progress: 60 });
      expectProblem(await impact(rec.id, w.focal), 403);
      expectProblem(await impact(rec.id, w.mine), 403);
      expectProblem(await impact(rec.id, outsider), 404);
      expectProblem(await impact(rec.id, w.cochair, { rating: 'huge', note: 'x' }), 400);
      const res = await impact(rec.id, w.cochair, { rating: 'high', note: 'No incidents since' });
      expect(res.status).toBe(201);
      expect(res.body.impact).toEqual({
        rating: 'high',
        note: 'No incidents since',
        assessedBy: w.cochair.id,
        assessedAt: expect.any(String),
      });
      expect(res.body.timeline.at(-1)).toMatchObject({
        kind: 'impact',
        note: 'No incidents since',
        details: { rating: 'high' },
      });
    });

    it('is edited by the focal point or a co-chair; new responsible organisations are notified', async () => {
      const rec = (await create(w, w.focal)).body;
      const url = `/api/v1/recommendations/${rec.id}`;
      expectProblem(await t.api().patch(url).set(w.mine.auth).send({ title: 'x' }), 403);
      expectProblem(await t.api().patch(url).set(outsider.auth).send({ title: 'x' }), 404);
      expectProblem(await t.api().patch(url).set(w.focal.auth).send({ status: 'implemented' }), 400);
      expectProblem(
        await t
          .api()
          .patch(url)
          .set(w.focal.auth)
          .send({ responsibleOrganisationIds: [w.orgs.mine, randomUUID()] }),
        400,
      );
      const res = await t
        .api()
        .patch(url)
        .set(w.cochair.auth)
        .send({
          title: 'Train all guards',
          dueDate: '2099-12-31',
          priority: 'medium',
          description: null,
          responsibleOrganisationIds: [w.orgs.police],
        });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        title: 'Train all guards',
        dueDate: '2099-12-31',
        priority: 'medium',
        description: null,
      });
      expect(res.body.responsibleOrganisations.map((o: { id: string }) => o.id)).toEqual([w.orgs.police]);
      expect(res.body.timeline.at(-1)).toMatchObject({
        kind: 'edited',
        details: {
          changed: expect.objectContaining({
            title: { from: 'Train guards on the use of force', to: 'Train all guards' },
          }),
        },
      });
      expect(await notificationsOf('recommendation.assigned', rec.id)).toEqual({
        [w.mine.id]: 1,
        [w.mineObserver.id]: 1,
        [w.police.id]: 1,
      });
      // the police now report progress; the mine no longer may
      expect((await progress(rec.id, w.police, { note: 'ours now' })).status).toBe(201);
      expectProblem(await progress(rec.id, w.mine, { note: 'not ours any more' }), 403);
      expect(await eventsOf('recommendation.updated', rec.id)).toBe(2);
    });
  });

  describe('overdue and lists', () => {
    it("is overdue once the due date has passed in the group's time zone, and not when closed", async () => {
      // Kiritimati (UTC+14) is always at least a day ahead of Pago Pago (UTC-11).
      const ahead = await world('Pacific/Kiritimati');
      const behind = await world('Pacific/Pago_Pago');
      const due = await today('Pacific/Pago_Pago');
      expect(await today('Pacific/Kiritimati')).not.toBe(due);
      const a = (await create(ahead, ahead.focal, { dueDate: due })).body;
      const b = (await create(behind, behind.focal, { dueDate: due })).body;
      expect(a.overdue).toBe(true);
      expect(b.overdue).toBe(false);
      const yesterday = (await create(behind, behind.focal, { dueDate: addDays(due, -1) })).body;
      expect(yesterday.overdue).toBe(true);
      expect(
        (await list(behind, behind.mine, '?overdue=true')).body.items.map((r: { id: string }) => r.id),
      ).toEqual([yesterday.id]);
      expect(
        (await list(behind, behind.mine, '?overdue=false')).body.items.map((r: { id: string }) => r.id),
      ).toEqual([b.id]);
      const closed = await progress(yesterday.id, behind.focal, { note: 'done', status: 'implemented' });
      expect(closed.body.overdue).toBe(false);
      expect((await list(behind, behind.mine, '?overdue=true')).body.items).toEqual([]);
    });

    it('filters by status and organisation and pages by due date', async () => {
      const x = await world();
      const dates = ['2027-01-05', '2027-02-02', '2027-03-02', '2027-04-06', '2027-05-04'];
      const ids: string[] = [];
      for (const [i, dueDate] of dates.entries()) {
        const r = await create(x, x.focal, {
          dueDate,
          responsibleOrganisationIds: i % 2 ? [x.orgs.police] : [x.orgs.mine, x.orgs.ngo],
        });
        ids.push(r.body.id);
      }
      await progress(ids[1], x.police, { note: 'started', progress: 5 });
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await list(
          x,
          x.mineObserver,
          `?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.body.items.map((r) => r.id));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      expect(seen).toEqual(ids);
      expect(pages).toBe(3);
      expect(
        (await list(x, x.mine, `?organisationId=${x.orgs.police}`)).body.items.map(
          (r: { id: string }) => r.id,
        ),
      ).toEqual([ids[1], ids[3]]);
      expect(
        (await list(x, x.mine, `?organisationId=${x.orgs.ngo}&status=open`)).body.items.map(
          (r: { id: string }) => r.id,
        ),
      ).toEqual([ids[0], ids[2], ids[4]]);
      expect(
        (await list(x, x.mine, '?status=in_progress')).body.items.map((r: { id: string }) => r.id),
      ).toEqual([ids[1]]);
      expectProblem(await list(x, x.mine, '?status=bogus'), 400);
      expectProblem(await list(x, x.mine, '?overdue=maybe'), 400);
      expectProblem(await list(x, x.mine, '?cursor=garbage'), 400);
      const forged = Buffer.from(JSON.stringify(['not-a-date', 'not-a-uuid'])).toString('base64url');
      expectProblem(await list(x, x.mine, `?cursor=${forged}`), 400);
      expectProblem(await list(x, x.mine, '?limit=500'), 400);
    });
  });

  describe('summary', () => {
    it('counts by status, overdue, implementation rate and median days to implement, overall and per organisation', async () => {
      const x = await world();
      const A = x.orgs.mine;
      const B = x.orgs.police;
      const future = '2099-01-01';
      const seed: { orgs: string[]; status?: string; days?: number; due?: string }[] = [
        { orgs: [A], status: 'implemented', days: 10 },
        { orgs: [A, B], status: 'implemented', days: 20 },
        { orgs: [B], status: 'implemented', days: 40 },
        { orgs: [A], status: 'partially_implemented' },
        { orgs: [B], status: 'not_implemented' },
        { orgs: [A], status: 'dropped' },
        { orgs: [A], due: '2020-01-01' }, // open and overdue
        { orgs: [B], status: 'in_progress' },
        { orgs: [A] },
      ];
      for (const s of seed) {
        const r = (await create(x, x.focal, { responsibleOrganisationIds: s.orgs, dueDate: s.due ?? future }))
          .body;
        if (s.status)
          expect((await progress(r.id, x.focal, { note: 'seed', status: s.status })).status).toBe(201);
        if (s.days)
          await t.ds.query(
            `UPDATE recommendations SET created_at = completed_at - make_interval(days => $2) WHERE id = $1`,
            [r.id, s.days],
          );
      }
      const res = await t
        .api()
        .get(`/api/v1/groups/${x.groupId}/recommendations/summary`)
        .set(x.mineObserver.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        groupId: x.groupId,
        total: 9,
        byStatus: {
          open: 2,
          in_progress: 1,
          implemented: 3,
          partially_implemented: 1,
          not_implemented: 1,
          dropped: 1,
        },
        overdue: 1,
        implementationRate: 0.6,
        medianDaysToImplement: 20,
      });
      const per = Object.fromEntries(
        res.body.byOrganisation.map((o: { organisation: { id: string } }) => [o.organisation.id, o]),
      );
      expect(Object.keys(per).sort()).toEqual([A, B].sort());
      expect(per[A]).toMatchObject({
        total: 6,
        byStatus: {
          open: 2,
          in_progress: 0,
          implemented: 2,
          partially_implemented: 1,
          not_implemented: 0,
          dropped: 1,
        },
        overdue: 1,
        implementationRate: 0.667,
        medianDaysToImplement: 15,
      });
      expect(per[B]).toMatchObject({
        total: 4,
        byStatus: {
          open: 0,
          in_progress: 1,
          implemented: 2,
          partially_implemented: 0,
          not_implemented: 1,
          dropped: 0,
        },
        overdue: 0,
        implementationRate: 0.667,
        medianDaysToImplement: 30,
      });
      expectProblem(
        await t.api().get(`/api/v1/groups/${x.groupId}/recommendations/summary`).set(outsider.auth),
        404,
      );
      const empty = await world();
      expect(
        (await t.api().get(`/api/v1/groups/${empty.groupId}/recommendations/summary`).set(empty.focal.auth))
          .body,
      ).toMatchObject({
        total: 0,
        overdue: 0,
        implementationRate: null,
        medianDaysToImplement: null,
        byOrganisation: [],
      });
    });
  });

  it('documents every route with its request and response types in OpenAPI', async () => {
    const doc = (await t.api().get('/api/docs-json')).body;
    const routes: DocumentedRoute[] = [
      [
        '/api/v1/groups/{groupId}/recommendations',
        'post',
        'RecommendationDetailDto',
        'CreateRecommendationDto',
      ],
      ['/api/v1/groups/{groupId}/recommendations', 'get', 'RecommendationPageDto', null],
      ['/api/v1/groups/{groupId}/recommendations/summary', 'get', 'RecommendationSummaryDto', null],
      ['/api/v1/recommendations/{recommendationId}', 'get', 'RecommendationDetailDto', null],
      [
        '/api/v1/recommendations/{recommendationId}',
        'patch',
        'RecommendationDetailDto',
        'UpdateRecommendationDto',
      ],
      [
        '/api/v1/recommendations/{recommendationId}/progress',
        'post',
        'RecommendationDetailDto',
        'ReportProgressDto',
      ],
      [
        '/api/v1/recommendations/{recommendationId}/impact',
        'post',
        'RecommendationDetailDto',
        'AssessImpactDto',
      ],
    ];
    expectDocumentedRoutes(doc, routes);
    const listParams = doc.paths['/api/v1/groups/{groupId}/recommendations'].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(listParams).toEqual(
      expect.arrayContaining(['status', 'organisationId', 'overdue', 'meetingId', 'limit', 'cursor']),
    );
  });

  describe('overdue job', () => {
    let job: RecommendationOverdueJob;
    beforeAll(() => {
      job = new RecommendationOverdueJob(t.ds, new ChangeRecorder(), new NotificationsService(t.ds));
    });

    // The responsible organisation's members and the sitting co-chair; not the police or focal point.
    const expectedRecipients = (x: World) => ({ [x.mine.id]: 1, [x.mineObserver.id]: 1, [x.cochair.id]: 1 });

    it('notifies the responsible members and the co-chairs once, however often it runs', async () => {
      const x = await world();
      const overdue = (await create(x, x.focal, { dueDate: '2024-05-31' })).body;
      const notYet = (await create(x, x.focal, { dueDate: '2099-05-31' })).body;
      const closed = (await create(x, x.focal, { dueDate: '2024-05-31' })).body;
      await progress(closed.id, x.focal, { note: 'done', status: 'implemented' });

      await job.run();
      await job.run(); // a retried job
      await Promise.all([job.run(), job.run()]); // two workers at once
      expect(await notificationsOf('recommendation.overdue', overdue.id)).toEqual(expectedRecipients(x));
      expect(await eventsOf('recommendation.overdue', overdue.id)).toBe(1);
      expect(await notificationsOf('recommendation.overdue', notYet.id)).toEqual({});
      expect(await notificationsOf('recommendation.overdue', closed.id)).toEqual({});
      const [n] = (await t.api().get('/api/v1/me/notifications').set(x.cochair.auth)).body.items.filter(
        (i: { type: string }) => i.type === 'recommendation.overdue',
      );
      expect(n).toMatchObject({
        entityId: overdue.id,
        groupId: x.groupId,
        data: { recommendationId: overdue.id, dueDate: '2024-05-31' },
      });

      // a new (still past) due date is a new fact: notified once more
      await t
        .api()
        .patch(`/api/v1/recommendations/${overdue.id}`)
        .set(x.focal.auth)
        .send({ dueDate: '2024-06-30' })
        .expect(200);
      await job.run();
      await job.run();
      expect(await eventsOf('recommendation.overdue', overdue.id)).toBe(2);
      expect(
        await t.ds.query(
          `SELECT DISTINCT dedupe_key FROM notifications WHERE entity_id = $1 AND type = 'recommendation.overdue' ORDER BY 1`,
          [overdue.id],
        ),
      ).toEqual([
        { dedupe_key: `recommendation-overdue:${overdue.id}:2024-05-31` },
        { dedupe_key: `recommendation-overdue:${overdue.id}:2024-06-30` },
      ]);
    });

    it('a run that fails half-way leaves nothing behind, and the retry notifies exactly once', async () => {
      const x = await world();
      const rec = (await create(x, x.focal, { dueDate: '2024-01-31' })).body;
      await failNextOverdueEvent(x.groupId, async () => {
        await expect(job.run()).rejects.toThrow(/simulated crash/);
        expect(await notificationsOf('recommendation.overdue', rec.id)).toEqual({});
        expect(await eventsOf('recommendation.overdue', rec.id)).toBe(0);
        await job.run();
      });
      expect(await notificationsOf('recommendation.overdue', rec.id)).toEqual(expectedRecipients(x));
      expect(await eventsOf('recommendation.overdue', rec.id)).toBe(1);
    });

    describe('through BullMQ', () => {
      let worker: INestApplicationContext;
      let queue: Queue;
      let queueEvents: QueueEvents;

      beforeAll(async () => {
        // The worker's infrastructure and the recommendations processor, on the test REDIS_PREFIX.
        const moduleRef = await Test.createTestingModule({
          imports: [
            AppConfigModule,
            DatabaseModule,
            QueueModule,
            DomainCoreModule,
            RecommendationsWorkerModule,
          ],
        }).compile();
        worker = await moduleRef.init();
        queue = worker.get<Queue>(getQueueToken(QueueName.Recommendations));
        queueEvents = new QueueEvents(QueueName.Recommendations, {
          connection: { url: process.env.REDIS_URL },
          prefix: `${process.env.REDIS_PREFIX}:bull`,
        });
        await queueEvents.waitUntilReady();
      });
      afterAll(async () => {
        await queueEvents?.close();
        await worker?.close();
      });

      it('is registered in the worker, with one repeatable scheduler under a fixed id', async () => {
        expect(WORKER_FEATURE_MODULES).toContain(RecommendationsWorkerModule);
        expect(queue.opts.prefix).toBe(`${process.env.REDIS_PREFIX}:bull`);
        const schedulers = await queue.getJobSchedulers();
        expect(schedulers.map((s) => s.key)).toEqual([RECOMMENDATION_OVERDUE_SCHEDULER_ID]);
        expect(schedulers[0]).toMatchObject({ name: RECOMMENDATION_OVERDUE_JOB, every: 60_000 });
        // a second worker (or a restart) upserts the same scheduler rather than adding one
        await worker.get(RecommendationsScheduler).onApplicationBootstrap();
        expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual([
          RECOMMENDATION_OVERDUE_SCHEDULER_ID,
        ]);
      });

      it('processes a scan job and its retry after a failure, notifying once', async () => {
        // Keep the schedule's own runs out of this test's way.
        await queue.removeJobScheduler(RECOMMENDATION_OVERDUE_SCHEDULER_ID);
        const x = await world();
        const rec = (await create(x, x.focal, { dueDate: '2023-12-31' })).body;
        await failNextOverdueEvent(x.groupId, async () => {
          const first = await queue.add(
            RECOMMENDATION_OVERDUE_JOB,
            {},
            { attempts: 3, backoff: { type: 'fixed', delay: 100 } },
          );
          await first.waitUntilFinished(queueEvents, 20_000);
          const done = await queue.getJob(first.id!);
          expect(done?.attemptsMade).toBe(2); // failed once, succeeded on the retry
        });
        const again = await queue.add(RECOMMENDATION_OVERDUE_JOB, {});
        await again.waitUntilFinished(queueEvents, 20_000);
        expect(await notificationsOf('recommendation.overdue', rec.id)).toEqual(expectedRecipients(x));
        expect(await eventsOf('recommendation.overdue', rec.id)).toBe(1);
      });
    });

    // Makes the next recommendation.overdue event of one group fail inside the job's transaction
    // (a crash after the notifications were written). The sequence is not rolled back, so the
    // trigger fires once.
    async function failNextOverdueEvent(groupId: string, work: () => Promise<void>): Promise<void> {
      const tag = randomUUID().replace(/-/g, '');
      await t.ds.query(`CREATE SEQUENCE fail_once_${tag}`);
      await t.ds.query(`
        CREATE FUNCTION fail_once_${tag}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.type = 'recommendation.overdue' AND NEW.group_id = '${groupId}' AND nextval('fail_once_${tag}') = 1 THEN
            RAISE EXCEPTION 'simulated crash';
          END IF;
          RETURN NEW;
        END $$`);
      await t.ds.query(
        `CREATE TRIGGER fail_once_${tag} BEFORE INSERT ON group_events FOR EACH ROW EXECUTE FUNCTION fail_once_${tag}()`,
      );
      try {
        await work();
      } finally {
        await t.ds.query(`DROP TRIGGER fail_once_${tag} ON group_events`);
        await t.ds.query(`DROP FUNCTION fail_once_${tag}()`);
        await t.ds.query(`DROP SEQUENCE fail_once_${tag}`);
      }
    }
  });
});
