import { Injectable } from '@nestjs/common';
import {
  BadRequestProblem,
  ConflictProblem,
  decodeCursor,
  isUuid,
  limitPlusOneSql,
  Page,
  pageLimit,
  toPage,
} from '@roundtable/core';
import { preparedQuery } from '@roundtable/database';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import {
  AttendanceDto,
  CreateMeetingDto,
  MeetingDto,
  MeetingQuery,
  RecordAttendanceDto,
  RsvpDto,
  RsvpViewDto,
  UpdateMeetingDto,
} from './dto/meeting.dto';
import { isIsoInstant, loadMeeting, MEETING_SELECT, toMeeting } from './meeting-view';

// Single meetings: ad hoc ones, edits of one occurrence, cancellation, RSVPs and attendance.
// Who may do what: the focal point or a co-chair ('manage') schedules, edits and cancels single
// meetings (co-chairs lead meetings); attendance is the focal point's ('focal_point'); any
// member, observers included, reads and RSVPs.
@Injectable()
export class MeetingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
  ) {}

  async list(userId: string, groupId: string, q: MeetingQuery): Promise<Page<MeetingDto>> {
    const actor = await this.access.require(userId, groupId);
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2);
    const params: unknown[] = [actor.membershipId, groupId];
    const where = [`m.group_id = $2`];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.from) add(`m.starts_at >= ?::timestamptz`, q.from);
    if (q.to) add(`m.starts_at < ?::timestamptz`, q.to);
    if (q.status) add(`m.status = ?`, q.status);
    if (q.seriesId) add(`m.series_id = ?::uuid`, q.seriesId);
    if (cursor) {
      if (!isIsoInstant(cursor[0]) || !isUuid(cursor[1])) {
        throw new BadRequestProblem('cursor: invalid cursor', [
          { field: 'cursor', message: 'invalid cursor' },
        ]);
      }
      params.push(cursor[0], cursor[1]);
      where.push(`(m.starts_at, m.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const rows = await preparedQuery(
      this.ds,
      `${MEETING_SELECT} WHERE ${where.join(' AND ')} ORDER BY m.starts_at, m.id ${limitPlusOneSql(limit)}`,
      params,
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
    return toPage(rows, limit, (r: any) => [new Date(r.starts_at).toISOString(), r.id], toMeeting);
  }

  async create(userId: string, groupId: string, dto: CreateMeetingDto): Promise<MeetingDto> {
    assertSpan(dto.startsAt, dto.endsAt);
    return this.ds.transaction(async (em) => {
      const actor = await this.access.require(userId, groupId, 'manage', em);
      const [row] = await em.query(
        `INSERT INTO meetings (group_id, title, starts_at, ends_at, timezone, location, online_url, focus, reminder_offsets_minutes, created_by)
         SELECT $1, $2, $3, $4, coalesce($5, g.timezone), $6, $7, $8, $9, $10 FROM groups g WHERE g.id = $1
         RETURNING id, starts_at, ends_at`,
        [
          groupId,
          dto.title,
          iso(dto.startsAt), // millisecond precision, like list cursors
          iso(dto.endsAt),
          dto.timezone ?? null,
          dto.location ?? null,
          dto.onlineUrl ?? null,
          dto.focus ?? null,
          dto.reminderOffsetsMinutes ?? null,
          userId,
        ],
      );
      await this.changes.record(em, {
        groupId,
        type: 'meeting.scheduled',
        entityType: 'meeting',
        entityId: row.id,
        actorUserId: userId,
        data: {
          meetingId: row.id,
          seriesId: null,
          title: dto.title,
          startsAt: iso(row.starts_at),
          endsAt: iso(row.ends_at),
        },
        audit: { title: dto.title, startsAt: iso(row.starts_at), endsAt: iso(row.ends_at), adHoc: true },
      });
      return loadMeeting(em, row.id, actor.membershipId);
    });
  }

  async get(userId: string, meetingId: string): Promise<MeetingDto> {
    const { actor } = await this.access.requireMeeting(userId, meetingId, 'read');
    return loadMeeting(this.ds.manager, meetingId, actor.membershipId);
  }

  // Edits one occurrence: it keeps its id and occurrence_key (so the series never re-creates the
  // original slot), becomes detached from series edits, and its iCalendar SEQUENCE goes up.
  async update(userId: string, meetingId: string, dto: UpdateMeetingDto): Promise<MeetingDto> {
    return this.ds.transaction(async (em) => {
      const { actor, meeting } = await this.access.requireMeeting(userId, meetingId, 'manage', em, {
        lock: true,
      });
      if (meeting.status === 'cancelled') throw new ConflictProblem('A cancelled meeting cannot be edited');
      await assertMinutesNotApproved(em, meetingId, 'edited');
      const startsAt = dto.startsAt ? new Date(dto.startsAt) : new Date(meeting.startsAt);
      const endsAt = dto.endsAt
        ? new Date(dto.endsAt)
        : dto.startsAt
          ? new Date(
              startsAt.getTime() +
                (new Date(meeting.endsAt).getTime() - new Date(meeting.startsAt).getTime()),
            )
          : new Date(meeting.endsAt);
      assertSpan(startsAt.toISOString(), endsAt.toISOString());
      const after = {
        title: dto.title ?? meeting.title,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        timezone: dto.timezone ?? meeting.timezone,
        location: dto.location !== undefined ? dto.location : meeting.location,
        onlineUrl: dto.onlineUrl !== undefined ? dto.onlineUrl : meeting.onlineUrl,
        focus: dto.focus !== undefined ? dto.focus : meeting.focus,
      };
      const before = {
        title: meeting.title,
        startsAt: iso(meeting.startsAt),
        endsAt: iso(meeting.endsAt),
        timezone: meeting.timezone,
        location: meeting.location,
        onlineUrl: meeting.onlineUrl,
        focus: meeting.focus,
      };
      const changed = Object.fromEntries(
        Object.entries(after).filter(([k, v]) => before[k as keyof typeof before] !== v),
      );
      if (Object.keys(changed).length === 0) return loadMeeting(em, meetingId, actor.membershipId);
      await em.query(
        `UPDATE meetings SET title = $2, starts_at = $3, ends_at = $4, timezone = $5, location = $6, online_url = $7, focus = $8,
                detached = (series_id IS NOT NULL), sequence = sequence + 1, updated_at = now() WHERE id = $1`,
        [
          meetingId,
          after.title,
          after.startsAt,
          after.endsAt,
          after.timezone,
          after.location,
          after.onlineUrl,
          after.focus,
        ],
      );
      await this.changes.record(em, {
        groupId: meeting.groupId,
        type: 'meeting.updated',
        entityType: 'meeting',
        entityId: meetingId,
        actorUserId: userId,
        data: {
          meetingId,
          seriesId: meeting.seriesId,
          startsAt: after.startsAt,
          endsAt: after.endsAt,
          changed: Object.keys(changed),
        },
        audit: {
          before: Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof typeof before]])),
          after: changed,
        },
      });
      return loadMeeting(em, meetingId, actor.membershipId);
    });
  }

  async cancel(userId: string, meetingId: string, reason: string): Promise<MeetingDto> {
    return this.ds.transaction(async (em) => {
      const { actor, meeting } = await this.access.requireMeeting(userId, meetingId, 'manage', em, {
        lock: true,
      });
      if (meeting.status !== 'scheduled')
        throw new ConflictProblem(`This meeting is ${meeting.status} and cannot be cancelled`);
      await assertMinutesNotApproved(em, meetingId, 'cancelled');
      await em.query(
        `UPDATE meetings SET status = 'cancelled', cancel_reason = $2, detached = (series_id IS NOT NULL), sequence = sequence + 1, updated_at = now()
         WHERE id = $1`,
        [meetingId, reason],
      );
      await this.changes.record(em, {
        groupId: meeting.groupId,
        type: 'meeting.cancelled',
        entityType: 'meeting',
        entityId: meetingId,
        actorUserId: userId,
        data: { meetingId, seriesId: meeting.seriesId, startsAt: iso(meeting.startsAt), reason },
        audit: { reason },
      });
      return loadMeeting(em, meetingId, actor.membershipId);
    });
  }

  async rsvp(userId: string, meetingId: string, dto: RsvpDto): Promise<RsvpViewDto> {
    return this.ds.transaction(async (em) => {
      const { actor, meeting } = await this.access.requireMeeting(userId, meetingId, 'read', em, {
        lock: true,
      });
      if (meeting.status !== 'scheduled')
        throw new ConflictProblem(`This meeting is ${meeting.status}: RSVPs are closed`);
      const [row] = await em.query(
        `INSERT INTO meeting_rsvps (meeting_id, membership_id, response) VALUES ($1, $2, $3)
         ON CONFLICT (meeting_id, membership_id) DO UPDATE SET response = EXCLUDED.response, responded_at = now()
         RETURNING response, responded_at`,
        [meetingId, actor.membershipId, dto.response],
      );
      await this.changes.record(em, {
        groupId: meeting.groupId,
        type: 'meeting.updated',
        entityType: 'meeting',
        entityId: meetingId,
        actorUserId: userId,
        data: { meetingId, rsvp: { memberId: actor.membershipId, response: dto.response } },
        audit: { rsvp: dto.response },
      });
      return {
        meetingId,
        memberId: actor.membershipId,
        response: row.response,
        respondedAt: iso(row.responded_at),
      };
    });
  }

  // Records who attended; a meeting with attendance recorded is 'held'.
  async recordAttendance(
    userId: string,
    meetingId: string,
    dto: RecordAttendanceDto,
  ): Promise<AttendanceDto> {
    await this.ds.transaction(async (em) => {
      const { meeting } = await this.access.requireMeeting(userId, meetingId, 'focal_point', em, {
        lock: true,
      });
      if (meeting.status === 'cancelled')
        throw new ConflictProblem('Attendance cannot be recorded for a cancelled meeting');
      if (new Date(meeting.startsAt).getTime() > Date.now())
        throw new ConflictProblem('Attendance can be recorded once the meeting has started');
      await assertMinutesNotApproved(em, meetingId, 'given new attendance');
      const ids = dto.records.map((r) => r.memberId.toLowerCase());
      if (new Set(ids).size !== ids.length)
        throw new BadRequestProblem('records: a member is listed twice', [
          { field: 'records', message: 'a member is listed twice' },
        ]);
      const known: { id: string }[] = await em.query(
        `SELECT id FROM memberships WHERE group_id = $1 AND id = ANY($2::uuid[]) AND status IN ('active','ended')`,
        [meeting.groupId, ids],
      );
      const knownIds = new Set(known.map((k) => k.id));
      const unknown = ids.map((id, i) => ({ id, i })).filter((x) => !knownIds.has(x.id));
      if (unknown.length) {
        throw new BadRequestProblem(
          `records[${unknown[0].i}].memberId: not a member of this group`,
          unknown.map((u) => ({ field: `records[${u.i}].memberId`, message: 'not a member of this group' })),
        );
      }
      await em.query(
        `INSERT INTO meeting_attendance (meeting_id, membership_id, attended, recorded_by)
         SELECT $1, r.id, r.attended, $4 FROM unnest($2::uuid[], $3::boolean[]) AS r(id, attended)
         ON CONFLICT (meeting_id, membership_id) DO UPDATE SET attended = EXCLUDED.attended, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
        [meetingId, ids, dto.records.map((r) => r.attended), userId],
      );
      await em.query(`UPDATE meetings SET status = 'held', updated_at = now() WHERE id = $1`, [meetingId]);
      const attended = dto.records.filter((r) => r.attended).length;
      await this.changes.record(em, {
        groupId: meeting.groupId,
        type: 'meeting.updated',
        entityType: 'meeting',
        entityId: meetingId,
        actorUserId: userId,
        data: { meetingId, status: 'held', attendance: { recorded: ids.length, attended } },
        audit: {
          attendance: dto.records.map((r) => ({ memberId: r.memberId, attended: r.attended })),
          statusBefore: meeting.status,
        },
      });
    });
    return this.attendance(userId, meetingId);
  }

  async attendance(userId: string, meetingId: string): Promise<AttendanceDto> {
    const { meeting } = await this.access.requireMeeting(userId, meetingId, 'read');
    const rows = await this.ds.query(
      `SELECT a.membership_id, a.attended, a.recorded_by, a.recorded_at, ms.user_id, ms.role, u.display_name,
              o.id AS organisation_id, o.name AS organisation_name, o.kind AS organisation_kind,
              o.verified AS organisation_verified, r.response AS rsvp
       FROM meeting_attendance a
       JOIN memberships ms ON ms.id = a.membership_id
       JOIN organisations o ON o.id = ms.organisation_id
       LEFT JOIN users u ON u.id = ms.user_id
       LEFT JOIN meeting_rsvps r ON r.meeting_id = a.meeting_id AND r.membership_id = a.membership_id
       WHERE a.meeting_id = $1 ORDER BY lower(o.name), lower(coalesce(u.display_name, ms.email)), a.membership_id`,
      [meetingId],
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
    const records = rows.map((r: any) => ({
      memberId: r.membership_id,
      userId: r.user_id,
      displayName: r.display_name ?? null,
      role: r.role,
      organisation: {
        id: r.organisation_id,
        name: r.organisation_name,
        kind: r.organisation_kind,
        verified: r.organisation_verified,
      },
      attended: r.attended,
      rsvp: r.rsvp ?? null,
      recordedBy: r.recorded_by,
      recordedAt: iso(r.recorded_at),
    }));
    return {
      meetingId,
      status: meeting.status,
      records,
      attendedCount: records.filter((r: { attended: boolean }) => r.attended).length,
    };
  }
}

// Approved minutes freeze the meeting they record (time, place, attendance): 409 for changes.
async function assertMinutesNotApproved(em: EntityManager, meetingId: string, what: string): Promise<void> {
  const [m] = await em.query(`SELECT status FROM minutes WHERE meeting_id = $1`, [meetingId]);
  if (m?.status === 'approved')
    throw new ConflictProblem(`The minutes of this meeting are approved: it can no longer be ${what}`);
}

function iso(v: Date | string): string {
  return new Date(v).toISOString();
}

function assertSpan(startsAt: string, endsAt: string): void {
  const s = Date.parse(startsAt);
  const e = Date.parse(endsAt);
  if (Number.isNaN(s) || Number.isNaN(e))
    throw new BadRequestProblem('startsAt and endsAt must be instants', [
      { field: 'startsAt', message: 'must be an ISO 8601 instant' },
    ]);
  if (e <= s)
    throw new BadRequestProblem('endsAt: must be after startsAt', [
      { field: 'endsAt', message: 'must be after startsAt' },
    ]);
  if (e - s > 7 * 86_400_000)
    throw new BadRequestProblem('endsAt: a meeting lasts at most 7 days', [
      { field: 'endsAt', message: 'a meeting lasts at most 7 days' },
    ]);
}
