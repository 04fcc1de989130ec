import { Injectable } from '@nestjs/common';
import { ConflictProblem, Page, pageLimit, PageQuery, PgRow, toPage } from '@roundtable/core';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy } from '../../access/group-access.policy';
import { ChangeRecorder } from '../../events/change-recorder';
import { fail, todayIn } from '../agreement-checks';
import { AgreementLifecycle } from '../agreement-lifecycle';
import { AgreementStatus, LIVE_AGREEMENT_STATUSES } from '../agreement-status';
import {
  CreateLegalReferenceDto,
  CreateReviewDto,
  CreateReviewRequestDto,
  LegalReferenceDto,
  ReviewDto,
  ReviewRequestDto,
} from '../dto/review.dto';
import { createdKey, createdKeyset } from '../keyset';
import { assertNotTerminal } from '../versions/versions.service';

const iso = (v: unknown) => new Date(v as string).toISOString();

// Legal basis, periodic reviews and early-review requests: agreement content (party members and,
// for `group` agreements, everyone; 404 for the summary view). Only party members add them.
@Injectable()
export class AgreementReviewsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly lifecycle: AgreementLifecycle,
  ) {}

  async addLegalReference(
    userId: string,
    agreementId: string,
    dto: CreateLegalReferenceDto,
  ): Promise<LegalReferenceDto> {
    return this.ds.transaction(async (em) => {
      const { actor, agreement } = await this.access.requireAgreement(userId, agreementId, 'full', em, {
        lock: true,
      });
      this.access.assertAgreement(actor, agreement, 'edit');
      assertNotTerminal(agreement);
      if (dto.clauseKey) {
        const [clause] = await em.query(
          `SELECT 1 FROM agreement_clauses WHERE version_id = $1 AND key = $2`,
          [agreement.currentVersionId, dto.clauseKey],
        );
        if (!clause) fail([{ field: 'clauseKey', message: 'no such clause in the current version' }]);
      }
      const [row] = await em.query(
        `INSERT INTO agreement_legal_references (agreement_id, kind, citation, url, clause_key, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [agreementId, dto.kind, dto.citation, dto.url ?? null, dto.clauseKey ?? null, userId],
      );
      await this.changes.record(em, {
        groupId: agreement.groupId,
        type: 'agreement.updated',
        entityType: 'agreement',
        entityId: agreementId,
        actorUserId: userId,
        scope: { kind: 'agreement_content', id: agreementId },
        data: { agreementId, change: 'legal_reference_added', legalReferenceId: row.id, kind: dto.kind },
        audit: { legalReferenceId: row.id, kind: dto.kind },
      });
      return toLegalReference(row);
    });
  }

  async legalReferences(userId: string, agreementId: string, q: PageQuery): Promise<Page<LegalReferenceDto>> {
    await this.access.requireAgreement(userId, agreementId, 'full');
    const limit = pageLimit(q);
    const params: unknown[] = [agreementId, limit + 1];
    const keyset = createdKeyset(q, 'l', params);
    const rows = await this.ds.query(
      `SELECT l.*, ${createdKey('l')} FROM agreement_legal_references l WHERE l.agreement_id = $1 AND ${keyset}
       ORDER BY l.created_at, l.id LIMIT $2`,
      params,
    );
    return toPage(rows, limit, (r: PgRow) => [r.created_key, r.id], toLegalReference);
  }

  // A review reaffirms (back in force), asks for a revision (under review) or ends the agreement;
  // the next review falls reviewIntervalMonths after it, and open early-review requests are answered.
  async review(userId: string, agreementId: string, dto: CreateReviewDto): Promise<ReviewDto> {
    return this.ds.transaction(async (em) => {
      const { actor, agreement } = await this.access.requireAgreement(userId, agreementId, 'full', em, {
        lock: true,
      });
      this.access.assertAgreement(actor, agreement, 'edit');
      const status = agreement.status as AgreementStatus;
      if (!LIVE_AGREEMENT_STATUSES.includes(status))
        throw new ConflictProblem(
          `Only an agreement in force, under review or suspended is reviewed; it is ${status}`,
        );
      const today = await todayIn(em, agreement.groupId);
      const ref = { ...agreement, status };
      if (dto.outcome === 'terminate') {
        await this.lifecycle.transition(em, ref, 'terminated', 'system', {
          actorUserId: userId,
          reason: dto.note,
          today,
        });
        await em.query(`UPDATE agreements SET next_review_on = NULL WHERE id = $1`, [agreementId]);
      } else {
        if (dto.outcome === 'reaffirmed' && status === 'under_review')
          await this.lifecycle.transition(em, ref, 'in_force', 'system', {
            actorUserId: userId,
            reason: dto.note,
            today,
          });
        if (dto.outcome === 'revise' && status === 'in_force')
          await this.lifecycle.transition(em, ref, 'under_review', 'system', {
            actorUserId: userId,
            reason: dto.note,
            today,
          });
        await em.query(
          `UPDATE agreements SET review_anchor_on = $2::date,
             next_review_on = ($2::date + make_interval(months => review_interval_months))::date, updated_at = now()
           WHERE id = $1`,
          [agreementId, today],
        );
      }
      const [row] = await em.query(
        `INSERT INTO agreement_reviews (agreement_id, outcome, note, reviewed_on, next_review_on, reviewer_user_id, reviewer_organisation_id)
         SELECT $1, $2, $3, $4::date, a.next_review_on, $5, $6 FROM agreements a WHERE a.id = $1
         RETURNING id`,
        [agreementId, dto.outcome, dto.note, today, userId, actor.organisationId],
      );
      const [, answered] = await em.query(
        `UPDATE agreement_review_requests SET review_id = $2 WHERE agreement_id = $1 AND review_id IS NULL`,
        [agreementId, row.id],
      );
      const review = await this.reviewRow(row.id, em);
      const data = {
        agreementId,
        reviewId: row.id,
        outcome: dto.outcome,
        nextReviewOn: review.next_review_on,
      };
      await this.changes.record(em, {
        groupId: agreement.groupId,
        type: 'agreement.reviewed',
        entityType: 'agreement',
        entityId: agreementId,
        actorUserId: userId,
        scope: { kind: 'agreement_content', id: agreementId },
        data,
        audit: { reviewId: row.id, outcome: dto.outcome, answeredRequests: answered },
      });
      await this.lifecycle.notifyParties(em, agreement, {
        type: 'agreement.reviewed',
        message: {
          title: 'notification.agreement.reviewed.title',
          params: { title: agreement.title, outcome: { key: `review.outcome.${dto.outcome}` } },
        },
        data,
        dedupeKey: `agreement-reviewed:${row.id}`,
        excludeUserId: userId,
      });
      return toReview(review);
    });
  }

  async reviews(userId: string, agreementId: string, q: PageQuery): Promise<Page<ReviewDto>> {
    await this.access.requireAgreement(userId, agreementId, 'full');
    const limit = pageLimit(q);
    const params: unknown[] = [agreementId, limit + 1];
    const keyset = createdKeyset(q, 'r', params, 'desc');
    const rows = await this.ds.query(
      `${REVIEW_SELECT} WHERE r.agreement_id = $1 AND ${keyset} ORDER BY r.created_at DESC, r.id DESC LIMIT $2`,
      params,
    );
    return toPage(rows, limit, (r: PgRow) => [r.created_key, r.id], toReview);
  }

  // Asks for a review before nextReviewOn (a commander rotation, a serious incident, a change of
  // government): the parties are told at once; the next review answers it.
  async requestReview(
    userId: string,
    agreementId: string,
    dto: CreateReviewRequestDto,
  ): Promise<ReviewRequestDto> {
    return this.ds.transaction(async (em) => {
      const { actor, agreement } = await this.access.requireAgreement(userId, agreementId, 'full', em, {
        lock: true,
      });
      this.access.assertAgreement(actor, agreement, 'edit');
      const status = agreement.status as AgreementStatus;
      if (!LIVE_AGREEMENT_STATUSES.includes(status))
        throw new ConflictProblem(
          `Only an agreement in force, under review or suspended is reviewed; it is ${status}`,
        );
      const [row] = await em.query(
        `INSERT INTO agreement_review_requests (agreement_id, reason, requested_by, requested_by_organisation_id)
         VALUES ($1, $2, $3, $4) RETURNING *`,
        [agreementId, dto.reason, userId, actor.organisationId],
      );
      const data = { agreementId, trigger: 'request', requestId: row.id };
      await this.changes.record(em, {
        groupId: agreement.groupId,
        type: 'agreement.review_due',
        entityType: 'agreement',
        entityId: agreementId,
        actorUserId: userId,
        scope: { kind: 'agreement_content', id: agreementId },
        data,
        audit: { requestId: row.id },
      });
      await this.lifecycle.notifyParties(em, agreement, {
        type: 'agreement.review_requested',
        message: {
          title: 'notification.agreement.review_requested.title',
          params: { title: agreement.title },
        },
        body: dto.reason,
        data,
        dedupeKey: `agreement-review-request:${row.id}`,
        excludeUserId: userId,
      });
      return toReviewRequest(row);
    });
  }

  async reviewRequests(userId: string, agreementId: string, q: PageQuery): Promise<Page<ReviewRequestDto>> {
    await this.access.requireAgreement(userId, agreementId, 'full');
    const limit = pageLimit(q);
    const params: unknown[] = [agreementId, limit + 1];
    const keyset = createdKeyset(q, 'q', params, 'desc');
    const rows = await this.ds.query(
      `SELECT q.*, ${createdKey('q')} FROM agreement_review_requests q WHERE q.agreement_id = $1 AND ${keyset}
       ORDER BY q.created_at DESC, q.id DESC LIMIT $2`,
      params,
    );
    return toPage(rows, limit, (r: PgRow) => [r.created_key, r.id], toReviewRequest);
  }

  private async reviewRow(id: string, em = this.ds.manager): Promise<PgRow> {
    const [row] = await em.query(`${REVIEW_SELECT} WHERE r.id = $1`, [id]);
    return row;
  }
}

const REVIEW_SELECT = `
  SELECT r.id, r.agreement_id, r.outcome, r.note, to_char(r.reviewed_on, 'YYYY-MM-DD') AS reviewed_on,
         to_char(r.next_review_on, 'YYYY-MM-DD') AS next_review_on, r.reviewer_user_id, r.reviewer_organisation_id,
         r.created_at, ${createdKey('r')},
         (SELECT count(*) FROM agreement_review_requests q WHERE q.review_id = r.id)::int AS answered
  FROM agreement_reviews r`;

function toLegalReference(r: PgRow): LegalReferenceDto {
  return {
    id: r.id,
    agreementId: r.agreement_id,
    kind: r.kind,
    citation: r.citation,
    url: r.url,
    clauseKey: r.clause_key,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
  };
}

function toReview(r: PgRow): ReviewDto {
  return {
    id: r.id,
    agreementId: r.agreement_id,
    outcome: r.outcome,
    note: r.note,
    reviewedOn: r.reviewed_on,
    nextReviewOn: r.next_review_on,
    reviewerUserId: r.reviewer_user_id,
    reviewerOrganisationId: r.reviewer_organisation_id,
    answeredRequests: r.answered,
    createdAt: iso(r.created_at),
  };
}

function toReviewRequest(r: PgRow): ReviewRequestDto {
  return {
    id: r.id,
    agreementId: r.agreement_id,
    reason: r.reason,
    requestedBy: r.requested_by,
    requestedByOrganisationId: r.requested_by_organisation_id,
    reviewId: r.review_id,
    createdAt: iso(r.created_at),
  };
}
