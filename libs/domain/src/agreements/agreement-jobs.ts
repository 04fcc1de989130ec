import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeRecorder } from '../events/change-recorder';
import { AgreementLifecycle, AgreementRef } from './agreement-lifecycle';
import { LIVE_AGREEMENT_STATUSES } from './agreement-status';
import { REVIEW_REMINDER_DAYS } from './agreement.types';

// BullMQ wiring (queue QueueName.Agreements; the processor lives in apps/worker): a fixed-id
// scheduler ticks every AGREEMENT_JOBS_INTERVAL_MS and only fans out one job per agreement with
// something due; each of those does the work.
export const AgreementJob = {
  Scan: 'agreements-scan',
  Due: 'agreement-due',
} as const;
export const AGREEMENT_SCAN_SCHEDULER_ID = 'agreements:scan';

export interface AgreementDueJobData {
  agreementId: string;
}

export interface AgreementDueOutcome {
  enteredIntoForce: boolean;
  expired: boolean;
  reminders: { daysBefore: number; outcome: 'sent' | 'skipped'; recipients: number }[];
  overdueObligations: number;
}

const TODAY = `($1::timestamptz AT TIME ZONE g.timezone)::date`;

// The date-driven changes of agreements, each idempotent: state guards under the agreement row
// lock (a signed agreement enters into force once; an expired one stays expired), a claimed slot
// per review reminder (agreement, review date, days before) and a guard column per obligation due
// date, written in the transaction that notifies — so retried jobs, restarted or parallel workers
// never act twice. Dates are calendar dates compared in the group's time zone.
@Injectable()
export class AgreementJobs {
  private readonly logger = new Logger(AgreementJobs.name);

  constructor(
    private readonly ds: DataSource,
    private readonly changes: ChangeRecorder,
    private readonly lifecycle: AgreementLifecycle,
  ) {}

