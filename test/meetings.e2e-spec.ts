/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies and raw rows are checked field by field */
import { INestApplicationContext } from '@nestjs/common';
import { occurrencesBetween } from '../libs/domain/src/meetings/recurrence';
import { dailySeriesBody, startWorker, waitFor } from './support/meetings';
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

// eslint-disable-next-line @typescript-eslint/no-require-imports -- ical.js is ESM; Jest transforms it
const ICAL = require('ical.js');

const DAY = 86_400_000;

describe('meetings (API + worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let focal: TestUser;
  let coChairless: TestUser; // a plain member
  let observer: TestUser;
  let outsider: TestUser;
  let groupId: string;
  let memberId: string;
  let observerId: string;
  let focalMemberId: string;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker();
    focal = await registerUser(t, 'focal');
    coChairless = await registerUser(t, 'member');
    observer = await registerUser(t, 'observer');
    outsider = await registerUser(t, 'outsider');
    const company = await createOrganisation(t, focal, 'company', 'Mining company');
    const ngo = await createOrganisation(t, focal, 'civil_society', 'Human rights NGO');
    const group = await createGroup(t, focal, company.id);
    groupId = group.id;
    memberId = await addMember(t, groupId, focal, coChairless, ngo.id, 'member');
    observerId = await addMember(t, groupId, focal, observer, ngo.id, 'observer');
    const otherOrg = await createOrganisation(t, outsider, 'company', 'Other company');
    await createGroup(t, outsider, otherOrg.id);
    [{ id: focalMemberId }] = await t.ds.query(
      `SELECT id FROM memberships WHERE group_id = $1 AND role = 'focal_point'`,
      [groupId],
    );
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const seriesMeetings = async (seriesId: string) =>
    (await t.api().get(`/api/v1/groups/${groupId}/meetings?seriesId=${seriesId}&limit=200`).set(focal.auth))
      .body.items as any[];

  describe('series validation and access', () => {
    it.each([
      [{ rrule: 'FREQ=FORTNIGHTLY' }, 'rrule'],
      [{ rrule: 'FREQ=MONTHLY;BYDAY=9XX' }, 'rrule'],
      [{ rrule: 'DTSTART:20270105T100000Z\nRRULE:FREQ=MONTHLY' }, 'rrule'],
      [{ rrule: 'FREQ=MONTHLY;BYDAY=1TU;BYSETPOS=0' }, 'rrule'],
      [{ rrule: 'FREQ=HOURLY' }, 'rrule'],
      [{ timezone: 'Mars/Olympus' }, 'timezone'],
      [{ startTime: '25:61' }, 'startTime'],
      [{ startDate: '2027-02-30' }, 'startDate'],
      [{ durationMinutes: 0 }, 'durationMinutes'],
      [{ colour: 'red' }, 'colour'],
    ])('400 for %j', async (patch, field) => {
      const res = await t
        .api()
        .post(`/api/v1/groups/${groupId}/meeting-series`)
        .set(focal.auth)
        .send({ ...dailySeriesBody(), ...patch });
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('404 for outsiders, 403 for members and observers', async () => {
      expectProblem(
        await t
          .api()
          .post(`/api/v1/groups/${groupId}/meeting-series`)
          .set(outsider.auth)
          .send(dailySeriesBody()),
        404,
      );
      expectProblem(await t.api().get(`/api/v1/groups/${groupId}/meeting-series`).set(outsider.auth), 404);
      expectProblem(await t.api().get(`/api/v1/groups/${groupId}/meetings`).set(outsider.auth), 404);
      expectProblem(
        await t
          .api()
          .post(`/api/v1/groups/${groupId}/meeting-series`)
          .set(coChairless.auth)
          .send(dailySeriesBody()),
        403,
      );
      expectProblem(
        await t
          .api()
          .post(`/api/v1/groups/${groupId}/meeting-series`)
          .set(observer.auth)
          .send(dailySeriesBody()),
        403,
      );
    });

    it('answers nextOccurrences for a monthly first-Tuesday series', async () => {
      const res = await t.api().post(`/api/v1/groups/${groupId}/meeting-series`).set(focal.auth).send({
        title: 'VPS working group',
        rrule: 'FREQ=MONTHLY;BYDAY=1TU',
        startDate: '2030-01-01',
        startTime: '10:00',
        timezone: 'Africa/Lubumbashi',
        durationMinutes: 120,
        horizonDays: 30,
      });
      expect(res.status).toBe(201);
      expect(res.body.nextOccurrences.slice(0, 3)).toEqual([
        '2030-01-01T08:00:00.000Z',
        '2030-02-05T08:00:00.000Z',
        '2030-03-05T08:00:00.000Z',
      ]);
      expect(res.body.nextOccurrences).toHaveLength(12);
      expect(res.body.reminderOffsetsMinutes).toEqual([10080, 1440]);
      // Years ahead of its horizon: the worker materialises nothing for it.
      const del = await t
        .api()
        .delete(`/api/v1/groups/${groupId}/meeting-series/${res.body.id}`)
        .set(focal.auth);
      expect(del.status).toBe(200);
      expect(del.body.status).toBe('deleted');
    });
  });

  describe('a daily series', () => {
    let series: any;
    let meetings: any[];

    beforeAll(async () => {
      const res = await t
        .api()
        .post(`/api/v1/groups/${groupId}/meeting-series`)
        .set(focal.auth)
        .send(dailySeriesBody());
      expect(res.status).toBe(201);
      series = res.body;
      meetings = await waitFor(
        () => seriesMeetings(series.id),
        (items) => items.length >= 5,
        'materialisation',
      );
    });

    it('is materialised by the worker: one meeting per occurrence in the horizon, as computed', async () => {
      expect(meetings.map((m) => m.startsAt)).toEqual(series.nextOccurrences.slice(0, 5));
      expect(
        meetings.every(
          (m) => m.status === 'scheduled' && m.seriesId === series.id && m.occurrenceKey === m.startsAt,
        ),
      ).toBe(true);
      expect(new Date(meetings[0].endsAt).getTime() - new Date(meetings[0].startsAt).getTime()).toBe(
        120 * 60_000,
      );
      const events = await t.ds.query(
        `SELECT count(*)::int AS n FROM group_events WHERE group_id = $1 AND type = 'meeting.scheduled' AND data->>'seriesId' = $2`,
        [groupId, series.id],
      );
      expect(events[0].n).toBe(5);
      const audit = await t.ds.query(
        `SELECT actor_user_id FROM audit_events WHERE entity_id = $1 AND action = 'meeting.scheduled'`,
        [meetings[0].id],
      );
      expect(audit).toEqual([{ actor_user_id: null }]);
    });

    it('lists meetings in start order with keyset pagination and filters', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: any = await t
          .api()
          .get(`/api/v1/groups/${groupId}/meetings`)
          .query({ seriesId: series.id, limit: 2, ...(cursor ? { cursor } : {}) })
          .set(observer.auth);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((m: any) => m.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(meetings.map((m) => m.id));
      const windowed = await t
        .api()
        .get(`/api/v1/groups/${groupId}/meetings`)
        .query({ seriesId: series.id, from: meetings[1].startsAt, to: meetings[3].startsAt })
        .set(focal.auth);
      expect(windowed.body.items.map((m: any) => m.id)).toEqual([meetings[1].id, meetings[2].id]);
      expectProblem(
        await t.api().get(`/api/v1/groups/${groupId}/meetings`).query({ from: 'yesterday' }).set(focal.auth),
        400,
      );
      expectProblem(
        await t
          .api()
          .get(`/api/v1/groups/${groupId}/meetings`)
          .query({ status: 'postponed' })
          .set(focal.auth),
        400,
      );
      // Forged cursors are a 400, never a database error.
      for (const forged of [['1', meetings[0].id], [meetings[0].startsAt, 'x'], ['nope']]) {
        const cursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
        expectProblem(
          await t.api().get(`/api/v1/groups/${groupId}/meetings`).query({ cursor }).set(focal.auth),
          400,
        );
        expectProblem(
          await t.api().get(`/api/v1/groups/${groupId}/meeting-series`).query({ cursor }).set(focal.auth),
          400,
        );
      }
    });

    it('pages the series list', async () => {
      const first = await t
        .api()
        .get(`/api/v1/groups/${groupId}/meeting-series`)
        .query({ limit: 1, status: 'all' })
        .set(observer.auth);
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await t
        .api()
        .get(`/api/v1/groups/${groupId}/meeting-series`)
        .query({ limit: 1, status: 'all', cursor: first.body.nextCursor })
        .set(observer.auth);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    });

    it('reschedules one occurrence: same identity, detached, SEQUENCE bumped, original slot never re-created', async () => {
      const target = meetings[0];
      const newStart = new Date(new Date(target.startsAt).getTime() + 2 * 3600_000).toISOString();
      expectProblem(
        await t
          .api()
          .patch(`/api/v1/meetings/${target.id}`)
          .set(coChairless.auth)
          .send({ startsAt: newStart }),
        403,
      );
      expectProblem(
        await t.api().patch(`/api/v1/meetings/${target.id}`).set(outsider.auth).send({ startsAt: newStart }),
        404,
      );
      expectProblem(
        await t
          .api()
          .patch(`/api/v1/meetings/${target.id}`)
          .set(focal.auth)
          .send({ endsAt: target.startsAt }),
        400,
      );
      const res = await t
        .api()
        .patch(`/api/v1/meetings/${target.id}`)
        .set(focal.auth)
        .send({ startsAt: newStart, focus: 'Artisanal miners on the concession' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        expect.objectContaining({
          id: target.id,
          startsAt: newStart,
          occurrenceKey: target.occurrenceKey,
          detached: true,
          sequence: 1,
          focus: 'Artisanal miners on the concession',
        }),
      );
      expect(new Date(res.body.endsAt).getTime() - new Date(newStart).getTime()).toBe(120 * 60_000);

      const cancel = await t
        .api()
        .post(`/api/v1/meetings/${meetings[1].id}/cancel`)
        .set(focal.auth)
        .send({ reason: 'Road blocked' });
      expect(cancel.status).toBe(200);
      expect(cancel.body).toEqual(
        expect.objectContaining({ status: 'cancelled', cancelReason: 'Road blocked', sequence: 1 }),
      );
      expectProblem(
        await t
          .api()
          .post(`/api/v1/meetings/${meetings[1].id}/cancel`)
          .set(focal.auth)
          .send({ reason: 'again' }),
        409,
      );
      expectProblem(
        await t.api().post(`/api/v1/meetings/${meetings[2].id}/cancel`).set(focal.auth).send({}),
        400,
      );

      // A new series version is materialised again: the moved and cancelled slots stay as they are.
      const patched = await t
        .api()
        .patch(`/api/v1/groups/${groupId}/meeting-series/${series.id}`)
        .set(focal.auth)
        .send({ title: 'Renamed forum', location: 'Hotel Karavia' });
      expect(patched.status).toBe(200);
      expect(patched.body.version).toBe(series.version + 1);
      await waitFor(
        async () =>
          (await t.ds.query(`SELECT materialised_until FROM meeting_series WHERE id = $1`, [series.id]))[0]
            .materialised_until,
        (v) =>
          v !== null && new Date(v).getTime() > new Date(patched.body.updatedAt).getTime() + 5 * DAY - 60_000,
        'a materialisation run after the patch',
      );
      const after = await seriesMeetings(series.id);
      expect(after.map((m) => m.id)).toEqual(meetings.map((m) => m.id));
      const byId = new Map(after.map((m) => [m.id, m]));
      expect(byId.get(meetings[0].id)).toEqual(
        expect.objectContaining({ title: series.title, startsAt: newStart, sequence: 1 }),
      ); // detached: untouched
      expect(byId.get(meetings[1].id)).toEqual(
        expect.objectContaining({ title: series.title, status: 'cancelled' }),
      );
      for (const m of meetings.slice(2))
        expect(byId.get(m.id)).toEqual(
          expect.objectContaining({ title: 'Renamed forum', location: 'Hotel Karavia', sequence: 1 }),
        );
    });

    it('a changed rule cancels future occurrences that no longer match and materialises the new ones', async () => {
      const res = await t
        .api()
        .patch(`/api/v1/groups/${groupId}/meeting-series/${series.id}`)
        .set(focal.auth)
        .send({ rrule: 'FREQ=DAILY;INTERVAL=2' });
      expect(res.status).toBe(200);
      const spec = {
        rrule: 'FREQ=DAILY;INTERVAL=2',
        startDate: series.startDate,
        startTime: series.startTime,
        timezone: series.timezone,
      };
      const expected = occurrencesBetween(spec, new Date(), new Date(Date.now() + 5 * DAY)).map((d) =>
        d.toISOString(),
      );
      const rows = await waitFor(
        () => seriesMeetings(series.id),
        (items) => expected.every((k) => items.some((m: any) => m.occurrenceKey === k)),
        'the new rule materialised',
      );
      const live = rows.filter((m: any) => m.status === 'scheduled' && !m.detached);
      expect(live.map((m: any) => m.occurrenceKey).sort()).toEqual(
        expected.filter((k) => k !== meetings[0].occurrenceKey && k !== meetings[1].occurrenceKey).sort(),
      );
      const dropped = rows.filter((m: any) => m.status === 'cancelled' && !m.detached);
      expect(dropped.length).toBeGreaterThan(0);
      for (const m of dropped) expect(m.cancelReason).toMatch(/no longer part of the series/i);
      // Surviving meetings kept their identity.
      const kept = live.filter((m: any) => meetings.some((o) => o.id === m.id));
      expect(kept.length + dropped.length).toBe(3);
    });

    it('rejects a bad rule on PATCH with 400 and leaves the series unchanged', async () => {
      const bad = await t
        .api()
        .patch(`/api/v1/groups/${groupId}/meeting-series/${series.id}`)
        .set(focal.auth)
        .send({ rrule: 'FREQ=SOMETIMES' });
      expectProblem(bad, 400);
      const get = await t
        .api()
        .get(`/api/v1/groups/${groupId}/meeting-series/${series.id}`)
        .set(observer.auth);
      expect(get.body.rrule).toBe('FREQ=DAILY;INTERVAL=2');
    });

    it('DELETE stops the series and cancels its future meetings', async () => {
      expectProblem(
        await t.api().delete(`/api/v1/groups/${groupId}/meeting-series/${series.id}`).set(coChairless.auth),
        403,
      );
      const res = await t
        .api()
        .delete(`/api/v1/groups/${groupId}/meeting-series/${series.id}`)
        .set(focal.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ status: 'deleted', nextOccurrences: [] }));
      const rows = await seriesMeetings(series.id);
      expect(rows.filter((m) => m.status === 'scheduled')).toEqual([]);
      expectProblem(
        await t.api().delete(`/api/v1/groups/${groupId}/meeting-series/${series.id}`).set(focal.auth),
        409,
      );
      const list = await t.api().get(`/api/v1/groups/${groupId}/meeting-series`).set(focal.auth);
      expect(list.body.items.map((s: any) => s.id)).not.toContain(series.id);
      const types = await t.ds.query(
        `SELECT DISTINCT type FROM group_events WHERE group_id = $1 AND (entity_id = $2::uuid OR data->>'seriesId' = $2::text)`,
        [groupId, series.id],
      );
      expect(types.map((r: any) => r.type).sort()).toEqual([
        'meeting.cancelled',
        'meeting.scheduled',
        'meeting.updated',
        'series.created',
        'series.deleted',
        'series.updated',
      ]);
    });
  });

  it('a new start time moves the future meetings, keeping their identity, without duplicates', async () => {
    const created = await t
      .api()
      .post(`/api/v1/groups/${groupId}/meeting-series`)
      .set(focal.auth)
      .send(dailySeriesBody());
    expect(created.status).toBe(201);
    const series = created.body;
    const before = await waitFor(
      () => seriesMeetings(series.id),
      (items) => items.length >= 5,
      'materialisation',
    );
    const [h, m] = series.startTime.split(':').map(Number);
    const delta = h >= 1 ? -1 : 1; // stay on the same local date
    const startTime = `${String(h + delta).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    const res = await t
      .api()
      .patch(`/api/v1/groups/${groupId}/meeting-series/${series.id}`)
      .set(focal.auth)
      .send({ startTime });
    expect(res.status).toBe(200);
    expect(res.body.startTime).toBe(startTime);
    await waitFor(
      async () =>
        (await t.ds.query(`SELECT materialised_until FROM meeting_series WHERE id = $1`, [series.id]))[0]
          .materialised_until,
      (v) => v !== null && new Date(v).getTime() > new Date(res.body.updatedAt).getTime() + 5 * DAY - 60_000,
      'a materialisation run after the patch',
    );
    const after = await seriesMeetings(series.id);
    const expected = occurrencesBetween(
      { rrule: series.rrule, startDate: series.startDate, startTime, timezone: series.timezone },
      new Date(),
      new Date(Date.now() + 5 * DAY),
    ).map((d) => d.toISOString());
    expect(after.map((x) => x.id).sort()).toEqual(before.map((x) => x.id).sort());
    for (const old of before) {
      const moved = after.find((x) => x.id === old.id);
      expect(new Date(moved.startsAt).getTime() - new Date(old.startsAt).getTime()).toBe(delta * 3600_000);
      expect(moved).toEqual(
        expect.objectContaining({
          status: 'scheduled',
          occurrenceKey: moved.startsAt,
          sequence: 1,
          detached: false,
        }),
      );
    }
    expect(after.map((x) => x.startsAt)).toEqual(expected);
  });

  describe('ad hoc meetings, RSVP and attendance', () => {
    let past: any;
    let future: any;

    beforeAll(async () => {
      const p = await t
        .api()
        .post(`/api/v1/groups/${groupId}/meetings`)
        .set(focal.auth)
        .send({
          title: 'Emergency meeting',
          startsAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
          endsAt: new Date(Date.now() - 3600_000).toISOString(),
        });
      expect(p.status).toBe(201);
      past = p.body;
      const f = await t
        .api()
        .post(`/api/v1/groups/${groupId}/meetings`)
        .set(focal.auth)
        .send({
          title: 'Follow-up',
          startsAt: new Date(Date.now() + 10 * DAY).toISOString(),
          endsAt: new Date(Date.now() + 10 * DAY + 3600_000).toISOString(),
          focus: 'Checkpoints',
        });
      expect(f.status).toBe(201);
      future = f.body;
    });

    it('creates ad hoc meetings in the group zone with default reminders', () => {
      expect(past).toEqual(
        expect.objectContaining({
          seriesId: null,
          occurrenceKey: null,
          timezone: 'Africa/Lubumbashi',
          status: 'scheduled',
          reminderOffsetsMinutes: [10080, 1440],
        }),
      );
    });

    it('validates ad hoc meetings and hides other groups', async () => {
      const now = Date.now();
      expectProblem(
        await t
          .api()
          .post(`/api/v1/groups/${groupId}/meetings`)
          .set(focal.auth)
          .send({
            title: 'x',
            startsAt: new Date(now).toISOString(),
            endsAt: new Date(now - 1000).toISOString(),
          }),
        400,
      );
      expectProblem(
        await t
          .api()
          .post(`/api/v1/groups/${groupId}/meetings`)
          .set(focal.auth)
          .send({ title: 'x', startsAt: 'soon', endsAt: 'later' }),
        400,
      );
      expectProblem(
        await t
          .api()
          .post(`/api/v1/groups/${groupId}/meetings`)
          .set(coChairless.auth)
          .send({
            title: 'x',
            startsAt: new Date(now).toISOString(),
            endsAt: new Date(now + 1000).toISOString(),
          }),
        403,
      );
      expectProblem(await t.api().get(`/api/v1/meetings/${future.id}`).set(outsider.auth), 404);
      expectProblem(
        await t.api().get(`/api/v1/meetings/00000000-0000-4000-8000-000000000000`).set(focal.auth),
        404,
      );
      expectProblem(await t.api().get(`/api/v1/meetings/not-a-uuid`).set(focal.auth), 404);
    });

    it('lets members and observers RSVP for themselves', async () => {
      const a = await t
        .api()
        .put(`/api/v1/meetings/${future.id}/rsvp`)
        .set(observer.auth)
        .send({ response: 'yes' });
      expect(a.status).toBe(200);
      expect(a.body).toEqual(
        expect.objectContaining({ meetingId: future.id, memberId: observerId, response: 'yes' }),
      );
      await t
        .api()
        .put(`/api/v1/meetings/${future.id}/rsvp`)
        .set(coChairless.auth)
        .send({ response: 'maybe' });
      await t.api().put(`/api/v1/meetings/${future.id}/rsvp`).set(coChairless.auth).send({ response: 'no' });
      const view = await t.api().get(`/api/v1/meetings/${future.id}`).set(coChairless.auth);
      expect(view.body).toEqual(
        expect.objectContaining({ myRsvp: 'no', rsvps: { yes: 1, no: 1, maybe: 0 } }),
      );
      expectProblem(
        await t
          .api()
          .put(`/api/v1/meetings/${future.id}/rsvp`)
          .set(observer.auth)
          .send({ response: 'perhaps' }),
        400,
      );
      expectProblem(
        await t.api().put(`/api/v1/meetings/${future.id}/rsvp`).set(outsider.auth).send({ response: 'yes' }),
        404,
      );
    });

    it('records attendance (focal point only), marks the meeting held and joins member and organisation', async () => {
      const records = [
        { memberId, attended: true },
        { memberId: observerId, attended: false },
        { memberId: focalMemberId, attended: true },
      ];
      expectProblem(
        await t.api().put(`/api/v1/meetings/${past.id}/attendance`).set(coChairless.auth).send({ records }),
        403,
      );
      expectProblem(
        await t.api().put(`/api/v1/meetings/${future.id}/attendance`).set(focal.auth).send({ records }),
        409,
      );
      const bad = await t
        .api()
        .put(`/api/v1/meetings/${past.id}/attendance`)
        .set(focal.auth)
        .send({ records: [{ memberId: '00000000-0000-4000-8000-000000000000', attended: true }] });
      expectProblem(bad, 400);
      expect(bad.body.errors[0].field).toBe('records[0].memberId');
      expectProblem(
        await t
          .api()
          .put(`/api/v1/meetings/${past.id}/attendance`)
          .set(focal.auth)
          .send({ records: [{ memberId, attended: 'yes' }] }),
        400,
      );

      const res = await t
        .api()
        .put(`/api/v1/meetings/${past.id}/attendance`)
        .set(focal.auth)
        .send({ records });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('held');
      expect(res.body.attendedCount).toBe(2);
      const read = await t.api().get(`/api/v1/meetings/${past.id}/attendance`).set(observer.auth);
      expect(read.status).toBe(200);
      const mine = read.body.records.find((r: any) => r.memberId === memberId);
      expect(mine).toEqual(
        expect.objectContaining({
          attended: true,
          displayName: 'member',
          organisation: expect.objectContaining({ kind: 'civil_society' }),
        }),
      );
      const rows = await t.ds.query(
        `SELECT membership_id, attended FROM meeting_attendance WHERE meeting_id = $1 ORDER BY membership_id`,
        [past.id],
      );
      expect(rows).toHaveLength(3);
      expect((await t.api().get(`/api/v1/meetings/${past.id}`).set(focal.auth)).body.status).toBe('held');
      expectProblem(
        await t.api().post(`/api/v1/meetings/${past.id}/cancel`).set(focal.auth).send({ reason: 'too late' }),
        409,
      );
    });

    it('closes RSVPs for a cancelled meeting', async () => {
      const c = await t
        .api()
        .post(`/api/v1/meetings/${future.id}/cancel`)
        .set(focal.auth)
        .send({ reason: 'Postponed by the governor' });
      expect(c.status).toBe(200);
      expectProblem(
        await t.api().put(`/api/v1/meetings/${future.id}/rsvp`).set(observer.auth).send({ response: 'yes' }),
        409,
      );
      expectProblem(
        await t.api().patch(`/api/v1/meetings/${future.id}`).set(focal.auth).send({ title: 'x' }),
        409,
      );
    });
  });

  describe('calendar feeds', () => {
    const parse = (text: string) => {
      const comp = new ICAL.Component(ICAL.parse(text));
      expect(comp.name).toBe('vcalendar');
      return comp.getAllSubcomponents('vevent').map((v: any) => ({
        uid: v.getFirstPropertyValue('uid'),
        sequence: v.getFirstPropertyValue('sequence'),
        status: v.getFirstPropertyValue('status'),
        start: v.getFirstPropertyValue('dtstart').toJSDate().toISOString(),
        summary: v.getFirstPropertyValue('summary'),
      }));
    };

    it('serves the group feed with a bearer token: stable UIDs, SEQUENCE, STATUS:CANCELLED', async () => {
      const res = await t.api().get(`/api/v1/groups/${groupId}/calendar.ics`).set(observer.auth);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const events = parse(res.text);
      const all = (await t.api().get(`/api/v1/groups/${groupId}/meetings?limit=200`).set(focal.auth)).body
        .items as any[];
      expect(events.map((e: any) => e.uid).sort()).toEqual(all.map((m) => `${m.id}@roundtable`).sort());
      for (const m of all) {
        const e = events.find((x: any) => x.uid === `${m.id}@roundtable`);
        const toSecond = new Date(Math.floor(Date.parse(m.startsAt) / 1000) * 1000).toISOString(); // iCalendar has second precision
        expect(e).toEqual(
          expect.objectContaining({
            sequence: m.sequence,
            start: toSecond,
            status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
          }),
        );
      }
      expect(events.some((e: any) => e.status === 'CANCELLED')).toBe(true);
    });

    it('accepts the personal feed token instead of a bearer, and nothing else', async () => {
      const tok = await t.api().get('/api/v1/me/calendar-token').set(coChairless.auth);
      const res = await t
        .api()
        .get(`/api/v1/groups/${groupId}/calendar.ics`)
        .query({ token: tok.body.token });
      expect(res.status).toBe(200);
      expect(parse(res.text).length).toBeGreaterThan(0);
      expectProblem(await t.api().get(`/api/v1/groups/${groupId}/calendar.ics`), 401);
      expectProblem(
        await t
          .api()
          .get(`/api/v1/groups/${groupId}/calendar.ics`)
          .query({ token: 'f'.repeat(48) }),
        401,
      );
      const other = await t.api().get('/api/v1/me/calendar-token').set(outsider.auth);
      expectProblem(
        await t.api().get(`/api/v1/groups/${groupId}/calendar.ics`).query({ token: other.body.token }),
        404,
      );
    });

    it('serves one meeting', async () => {
      const [m] = (
        await t.api().get(`/api/v1/groups/${groupId}/meetings?status=cancelled&limit=1`).set(focal.auth)
      ).body.items;
      const res = await t.api().get(`/api/v1/meetings/${m.id}/calendar.ics`).set(focal.auth);
      expect(res.status).toBe(200);
      expect(parse(res.text)).toEqual([
        expect.objectContaining({ uid: `${m.id}@roundtable`, status: 'CANCELLED', sequence: m.sequence }),
      ]);
      expectProblem(await t.api().get(`/api/v1/meetings/${m.id}/calendar.ics`).set(outsider.auth), 404);
    });
  });

  it('documents every meetings route in OpenAPI', async () => {
    const doc = (await t.api().get('/api/docs-json')).body;
    for (const path of [
      '/api/v1/groups/{groupId}/meeting-series',
      '/api/v1/groups/{groupId}/meeting-series/{seriesId}',
      '/api/v1/groups/{groupId}/meetings',
      '/api/v1/groups/{groupId}/calendar.ics',
      '/api/v1/meetings/{meetingId}',
      '/api/v1/meetings/{meetingId}/cancel',
      '/api/v1/meetings/{meetingId}/rsvp',
      '/api/v1/meetings/{meetingId}/attendance',
      '/api/v1/meetings/{meetingId}/calendar.ics',
    ]) {
      expect(doc.paths[path]).toBeDefined();
    }
    expect(doc.components.schemas.SeriesDto.properties.nextOccurrences).toBeDefined();
  });
});
