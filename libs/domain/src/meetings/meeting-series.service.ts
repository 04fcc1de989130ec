import { Injectable } from '@nestjs/common';
import {
  BadRequestProblem,
  ConflictProblem,
  decodeCursor,
  isUuid,
  NotFoundProblem,
  pageLimit,
  toPage,
} from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { CreateSeriesDto, SeriesDto, SeriesListDto, SeriesQuery, UpdateSeriesDto } from './dto/meeting.dto';
import { DEFAULT_REMINDER_OFFSETS, SERIES_SELECT, SeriesRow } from './meeting.entity';
import { MeetingQueue } from './meeting-queue.service';
import { isIsoInstant } from './meeting-view';
import {
  localDate,
  nextOccurrences,
  occurrencesBetween,
  recurrenceErrors,
  RecurrenceSpec,
} from './recurrence';

const DAY_MS = 86_400_000;
const SERIES_POWER = 'focal_point'; // DESIGN: focal points set up the monthly meeting series

const specOf = (s: Pick<SeriesRow, 'rrule' | 'start_date' | 'start_time' | 'timezone'>): RecurrenceSpec => ({
  rrule: s.rrule,
  startDate: s.start_date,
  startTime: s.start_time,
  timezone: s.timezone,
});

@Injectable()
export class MeetingSeriesService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly queue: MeetingQueue,
  ) {}

  async create(userId: string, groupId: string, dto: CreateSeriesDto): Promise<SeriesDto> {
    const errors = recurrenceErrors(dto);
    if (errors.length)
      throw new BadRequestProblem(
        errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : 'The request is invalid',
        errors,
      );
    const series = await this.ds.transaction(async (em) => {
      await this.access.require(userId, groupId, SERIES_POWER, em);
      const [row] = await em.query(
        `INSERT INTO meeting_series (group_id, title, rrule, start_date, start_time, timezone, duration_minutes, location, online_url,
                                     horizon_days, reminder_offsets_minutes, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          groupId,
          dto.title,
          normaliseRule(dto.rrule),
          dto.startDate,
          dto.startTime,
          dto.timezone,
          dto.durationMinutes,
          dto.location ?? null,
          dto.onlineUrl ?? null,
          dto.horizonDays ?? 90,
          dto.reminderOffsetsMinutes ?? DEFAULT_REMINDER_OFFSETS,
          userId,
        ],
      );
      const s = await this.lock(em, groupId, row.id);
      await this.changes.record(em, {
        groupId,
        type: 'series.created',
        entityType: 'meeting_series',
        entityId: s.id,
        actorUserId: userId,
        data: {
          seriesId: s.id,
          title: s.title,
          rrule: s.rrule,
          startDate: s.start_date,
          startTime: s.start_time,
          timezone: s.timezone,
        },
        audit: {
          title: s.title,
          rrule: s.rrule,
          startDate: s.start_date,
          startTime: s.start_time,
          timezone: s.timezone,
        },
      });
      return s;
    });
    await this.queue.requestMaterialisation(series.id, series.version);
    return toSeries(series);
  }

  async list(userId: string, groupId: string, q: SeriesQuery): Promise<SeriesListDto> {
    await this.access.require(userId, groupId);
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2);
    const params: unknown[] = [groupId, q.status ?? 'active', limit + 1];
    let keyset = '';
    if (cursor) {
      if (!isIsoInstant(cursor[0]) || !isUuid(cursor[1])) {
        throw new BadRequestProblem('cursor: invalid cursor', [
          { field: 'cursor', message: 'invalid cursor' },
        ]);
      }
      params.push(cursor[0], cursor[1]);
      // Milliseconds, like the cursor: now() has microseconds, an ISO string does not.
      keyset = `AND (date_trunc('milliseconds', s.created_at), s.id) > ($4::timestamptz, $5::uuid)`;
    }
    const rows: SeriesRow[] = await this.ds.query(
      `${SERIES_SELECT} WHERE s.group_id = $1 AND ($2 = 'all' OR s.status = $2) ${keyset} ORDER BY date_trunc('milliseconds', s.created_at), s.id LIMIT $3`,
      params,
    );
    return toPage(rows, limit, (r) => [new Date(r.created_at).toISOString(), r.id], toSeries);
  }

  async get(userId: string, groupId: string, seriesId: string): Promise<SeriesDto> {
    await this.access.require(userId, groupId);
    const [row]: SeriesRow[] = await this.ds.query(`${SERIES_SELECT} WHERE s.id = $1 AND s.group_id = $2`, [
      seriesId,
      groupId,
    ]);
    if (!row) throw new NotFoundProblem('Meeting series');
    return toSeries(row);
  }

  // Updates the series and its future, not individually edited, still scheduled meetings — never
  // one that has been held (its status says so) or whose minutes are approved. With a
  // new rule, time or zone, each such meeting moves to the new occurrence on its local date (it
  // keeps its identity and is re-keyed to that occurrence so materialisation stays idempotent);
  // meetings whose date no longer matches are cancelled, and new occurrences are materialised.
  async update(userId: string, groupId: string, seriesId: string, dto: UpdateSeriesDto): Promise<SeriesDto> {
    const errors = recurrenceErrors(dto, [
      ...(dto.rrule !== undefined ? (['rrule'] as const) : []),
      ...(dto.startTime !== undefined ? (['startTime'] as const) : []),
    ]);
    if (errors.length) throw new BadRequestProblem(`${errors[0].field}: ${errors[0].message}`, errors);
    const series = await this.ds.transaction(async (em) => {
      await this.access.require(userId, groupId, SERIES_POWER, em);
      const before = await this.lock(em, groupId, seriesId);
      if (before.status !== 'active') throw new ConflictProblem('This series has been deleted');
      const after: SeriesRow = {
        ...before,
        title: dto.title ?? before.title,
        rrule: dto.rrule !== undefined ? normaliseRule(dto.rrule) : before.rrule,
        start_time: dto.startTime ?? before.start_time,
        timezone: dto.timezone ?? before.timezone,
        duration_minutes: dto.durationMinutes ?? before.duration_minutes,
        location: dto.location !== undefined ? dto.location : before.location,
        online_url: dto.onlineUrl !== undefined ? dto.onlineUrl : before.online_url,
        horizon_days: dto.horizonDays ?? before.horizon_days,
        reminder_offsets_minutes: dto.reminderOffsetsMinutes ?? before.reminder_offsets_minutes,
      };
      const combined = recurrenceErrors(specOf(after));
      if (combined.length)
        throw new BadRequestProblem(`${combined[0].field}: ${combined[0].message}`, combined);
      const changed = diff(before, after);
      if (Object.keys(changed).length === 0) return before;
      await em.query(
        `UPDATE meeting_series SET title = $2, rrule = $3, start_time = $4, timezone = $5, duration_minutes = $6, location = $7,
                online_url = $8, horizon_days = $9, reminder_offsets_minutes = $10, version = version + 1, updated_at = now()
         WHERE id = $1`,
        [
          seriesId,
          after.title,
          after.rrule,
          after.start_time,
          after.timezone,
          after.duration_minutes,
          after.location,
          after.online_url,
          after.horizon_days,
          after.reminder_offsets_minutes,
        ],
      );
      const meetings = await this.reconcile(em, userId, before, after);
      await this.changes.record(em, {
        groupId,
        type: 'series.updated',
        entityType: 'meeting_series',
        entityId: seriesId,
        actorUserId: userId,
        data: { seriesId, changed: Object.keys(changed), ...meetings },
        audit: { before: pick(before, Object.keys(changed)), after: changed, ...meetings },
      });
      return this.lock(em, groupId, seriesId);
    });
    await this.queue.requestMaterialisation(series.id, series.version);
    return toSeries(series);
  }

  // Stops the series: no more occurrences, and its future meetings are cancelled.
  async remove(userId: string, groupId: string, seriesId: string): Promise<SeriesDto> {
    return this.ds.transaction(async (em) => {
      await this.access.require(userId, groupId, SERIES_POWER, em);
      const s = await this.lock(em, groupId, seriesId);
      if (s.status !== 'active') throw new ConflictProblem('This series has already been deleted');
      await em.query(
        `UPDATE meeting_series SET status = 'deleted', deleted_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
        [seriesId],
      );
      // TypeORM answers UPDATE ... RETURNING with [rows, affectedCount].
      const [cancelled]: [{ id: string }[], number] = await em.query(
        `UPDATE meetings SET status = 'cancelled', cancel_reason = 'The meeting series was stopped', sequence = sequence + 1, updated_at = now()
         WHERE series_id = $1 AND status = 'scheduled' AND starts_at > now()
           AND NOT EXISTS (SELECT 1 FROM minutes mi WHERE mi.meeting_id = meetings.id AND mi.status = 'approved')
         RETURNING id`,
        [seriesId],
      );
      for (const m of cancelled)
        await this.meetingEvent(em, userId, s.group_id, m.id, 'meeting.cancelled', {
          reason: 'The meeting series was stopped',
        });
      await this.changes.record(em, {
        groupId,
        type: 'series.deleted',
        entityType: 'meeting_series',
        entityId: seriesId,
        actorUserId: userId,
        data: { seriesId, cancelledMeetingIds: cancelled.map((m) => m.id) },
        audit: { title: s.title, cancelledMeetings: cancelled.length },
      });
      return toSeries(await this.lock(em, groupId, seriesId));
    });
  }

  private async reconcile(
    em: EntityManager,
    userId: string,
    before: SeriesRow,
    after: SeriesRow,
  ): Promise<{ updatedMeetings: number; cancelledMeetings: number }> {
    const future: { id: string; occurrence_key: Date; starts_at: Date }[] = await em.query(
      `SELECT id, occurrence_key, starts_at FROM meetings
       WHERE series_id = $1 AND NOT detached AND status = 'scheduled' AND starts_at > now()
         AND NOT EXISTS (SELECT 1 FROM minutes mi WHERE mi.meeting_id = meetings.id AND mi.status = 'approved')
       ORDER BY starts_at FOR UPDATE`,
      [before.id],
    );
    if (future.length === 0) return { updatedMeetings: 0, cancelledMeetings: 0 };
    const timing =
      before.rrule !== after.rrule ||
      before.start_time !== after.start_time ||
      before.timezone !== after.timezone;
    let updated = 0;
    let cancelled = 0;
    if (!timing) {
      for (const m of future) {
        await em.query(
          `UPDATE meetings SET title = $2, location = $3, online_url = $4, ends_at = starts_at + make_interval(mins => $5),
                  sequence = sequence + 1, updated_at = now() WHERE id = $1`,
          [m.id, after.title, after.location, after.online_url, after.duration_minutes],
        );
        await this.meetingEvent(em, userId, before.group_id, m.id, 'meeting.updated', { seriesUpdate: true });
        updated++;
      }
      return { updatedMeetings: updated, cancelledMeetings: cancelled };
    }
    const now = new Date();
    const last = Math.max(...future.map((m) => new Date(m.starts_at).getTime()));
    const end = new Date(Math.max(now.getTime() + after.horizon_days * DAY_MS, last) + 2 * DAY_MS);
    const byDate = new Map<string, Date>();
    for (const d of occurrencesBetween(specOf(after), now, end)) {
      const key = localDate(d, after.timezone);
      if (!byDate.has(key)) byDate.set(key, d);
    }
    for (const m of future) {
      const target = byDate.get(localDate(new Date(m.occurrence_key), before.timezone));
      byDate.delete(localDate(new Date(m.occurrence_key), before.timezone));
      const taken =
        target &&
        new Date(m.occurrence_key).getTime() !== target.getTime() &&
        (
          await em.query(`SELECT 1 FROM meetings WHERE series_id = $1 AND occurrence_key = $2`, [
            before.id,
            target.toISOString(),
          ])
        ).length > 0;
      if (target && !taken) {
        await em.query(
          `UPDATE meetings SET occurrence_key = $2, starts_at = $2, ends_at = $2::timestamptz + make_interval(mins => $3), timezone = $4,
                  title = $5, location = $6, online_url = $7, sequence = sequence + 1, updated_at = now() WHERE id = $1`,
          [
            m.id,
            target.toISOString(),
            after.duration_minutes,
            after.timezone,
            after.title,
            after.location,
            after.online_url,
          ],
        );
        await this.meetingEvent(em, userId, before.group_id, m.id, 'meeting.updated', {
          seriesUpdate: true,
          startsAt: target.toISOString(),
        });
        updated++;
      } else {
        const reason = 'No longer part of the series after its schedule changed';
        await em.query(
          `UPDATE meetings SET status = 'cancelled', cancel_reason = $2, sequence = sequence + 1, updated_at = now() WHERE id = $1`,
          [m.id, reason],
        );
        await this.meetingEvent(em, userId, before.group_id, m.id, 'meeting.cancelled', { reason });
        cancelled++;
      }
    }
    return { updatedMeetings: updated, cancelledMeetings: cancelled };
  }

  private async meetingEvent(
    em: EntityManager,
    userId: string,
    groupId: string,
    meetingId: string,
    type: 'meeting.updated' | 'meeting.cancelled',
    extra: Record<string, unknown>,
  ): Promise<void> {
    const [m] = await em.query(
      `SELECT series_id, starts_at, ends_at, status, sequence FROM meetings WHERE id = $1`,
      [meetingId],
    );
    await this.changes.record(em, {
      groupId,
      type,
      entityType: 'meeting',
      entityId: meetingId,
      actorUserId: userId,
      data: {
        meetingId,
        seriesId: m.series_id,
        startsAt: new Date(m.starts_at).toISOString(),
        endsAt: new Date(m.ends_at).toISOString(),
        status: m.status,
        ...extra,
      },
      audit: { sequence: m.sequence, ...extra },
    });
  }

  private async lock(em: EntityManager, groupId: string, seriesId: string): Promise<SeriesRow> {
    const [row]: SeriesRow[] = await em.query(
      `${SERIES_SELECT} WHERE s.id = $1 AND s.group_id = $2 FOR UPDATE OF s`,
      [seriesId, groupId],
    );
    if (!row) throw new NotFoundProblem('Meeting series');
    return row;
  }
}

