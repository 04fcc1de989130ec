import { Injectable } from '@nestjs/common';
import {
  decodeCursor,
  LocalizedMessage,
  NotFoundProblem,
  Page,
  pageLimit,
  PageQuery,
  PgRow,
  renderMessage,
  toPage,
} from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';

export interface NewNotification {
  userIds: string[];
  type: string;
  groupId?: string | null;
  entityId?: string | null;
  // Every notification is written from catalogue texts (libs/core/src/i18n, `notification.*`):
  // each recipient gets title and body in their own locale (users.locale; English without one
  // or for a language without a catalogue; `fr-CD` → fr). Params may themselves be catalogue
  // texts (a status), moments in a time zone or dates, rendered in that locale too.
  message: LocalizedMessage;
  // Free text written by a person (a reason, a note): the body when the message has none.
  body?: string | null;
  data?: Record<string, unknown>;
  // Same key for the same user → stored once, however often the job that creates it runs.
  dedupeKey: string;
}

export interface NotificationView {
  id: string;
  type: string;
  groupId: string | null;
  entityId: string | null;
  title: string;
  body: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

// Notified at commit when notifications are created; wakes the worker that pushes them to the
// user's sockets (notification.created, docs/REALTIME.md).
export const NOTIFICATIONS_CHANNEL = 'roundtable_notifications';

@Injectable()
export class NotificationsService {
  constructor(private readonly ds: DataSource) {}

  // Inserts one notification per user, idempotently; returns the ids actually created.
  async notify(em: EntityManager, n: NewNotification): Promise<string[]> {
    const userIds = [...new Set(n.userIds)];
    if (userIds.length === 0) return [];
    const texts = await this.textsFor(em, userIds, n);
    const rows: { id: string }[] = await em.query(
      `INSERT INTO notifications (user_id, type, group_id, entity_id, title, body, data, dedupe_key)
       SELECT u.id, $2, $3, $4, u.title, u.body, $7, $8 FROM unnest($1::uuid[], $5::text[], $6::text[]) AS u(id, title, body)
       ON CONFLICT (user_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [
        userIds,
        n.type,
        n.groupId ?? null,
        n.entityId ?? null,
        texts.map((t) => t.title),
        texts.map((t) => t.body),
        JSON.stringify(n.data ?? {}),
        n.dedupeKey,
      ],
    );
    if (rows.length) await em.query(`SELECT pg_notify($1, '')`, [NOTIFICATIONS_CHANNEL]);
    return rows.map((r) => r.id);
  }

  // Title and body per recipient, in the recipient's locale when the notification has catalogue texts.
  private async textsFor(
    em: EntityManager,
    userIds: string[],
    n: NewNotification,
  ): Promise<{ title: string; body: string | null }[]> {
    const message = n.message;
    const rows: { id: string; locale: string | null }[] = await em.query(
      `SELECT id, locale FROM users WHERE id = ANY($1::uuid[])`,
      [userIds],
    );
    const locales = new Map(rows.map((r) => [r.id, r.locale ?? 'en']));
    return userIds.map((id) => {
      const text = renderMessage(locales.get(id) ?? 'en', message);
      return { title: text.title, body: text.body ?? n.body ?? null };
    });
  }

  async list(userId: string, q: PageQuery & { unread?: boolean }): Promise<Page<NotificationView>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2);
    const params: unknown[] = [userId, limit + 1];
    let where = `user_id = $1`;
    if (q.unread) where += ` AND read_at IS NULL`;
    if (cursor) {
      params.push(cursor[0], cursor[1]);
      where += ` AND (created_at, id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows = await this.ds.query(
      `SELECT id, type, group_id, entity_id, title, body, data, created_at, read_at
       FROM notifications WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r: PgRow) => [new Date(r.created_at).toISOString(), r.id],
      toNotificationView,
    );
  }

  async markRead(userId: string, id: string): Promise<NotificationView> {
    const [[row]] = await this.ds.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2
       RETURNING id, type, group_id, entity_id, title, body, data, created_at, read_at`,
      [id, userId],
    );
    if (!row) throw new NotFoundProblem('Notification');
    return toNotificationView(row);
  }
}

export function toNotificationView(r: PgRow): NotificationView {
  return {
    id: r.id,
    type: r.type,
    groupId: r.group_id,
    entityId: r.entity_id,
    title: r.title,
    body: r.body,
    data: r.data,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}
