import { Injectable } from '@nestjs/common';
import { ConflictProblem, LocalizedMessage } from '@roundtable/core';
import { EntityManager } from 'typeorm';
import { GroupAccessPolicy } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { NotificationsService } from '../notifications/notifications.service';
import { AgreementStatus, planAgreementTransition, TransitionCause } from './agreement-status';

export interface AgreementRef {
  id: string;
  groupId: string;
  title: string;
  status: AgreementStatus;
}

// Every status change of an agreement goes through here: the status machine's guard (409), the
// side effects of entering into force (review dates), the history row, the event and the party
// members' notification — inside the caller's transaction, on a row the caller has locked.
@Injectable()
export class AgreementLifecycle {
  constructor(
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly notifications: NotificationsService,
  ) {}

  async transition(
    em: EntityManager,
    agreement: AgreementRef,
    to: AgreementStatus,
    cause: TransitionCause,
    opts: { actorUserId: string | null; reason?: string | null; today?: string },
  ): Promise<void> {
    const from = agreement.status;
    const plan = planAgreementTransition(from, to, cause);
    if (!plan.ok) throw new ConflictProblem(plan.detail, { currentStatus: from });
    // Entry into force starts the review cycle: the first review falls reviewIntervalMonths after
    // the date it took effect (effectiveFrom, else the day the job ran).
    const enteringForce = from === 'signed' && to === 'in_force';
    await em.query(
      `UPDATE agreements a SET status = $2, status_changed_at = now(), updated_at = now(), version = version + 1,
         in_force_since = CASE WHEN $3::boolean THEN coalesce(a.effective_from, $4::date) ELSE a.in_force_since END,
         review_anchor_on = CASE WHEN $3::boolean THEN coalesce(a.effective_from, $4::date) ELSE a.review_anchor_on END,
         next_review_on = CASE WHEN $3::boolean
           THEN (coalesce(a.effective_from, $4::date) + make_interval(months => a.review_interval_months))::date
           ELSE a.next_review_on END
       WHERE a.id = $1`,
      [agreement.id, to, enteringForce, opts.today ?? null],
    );
    const [history] = await em.query(
      `INSERT INTO agreement_status_history (agreement_id, status_from, status_to, reason, actor_user_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [agreement.id, from, to, opts.reason ?? null, opts.actorUserId],
    );
    await this.changes.record(em, {
      groupId: agreement.groupId,
      type: 'agreement.status_changed',
      entityType: 'agreement',
      entityId: agreement.id,
      actorUserId: opts.actorUserId,
      scope: { kind: 'agreement', id: agreement.id },
      data: { agreementId: agreement.id, from, to, cause },
      audit: { from, to, cause },
    });
    await this.notifyParties(em, agreement, {
      type: 'agreement.status_changed',
      message: {
        title: 'notification.agreement.status_changed.title',
        params: { title: agreement.title, status: { key: `agreement.status.${to}` } },
      },
      body: opts.reason ?? null,
      data: { agreementId: agreement.id, from, to },
      dedupeKey: `agreement-status:${history.id}`,
      excludeUserId: opts.actorUserId,
    });
    agreement.status = to;
  }

  // Members of the party organisations (they always see the agreement in full).
  async notifyParties(
    em: EntityManager,
    agreement: Pick<AgreementRef, 'id' | 'groupId'>,
    n: {
      type: string;
      message: LocalizedMessage;
      body?: string | null;
      data: Record<string, unknown>;
      dedupeKey: string;
      excludeUserId?: string | null;
      organisationIds?: string[];
      // What the notification is about, when not the agreement itself (an obligation).
      entityId?: string;
    },
  ): Promise<number> {
    const parties: { organisation_id: string }[] = await em.query(
      `SELECT organisation_id FROM agreement_parties WHERE agreement_id = $1`,
      [agreement.id],
    );
    const userIds = await this.access.audienceMembers(
      em,
      agreement.groupId,
      { kind: 'agreement_content', id: agreement.id },
      {
        organisationIds: n.organisationIds ?? parties.map((p) => p.organisation_id),
        excludeUserId: n.excludeUserId,
      },
    );
    const created = await this.notifications.notify(em, {
      userIds,
      type: n.type,
      groupId: agreement.groupId,
      entityId: n.entityId ?? agreement.id,
      message: n.message,
      body: n.body ?? null,
      data: n.data,
      dedupeKey: n.dedupeKey,
    });
    return created.length;
  }
}