  async dueAgreementIds(now: Date = new Date(), limit = 1000): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT a.id FROM agreements a JOIN groups g ON g.id = a.group_id
       WHERE (a.status = 'signed' AND a.effective_from <= ${TODAY})
          OR (a.status IN ('signed','in_force','under_review','suspended') AND a.expires_on <= ${TODAY})
          OR (a.status IN ('in_force','under_review','suspended') AND a.next_review_on IS NOT NULL
              AND EXISTS (SELECT 1 FROM unnest($2::int[]) AS d(days)
                          WHERE a.next_review_on - d.days <= ${TODAY} AND ${TODAY} <= a.next_review_on
                            AND NOT EXISTS (SELECT 1 FROM agreement_review_reminders rr
                                            WHERE rr.agreement_id = a.id AND rr.review_on = a.next_review_on AND rr.days_before = d.days)))
          OR (a.status NOT IN ('terminated','expired','abandoned')
              AND EXISTS (SELECT 1 FROM obligations o WHERE o.agreement_id = a.id AND o.status IN ('open','in_progress')
                            AND o.next_due_on < ${TODAY} AND o.overdue_notified_for IS DISTINCT FROM o.next_due_on))
       ORDER BY a.id LIMIT $3`,
      [now.toISOString(), [...REVIEW_REMINDER_DAYS], limit],
    );
    return rows.map((r) => r.id);
  }

  async runFor(agreementId: string, now: Date = new Date()): Promise<AgreementDueOutcome> {
    const outcome = await this.ds.transaction(async (em) => {
      const [a] = await em.query(
        `SELECT a.id, a.group_id, a.title, a.status, to_char(${TODAY}, 'YYYY-MM-DD') AS today,
                a.effective_from <= ${TODAY} AS effective, a.expires_on <= ${TODAY} AS expiring
         FROM agreements a JOIN groups g ON g.id = a.group_id WHERE a.id = $2 FOR UPDATE OF a`,
        [now.toISOString(), agreementId],
      );
      const result: AgreementDueOutcome = {
        enteredIntoForce: false,
        expired: false,
        reminders: [],
        overdueObligations: 0,
      };
      if (!a) return result;
      const ref: AgreementRef = { id: a.id, groupId: a.group_id, title: a.title, status: a.status };
      if (ref.status === 'signed' && a.effective && !a.expiring) {
        await this.lifecycle.transition(em, ref, 'in_force', 'system', {
          actorUserId: null,
          reason: 'Effective date reached',
          today: a.today,
        });
        result.enteredIntoForce = true;
      }
      if (['signed', ...LIVE_AGREEMENT_STATUSES].includes(ref.status) && a.expiring) {
        await this.lifecycle.transition(em, ref, 'expired', 'system', {
          actorUserId: null,
          reason: 'Expiry date reached',
          today: a.today,
        });
        result.expired = true;
      }
      if (LIVE_AGREEMENT_STATUSES.includes(ref.status))
        result.reminders = await this.reviewReminders(em, ref, a.today);
      if (!['terminated', 'expired', 'abandoned'].includes(ref.status))
        result.overdueObligations = await this.overdueObligations(em, ref, a.today);
      return result;
    });
    if (outcome.enteredIntoForce || outcome.expired || outcome.reminders.length || outcome.overdueObligations)
      this.logger.log(`agreement ${agreementId}: ${JSON.stringify(outcome)}`);
    return outcome;
  }

  // Reminders 60, 30 and 7 days before nextReviewOn, each once per review date. Only the closest
  // slot that is due is sent; farther ones still unhandled (worker down, review date moved closer)
  // are recorded as skipped rather than sent late.
  private async reviewReminders(
    em: EntityManager,
    a: AgreementRef,
    today: string,
  ): Promise<AgreementDueOutcome['reminders']> {
    const due: { days: number; review_on: string }[] = await em.query(
      `SELECT d.days, to_char(ag.next_review_on, 'YYYY-MM-DD') AS review_on
       FROM agreements ag CROSS JOIN unnest($2::int[]) AS d(days)
       WHERE ag.id = $1 AND ag.next_review_on IS NOT NULL
         AND ag.next_review_on - d.days <= $3::date AND $3::date <= ag.next_review_on
         AND NOT EXISTS (SELECT 1 FROM agreement_review_reminders rr
                         WHERE rr.agreement_id = ag.id AND rr.review_on = ag.next_review_on AND rr.days_before = d.days)
       ORDER BY d.days`,
      [a.id, [...REVIEW_REMINDER_DAYS], today],
    );
    const out: AgreementDueOutcome['reminders'] = [];
    for (const [n, slot] of due.entries()) {
      const closest = n === 0;
      const claimed = await em.query(
        `INSERT INTO agreement_review_reminders (agreement_id, review_on, days_before, outcome) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING agreement_id`,
        [a.id, slot.review_on, slot.days, closest ? 'sent' : 'skipped'],
      );
      if (!claimed.length) continue;
      if (!closest) {
        out.push({ daysBefore: slot.days, outcome: 'skipped', recipients: 0 });
        continue;
      }
      const data = {
        agreementId: a.id,
        trigger: 'reminder',
        nextReviewOn: slot.review_on,
        daysBefore: slot.days,
      };
      const recipients = await this.lifecycle.notifyParties(em, a, {
        type: 'agreement.review_due',
        message: {
          title: 'notification.agreement.review_due.title',
          params: { title: a.title, date: { date: slot.review_on }, days: slot.days },
        },
        data,
        dedupeKey: `agreement-review:${a.id}:${slot.review_on}:${slot.days}`,
      });
      await em.query(
        `UPDATE agreement_review_reminders SET recipients = $4 WHERE agreement_id = $1 AND review_on = $2 AND days_before = $3`,
        [a.id, slot.review_on, slot.days, recipients],
      );
      await this.changes.record(em, {
        groupId: a.groupId,
        type: 'agreement.review_due',
        entityType: 'agreement',
        entityId: a.id,
        actorUserId: null,
        scope: { kind: 'agreement_content', id: a.id },
        data,
        audit: { nextReviewOn: slot.review_on, daysBefore: slot.days, notified: recipients },
      });
      out.push({ daysBefore: slot.days, outcome: 'sent', recipients });
    }
    return out;
  }

  // Obligations past their running due date: the party members are told once per due date.
  private async overdueObligations(em: EntityManager, a: AgreementRef, today: string): Promise<number> {
    const rows: { id: string; title: string; due_on: string; responsible: string }[] = await em.query(
      `SELECT o.id, o.title, to_char(o.next_due_on, 'YYYY-MM-DD') AS due_on, o.responsible_organisation_id AS responsible
       FROM obligations o
       WHERE o.agreement_id = $1 AND o.status IN ('open','in_progress') AND o.next_due_on < $2::date
         AND o.overdue_notified_for IS DISTINCT FROM o.next_due_on
       ORDER BY o.next_due_on, o.id FOR UPDATE OF o SKIP LOCKED`,
      [a.id, today],
    );
    for (const o of rows) {
      const data = {
        agreementId: a.id,
        obligationId: o.id,
        dueOn: o.due_on,
        responsibleOrganisationId: o.responsible,
      };
      const notified = await this.lifecycle.notifyParties(em, a, {
        type: 'obligation.overdue',
        message: {
          title: 'notification.obligation.overdue.title',
          body: 'notification.obligation.overdue.body',
          params: { title: o.title, date: { date: o.due_on } },
        },
        data,
        dedupeKey: `obligation-overdue:${o.id}:${o.due_on}`,
        entityId: o.id,
      });
      await this.changes.record(em, {
        groupId: a.groupId,
        type: 'obligation.overdue',
        entityType: 'obligation',
        entityId: o.id,
        actorUserId: null,
        scope: { kind: 'agreement_content', id: a.id },
        data,
        audit: { dueOn: o.due_on, notified },
      });
      await em.query(`UPDATE obligations SET overdue_notified_for = next_due_on WHERE id = $1`, [o.id]);
    }
    return rows.length;
  }
}
