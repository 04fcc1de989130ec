import { Injectable } from '@nestjs/common';
import {
  ConflictProblem,
  FieldError,
  ForbiddenProblem,
  NotFoundProblem,
  Page,
  pageLimit,
  PgRow,
  toPage,
} from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { EquipmentRequestAccessFacts, mayOnEquipmentRequest } from '../../access/engagement-rules';
import { GroupAccessPolicy, GroupActor, hasPower } from '../../access/group-access.policy';
import { nonComplianceVisibleSql } from '../../access/visibility-sql';
import { fail } from '../../agreements/agreement-checks';
import { createdKey, createdKeyset } from '../../agreements/keyset';
import { ChangeRecorder, GroupChange } from '../../events/change-recorder';
import {
  CreateEquipmentRequestDto,
  EquipmentAssessmentDto,
  EquipmentDecisionDto,
  EquipmentMonitoringInputDto,
  EquipmentRequestDto,
  EquipmentRequestQuery,
  EquipmentStatusDto,
  UpdateEquipmentRequestDto,
} from '../dto/equipment.dto';
import { checkAgreementLink, checkRepresented, checkSites, orgJson } from '../engagement-checks';
import { decisionError, EquipmentStatus, isDecidable, manualMoveBy, mayMove } from './equipment-status';

// A request with its items, sharing, steps and monitoring entries; a linked non-compliance report
// is named only when the viewer's organisation (`org`) may see it.
const requestSelect = (org: string) => `
  SELECT r.*, ${createdKey('r')},
         CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', s.id, 'name', s.name) END AS site,
         ${orgJson('rq')} AS requesting, ${orgJson('dc')} AS deciding,
         coalesce((SELECT json_agg(${orgJson('so')} ORDER BY so.name) FROM equipment_request_shares sh
                   JOIN organisations so ON so.id = sh.organisation_id WHERE sh.request_id = r.id), '[]') AS shared,
         coalesce((SELECT json_agg(json_build_object('id', i.id, 'category', i.category, 'description', i.description,
                     'quantity', i.quantity, 'transfer', i.transfer) ORDER BY i.position)
                   FROM equipment_request_items i WHERE i.request_id = r.id), '[]') AS items,
         coalesce((SELECT json_agg(json_build_object('status_from', st.status_from, 'status_to', st.status_to, 'note', st.note,
                     'actor_user_id', st.actor_user_id, 'actor_organisation_id', st.actor_organisation_id, 'at', st.at)
                     ORDER BY st.at, st.id)
                   FROM equipment_request_steps st WHERE st.request_id = r.id), '[]') AS steps,
         coalesce((SELECT json_agg(json_build_object('id', m.id, 'method', m.method, 'finding', m.finding,
                     'recorded_by', m.recorded_by, 'created_at', m.created_at,
                     'non_compliance_id', CASE WHEN nc.id IS NOT NULL AND ${nonComplianceVisibleSql('nc', org)} THEN nc.id END)
                     ORDER BY m.created_at, m.id)
                   FROM equipment_monitoring_entries m LEFT JOIN non_compliance_reports nc ON nc.id = m.non_compliance_id
                   WHERE m.request_id = r.id), '[]') AS monitoring
  FROM equipment_requests r
  LEFT JOIN sites s ON s.id = r.site_id
  JOIN organisations rq ON rq.id = r.requesting_organisation_id
  JOIN organisations dc ON dc.id = r.deciding_organisation_id`;

