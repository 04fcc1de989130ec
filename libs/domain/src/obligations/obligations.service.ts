import { Injectable } from '@nestjs/common';
import {
  BadRequestProblem,
  ConflictProblem,
  FieldError,
  NotFoundProblem,
  Page,
  pageLimit,
  PgRow,
  toPage,
} from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { AgreementAccessFacts } from '../access/agreement-rules';
import { GroupAccessPolicy, GroupActor } from '../access/group-access.policy';
import { fail, todayIn } from '../agreements/agreement-checks';
import { AgreementLifecycle } from '../agreements/agreement-lifecycle';
import { createdKeyset } from '../agreements/keyset';
import { assertNotTerminal } from '../agreements/versions/versions.service';
import { ChangeRecorder } from '../events/change-recorder';
import {
  CreateObligationDto,
  ObligationDetailDto,
  ObligationQuery,
  ReportObligationProgressDto,
  ObligationDto,
} from './dto/obligation.dto';
import { dueAfter, dueOnOrAfter, obligationRuleErrors } from './obligation-schedule';
import { isTerminalObligation, ObligationStatus, planObligationProgress } from './obligation-status';
import {
  OBLIGATION_OVERDUE_SQL,
  OBLIGATION_SELECT,
  toObligation,
  toProgressEntry,
} from './obligation.queries';

