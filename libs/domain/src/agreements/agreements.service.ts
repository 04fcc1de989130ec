import { Injectable } from '@nestjs/common';
import {
  BadRequestProblem,
  ConflictProblem,
  decodeCursor,
  isUuid,
  NotFoundProblem,
  Page,
  pageLimit,
  PgRow,
  toPage,
} from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy, GroupActor } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import {
  checkDates,
  checkParent,
  checkParties,
  checkSites,
  fail,
  insertParties,
  todayIn,
} from './agreement-checks';
import { AgreementLifecycle } from './agreement-lifecycle';
import { AGREEMENT_LEVELS } from './agreement.types';
import { AgreementStatus, isTerminalAgreementStatus } from './agreement-status';
import { agreementSelect, REVIEW_OVERDUE_SQL, toAgreement } from './agreement-view';
import { catalogueLocaleOf, LATEST_EDITION, templateContent } from './catalogue/agreement-clauses.catalogue';
import {
  AgreementDto,
  AgreementQuery,
  AgreementStatusChangeDto,
  CreateAgreementDto,
  UpdateAgreementDto,
} from './dto/agreement.dto';
import { insertVersion } from './versions/version-store';

const SEARCH = (p: string) => `websearch_to_tsquery('simple', unaccent(${p}))`;

