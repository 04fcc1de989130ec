import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeRecorder } from '../events/change-recorder';
import { NotificationsService } from '../notifications/notifications.service';
import { OVERDUE_SQL } from './recommendation.queries';

// BullMQ wiring (queue QueueName.Recommendations; the processor lives in apps/worker).
export const RECOMMENDATION_OVERDUE_JOB = 'overdue-scan';
export const RECOMMENDATION_OVERDUE_SCHEDULER_ID = 'recommendations:overdue-scan';
export const RECOMMENDATION_OVERDUE_EVERY_MS = 60_000;

// Finds recommendations that became overdue and, once per due date, notifies the responsible
// organisations' active members and the sitting co-chairs and writes a recommendation.overdue
// event. The notifications, the event and the guard column `overdue_notified_for` are written in
// one transaction on rows locked FOR UPDATE SKIP LOCKED, so retried jobs, restarts and parallel
// workers never notify twice (the notifications' dedupe key is a second line of defence).
@Injectable()
export class RecommendationOverdueJob {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ChangeRecorder,
    private readonly notifications: NotificationsService,
  ) {}

  // Returns how many recommendations were flagged as overdue.
  async run(batchSize = 100): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.ds.transaction((em) => this.batch(em, batchSize));
      total += n;
      if (n < batchSize) return total;
    }
  }

  private async batch(em: EntityManager, limit: number): Promise<number> {
    // The first due-date bound is sargable (no zone is ahead of UTC by a full day or more) and
    // lets the partial index skip everything not yet due anywhere.
    const due: { id: string; group_id: string; title: string; due_date: string }[] = await em.query(
      `SELECT r.id, r.group_id, r.title, r.due_date::text AS due_date
       FROM recommendations r JOIN groups g ON g.id = r.group_id
       WHERE r.status IN ('open','in_progress') AND r.due_date < (now() AT TIME ZONE 'UTC')::date + 1
         AND g.archived_at IS NULL
         AND ${OVERDUE_SQL} AND r.overdue_notified_for IS DISTINCT FROM r.due_date
       ORDER BY r.due_date, r.id LIMIT $1
       FOR UPDATE OF r SKIP LOCKED`,
      [limit],
    );
    for (const r of due) await this.flag(em, r);
    return due.length;
  }

  private async flag(
    em: EntityManager,
    r: { id: string; group_id: string; title: string; due_date: string },
  ): Promise<void> {
    const recipients: { user_id: string }[] = await em.query(
      `SELECT DISTINCT m.user_id FROM memberships m
       WHERE m.group_id = $1 AND m.status = 'active' AND m.user_id IS NOT NULL
         AND (m.organisation_id IN (SELECT organisation_id FROM recommendation_organisations WHERE recommendation_id = $2)
              OR EXISTS (SELECT 1 FROM co_chair_terms t WHERE t.membership_id = m.id AND t.ended_at IS NULL))`,
      [r.group_id, r.id],
    );
    const [orgs] = await em.query(
      `SELECT coalesce(array_agg(organisation_id::text ORDER BY organisation_id), '{}') AS ids FROM recommendation_organisations WHERE recommendation_id = $1`,
      [r.id],
    );
    await this.notifications.notify(em, {
      userIds: recipients.map((u) => u.user_id),
      type: 'recommendation.overdue',
      groupId: r.group_id,
      entityId: r.id,
      message: {
        title: 'notification.recommendation.overdue.title',
        body: 'notification.recommendation.overdue.body',
        params: { title: r.title, date: { date: r.due_date } },
      },
      data: { recommendationId: r.id, dueDate: r.due_date },
      dedupeKey: `recommendation-overdue:${r.id}:${r.due_date}`,
    });
    await this.changes.record(em, {
      groupId: r.group_id,
      type: 'recommendation.overdue',
      entityType: 'recommendation',
      entityId: r.id,
      actorUserId: null,
      data: {
        recommendationId: r.id,
        title: r.title,
        dueDate: r.due_date,
        responsibleOrganisationIds: orgs.ids,
      },
      audit: { dueDate: r.due_date, notified: recipients.length },
    });
    await em.query(`UPDATE recommendations SET overdue_notified_for = due_date WHERE id = $1`, [r.id]);
  }
}