// Upper-case and without an "RRULE:" prefix, so equal rules compare equal.
function normaliseRule(rule: string): string {
  return rule
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
}

const FIELDS: Record<string, keyof SeriesRow> = {
  title: 'title',
  rrule: 'rrule',
  startTime: 'start_time',
  timezone: 'timezone',
  durationMinutes: 'duration_minutes',
  location: 'location',
  onlineUrl: 'online_url',
  horizonDays: 'horizon_days',
  reminderOffsetsMinutes: 'reminder_offsets_minutes',
};

function diff(before: SeriesRow, after: SeriesRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, col] of Object.entries(FIELDS)) {
    if (JSON.stringify(before[col]) !== JSON.stringify(after[col])) out[name] = after[col];
  }
  return out;
}

function pick(row: SeriesRow, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((n) => [n, row[FIELDS[n]]]));
}

export function toSeries(s: SeriesRow): SeriesDto {
  const now = new Date();
  return {
    id: s.id,
    groupId: s.group_id,
    title: s.title,
    rrule: s.rrule,
    startDate: s.start_date,
    startTime: s.start_time,
    timezone: s.timezone,
    durationMinutes: s.duration_minutes,
    location: s.location,
    onlineUrl: s.online_url,
    horizonDays: s.horizon_days,
    reminderOffsetsMinutes: s.reminder_offsets_minutes,
    status: s.status,
    version: s.version,
    nextOccurrences:
      s.status === 'active' ? nextOccurrences(specOf(s), now, 12).map((d) => d.toISOString()) : [],
    materialisedUntil: s.materialised_until ? new Date(s.materialised_until).toISOString() : null,
    createdAt: new Date(s.created_at).toISOString(),
    updatedAt: new Date(s.updated_at).toISOString(),
  };
}
