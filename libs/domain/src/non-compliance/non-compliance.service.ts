import { Injectable } from '@nestjs/common';
import {
  ConflictProblem,
  FieldError,
  LocalizedMessage,
  NotFoundProblem,
  Page,
  pageLimit,
  PgRow,
  toPage,
} from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { AgreementAccessFacts, AgreementSight, NonComplianceAccessFacts } from '../access/agreement-rules';
import { GroupAccessPolicy, GroupActor } from '../access/group-access.policy';
import { fail } from '../agreements/agreement-checks';
import { createdKeyset } from '../agreements/keyset';
import { ChangeRecorder } from '../events/change-recorder';
import { NotificationsService } from '../notifications/notifications.service';
import {
  CreateNonComplianceDto,
  GroupNonComplianceQuery,
  NonComplianceDto,
  NonComplianceQuery,
  NonComplianceStepDto,
  UpdateNonComplianceDto,
} from './dto/non-compliance.dto';
import { isClosedNonCompliance, NonComplianceStatus, planNonComplianceStep } from './non-compliance-status';
import { nonComplianceSelect, toNonCompliance } from './non-compliance-view';

// Agreements not yet signed cannot be breached; ended ones still can (a breach reported late).
const REPORTABLE = ['signed', 'in_force', 'under_review', 'suspended', 'terminated', 'expired'];