@Injectable()
export class AgreementsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly lifecycle: AgreementLifecycle,
  ) {}

  async create(userId: string, groupId: string, dto: CreateAgreementDto): Promise<AgreementDto> {
    return this.ds.transaction(async (em) => {
      const actor = await this.access.require(userId, groupId, 'contribute', em);
      const parties = await checkParties(em, groupId, actor.organisationId, dto.parties);
      const siteIds = await checkSites(em, groupId, dto.siteIds ?? []);
      const parentId = dto.parentAgreementId
        ? await checkParent(em, groupId, actor.organisationId, dto.parentAgreementId, dto.level)
        : null;
      checkDates(dto.effectiveFrom ?? null, dto.expiresOn ?? null);
      const edition = dto.catalogueEdition ?? LATEST_EDITION;
      let content = { clauses: [], annexes: [] } as Parameters<typeof insertVersion>[1]['content'];
      if (dto.templateKey) {
        const locale = catalogueLocaleOf(dto.sourceLocale);
        if (!locale)
          fail([
            {
              field: 'sourceLocale',
              message: `the ${dto.templateKey} template exists in en and fr; start without a template for ${dto.sourceLocale}`,
            },
          ]);
        content = templateContent(edition, locale);
      }
      const [row] = await em.query(
        `INSERT INTO agreements (group_id, title, kind, level, parent_agreement_id, visibility, template_key, catalogue_edition,
           source_locale, effective_from, expires_on, review_interval_months, created_by, created_by_organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
        [
          groupId,
          dto.title,
          dto.kind,
          dto.level,
          parentId,
          dto.visibility,
          dto.templateKey ?? null,
          edition,
          dto.sourceLocale,
          dto.effectiveFrom ?? null,
          dto.expiresOn ?? null,
          dto.reviewIntervalMonths,
          userId,
          actor.organisationId,
        ],
      );
      await insertParties(em, row.id, parties);
      if (siteIds.length)
        await em.query(`INSERT INTO agreement_sites (agreement_id, site_id) SELECT $1, unnest($2::uuid[])`, [
          row.id,
          siteIds,
        ]);
      const versionId = await insertVersion(em, {
        agreementId: row.id,
        number: 1,
        basedOnVersion: null,
        changeSummary: null,
        createdBy: userId,
        content,
        edition,
      });
      await em.query(`UPDATE agreements SET current_version_id = $2 WHERE id = $1`, [row.id, versionId]);
      await em.query(
        `INSERT INTO agreement_status_history (agreement_id, status_from, status_to, actor_user_id) VALUES ($1, NULL, 'draft', $2)`,
        [row.id, userId],
      );
      const partyOrganisationIds = parties.map((p) => p.organisationId);
      await this.changes.record(em, {
        groupId,
        type: 'agreement.created',
        entityType: 'agreement',
        entityId: row.id,
        actorUserId: userId,
        scope: { kind: 'agreement', id: row.id },
        data: {
          agreementId: row.id,
          title: dto.title,
          kind: dto.kind,
          level: dto.level,
          visibility: dto.visibility,
          status: 'draft',
          partyOrganisationIds,
        },
        // No title: the audit trail is read by the focal point and co-chairs, who may not see it.
        audit: { kind: dto.kind, level: dto.level, visibility: dto.visibility, partyOrganisationIds },
      });
      await this.lifecycle.notifyParties(
        em,
        { id: row.id, groupId },
        {
          type: 'agreement.party',
          message: { title: 'notification.agreement.party.created.title', params: { title: dto.title } },
          data: { agreementId: row.id },
          dedupeKey: `agreement-party:${row.id}`,
          excludeUserId: userId,
          organisationIds: partyOrganisationIds.filter((o) => o !== actor.organisationId),
        },
      );
      return this.view(em, row.id, actor);
    });
  }

  async list(userId: string, groupId: string, q: AgreementQuery): Promise<Page<AgreementDto>> {
    const actor = await this.access.require(userId, groupId);
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2);
    const params: unknown[] = [groupId, actor.organisationId, limit + 1];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where = [`a.group_id = $1`, this.access.agreementVisibilitySql('a', '$2')];
    if (q.kind) where.push(`a.kind = ${param(q.kind)}`);
    if (q.level) where.push(`a.level = ${param(q.level)}`);
    if (q.status) where.push(`a.status = ${param(q.status)}`);
    if (q.siteId)
      where.push(
        `EXISTS (SELECT 1 FROM agreement_sites fs WHERE fs.agreement_id = a.id AND fs.site_id = ${param(q.siteId)}::uuid)`,
      );
    if (q.parentAgreementId) {
      // Only a parent the caller may see filters anything (otherwise: no rows, never a hint).
      const p = param(q.parentAgreementId);
      where.push(
        `a.parent_agreement_id = ${p}::uuid AND EXISTS (SELECT 1 FROM agreements fp WHERE fp.id = ${p}::uuid AND ${this.access.agreementVisibilitySql('fp', '$2')})`,
      );
    }
    if (q.reviewOverdue !== undefined) where.push(`${REVIEW_OVERDUE_SQL} = ${param(q.reviewOverdue)}`);
    if (q.q) {
      // Titles are summary information; clause text matches only where the caller reads it.
      const query = SEARCH(param(q.q));
      where.push(`(to_tsvector('simple', unaccent(a.title)) @@ ${query}
        OR (${this.access.agreementContentVisibilitySql('a', '$2')} AND EXISTS (
          SELECT 1 FROM agreement_clauses sc WHERE sc.version_id = a.current_version_id
            AND to_tsvector('simple', unaccent(sc.heading || ' ' || sc.body)) @@ ${query})))`);
    }
    if (cursor) {
      if (typeof cursor[0] !== 'string' || Number.isNaN(Date.parse(cursor[0])) || !isUuid(cursor[1]))
        throw new BadRequestProblem('cursor: invalid cursor', [
          { field: 'cursor', message: 'invalid cursor' },
        ]);
      where.push(`(a.created_at, a.id) < (${param(cursor[0])}::timestamptz, ${param(cursor[1])}::uuid)`);
    }
    const rows = await this.ds.query(
      `${agreementSelect('$2')} WHERE ${where.join(' AND ')} ORDER BY a.created_at DESC, a.id DESC LIMIT $3`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r: PgRow) => [r.created_key, r.id],
      (r) => toAgreement(r, actor.organisationId),
    );
  }

  async get(userId: string, agreementId: string): Promise<AgreementDto> {
    const { actor } = await this.access.requireAgreement(userId, agreementId);
    return this.view(this.ds.manager, agreementId, actor);
  }

  async update(userId: string, agreementId: string, dto: UpdateAgreementDto): Promise<AgreementDto> {
    return this.ds.transaction(async (em) => {
      const { actor, agreement } = await this.access.requireAgreement(userId, agreementId, 'full', em, {
        lock: true,
      });
      this.access.assertAgreement(actor, agreement, 'edit');
      const [a] = await em.query(
        `SELECT a.*, to_char(a.effective_from, 'YYYY-MM-DD') AS effective_from_text, to_char(a.expires_on, 'YYYY-MM-DD') AS expires_on_text,
                EXISTS (SELECT 1 FROM agreement_versions v WHERE v.agreement_id = a.id AND v.status = 'proposed') AS proposing
         FROM agreements a WHERE a.id = $1`,
        [agreementId],
      );
      const status = a.status as AgreementStatus;
      if (isTerminalAgreementStatus(status))
        throw new ConflictProblem(`The agreement is ${status}; it can no longer be changed`);
      if (dto.expectedVersion !== undefined && dto.expectedVersion !== a.version)
        throw new ConflictProblem('The agreement has changed since you read it', {
          currentVersion: a.version,
        });

      const changed: string[] = [];
      const sets: string[] = [];
      const params: unknown[] = [agreementId];
      const set = (field: string, column: string, value: unknown, before: unknown) => {
        if (value === undefined || value === before) return;
        changed.push(field);
        sets.push(`${column} = $${params.push(value)}`);
      };
      set('title', 'title', dto.title, a.title);
      set('kind', 'kind', dto.kind, a.kind);
      set('level', 'level', dto.level, a.level);
      set('visibility', 'visibility', dto.visibility, a.visibility);
      const level = dto.level ?? a.level;
      if (dto.parentAgreementId !== undefined) {
        const parent = dto.parentAgreementId
          ? await checkParent(
              em,
              agreement.groupId,
              actor.organisationId,
              dto.parentAgreementId,
              level,
              agreementId,
            )
          : null;
        set('parentAgreementId', 'parent_agreement_id', parent, a.parent_agreement_id);
      } else if (dto.level && a.parent_agreement_id) {
        // The kept parent (which the caller may not see) must stay at a higher level.
        const [parent] = await em.query(`SELECT level FROM agreements WHERE id = $1`, [
          a.parent_agreement_id,
        ]);
        if (AGREEMENT_LEVELS.indexOf(parent.level) >= AGREEMENT_LEVELS.indexOf(level))
          fail([{ field: 'level', message: 'must stay below the level of the parent agreement' }]);
      }
      if (dto.effectiveFrom !== undefined && dto.effectiveFrom !== a.effective_from_text) {
        if (!['draft', 'negotiating', 'signed'].includes(status))
          throw new ConflictProblem(`effectiveFrom cannot change once the agreement is ${status}`);
      }
      const effectiveFrom = dto.effectiveFrom === undefined ? a.effective_from_text : dto.effectiveFrom;
      const expiresOn = dto.expiresOn === undefined ? a.expires_on_text : dto.expiresOn;
      checkDates(effectiveFrom, expiresOn);
      set('effectiveFrom', 'effective_from', dto.effectiveFrom, a.effective_from_text);
      set('expiresOn', 'expires_on', dto.expiresOn, a.expires_on_text);
      if (dto.reviewIntervalMonths !== undefined && dto.reviewIntervalMonths !== a.review_interval_months) {
        set(
          'reviewIntervalMonths',
          'review_interval_months',
          dto.reviewIntervalMonths,
          a.review_interval_months,
        );
        // The next review moves with the interval, counted from the same anchor.
        sets.push(
          `next_review_on = CASE WHEN review_anchor_on IS NULL THEN NULL
             ELSE (review_anchor_on + make_interval(months => $${params.push(dto.reviewIntervalMonths)}::int))::date END`,
        );
      }
      let addedOrganisations: string[] = [];
      if (dto.parties) {
        if (!['draft', 'negotiating'].includes(status) || a.proposing)
          throw new ConflictProblem(
            a.proposing
              ? 'A version is proposed: parties change only while no version awaits acceptance'
              : `Parties cannot change once the agreement is ${status}`,
          );
        const parties = await checkParties(em, agreement.groupId, actor.organisationId, dto.parties);
        const next = parties.map((p) => p.organisationId);
        const before: PgRow[] = await em.query(
          `SELECT organisation_id, role, unit, signature_required, position FROM agreement_parties WHERE agreement_id = $1 ORDER BY position`,
          [agreementId],
        );
        const same =
          JSON.stringify(before.map((p) => [p.organisation_id, p.role, p.unit, p.signature_required])) ===
          JSON.stringify(parties.map((p) => [p.organisationId, p.role, p.unit, p.signatureRequired]));
        if (!same) {
          const removed = before.map((p) => p.organisation_id).filter((o) => !next.includes(o));
          await em.query(
            `DELETE FROM agreement_acceptances x USING agreement_parties p
             WHERE x.party_id = p.id AND p.agreement_id = $1 AND p.organisation_id = ANY($2::uuid[])`,
            [agreementId, removed],
          );
          await em.query(
            `DELETE FROM agreement_parties WHERE agreement_id = $1 AND organisation_id = ANY($2::uuid[])`,
            [agreementId, removed],
          );
          await insertParties(em, agreementId, parties);
          addedOrganisations = next.filter((o) => !before.some((p) => p.organisation_id === o));
          changed.push('parties');
        }
      }
      if (dto.siteIds) {
        const next = await checkSites(em, agreement.groupId, dto.siteIds);
        const before: string[] = (
          await em.query(`SELECT site_id FROM agreement_sites WHERE agreement_id = $1 ORDER BY site_id`, [
            agreementId,
          ])
        ).map((r: PgRow) => r.site_id);
        if (JSON.stringify([...next].sort()) !== JSON.stringify(before)) {
          await em.query(`DELETE FROM agreement_sites WHERE agreement_id = $1`, [agreementId]);
          if (next.length)
            await em.query(
              `INSERT INTO agreement_sites (agreement_id, site_id) SELECT $1, unnest($2::uuid[])`,
              [agreementId, next],
            );
          changed.push('siteIds');
        }
      }
      if (!changed.length) return this.view(em, agreementId, actor);
      await em.query(
        `UPDATE agreements SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
        params,
      );
      await this.changes.record(em, {
        groupId: agreement.groupId,
        type: 'agreement.updated',
        entityType: 'agreement',
        entityId: agreementId,
        actorUserId: userId,
        scope: { kind: 'agreement', id: agreementId },
        data: { agreementId, change: 'edited', changed },
        audit: {
          changed,
          ...(changed.includes('visibility')
            ? { visibility: { before: a.visibility, after: dto.visibility } }
            : {}),
        },
      });
      if (addedOrganisations.length)
        await this.lifecycle.notifyParties(em, agreement, {
          type: 'agreement.party',
          message: {
            title: 'notification.agreement.party.added.title',
            params: { title: dto.title ?? a.title },
          },
          data: { agreementId },
          dedupeKey: `agreement-party:${agreementId}`,
          excludeUserId: userId,
          organisationIds: addedOrganisations,
        });
      return this.view(em, agreementId, actor);
    });
  }

  async changeStatus(
    userId: string,
    agreementId: string,
    dto: AgreementStatusChangeDto,
  ): Promise<AgreementDto> {
    return this.ds.transaction(async (em) => {
      const { actor, agreement } = await this.access.requireAgreement(userId, agreementId, 'full', em, {
        lock: true,
      });
      this.access.assertAgreement(actor, agreement, 'edit');
      await this.lifecycle.transition(
        em,
        { ...agreement, status: agreement.status as AgreementStatus },
        dto.to,
        'request',
        { actorUserId: userId, reason: dto.reason, today: await todayIn(em, agreement.groupId) },
      );
      return this.view(em, agreementId, actor);
    });
  }

  async view(em: EntityManager, agreementId: string, actor: GroupActor): Promise<AgreementDto> {
    const [row] = await em.query(
      `${agreementSelect('$2')} WHERE a.id = $1 AND ${this.access.agreementVisibilitySql('a', '$2')}`,
      [agreementId, actor.organisationId],
    );
    if (!row) throw new NotFoundProblem('Agreement');
    return toAgreement(row, actor.organisationId);
  }
}
