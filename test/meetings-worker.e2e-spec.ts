/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies and raw rows are checked field by field */
import { INestApplicationContext } from '@nestjs/common';
import { QueueName } from '@roundtable/core';
import { Job, Queue } from 'bullmq';
import { MeetingJob, MeetingMaterialiser, MeetingReminders } from '../libs/domain/src';
import { dailySeriesBody, startWorker, testQueue, waitFor } from './support/meetings';
import {
  addMember,
  createGroup,
  createOrganisation,
  createTestApp,
  registerUser,
  TestApp,
  TestUser,
} from './support/test-app';

// Idempotency of the worker side: duplicate jobs, two workers, restarts and downtime never
// duplicate an occurrence nor a reminder, and never leave a gap.
describe('meetings worker: materialisation and reminders', () => {
  let t: TestApp;
  const workers: INestApplicationContext[] = [];
  let meetingsQueue: Queue;
  let remindersQueue: Queue;
  let focal: TestUser;
  let member: TestUser;
  let observer: TestUser;
  let groupId: string;

  const start = async () => {
    const w = await startWorker();
    workers.push(w);
    return w;
  };
  const stop = async (w: INestApplicationContext) => {
    await w.close();
    workers.splice(workers.indexOf(w), 1);
  };
  const count = async (seriesId: string) =>
    (await t.ds.query(`SELECT count(*)::int AS n FROM meetings WHERE series_id = $1`, [seriesId]))[0]
      .n as number;
  const scheduledEvents = async (seriesId: string) =>
    (
      await t.ds.query(
        `SELECT count(*)::int AS n FROM group_events WHERE type = 'meeting.scheduled' AND data->>'seriesId' = $1`,
        [seriesId],
      )
    )[0].n as number;
  const startsOf = async (seriesId: string) =>
    (
      await t.ds.query(`SELECT starts_at FROM meetings WHERE series_id = $1 ORDER BY starts_at`, [seriesId])
    ).map((r: any) => new Date(r.starts_at).toISOString());
  const watermark = async (seriesId: string) =>
    (await t.ds.query(`SELECT materialised_until FROM meeting_series WHERE id = $1`, [seriesId]))[0]
      .materialised_until as Date | null;
  const createSeries = async () => {
    const res = await t
      .api()
      .post(`/api/v1/groups/${groupId}/meeting-series`)
      .set(focal.auth)
      .send(dailySeriesBody());
    expect(res.status).toBe(201);
    return res.body;
  };
  // A series written straight to the database: no job was ever enqueued for it.
  const insertSeriesWithoutJob = async (): Promise<{ id: string; expected: string[] }> => {
    const body = dailySeriesBody();
    const [row] = await t.ds.query(
      `INSERT INTO meeting_series (group_id, title, rrule, start_date, start_time, timezone, duration_minutes, horizon_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        groupId,
        body.title,
        body.rrule,
        body.startDate,
        body.startTime,
        body.timezone,
        body.durationMinutes,
        body.horizonDays,
      ],
    );
    const get = await t.api().get(`/api/v1/groups/${groupId}/meeting-series/${row.id}`).set(focal.auth);
    return { id: row.id, expected: get.body.nextOccurrences.slice(0, 5) };
  };
  const waitCompleted = (queue: Queue, jobId: string) =>
    waitFor(
      async () => (await queue.getJob(jobId))?.getState(),
      (s) => s === 'completed',
      `job ${jobId} completed`,
    );

  beforeAll(async () => {
    t = await createTestApp();
    meetingsQueue = testQueue(QueueName.Meetings);
    remindersQueue = testQueue(QueueName.Reminders);
    focal = await registerUser(t, 'focal');
    member = await registerUser(t, 'member');
    observer = await registerUser(t, 'observer');
    const company = await createOrganisation(t, focal, 'company', 'Mine');
    const ngo = await createOrganisation(t, focal, 'womens_group', 'Women network');
    groupId = (await createGroup(t, focal, company.id)).id;
    await addMember(t, groupId, focal, member, ngo.id, 'member');
    await addMember(t, groupId, focal, observer, ngo.id, 'observer');
  });

  afterAll(async () => {
    for (const w of [...workers]) await w.close();
    await meetingsQueue?.close();
    await remindersQueue?.close();
    await t?.close();
  });

  it('the API never materialises; a worker started after the series was created catches up without a gap', async () => {
    expect(workers).toHaveLength(0);
    const queued = await createSeries(); // its job waits in the queue
    const orphan = await insertSeriesWithoutJob(); // only the scheduler's fan-out can find it
    await new Promise((r) => setTimeout(r, 1500));
    expect(await count(queued.id)).toBe(0);
    expect(await count(orphan.id)).toBe(0);

    await start();
    await waitFor(
      () => count(queued.id),
      (n) => n >= 5,
      'the queued series',
    );
    await waitFor(
      () => count(orphan.id),
      (n) => n >= 5,
      'the orphan series via the scheduler',
    );
    expect(await startsOf(queued.id)).toEqual(queued.nextOccurrences.slice(0, 5));
    expect(await startsOf(orphan.id)).toEqual(orphan.expected);
  });

  it('duplicate jobs, a second worker and racing runs create each occurrence exactly once', async () => {
    const [workerA] = workers;
    const workerB = await start();
    const orphan = await insertSeriesWithoutJob();
    const a = workerA.get(MeetingMaterialiser, { strict: false });
    const b = workerB.get(MeetingMaterialiser, { strict: false });
    // Two workers (and the background schedulers) race on a series nobody has materialised yet.
    const results = await Promise.all([
      a.materialise(orphan.id),
      b.materialise(orphan.id),
      a.materialise(orphan.id),
      b.materialise(orphan.id),
    ]);
    const insertedByUs = results.reduce((sum, r) => sum + r.inserted, 0);
    await waitFor(
      () => count(orphan.id),
      (n) => n >= 5,
      'the raced series',
    );
    expect(insertedByUs).toBeLessThanOrEqual(5);

    // Duplicate queue jobs with distinct ids, processed by whichever worker takes them.
    const ids = [1, 2, 3, 4, 5].map((i) => `dup_${orphan.id}_${i}`);
    await meetingsQueue.addBulk(
      ids.map((jobId) => ({ name: MeetingJob.Materialise, data: { seriesId: orphan.id }, opts: { jobId } })),
    );
    for (const id of ids) await waitCompleted(meetingsQueue, id);

    expect(await count(orphan.id)).toBe(5);
    expect(await scheduledEvents(orphan.id)).toBe(5);
    expect(await startsOf(orphan.id)).toEqual(orphan.expected);
  });

  it('a restarted worker runs again (the watermark moves) and still creates no duplicates', async () => {
    const series = await createSeries();
    await waitFor(
      () => count(series.id),
      (n) => n >= 5,
      'materialisation',
    );
    for (const w of [...workers]) await stop(w);
    const before = await watermark(series.id);
    await start();
    await waitFor(
      () => watermark(series.id),
      (v) => v !== null && new Date(v).getTime() > new Date(before!).getTime(),
      'a run after the restart',
    );
    expect(await count(series.id)).toBe(5);
    expect(await scheduledEvents(series.id)).toBe(5);
  });

  describe('reminders', () => {
    const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
    const adHoc = async (startsInMinutes: number, offsets: number[]) => {
      const res = await t
        .api()
        .post(`/api/v1/groups/${groupId}/meetings`)
        .set(focal.auth)
        .send({
          title: 'Roundtable',
          startsAt: inMinutes(startsInMinutes),
          endsAt: inMinutes(startsInMinutes + 90),
          reminderOffsetsMinutes: offsets,
        });
      expect(res.status).toBe(201);
      return res.body;
    };
    const reminders = async (meetingId: string) =>
      t.ds.query(
        `SELECT user_id, dedupe_key FROM notifications WHERE type = 'meeting.reminder' AND entity_id = $1 ORDER BY user_id, dedupe_key`,
        [meetingId],
      );
    const perUser = (rows: { user_id: string }[]) => {
      const out: Record<string, number> = {};
      for (const r of rows) out[r.user_id] = (out[r.user_id] ?? 0) + 1;
      return out;
    };
    const everyone = (n: number) => ({ [focal.id]: n, [member.id]: n, [observer.id]: n });
    const service = () => workers[0].get(MeetingReminders, { strict: false });

    it('sends the closest due reminder once to every active member, however often it runs', async () => {
      const m = await adHoc(30, [60, 1440]);
      await Promise.all([service().sendDue(), service().sendDue()]);
      await service().sendDue();
      const rows = await reminders(m.id);
      expect(perUser(rows)).toEqual(everyone(1));
      expect(rows[0].dedupe_key).toBe(`reminder:${m.id}:60:${m.startsAt}`);
      const slots = await t.ds.query(
        `SELECT offset_minutes, outcome, recipients FROM meeting_reminders WHERE meeting_id = $1 ORDER BY offset_minutes`,
        [m.id],
      );
      expect(slots).toEqual([
        { offset_minutes: 60, outcome: 'sent', recipients: expect.any(Number) },
        { offset_minutes: 1440, outcome: 'skipped', recipients: 0 },
      ]);
      const mine = await t.api().get('/api/v1/me/notifications').set(member.auth);
      expect(
        mine.body.items.filter((n: any) => n.type === 'meeting.reminder' && n.entityId === m.id),
      ).toHaveLength(1);

      // Rescheduled: the reminder moves with the meeting.
      const moved = await t
        .api()
        .patch(`/api/v1/meetings/${m.id}`)
        .set(focal.auth)
        .send({ startsAt: inMinutes(40) });
      expect(moved.status).toBe(200);
      await service().sendDue();
      await service().sendDue();
      const after = await reminders(m.id);
      expect(perUser(after)).toEqual(everyone(2));
      expect(after.map((r: any) => r.dedupe_key)).toContain(`reminder:${m.id}:60:${moved.body.startsAt}`);
    });

    it('drops the reminders of a cancelled meeting', async () => {
      const m = await adHoc(180, [60]);
      expect(
        (
          await t
            .api()
            .post(`/api/v1/meetings/${m.id}/cancel`)
            .set(focal.auth)
            .send({ reason: 'Security situation' })
        ).status,
      ).toBe(200);
      // Time passes: the reminder would now be due, were the meeting still scheduled.
      await t.ds.query(
        `UPDATE meetings SET starts_at = now() + interval '30 minutes', ends_at = now() + interval '2 hours' WHERE id = $1`,
        [m.id],
      );
      await service().sendDue();
      expect(await reminders(m.id)).toEqual([]);
    });

    it('stays exactly once through a retried job and lost bookkeeping', async () => {
      const m = await adHoc(30, [60]);
      const jobId = `reminders_retry_${m.id}`;
      await remindersQueue.add(MeetingJob.SendDueReminders, {}, { jobId });
      await waitCompleted(remindersQueue, jobId);
      expect(perUser(await reminders(m.id))).toEqual(everyone(1));

      // The same job delivered again (e.g. a worker died before acknowledging it).
      const job = (await Job.fromId(remindersQueue, jobId))!;
      await job.retry('completed');
      await waitFor(
        async () => (await Job.fromId(remindersQueue, jobId))?.attemptsMade ?? 0,
        (n) => n >= 2,
        'the retried job ran',
      );
      await waitCompleted(remindersQueue, jobId);
      expect(perUser(await reminders(m.id))).toEqual(everyone(1));

      // Even if the slot bookkeeping were lost, the notification dedupe key holds.
      await t.ds.query(`DELETE FROM meeting_reminders WHERE meeting_id = $1`, [m.id]);
      await service().sendDue();
      expect(perUser(await reminders(m.id))).toEqual(everyone(1));
    });
  });
});