// Non-compliance with an agreement: reported by any member who can see the agreement (civil
// society included), with the confidentiality and anonymity rules of incidents, and moved along
// its escalation workflow by the parties, the focal point or a co-chair — each step with a note.
@Injectable()
export class NonComplianceService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly notifications: NotificationsService,
  ) {}

  async report(userId: string, agreementId: string, dto: CreateNonComplianceDto): Promise<NonComplianceDto> {
    return this.ds.transaction(async (em) => {
      const { actor, agreement, sight } = await this.access.requireAgreement(
        userId,
        agreementId,
        'summary',
        em,
      );
      this.access.assertAgreement(actor, agreement, 'report_non_compliance');
      if (!REPORTABLE.includes(agreement.status))
        throw new ConflictProblem(
          `The agreement is ${agreement.status}: only a signed agreement can be breached`,
        );
      const links = await this.checkLinks(em, actor, agreement, sight, dto);
      const anonymous = dto.anonymous ?? false;
      const [row] = await em.query(
        `INSERT INTO non_compliance_reports (group_id, agreement_id, obligation_id, site_id, clause_keys, description, severity,
           confidentiality, anonymous, reporter_user_id, reporter_organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          agreement.groupId,
          agreementId,
          links.obligationId,
          links.siteId,
          dto.clauseKeys,
          dto.description,
          dto.severity,
          dto.confidentiality,
          anonymous,
          userId,
          actor.organisationId,
        ],
      );
      if (links.shares.length)
        await em.query(
          `INSERT INTO non_compliance_shares (report_id, organisation_id) SELECT $1, unnest($2::uuid[])`,
          [row.id, links.shares],
        );
      if (links.incidentIds.length)
        await em.query(
          `INSERT INTO non_compliance_incidents (report_id, incident_id) SELECT $1, unnest($2::uuid[])`,
          [row.id, links.incidentIds],
        );
      await this.changes.record(em, {
        groupId: agreement.groupId,
        type: 'noncompliance.reported',
        entityType: 'non_compliance',
        entityId: row.id,
        // An anonymous report is not attributed in the audit trail either.
        actorUserId: anonymous ? null : userId,
        scope: { kind: 'non_compliance', id: row.id },
        data: {
          reportId: row.id,
          agreementId,
          clauseKeys: dto.clauseKeys,
          severity: dto.severity,
          confidentiality: dto.confidentiality,
          anonymous,
          status: 'reported',
          ...(anonymous ? {} : { reporterUserId: userId, reporterOrganisationId: actor.organisationId }),
        },
        audit: { confidentiality: dto.confidentiality, anonymous, sharedWithOrganisationIds: links.shares },
      });
      await this.notify(
        em,
        { ...agreement, reportId: row.id },
        {
          type: 'noncompliance.reported',
          message: { title: 'notification.noncompliance.reported.title', params: { title: agreement.title } },
          dedupeKey: `noncompliance-reported:${row.id}`,
          excludeUserId: userId,
          managers: true,
        },
      );
      return this.view(em, row.id, actor);
    });
  }

  async listForAgreement(
    userId: string,
    agreementId: string,
    q: NonComplianceQuery,
  ): Promise<Page<NonComplianceDto>> {
    const { actor } = await this.access.requireAgreement(userId, agreementId, 'summary');
    return this.page(actor, q, { agreementId });
  }

  async listForGroup(
    userId: string,
    groupId: string,
    q: GroupNonComplianceQuery,
  ): Promise<Page<NonComplianceDto>> {
    const actor = await this.access.require(userId, groupId);
    return this.page(actor, q, { agreementId: q.agreementId, siteId: q.siteId });
  }

  async get(userId: string, reportId: string): Promise<NonComplianceDto> {
    const { actor } = await this.access.requireNonCompliance(userId, reportId);
    return this.view(this.ds.manager, reportId, actor);
  }

  async step(userId: string, reportId: string, dto: NonComplianceStepDto): Promise<NonComplianceDto> {
    return this.ds.transaction(async (em) => {
      const { actor, report } = await this.access.requireNonCompliance(userId, reportId, em, { lock: true });
      this.access.assertNonCompliance(actor, report, 'advance');
      const from = report.status as NonComplianceStatus;
      const plan = planNonComplianceStep(from, dto.to);
      if (!plan.ok) throw new ConflictProblem(plan.detail, { currentStatus: from });
      await em.query(
        `UPDATE non_compliance_reports SET status = $2, updated_at = now(),
           acknowledged_at = CASE WHEN $2 = 'acknowledged' THEN coalesce(acknowledged_at, now()) ELSE acknowledged_at END,
           resolved_at = CASE WHEN $2 = 'resolved' THEN now() ELSE resolved_at END,
           closed_at = CASE WHEN $3::boolean THEN now() ELSE closed_at END
         WHERE id = $1`,
        [reportId, dto.to, isClosedNonCompliance(dto.to)],
      );
      const [step] = await em.query(
        `INSERT INTO non_compliance_steps (report_id, status_from, status_to, note, actor_user_id, actor_organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [reportId, from, dto.to, dto.note, userId, actor.organisationId],
      );
      await this.recordUpdate(em, report, actor, { change: 'status', stepId: step.id, from, to: dto.to });
      await this.notify(
        em,
        { ...report, reportId },
        {
          type: 'noncompliance.updated',
          message: {
            title: 'notification.noncompliance.updated.title',
            params: { status: { key: `noncompliance.status.${dto.to}` } },
          },
          body: dto.note,
          dedupeKey: `noncompliance-step:${step.id}`,
          excludeUserId: userId,
          reporterOrganisation: report.reporterOrganisationId,
        },
      );
      return this.view(em, reportId, actor);
    });
  }

  // Links (or unlinks) the recommendation that follows the report up.
  async update(userId: string, reportId: string, dto: UpdateNonComplianceDto): Promise<NonComplianceDto> {
    return this.ds.transaction(async (em) => {
      const { actor, report } = await this.access.requireNonCompliance(userId, reportId, em, { lock: true });
      if (dto.recommendationId === undefined) return this.view(em, reportId, actor);
      this.access.assertNonCompliance(actor, report, 'advance');
      const recommendationId = dto.recommendationId?.toLowerCase() ?? null;
      if (recommendationId) {
        const [rec] = await em.query(`SELECT 1 FROM recommendations WHERE id = $1 AND group_id = $2`, [
          recommendationId,
          report.groupId,
        ]);
        if (!rec) fail([{ field: 'recommendationId', message: 'no such recommendation in this group' }]);
      }
      await em.query(
        `UPDATE non_compliance_reports SET recommendation_id = $2, updated_at = now() WHERE id = $1`,
        [reportId, recommendationId],
      );
      await this.recordUpdate(em, report, actor, { change: 'recommendation', recommendationId });
      return this.view(em, reportId, actor);
    });
  }

  private async page(
    actor: GroupActor,
    q: NonComplianceQuery,
    filter: { agreementId?: string; siteId?: string },
  ): Promise<Page<NonComplianceDto>> {
    const limit = pageLimit(q);
    const params: unknown[] = [actor.groupId, actor.organisationId, limit + 1];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where = [`r.group_id = $1`, this.access.nonComplianceVisibilitySql('r', '$2')];
    if (filter.agreementId) where.push(`r.agreement_id = ${param(filter.agreementId)}::uuid`);
    if (filter.siteId) where.push(`r.site_id = ${param(filter.siteId)}::uuid`);
    if (q.status) where.push(`r.status = ${param(q.status)}`);
    if (q.severity) where.push(`r.severity = ${param(q.severity)}`);
    where.push(createdKeyset(q, 'r', params, 'desc'));
    const rows = await this.ds.query(
      `${nonComplianceSelect('$2')} WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id DESC LIMIT $3`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r: PgRow) => [r.created_key, r.id],
      (r) => toNonCompliance(r, actor.organisationId),
    );
  }

  private async checkLinks(
    em: EntityManager,
    actor: GroupActor,
    agreement: AgreementAccessFacts,
    sight: AgreementSight,
    dto: CreateNonComplianceDto,
  ): Promise<{
    obligationId: string | null;
    siteId: string | null;
    incidentIds: string[];
    shares: string[];
  }> {
    const errors: FieldError[] = [];
    const keys: string[] = (
      await em.query(`SELECT key FROM agreement_clauses WHERE version_id = $1`, [agreement.currentVersionId])
    ).map((r: PgRow) => r.key);
    dto.clauseKeys.forEach((k, i) => {
      if (!keys.includes(k))
        errors.push({ field: `clauseKeys.${i}`, message: `no clause ${k} in the current version` });
    });
    let obligationId: string | null = null;
    if (dto.obligationId) {
      obligationId = dto.obligationId.toLowerCase();
      // Obligations are content: an id the caller may not see is as unknown as a wrong one.
      const [o] = await em.query(`SELECT 1 FROM obligations WHERE id = $1 AND agreement_id = $2`, [
        obligationId,
        agreement.id,
      ]);
      if (!o || sight !== 'full')
        errors.push({ field: 'obligationId', message: 'no such obligation of this agreement' });
    }
    let siteId: string | null = null;
    if (dto.siteId) {
      siteId = dto.siteId.toLowerCase();
      const [s] = await em.query(`SELECT 1 FROM sites WHERE id = $1 AND group_id = $2`, [
        siteId,
        agreement.groupId,
      ]);
      if (!s) errors.push({ field: 'siteId', message: 'no such site in this group' });
    }
    const incidentIds = (dto.incidentIds ?? []).map((i) => i.toLowerCase());
    if (incidentIds.length) {
      const seen: string[] = (
        await em.query(
          `SELECT i.id FROM incidents i WHERE i.id = ANY($1::uuid[]) AND i.group_id = $2 AND ${this.access.incidentVisibilitySql('i', '$3')}`,
          [incidentIds, agreement.groupId, actor.organisationId],
        )
      ).map((r: PgRow) => r.id);
      incidentIds.forEach((id, i) => {
        if (!seen.includes(id)) errors.push({ field: `incidentIds.${i}`, message: 'unknown incident' });
      });
    }
    const shares = [...new Set((dto.sharedWithOrganisationIds ?? []).map((o) => o.toLowerCase()))].filter(
      (o) => o !== actor.organisationId,
    );
    if (shares.length && dto.confidentiality === 'group')
      errors.push({
        field: 'sharedWithOrganisationIds',
        message: 'only restricted reports are shared with named organisations',
      });
    else if (shares.length) {
      const represented: string[] = (
        await em.query(
          `SELECT DISTINCT organisation_id FROM memberships WHERE group_id = $1 AND status = 'active' AND organisation_id = ANY($2::uuid[])`,
          [agreement.groupId, shares],
        )
      ).map((r: PgRow) => r.organisation_id);
      shares.forEach((o, i) => {
        if (!represented.includes(o))
          errors.push({
            field: `sharedWithOrganisationIds.${i}`,
            message: `organisation ${o} has no active members in this group`,
          });
        else if (agreement.visibility === 'parties' && !agreement.partyOrganisationIds.includes(o))
          errors.push({
            field: `sharedWithOrganisationIds.${i}`,
            message: 'the agreement is visible to its parties only: share with a party organisation',
          });
      });
    }
    if (errors.length) fail(errors);
    return { obligationId, siteId, incidentIds, shares };
  }

  private async recordUpdate(
    em: EntityManager,
    report: NonComplianceAccessFacts,
    actor: GroupActor,
    data: Record<string, unknown>,
  ): Promise<void> {
    // A step by the anonymous reporter's organisation is not attributed outside it either.
    const hideActor = report.anonymous && actor.organisationId === report.reporterOrganisationId;
    await this.changes.record(em, {
      groupId: report.groupId,
      type: 'noncompliance.updated',
      entityType: 'non_compliance',
      entityId: report.id,
      actorUserId: hideActor ? null : actor.userId,
      scope: { kind: 'non_compliance', id: report.id },
      data: { reportId: report.id, agreementId: report.agreementId, ...data },
      audit: data,
    });
  }

  // Party members (and with `managers` the focal point and co-chairs; with `reporterOrganisation`
  // the reporting organisation) who may see the report.
  private async notify(
    em: EntityManager,
    target: { groupId: string; partyOrganisationIds: string[]; reportId: string; id?: string },
    n: {
      type: string;
      message: LocalizedMessage;
      body?: string;
      dedupeKey: string;
      excludeUserId: string;
      managers?: boolean;
      reporterOrganisation?: string;
    },
  ): Promise<void> {
    const userIds = await this.access.audienceMembers(
      em,
      target.groupId,
      { kind: 'non_compliance', id: target.reportId },
      {
        organisationIds: [
          ...target.partyOrganisationIds,
          ...(n.reporterOrganisation ? [n.reporterOrganisation] : []),
        ],
        managers: n.managers,
        excludeUserId: n.excludeUserId,
      },
    );
    await this.notifications.notify(em, {
      userIds,
      type: n.type,
      groupId: target.groupId,
      entityId: target.reportId,
      message: n.message,
      body: n.body ?? null,
      data: { reportId: target.reportId },
      dedupeKey: n.dedupeKey,
    });
  }

  private async view(em: EntityManager, reportId: string, actor: GroupActor): Promise<NonComplianceDto> {
    const [row] = await em.query(
      `${nonComplianceSelect('$2')} WHERE r.id = $1 AND ${this.access.nonComplianceVisibilitySql('r', '$2')}`,
      [reportId, actor.organisationId],
    );
    if (!row) throw new NotFoundProblem('Non-compliance report');
    return toNonCompliance(row, actor.organisationId);
  }
}
