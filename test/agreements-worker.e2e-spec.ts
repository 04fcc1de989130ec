/* eslint-disable @typescript-eslint/no-explicit-any -- raw rows are checked field by field */
import { INestApplicationContext } from '@nestjs/common';
import { AgreementJobs } from '@roundtable/domain';
import {
  addDays,
  addMonths,
  agreementWorld,
  AgreementWorld,
  agreeVersion,
  createAgreement,
  signAll,
  todayIn,
} from './support/agreements';
import { createTestWorker, eventually } from './support/realtime';
import { createTestApp, TestApp } from './support/test-app';

const DAY = 86_400_000;

// The worker's date-driven jobs: review reminders 60, 30 and 7 days before nextReviewOn exactly
// once each across worker restarts, overdue obligations notified once per due date.
describe('agreements worker', () => {
  let t: TestApp;
  let w: AgreementWorld;
  let worker: INestApplicationContext | null = null;

  const start = async () => {
    worker = await createTestWorker({ AGREEMENT_JOBS_INTERVAL_MS: '300' });
    return worker.get(AgreementJobs);
  };
  const stop = async () => {
    await worker?.close();
    worker = null;
  };
  const statusOf = async (id: string) =>
    (await t.ds.query(`SELECT status FROM agreements WHERE id = $1`, [id]))[0].status as string;
  // Signed now, effective `effectiveFrom`: the worker's tick puts it in force.
  const signed = async (effectiveFrom: string, extra: Record<string, unknown> = {}) => {
    const a = await createAgreement(t, w, w.mine, { effectiveFrom, reviewIntervalMonths: 12, ...extra });
    await agreeVersion(t, w, a.body.currentVersion.id);
    await signAll(t, w, a.body.currentVersion.id, addDays(await todayIn(t), -1));
    return a.id;
  };
  const reminders = async (agreementId: string) =>
    (
      await t.ds.query(
        `SELECT n.user_id, (n.data->>'daysBefore')::int AS days FROM notifications n
         WHERE n.type = 'agreement.review_due' AND n.entity_id = $1 ORDER BY days DESC, user_id`,
        [agreementId],
      )
    ).map((r: any) => [r.days, r.user_id]);
  const reminderEvents = async (agreementId: string) =>
    (
      await t.ds.query(
        `SELECT (data->>'daysBefore')::int AS days FROM group_events
         WHERE type = 'agreement.review_due' AND entity_id = $1 AND data->>'trigger' = 'reminder' ORDER BY seq`,
        [agreementId],
      )
    ).map((r: any) => r.days);
  const slots = async (agreementId: string) =>
    (
      await t.ds.query(
        `SELECT days_before, outcome FROM agreement_review_reminders WHERE agreement_id = $1 ORDER BY days_before DESC`,
        [agreementId],
      )
    ).map((r: any) => [r.days_before, r.outcome]);
  const partyMembers = () => [w.mine.id, w.mineObserver.id, w.police.id].sort();
  const each = (days: number) => partyMembers().map((u) => [days, u]);

  beforeAll(async () => {
    t = await createTestApp();
    w = await agreementWorld(t);
  });
  afterAll(async () => {
    await stop();
    await t?.close();
  });

  it('sends each review reminder once: 60 days before, then 30, then 7, across worker restarts', async () => {
    const today = await todayIn(t);
    // In force for about 320 days of a 12-month cycle: the review falls in 45 or 46 days.
    const effective = addDays(today, -320);
    const id = await signed(effective);
    const reviewOn = addMonths(effective, 12);
    await start();
    await eventually(async () => (await reminders(id)).length === 3, 15_000, 'the 60-day reminder');
    const agreement = (await t.api().get(`/api/v1/agreements/${id}`).set(w.police.auth)).body;
    expect(agreement).toMatchObject({ status: 'in_force', inForceSince: effective, nextReviewOn: reviewOn });
    expect(await reminders(id)).toEqual(each(60));
    const inbox = await t.api().get('/api/v1/me/notifications').set(w.police.auth);
    expect(inbox.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'agreement.review_due',
          entityId: id,
          data: expect.objectContaining({ nextReviewOn: reviewOn, daysBefore: 60 }),
        }),
      ]),
    );

    // A restarted worker runs its scans again (a sentinel agreement enters into force) and sends nothing twice.
    await stop();
    const jobs = await start();
    const sentinel = await signed(today);
    await eventually(async () => (await statusOf(sentinel)) === 'in_force', 15_000, 'the sentinel in force');
    expect(await reminders(id)).toEqual(each(60));

    // Time passes: the same job on later days (its `now`), twice each, as retried or racing jobs would.
    const later = (days: number) => new Date(Date.now() + days * DAY);
    for (const n of [0, 1]) {
      const outcome = await jobs.runFor(id, later(20));
      expect([n, outcome.reminders]).toEqual([
        n,
        n === 0 ? [{ daysBefore: 30, outcome: 'sent', recipients: 3 }] : [],
      ]);
    }
    await Promise.all([jobs.runFor(id, later(40)), jobs.runFor(id, later(40))]);
    await jobs.runFor(id, later(41));
    expect((await jobs.runFor(id, later(60))).reminders).toEqual([]); // overdue now: no more reminders
    await stop();
    await start();
    await new Promise((r) => setTimeout(r, 1000)); // a few more ticks of the restarted worker
    expect(await reminders(id)).toEqual([...each(60), ...each(30), ...each(7)]);
    expect(await reminderEvents(id)).toEqual([60, 30, 7]);
    expect(await slots(id)).toEqual([
      [60, 'sent'],
      [30, 'sent'],
      [7, 'sent'],
    ]);
    // Non-party members and the focal point are never reminded.
    const others = await t.ds.query(
      `SELECT 1 FROM notifications WHERE type = 'agreement.review_due' AND entity_id = $1 AND user_id = ANY($2::uuid[])`,
      [id, [w.local.id, w.focal.id, w.ngo.id]],
    );
    expect(others).toEqual([]);
  });

  it('skips reminders that are already stale and arms new ones for the next review date', async () => {
    const today = await todayIn(t);
    if (!worker) await start();
    // The review falls in about 20 days: the 60-day reminder is stale, the 30-day one is due.
    const effective = addDays(today, -345);
    const id = await signed(effective);
    await eventually(async () => (await reminders(id)).length === 3, 15_000, 'the 30-day reminder');
    expect(await reminders(id)).toEqual(each(30));
    expect(await slots(id)).toEqual([
      [60, 'skipped'],
      [30, 'sent'],
    ]);
    // A review sets a new date a full interval later: its reminders are new slots.
    const review = await t
      .api()
      .post(`/api/v1/agreements/${id}/reviews`)
      .set(w.police.auth)
      .send({ outcome: 'reaffirmed', note: 'Reaffirmed early' });
    expect(review.body.nextReviewOn).toBe(addMonths(today, 12));
    const jobs = worker!.get(AgreementJobs);
    const outcome = await jobs.runFor(id, new Date(Date.now() + 320 * DAY));
    expect(outcome.reminders).toEqual([{ daysBefore: 60, outcome: 'sent', recipients: 3 }]);
  });

  it('notifies an overdue obligation once per due date, and a recurring one again for its next due date', async () => {
    if (!worker) await start();
    const today = await todayIn(t);
    const id = await signed(addDays(today, -10));
    await eventually(async () => (await statusOf(id)) === 'in_force', 15_000, 'in force');
    const post = (path: string, body: Record<string, unknown>) =>
      t.api().post(`/api/v1${path}`).set(w.mine.auth).send(body);
    const once = await post(`/agreements/${id}/obligations`, {
      clauseKey: 'd',
      title: 'Train the officers assigned to the site',
      responsibleOrganisationId: w.orgs.police,
      dueDate: addDays(today, -1),
    });
    expect(once.body.overdue).toBe(true);
    const recurring = await post(`/agreements/${id}/obligations`, {
      clauseKey: 'i',
      title: 'Monthly meeting of the points of contact',
      responsibleOrganisationId: w.orgs.mine,
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=1',
      dueDate: addMonths(today.slice(0, 8) + '01', -1),
    });
    expect(recurring.status).toBe(201);
    const firstDue = recurring.body.nextDueOn;
    expect(firstDue).toBe(addMonths(today.slice(0, 8) + '01', -1));
    const overdue = async (obligationId: string) =>
      (
        await t.ds.query(
          `SELECT n.user_id, n.data->>'dueOn' AS due_on FROM notifications n
           WHERE n.type = 'obligation.overdue' AND n.entity_id = $1 ORDER BY due_on, user_id`,
          [obligationId],
        )
      ).map((r: any) => [r.due_on, r.user_id]);
    await eventually(async () => (await overdue(once.body.id)).length === 3, 15_000, 'overdue notification');
    await eventually(
      async () => (await overdue(recurring.body.id)).length === 3,
      15_000,
      'overdue notification',
    );
    await stop();
    const jobs = await start();
    await jobs.runFor(id);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await overdue(once.body.id)).toEqual(partyMembers().map((u) => [addDays(today, -1), u]));
    expect(await overdue(recurring.body.id)).toEqual(partyMembers().map((u) => [firstDue, u]));

    // Fulfilling the running due date moves to the next one; when that one passes, it is notified too.
    const fulfilled = await post(`/obligations/${recurring.body.id}/progress`, {
      note: 'Held on the 1st',
      fulfilsCurrentDue: true,
    });
    expect(fulfilled.status).toBe(201);
    expect(fulfilled.body).toMatchObject({ lastFulfilledOn: firstDue, nextDueOn: addMonths(firstDue, 1) });
    await jobs.runFor(id, new Date(Date.now() + 40 * DAY));
    await jobs.runFor(id, new Date(Date.now() + 40 * DAY));
    const dues = (await overdue(recurring.body.id)).map(([due]: string[]) => due);
    expect([...new Set(dues)]).toEqual([firstDue, addMonths(firstDue, 1)].sort());
    expect(dues).toHaveLength(6);
    const events = await t.ds.query(
      `SELECT data->>'dueOn' AS due_on FROM group_events WHERE type = 'obligation.overdue' AND entity_id = $1 ORDER BY seq`,
      [recurring.body.id],
    );
    expect(events.map((e: any) => e.due_on)).toEqual([firstDue, addMonths(firstDue, 1)]);
    // A closed obligation is never overdue.
    await post(`/obligations/${once.body.id}/progress`, { note: 'Done', status: 'met' });
    const met = (await t.api().get(`/api/v1/obligations/${once.body.id}`).set(w.police.auth)).body;
    expect(met).toMatchObject({
      status: 'met',
      progress: 100,
      overdue: false,
      completedAt: expect.any(String),
    });
  });
});
