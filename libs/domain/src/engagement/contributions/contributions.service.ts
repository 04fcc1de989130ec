import { Injectable } from '@nestjs/common';
import { FieldError, Page, pageLimit, PgRow, toPage } from '@roundtable/core';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy } from '../../access/group-access.policy';
import { fail } from '../../agreements/agreement-checks';
import { createdKey, createdKeyset } from '../../agreements/keyset';
import { ChangeRecorder } from '../../events/change-recorder';
import {
  ContributionDto,
  ContributionQuery,
  ContributionSummaryDto,
  CreateContributionDto,
} from '../dto/contribution.dto';
import { checkAgreementLink, checkRepresented, dateText, orgJson } from '../engagement-checks';

const CONTRIBUTION_SELECT = `
  SELECT c.id, c.group_id, c.kind, c.description, c.amount, c.currency, c.quantity, ${dateText('c.period_from')} AS period_from,
         ${dateText('c.period_to')} AS period_to, c.agreement_id, c.clause_key, c.disclosure, c.created_by, c.created_at,
         ${createdKey('c')}, ${orgJson('co')} AS contributing, ${orgJson('ro')} AS recipient
  FROM contributions c
  JOIN organisations co ON co.id = c.contributing_organisation_id
  JOIN organisations ro ON ro.id = c.recipient_organisation_id`;

// The register of what companies give public security forces (allowances, goods, services…).
// `group` entries are seen by every member; `parties` entries by the contributing and the
// receiving organisation only — and lists and summaries count only what the caller may see.
@Injectable()
export class ContributionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
  ) {}

  async create(userId: string, groupId: string, dto: CreateContributionDto): Promise<ContributionDto> {
    return this.ds.transaction(async (em) => {
      const actor = await this.access.require(userId, groupId, 'contribute', em);
      const errors: FieldError[] = [];
      const recipient = dto.recipientOrganisationId.toLowerCase();
      await checkRepresented(em, groupId, [{ field: 'recipientOrganisationId', id: recipient }], errors);
      if (recipient === actor.organisationId)
        errors.push({
          field: 'recipientOrganisationId',
          message: 'an organisation does not contribute to itself',
        });
      if ((dto.amount === undefined) !== (dto.currency === undefined))
        errors.push({
          field: dto.amount === undefined ? 'amount' : 'currency',
          message: 'amount and currency go together',
        });
      if (dto.periodTo < dto.periodFrom)
        errors.push({ field: 'periodTo', message: 'periodTo must not be before periodFrom' });
      const link = await checkAgreementLink(
        em,
        groupId,
        actor.organisationId,
        dto.agreementId,
        dto.clauseKey,
        errors,
      );
      if (errors.length) fail(errors);
      const [row] = await em.query(
        `INSERT INTO contributions (group_id, contributing_organisation_id, recipient_organisation_id, kind, description, amount,
           currency, quantity, period_from, period_to, agreement_id, clause_key, disclosure, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
        [
          groupId,
          actor.organisationId,
          recipient,
          dto.kind,
          dto.description,
          dto.amount ?? null,
          dto.currency ?? null,
          dto.quantity ?? null,
          dto.periodFrom,
          dto.periodTo,
          link.agreementId,
          link.clauseKey,
          dto.disclosure,
          userId,
        ],
      );
      await this.changes.record(em, {
        groupId,
        type: 'contribution.recorded',
        entityType: 'contribution',
        entityId: row.id,
        actorUserId: userId,
        scope: { kind: 'contribution', id: row.id },
        data: {
          contributionId: row.id,
          kind: dto.kind,
          disclosure: dto.disclosure,
          contributingOrganisationId: actor.organisationId,
          recipientOrganisationId: recipient,
        },
        audit: { kind: dto.kind, disclosure: dto.disclosure, recipientOrganisationId: recipient },
      });
      const [c] = await em.query(`${CONTRIBUTION_SELECT} WHERE c.id = $1`, [row.id]);
      return toContribution(c);
    });
  }

  async list(userId: string, groupId: string, q: ContributionQuery): Promise<Page<ContributionDto>> {
    const actor = await this.access.require(userId, groupId);
    const limit = pageLimit(q);
    const params: unknown[] = [groupId, actor.organisationId, limit + 1];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where = ['c.group_id = $1', this.access.contributionVisibilitySql('c', '$2')];
    if (q.recipientOrganisationId)
      where.push(`c.recipient_organisation_id = ${param(q.recipientOrganisationId)}::uuid`);
    if (q.year) where.push(`extract(year FROM c.period_from) = ${param(q.year)}`);
    where.push(createdKeyset(q, 'c', params, 'desc'));
    const rows = await this.ds.query(
      `${CONTRIBUTION_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT $3`,
      params,
    );
    return toPage(rows, limit, (r: PgRow) => [r.created_key, r.id], toContribution);
  }

  // Per recipient and year (of the period's start): how many, which kinds, and the sums per currency.
  async summary(userId: string, groupId: string): Promise<ContributionSummaryDto> {
    const actor = await this.access.require(userId, groupId);
    const rows = await this.ds.query(
      `WITH seen AS (
         SELECT c.* FROM contributions c WHERE c.group_id = $1 AND ${this.access.contributionVisibilitySql('c', '$2')}
       ), per AS (
         SELECT recipient_organisation_id AS rid, extract(year FROM period_from)::int AS year, count(*)::int AS n,
                array_agg(DISTINCT kind ORDER BY kind) AS kinds
         FROM seen GROUP BY 1, 2
       ), money AS (
         SELECT recipient_organisation_id AS rid, extract(year FROM period_from)::int AS year, currency, sum(amount) AS amount
         FROM seen WHERE currency IS NOT NULL GROUP BY 1, 2, 3
       )
       SELECT per.year, per.n, per.kinds, ${orgJson('o')} AS recipient,
              coalesce((SELECT json_agg(json_build_object('currency', m.currency, 'amount', m.amount) ORDER BY m.currency)
                        FROM money m WHERE m.rid = per.rid AND m.year = per.year), '[]') AS totals
       FROM per JOIN organisations o ON o.id = per.rid
       ORDER BY per.year DESC, o.name, o.id`,
      [groupId, actor.organisationId],
    );
    return {
      items: rows.map((r: PgRow) => ({
        recipientOrganisation: r.recipient,
        year: r.year,
        count: r.n,
        kinds: r.kinds,
        totals: r.totals.map((t: PgRow) => ({ currency: t.currency, amount: Number(t.amount) })),
      })),
    };
  }
}

const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toContribution(r: PgRow): ContributionDto {
  return {
    id: r.id,
    groupId: r.group_id,
    contributingOrganisation: r.contributing,
    recipientOrganisation: r.recipient,
    kind: r.kind,
    description: r.description,
    amount: numOrNull(r.amount),
    currency: r.currency,
    quantity: numOrNull(r.quantity),
    periodFrom: r.period_from,
    periodTo: r.period_to,
    agreementId: r.agreement_id,
    clauseKey: r.clause_key,
    disclosure: r.disclosure,
    createdByUserId: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