// Obligations derived from an agreement's clauses, with their progress entries. They are
// agreement content: party members see them (everyone for `group` agreements); 404 otherwise.
// Party members create them and report on them.
@Injectable()
export class ObligationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly lifecycle: AgreementLifecycle,
  ) {}

  async create(userId: string, agreementId: string, dto: CreateObligationDto): Promise<ObligationDetailDto> {
    return this.ds.transaction(async (em) => {
      const { actor, agreement } = await this.access.requireAgreement(userId, agreementId, 'full', em, {
        lock: true,
      });
      this.access.assertAgreement(actor, agreement, 'edit');
      assertNotTerminal(agreement);
      const responsible = dto.responsibleOrganisationId.toLowerCase();
      const errors: FieldError[] = [];
      if (!agreement.partyOrganisationIds.includes(responsible))
        errors.push({ field: 'responsibleOrganisationId', message: 'must be a party to the agreement' });
      const [clause] = await em.query(`SELECT 1 FROM agreement_clauses WHERE version_id = $1 AND key = $2`, [
        agreement.currentVersionId,
        dto.clauseKey,
      ]);
      if (!clause) errors.push({ field: 'clauseKey', message: 'no such clause in the current version' });
      const [group] = await em.query(`SELECT timezone FROM groups WHERE id = $1`, [agreement.groupId]);
      // A recurring obligation starts on dueDate, or today; its first due date is the rule's first
      // occurrence on or after that day.
      const dueDate =
        dto.rrule !== undefined
          ? (dto.dueDate ?? (await todayIn(em, agreement.groupId)))
          : (dto.dueDate ?? null);
      let nextDueOn: string | null = dueDate;
      if (dto.rrule !== undefined && dueDate) {
        const ruleErrors = obligationRuleErrors(dto.rrule, dueDate, group.timezone);
        errors.push(...ruleErrors);
        if (!ruleErrors.length) nextDueOn = dueOnOrAfter(dto.rrule, dueDate, group.timezone, dueDate);
      }
      if (errors.length) fail(errors);
      const [row] = await em.query(
        `INSERT INTO obligations (agreement_id, clause_key, title, responsible_organisation_id, due_date, rrule, next_due_on, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          agreementId,
          dto.clauseKey,
          dto.title,
          responsible,
          dueDate,
          dto.rrule?.trim() ?? null,
          nextDueOn,
          userId,
        ],
      );
      await this.record(em, agreement, userId, 'obligation.created', row.id, {
        clauseKey: dto.clauseKey,
        responsibleOrganisationId: responsible,
        nextDueOn,
        status: 'open',
      });
      await this.lifecycle.notifyParties(em, agreement, {
        type: 'obligation.assigned',
        message: {
          title: 'notification.obligation.assigned.title',
          params: { title: agreement.title, obligation: dto.title },
        },
        data: { agreementId, obligationId: row.id, nextDueOn },
        dedupeKey: `obligation-assigned:${row.id}`,
        entityId: row.id,
        excludeUserId: userId,
        organisationIds: [responsible],
      });
      return this.detail(em, row.id);
    });
  }

  async list(userId: string, agreementId: string, q: ObligationQuery): Promise<Page<ObligationDto>> {
    await this.access.requireAgreement(userId, agreementId, 'full');
    const limit = pageLimit(q);
    const params: unknown[] = [agreementId, limit + 1];
    const where = [`o.agreement_id = $1`];
    if (q.status) where.push(`o.status = $${params.push(q.status)}`);
    if (q.overdue !== undefined) where.push(`${OBLIGATION_OVERDUE_SQL} = $${params.push(q.overdue)}`);
    where.push(createdKeyset(q, 'o', params));
    const rows = await this.ds.query(
      `${OBLIGATION_SELECT} WHERE ${where.join(' AND ')} ORDER BY o.created_at, o.id LIMIT $2`,
      params,
    );
    return toPage(rows, limit, (r: PgRow) => [r.created_key, r.id], toObligation);
  }

  async get(userId: string, obligationId: string): Promise<ObligationDetailDto> {
    await this.scope(this.ds.manager, userId, obligationId);
    return this.detail(this.ds.manager, obligationId);
  }

  // A progress entry by a party member: a note, optionally a status, a percentage, and for a
  // recurring obligation the fulfilment of the due date now running (the next one then runs).
  async report(
    userId: string,
    obligationId: string,
    dto: ReportObligationProgressDto,
  ): Promise<ObligationDetailDto> {
    return this.ds.transaction(async (em) => {
      const { actor, agreement } = await this.scope(em, userId, obligationId, true);
      this.access.assertAgreement(actor, agreement, 'edit');
      const [o] = await em.query(
        `SELECT o.status, o.progress, o.rrule, to_char(o.due_date, 'YYYY-MM-DD') AS due_date,
                to_char(o.next_due_on, 'YYYY-MM-DD') AS next_due_on, g.timezone
         FROM obligations o JOIN agreements a ON a.id = o.agreement_id JOIN groups g ON g.id = a.group_id
         WHERE o.id = $1 FOR UPDATE OF o`,
        [obligationId],
      );
      const plan = planObligationProgress(
        { status: o.status, progress: o.progress },
        { status: dto.status, progress: dto.progress },
      );
      if (!plan.ok) {
        if (plan.status === 400)
          throw new BadRequestProblem(
            plan.detail,
            plan.field ? [{ field: plan.field, message: plan.detail }] : undefined,
          );
        throw new ConflictProblem(plan.detail);
      }
      let fulfilled: string | null = null;
      let nextDueOn: string | null = o.next_due_on;
      if (dto.fulfilsCurrentDue) {
        if (!o.rrule)
          fail([
            { field: 'fulfilsCurrentDue', message: 'only recurring obligations have due dates to fulfil' },
          ]);
        if (!o.next_due_on) throw new ConflictProblem('No due date is running: the recurrence has ended');
        if (isTerminalObligation(o.status as ObligationStatus))
          throw new ConflictProblem(`The obligation is ${o.status}; that is final`);
        fulfilled = o.next_due_on;
        nextDueOn = dueAfter(o.rrule, o.due_date, o.timezone, o.next_due_on);
      }
      await em.query(
        `UPDATE obligations SET status = $2, progress = $3, next_due_on = $4, last_fulfilled_on = coalesce($5::date, last_fulfilled_on),
           completed_at = CASE WHEN $6::boolean THEN now() ELSE completed_at END, updated_at = now()
         WHERE id = $1`,
        [
          obligationId,
          plan.status,
          plan.progress,
          nextDueOn,
          fulfilled,
          plan.status !== o.status && isTerminalObligation(plan.status),
        ],
      );
      const [entry] = await em.query(
        `INSERT INTO obligation_progress (obligation_id, author_user_id, author_organisation_id, note, status_from, status_to,
           progress_from, progress_to, fulfilled_due_on, evidence_urls)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          obligationId,
          userId,
          actor.organisationId,
          dto.note,
          o.status,
          plan.status,
          o.progress,
          plan.progress,
          fulfilled,
          dto.evidenceUrls ?? [],
        ],
      );
      await this.record(em, agreement, userId, 'obligation.updated', obligationId, {
        change: 'progress',
        progressEntryId: entry.id,
        status: plan.status,
        statusFrom: o.status,
        progress: plan.progress,
        ...(fulfilled ? { fulfilledDueOn: fulfilled, nextDueOn } : {}),
      });
      return this.detail(em, obligationId);
    });
  }

  private async scope(
    em: EntityManager,
    userId: string,
    obligationId: string,
    lock = false,
  ): Promise<{ actor: GroupActor; agreement: AgreementAccessFacts }> {
    const [ref] = await em.query(`SELECT agreement_id FROM obligations WHERE id = $1`, [obligationId]);
    if (!ref) throw new NotFoundProblem('Obligation');
    return this.access.requireAgreement(userId, ref.agreement_id, 'full', em, {
      lock,
      notFound: 'Obligation',
    });
  }

  private async record(
    em: EntityManager,
    agreement: AgreementAccessFacts,
    userId: string,
    type: 'obligation.created' | 'obligation.updated',
    obligationId: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.changes.record(em, {
      groupId: agreement.groupId,
      type,
      entityType: 'obligation',
      entityId: obligationId,
      actorUserId: userId,
      scope: { kind: 'agreement_content', id: agreement.id },
      data: { agreementId: agreement.id, obligationId, ...data },
      audit: data,
    });
  }

  private async detail(em: EntityManager, obligationId: string): Promise<ObligationDetailDto> {
    const [row] = await em.query(`${OBLIGATION_SELECT} WHERE o.id = $1`, [obligationId]);
    const entries = await em.query(
      `SELECT *, to_char(fulfilled_due_on, 'YYYY-MM-DD') AS fulfilled_due_on FROM obligation_progress
       WHERE obligation_id = $1 ORDER BY created_at, id`,
      [obligationId],
    );
    return { ...toObligation(row), progressEntries: entries.map(toProgressEntry) };
  }
}
