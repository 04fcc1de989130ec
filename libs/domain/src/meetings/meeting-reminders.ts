import { Injectable, Logger } from '@nestjs/common';
import { MessageKey } from '@roundtable/core';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { DEFAULT_REMINDER_OFFSETS } from './meeting.entity';

interface DueSlot {
  meeting_id: string;
  group_id: string;
  title: string;
  starts_at: Date;
  timezone: string;
  offset_minutes: number;
  closest: boolean;
}

// Sends `meeting.reminder` notifications. A slot (meeting, offset, startsAt) is due once
// startsAt - offset has passed and the meeting is still scheduled and in the future. Only the
// closest due slot of a meeting is sent; farther ones that are also due (worker down, meeting
// created late) are stale and skipped. Exactly once per member: the notification dedupe key
// names the slot, and meeting_reminders records each slot handled, in the same transaction.
// A rescheduled meeting has a new startsAt, hence new slots; a cancelled one has none.
@Injectable()
export class MeetingReminders {
  private readonly logger = new Logger(MeetingReminders.name);

  constructor(
    private readonly ds: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async sendDue(
    now: Date = new Date(),
    batch = 500,
  ): Promise<{ sent: number; skipped: number; notifications: number }> {
    const slots: DueSlot[] = await this.ds.query(
      `SELECT d.*, d.offset_minutes = min(d.offset_minutes) OVER (PARTITION BY d.meeting_id) AS closest
       FROM (
         SELECT m.id AS meeting_id, m.group_id, m.title, m.starts_at, m.timezone, o AS offset_minutes
         FROM meetings m
         LEFT JOIN meeting_series s ON s.id = m.series_id
         CROSS JOIN LATERAL unnest(coalesce(m.reminder_offsets_minutes, s.reminder_offsets_minutes, $2::int[])) AS o
         JOIN groups g ON g.id = m.group_id AND g.archived_at IS NULL
         WHERE m.status = 'scheduled' AND m.starts_at > $1::timestamptz
           AND m.starts_at - make_interval(mins => o) <= $1::timestamptz
           AND NOT EXISTS (SELECT 1 FROM meeting_reminders r
                           WHERE r.meeting_id = m.id AND r.offset_minutes = o AND r.starts_at = m.starts_at)
       ) d
       ORDER BY d.starts_at, d.meeting_id, d.offset_minutes LIMIT $3`,
      [now.toISOString(), DEFAULT_REMINDER_OFFSETS, batch],
    );
    let sent = 0;
    let skipped = 0;
    let notifications = 0;
    for (const slot of slots) {
      const outcome = await this.handle(slot);
      if (outcome === 'sent') sent++;
      if (outcome === 'skipped') skipped++;
      if (typeof outcome === 'number') {
        sent++;
        notifications += outcome;
      }
    }
    if (sent) this.logger.log(`${sent} reminder(s) sent, ${notifications} notification(s)`);
    return { sent, skipped, notifications };
  }

  private async handle(slot: DueSlot): Promise<number | 'skipped' | 'sent' | null> {
    return this.ds.transaction(async (em) => {
      // Re-check under the meeting lock: it may have been cancelled or moved since the scan.
      const [m] = await em.query(`SELECT status, starts_at FROM meetings WHERE id = $1 FOR UPDATE`, [
        slot.meeting_id,
      ]);
      const startsAt = new Date(slot.starts_at);
      if (!m || m.status !== 'scheduled' || new Date(m.starts_at).getTime() !== startsAt.getTime())
        return null;
      const claimed = await em.query(
        `INSERT INTO meeting_reminders (meeting_id, offset_minutes, starts_at, outcome) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING meeting_id`,
        [slot.meeting_id, slot.offset_minutes, startsAt.toISOString(), slot.closest ? 'sent' : 'skipped'],
      );
      if (claimed.length === 0) return null; // another worker handled it
      if (!slot.closest) return 'skipped';
      const members: { user_id: string }[] = await em.query(
        `SELECT user_id FROM memberships WHERE group_id = $1 AND status = 'active' AND user_id IS NOT NULL`,
        [slot.group_id],
      );
      const created = await this.notifications.notify(em, {
        userIds: members.map((r) => r.user_id),
        type: 'meeting.reminder',
        groupId: slot.group_id,
        entityId: slot.meeting_id,
        message: {
          title: 'notification.meeting.reminder.title',
          body: 'notification.meeting.reminder.body',
          params: {
            title: slot.title,
            lead: describeLead(slot.offset_minutes),
            startsAt: { dateTime: startsAt, timeZone: slot.timezone },
          },
        },
        data: {
          meetingId: slot.meeting_id,
          startsAt: startsAt.toISOString(),
          offsetMinutes: slot.offset_minutes,
        },
        dedupeKey: `reminder:${slot.meeting_id}:${slot.offset_minutes}:${startsAt.toISOString()}`,
      });
      await em.query(
        `UPDATE meeting_reminders SET recipients = $4 WHERE meeting_id = $1 AND offset_minutes = $2 AND starts_at = $3`,
        [slot.meeting_id, slot.offset_minutes, startsAt.toISOString(), created.length],
      );
      return created.length;
    });
  }
}

// How long before the meeting, as a catalogue text rendered in each recipient's locale.
function describeLead(minutes: number): { key: MessageKey; params?: Record<string, number> } {
  if (minutes % 1440 === 0)
    return minutes === 1440
      ? { key: 'meeting.lead.tomorrow' }
      : { key: 'meeting.lead.days', params: { count: minutes / 1440 } };
  if (minutes % 60 === 0)
    return minutes === 60
      ? { key: 'meeting.lead.hour' }
      : { key: 'meeting.lead.hours', params: { count: minutes / 60 } };
  return { key: 'meeting.lead.minutes', params: { count: minutes } };
}