// Requests for equipment from public security forces, their assessment and decision by the company
// (risks, alternatives, conditions, rationale), hand-over and monitoring. Restricted: only the
// deciding company, the requesting organisation and those it is shared with see a request, its
// events and its audit entries (scope `equipment_request`).
@Injectable()
export class EquipmentRequestsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
  ) {}

  async create(
    userId: string,
    groupId: string,
    dto: CreateEquipmentRequestDto,
  ): Promise<EquipmentRequestDto> {
    return this.ds.transaction(async (em) => {
      const actor = await this.access.require(userId, groupId, 'contribute', em);
      const errors: FieldError[] = [];
      const requesting = dto.requestingOrganisationId.toLowerCase();
      const [site] = dto.siteId ? await checkSites(em, groupId, [dto.siteId], 'siteId', errors) : [];
      let deciding = site?.operator_organisation_id ?? dto.decidingOrganisationId?.toLowerCase() ?? null;
      if (site && dto.decidingOrganisationId && dto.decidingOrganisationId.toLowerCase() !== deciding)
        errors.push({
          field: 'decidingOrganisationId',
          message: "the site's operator decides requests about the site",
        });
      if (!dto.siteId && !deciding)
        errors.push({
          field: 'decidingOrganisationId',
          message: 'decidingOrganisationId is required without a siteId',
        });
      await checkRepresented(
        em,
        groupId,
        [
          { field: 'requestingOrganisationId', id: requesting },
          ...(dto.siteId ? [] : [{ field: 'decidingOrganisationId', id: deciding }]),
        ],
        errors,
      );
      if (deciding && !dto.siteId) {
        const [org] = await em.query(`SELECT kind FROM organisations WHERE id = $1`, [deciding]);
        if (org && org.kind !== 'company')
          errors.push({
            field: 'decidingOrganisationId',
            message: 'the deciding organisation must be a company',
          });
      }
      if (deciding && deciding === requesting)
        errors.push({
          field: 'requestingOrganisationId',
          message: 'a company does not request equipment from itself',
        });
      const shares = await this.checkShares(
        em,
        groupId,
        dto.sharedWithOrganisationIds,
        [requesting, deciding],
        errors,
      );
      if (errors.length) fail(errors);
      deciding = deciding!;
      // The caller records a request of their own organisation, or one their company received.
      if (actor.organisationId !== requesting && actor.organisationId !== deciding)
        throw new ForbiddenProblem(
          'Only the requesting organisation or the deciding company may record a request',
        );
      const [row] = await em.query(
        `INSERT INTO equipment_requests (group_id, site_id, requesting_organisation_id, deciding_organisation_id, purpose, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [groupId, site?.id ?? null, requesting, deciding, dto.purpose, userId],
      );
      await em.query(
        `INSERT INTO equipment_request_items (request_id, position, category, description, quantity, transfer)
         SELECT $1, n, c, d, q, t FROM unnest($2::text[], $3::text[], $4::int[], $5::text[]) WITH ORDINALITY AS x(c, d, q, t, n)`,
        [
          row.id,
          dto.items.map((i) => i.category),
          dto.items.map((i) => i.description),
          dto.items.map((i) => i.quantity),
          dto.items.map((i) => i.transfer),
        ],
      );
      if (shares.length)
        await em.query(
          `INSERT INTO equipment_request_shares (request_id, organisation_id) SELECT $1, unnest($2::uuid[])`,
          [row.id, shares],
        );
      await this.record(em, groupId, row.id, userId, 'equipment.requested', {
        status: 'received',
        requestingOrganisationId: requesting,
        decidingOrganisationId: deciding,
        siteId: site?.id ?? null,
        categories: [...new Set(dto.items.map((i) => i.category))],
      });
      return this.view(em, row.id, actor);
    });
  }

  async list(userId: string, groupId: string, q: EquipmentRequestQuery): Promise<Page<EquipmentRequestDto>> {
    const actor = await this.access.require(userId, groupId);
    const limit = pageLimit(q);
    const params: unknown[] = [groupId, actor.organisationId, limit + 1];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where = ['r.group_id = $1', this.access.equipmentRequestVisibilitySql('r', '$2')];
    if (q.status) where.push(`r.status = ${param(q.status)}`);
    if (q.siteId) where.push(`r.site_id = ${param(q.siteId)}::uuid`);
    where.push(createdKeyset(q, 'r', params, 'desc'));
    const rows = await this.ds.query(
      `${requestSelect('$2')} WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id DESC LIMIT $3`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r: PgRow) => [r.created_key, r.id],
      (r) => toRequest(r, actor),
    );
  }

  async get(userId: string, requestId: string): Promise<EquipmentRequestDto> {
    const { actor } = await this.access.requireEquipmentRequest(userId, requestId);
    return this.view(this.ds.manager, requestId, actor);
  }

  async update(
    userId: string,
    requestId: string,
    dto: UpdateEquipmentRequestDto,
  ): Promise<EquipmentRequestDto> {
    return this.ds.transaction(async (em) => {
      const { actor, request } = await this.access.requireEquipmentRequest(userId, requestId, em, {
        lock: true,
      });
      if (dto.sharedWithOrganisationIds === undefined) return this.view(em, requestId, actor);
      this.access.assertEquipmentRequest(actor, request, 'share');
      const errors: FieldError[] = [];
      const shares = await this.checkShares(
        em,
        request.groupId,
        dto.sharedWithOrganisationIds,
        [request.requestingOrganisationId, request.decidingOrganisationId],
        errors,
      );
      if (errors.length) fail(errors);
      await em.query(`DELETE FROM equipment_request_shares WHERE request_id = $1`, [requestId]);
      if (shares.length)
        await em.query(
          `INSERT INTO equipment_request_shares (request_id, organisation_id) SELECT $1, unnest($2::uuid[])`,
          [requestId, shares],
        );
      await em.query(`UPDATE equipment_requests SET updated_at = now() WHERE id = $1`, [requestId]);
      await this.record(em, request.groupId, requestId, userId, 'equipment.updated', {
        change: 'sharing',
        sharedWithOrganisationIds: shares,
      });
      return this.view(em, requestId, actor);
    });
  }

  async assess(userId: string, requestId: string, dto: EquipmentAssessmentDto): Promise<EquipmentRequestDto> {
    return this.ds.transaction(async (em) => {
      const { actor, request } = await this.access.requireEquipmentRequest(userId, requestId, em, {
        lock: true,
      });
      this.access.assertEquipmentRequest(actor, request, 'assess');
      const from = request.status as EquipmentStatus;
      if (from !== 'received' && from !== 'under_assessment')
        throw new ConflictProblem(`The request is ${from}: only a request not yet decided is assessed`, {
          currentStatus: from,
        });
      await em.query(
        `UPDATE equipment_requests SET status = 'under_assessment', assessment_risks = $2, assessment_alternatives = $3,
           assessment_note = $4, assessed_by = $5, assessed_at = now(), updated_at = now() WHERE id = $1`,
        [requestId, dto.risks, dto.alternativesConsidered, dto.note ?? null, userId],
      );
      if (from === 'received') await this.step(em, requestId, from, 'under_assessment', null, actor);
      await this.record(em, request.groupId, requestId, userId, 'equipment.updated', {
        change: 'assessment',
        from,
        to: 'under_assessment',
      });
      return this.view(em, requestId, actor);
    });
  }

  async decide(userId: string, requestId: string, dto: EquipmentDecisionDto): Promise<EquipmentRequestDto> {
    return this.ds.transaction(async (em) => {
      const { actor, request } = await this.access.requireEquipmentRequest(userId, requestId, em, {
        lock: true,
      });
      this.access.assertEquipmentRequest(actor, request, 'decide');
      const categories: string[] = (
        await em.query(`SELECT category FROM equipment_request_items WHERE request_id = $1`, [requestId])
      ).map((r: PgRow) => r.category);
      const errors: FieldError[] = [];
      const rule = decisionError(dto.outcome, categories, dto.conditions);
      if (rule) errors.push(rule);
      const link = await checkAgreementLink(
        em,
        request.groupId,
        actor.organisationId,
        dto.agreementId,
        dto.clauseKey,
        errors,
      );
      if (errors.length) fail(errors);
      const from = request.status as EquipmentStatus;
      if (!isDecidable(from))
        throw new ConflictProblem(`The request is ${from}: it has been decided or withdrawn`, {
          currentStatus: from,
        });
      await em.query(
        `UPDATE equipment_requests SET status = $2, decision_outcome = $2, decision_risks = $3, decision_alternatives = $4,
           decision_conditions = $5, decision_rationale = $6, decision_agreement_id = $7, decision_clause_key = $8,
           decided_by = $9, decided_at = now(), updated_at = now() WHERE id = $1`,
        [
          requestId,
          dto.outcome,
          dto.risks,
          dto.alternativesConsidered,
          dto.conditions?.trim() || null,
          dto.rationale,
          link.agreementId,
          link.clauseKey,
          userId,
        ],
      );
      await this.step(em, requestId, from, dto.outcome, null, actor);
      await this.record(em, request.groupId, requestId, userId, 'equipment.decided', {
        from,
        to: dto.outcome,
        outcome: dto.outcome,
        agreementId: link.agreementId,
      });
      return this.view(em, requestId, actor);
    });
  }

  async move(userId: string, requestId: string, dto: EquipmentStatusDto): Promise<EquipmentRequestDto> {
    return this.ds.transaction(async (em) => {
      const { actor, request } = await this.access.requireEquipmentRequest(userId, requestId, em, {
        lock: true,
      });
      this.access.assertEquipmentRequest(
        actor,
        request,
        manualMoveBy(dto.to) === 'requesting' ? 'withdraw' : 'deciding_move',
      );
      const from = request.status as EquipmentStatus;
      if (!mayMove(from, dto.to) || (dto.to === 'under_assessment' && from !== 'received'))
        throw new ConflictProblem(`A request that is ${from} cannot become ${dto.to}`, {
          currentStatus: from,
        });
      await em.query(`UPDATE equipment_requests SET status = $2, updated_at = now() WHERE id = $1`, [
        requestId,
        dto.to,
      ]);
      await this.step(em, requestId, from, dto.to, dto.note, actor);
      await this.record(em, request.groupId, requestId, userId, 'equipment.updated', {
        change: 'status',
        from,
        to: dto.to,
      });
      return this.view(em, requestId, actor);
    });
  }

  async monitor(
    userId: string,
    requestId: string,
    dto: EquipmentMonitoringInputDto,
  ): Promise<EquipmentRequestDto> {
    return this.ds.transaction(async (em) => {
      const { actor, request } = await this.access.requireEquipmentRequest(userId, requestId, em, {
        lock: true,
      });
      this.access.assertEquipmentRequest(actor, request, 'monitor');
      const from = request.status as EquipmentStatus;
      if (from !== 'handed_over' && from !== 'monitoring')
        throw new ConflictProblem(`The request is ${from}: equipment is monitored once handed over`, {
          currentStatus: from,
        });
      let nonComplianceId: string | null = null;
      if (dto.nonComplianceId) {
        nonComplianceId = dto.nonComplianceId.toLowerCase();
        const [nc] = await em.query(
          `SELECT 1 FROM non_compliance_reports r WHERE r.id = $1 AND r.group_id = $2 AND ${this.access.nonComplianceVisibilitySql('r', '$3')}`,
          [nonComplianceId, request.groupId, actor.organisationId],
        );
        if (!nc) fail([{ field: 'nonComplianceId', message: 'no such non-compliance report in this group' }]);
      }
      const [entry] = await em.query(
        `INSERT INTO equipment_monitoring_entries (request_id, method, finding, non_compliance_id, recorded_by, recorded_by_organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [requestId, dto.method, dto.finding, nonComplianceId, userId, actor.organisationId],
      );
      // The first monitoring entry starts the monitoring phase.
      if (from === 'handed_over') {
        await em.query(
          `UPDATE equipment_requests SET status = 'monitoring', updated_at = now() WHERE id = $1`,
          [requestId],
        );
        await this.step(em, requestId, from, 'monitoring', null, actor);
      } else await em.query(`UPDATE equipment_requests SET updated_at = now() WHERE id = $1`, [requestId]);
      await this.record(em, request.groupId, requestId, userId, 'equipment.monitored', {
        entryId: entry.id,
        method: dto.method,
        nonComplianceId,
        status: 'monitoring',
      });
      return this.view(em, requestId, actor);
    });
  }

  private async checkShares(
    em: EntityManager,
    groupId: string,
    ids: string[] | undefined,
    own: (string | null)[],
    errors: FieldError[],
  ): Promise<string[]> {
    const shares = [...new Set((ids ?? []).map((o) => o.toLowerCase()))].filter((o) => !own.includes(o));
    await checkRepresented(
      em,
      groupId,
      shares.map((id, i) => ({ field: `sharedWithOrganisationIds.${i}`, id })),
      errors,
    );
    return shares;
  }

  private async step(
    em: EntityManager,
    requestId: string,
    from: string,
    to: string,
    note: string | null,
    actor: GroupActor,
  ): Promise<void> {
    await em.query(
      `INSERT INTO equipment_request_steps (request_id, status_from, status_to, note, actor_user_id, actor_organisation_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [requestId, from, to, note, actor.userId, actor.organisationId],
    );
  }

  // Events and audit rows carry ids, statuses and categories — never the purpose, findings or
  // rationale — and follow the request's visibility (scope equipment_request).
  private async record(
    em: EntityManager,
    groupId: string,
    requestId: string,
    userId: string,
    type: GroupChange['type'],
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.changes.record(em, {
      groupId,
      type,
      entityType: 'equipment_request',
      entityId: requestId,
      actorUserId: userId,
      scope: { kind: 'equipment_request', id: requestId },
      data: { requestId, ...data },
      audit: data,
    });
  }

  private async view(em: EntityManager, requestId: string, actor: GroupActor): Promise<EquipmentRequestDto> {
    const [row] = await em.query(
      `${requestSelect('$2')} WHERE r.id = $1 AND ${this.access.equipmentRequestVisibilitySql('r', '$2')}`,
      [requestId, actor.organisationId],
    );
    if (!row) throw new NotFoundProblem('Equipment request');
    return toRequest(row, actor);
  }
}

const iso = (v: unknown) => new Date(v as string).toISOString();

function toRequest(r: PgRow, actor: GroupActor): EquipmentRequestDto {
  const steps: PgRow[] = r.steps;
  const monitoring: PgRow[] = r.monitoring;
  const facts: EquipmentRequestAccessFacts = {
    id: r.id,
    groupId: r.group_id,
    requestingOrganisationId: r.requesting_organisation_id,
    decidingOrganisationId: r.deciding_organisation_id,
    status: r.status,
    sharedWithOrganisationIds: [],
  };
  const items = r.items as { category: string }[];
  const status = r.status as EquipmentStatus;
  const may = (a: Parameters<typeof mayOnEquipmentRequest>[2]) =>
    hasPower(actor, 'read') && mayOnEquipmentRequest(actor, facts, a);
  return {
    id: r.id,
    groupId: r.group_id,
    site: r.site,
    requestingOrganisation: r.requesting,
    decidingOrganisation: r.deciding,
    sharedWithOrganisations: r.shared,
    items: r.items,
    hasLethalItem: items.some((i) => i.category === 'lethal'),
    purpose: r.purpose,
    status,
    assessment: r.assessed_at
      ? {
          risks: r.assessment_risks,
          alternativesConsidered: r.assessment_alternatives,
          note: r.assessment_note,
          assessedByUserId: r.assessed_by,
          assessedAt: iso(r.assessed_at),
        }
      : null,
    decision: r.decided_at
      ? {
          outcome: r.decision_outcome,
          risks: r.decision_risks,
          alternativesConsidered: r.decision_alternatives,
          conditions: r.decision_conditions,
          rationale: r.decision_rationale,
          agreementId: r.decision_agreement_id,
          clauseKey: r.decision_clause_key,
          decidedByUserId: r.decided_by,
          decidedAt: iso(r.decided_at),
        }
      : null,
    steps: steps.map((s) => ({
      statusFrom: s.status_from,
      statusTo: s.status_to,
      note: s.note,
      actorUserId: s.actor_user_id,
      actorOrganisationId: s.actor_organisation_id,
      at: iso(s.at),
    })),
    monitoring: monitoring.map((m) => ({
      id: m.id,
      method: m.method,
      finding: m.finding,
      nonComplianceId: m.non_compliance_id ?? null,
      recordedByUserId: m.recorded_by,
      createdAt: iso(m.created_at),
    })),
    may: {
      assess: may('assess') && (status === 'received' || status === 'under_assessment'),
      decide: may('decide') && isDecidable(status),
      move:
        may('deciding_move') &&
        ['approved', 'approved_with_conditions', 'handed_over', 'monitoring'].includes(status),
      withdraw: may('withdraw') && mayMove(status, 'withdrawn'),
      monitor: may('monitor') && (status === 'handed_over' || status === 'monitoring'),
      // Files on the request itself (the letter, the handover receipt): the two parties, always.
      attach: may('monitor'),
    },
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}
