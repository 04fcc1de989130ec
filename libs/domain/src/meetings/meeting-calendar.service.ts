import { Injectable } from '@nestjs/common';
import icalGenerator, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy } from '../access/group-access.policy';

// iCalendar feeds (RFC 5545) built with ical-generator. Each meeting has a stable UID and its
// SEQUENCE; cancelled meetings stay in the feed with STATUS:CANCELLED so clients remove them.
// Times are written in UTC: ical-generator cannot render a TZID without a zone library, and a
// UTC DTSTART is exact for every client.
@Injectable()
export class MeetingCalendarService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
  ) {}

  async groupFeed(userId: string, groupId: string): Promise<string> {
    await this.access.require(userId, groupId);
    const [group] = await this.ds.query(`SELECT name, timezone FROM groups WHERE id = $1`, [groupId]);
    // The past year and everything ahead: enough for clients, bounded for the server.
    const rows = await this.ds.query(
      `SELECT * FROM meetings WHERE group_id = $1 AND starts_at >= now() - interval '366 days' ORDER BY starts_at, id LIMIT 2000`,
      [groupId],
    );
    return render(group.name, group.timezone, rows);
  }

  async meetingFeed(userId: string, meetingId: string): Promise<string> {
    const { meeting } = await this.access.requireMeeting(userId, meetingId);
    const [m] = await this.ds.query(`SELECT * FROM meetings WHERE id = $1`, [meetingId]);
    const [group] = await this.ds.query(`SELECT name, timezone FROM groups WHERE id = $1`, [meeting.groupId]);
    return render(group.name, group.timezone, [m]);
  }
}

export function meetingUid(meetingId: string): string {
  return `${meetingId}@roundtable`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg rows
function render(name: string, timezone: string, rows: any[]): string {
  const cal = icalGenerator({
    name,
    prodId: { company: 'Roundtable', product: 'Meetings', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  cal.x([{ key: 'X-WR-TIMEZONE', value: timezone }]);
  for (const m of rows) {
    cal.createEvent({
      id: meetingUid(m.id),
      sequence: m.sequence,
      start: new Date(m.starts_at),
      end: new Date(m.ends_at),
      stamp: new Date(m.updated_at),
      lastModified: new Date(m.updated_at),
      created: new Date(m.created_at),
      summary: m.title,
      description:
        [m.focus, m.status === 'cancelled' && m.cancel_reason ? `Cancelled: ${m.cancel_reason}` : null]
          .filter(Boolean)
          .join('\n\n') || undefined,
      location: m.location ?? undefined,
      url: m.online_url ?? undefined,
      status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
