import { EntityManager } from 'typeorm';
import { DEFAULT_REMINDER_OFFSETS } from './meeting.entity';
import type { MeetingDto } from './dto/meeting.dto';

// $1 is the viewer's membership id (for myRsvp); filters are appended by callers.
export const MEETING_SELECT = `
  SELECT m.id, m.group_id, m.series_id, m.occurrence_key, m.title, m.starts_at, m.ends_at, m.timezone, m.location,
         m.online_url, m.focus, m.status, m.cancel_reason, m.detached, m.sequence, m.created_at, m.updated_at,
         coalesce(m.reminder_offsets_minutes, s.reminder_offsets_minutes, '{${DEFAULT_REMINDER_OFFSETS.join(',')}}') AS reminder_offsets_minutes,
         (SELECT count(*) FROM meeting_rsvps r WHERE r.meeting_id = m.id AND r.response = 'yes')::int AS rsvp_yes,
         (SELECT count(*) FROM meeting_rsvps r WHERE r.meeting_id = m.id AND r.response = 'no')::int AS rsvp_no,
         (SELECT count(*) FROM meeting_rsvps r WHERE r.meeting_id = m.id AND r.response = 'maybe')::int AS rsvp_maybe,
         (SELECT r.response FROM meeting_rsvps r WHERE r.meeting_id = m.id AND r.membership_id = $1::uuid) AS my_rsvp
  FROM meetings m LEFT JOIN meeting_series s ON s.id = m.series_id`;

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
export function toMeeting(r: any): MeetingDto {
  return {
    id: r.id,
    groupId: r.group_id,
    seriesId: r.series_id,
    occurrenceKey: iso(r.occurrence_key),
    title: r.title,
    startsAt: iso(r.starts_at)!,
    endsAt: iso(r.ends_at)!,
    timezone: r.timezone,
    location: r.location,
    onlineUrl: r.online_url,
    focus: r.focus,
    status: r.status,
    cancelReason: r.cancel_reason,
    detached: r.detached,
    sequence: r.sequence,
    reminderOffsetsMinutes: r.reminder_offsets_minutes,
    rsvps: { yes: r.rsvp_yes, no: r.rsvp_no, maybe: r.rsvp_maybe },
    myRsvp: r.my_rsvp ?? null,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export async function loadMeeting(
  em: EntityManager,
  meetingId: string,
  viewerMembershipId: string | null,
): Promise<MeetingDto> {
  const [row] = await em.query(`${MEETING_SELECT} WHERE m.id = $2`, [viewerMembershipId, meetingId]);
  return toMeeting(row);
}

// A keyset cursor's instant, as we encoded it (anything else would reach Postgres as a bad cast).
export function isIsoInstant(v: unknown): v is string {
  return (
    typeof v === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) &&
    !Number.isNaN(Date.parse(v))
  );
}
