import { Injectable } from '@nestjs/common';
import {
  canonicalLocale,
  ConflictProblem,
  decodeCursor,
  NotFoundProblem,
  Page,
  pageLimit,
  PageQuery,
  PgRow,
  toPage,
} from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { AgreementAccessFacts, AgreementSight } from '../../access/agreement-rules';
import { GroupAccessPolicy, GroupActor } from '../../access/group-access.policy';
import { ChangeRecorder } from '../../events/change-recorder';
import { fail } from '../agreement-checks';
import { AgreementLifecycle } from '../agreement-lifecycle';
import { AgreementStatus, isTerminalAgreementStatus } from '../agreement-status';
import { CatalogueEdition } from '../catalogue/agreement-clauses.catalogue';
import {
  OpenVersionDto,
  SaveVersionDto,
  VersionDiffDto,
  VersionDto,
  VersionSummaryDto,
} from '../dto/version.dto';
import { diffSections } from './version-diff';
import {
  insertVersion,
  loadContent,
  lockVersion,
  toVersionSummary,
  versionDetail,
  versionSummaries,
  VersionRow,
  writeContent,
} from './version-store';
import { TranslationsService } from '../../translations/translations.service';

export interface VersionScope {
  actor: GroupActor;
  agreement: AgreementAccessFacts;
  version: VersionRow;
}

// Negotiating the text: drafts with optimistic revisions, proposal, acceptance by every party,
// immutable agreed versions, and the clause-by-clause diff. Versions are agreement content: a
// non-party member of a `summary` agreement gets 404 here, like an outsider.
@Injectable()
export class AgreementVersionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly lifecycle: AgreementLifecycle,
    private readonly translations: TranslationsService,
  ) {}

  // Resolves a version and the caller's standing on its agreement (404 unless they see its content).
  async scope(
    em: EntityManager,
    userId: string,
    versionId: string,
    { lock = false, need = 'full' }: { lock?: boolean; need?: AgreementSight } = {},
  ): Promise<VersionScope> {
    const [ref] = await em.query(`SELECT agreement_id FROM agreement_versions WHERE id = $1`, [versionId]);
    if (!ref) throw new NotFoundProblem('Agreement version');
    const { actor, agreement } = await this.access.requireAgreement(userId, ref.agreement_id, need, em, {
      lock,
      notFound: 'Agreement version',
    });
    const version = lock
      ? await lockVersion(em, versionId)
      : (
          await em.query(
            `SELECT id, agreement_id AS "agreementId", number, status, revision FROM agreement_versions WHERE id = $1`,
            [versionId],
          )
        )[0];
    return { actor, agreement, version };
  }

  async list(userId: string, agreementId: string, q: PageQuery): Promise<Page<VersionSummaryDto>> {
    await this.access.requireAgreement(userId, agreementId, 'full');
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 1);
    if (cursor && !Number.isInteger(cursor[0])) fail([{ field: 'cursor', message: 'invalid cursor' }]);
    const rows = await versionSummaries(
      this.ds.manager,
      agreementId,
      cursor ? Number(cursor[0]) : null,
      limit + 1,
    );
    return toPage(rows, limit, (r: PgRow) => [r.number], toVersionSummary);
  }

  // Clauses and annexes each in the negotiated locale (`preferences`: readPreferences; then the
  // group's languages, then the agreement's source language). Only content viewers get here, so
  // a translation is never more visible than the clause it translates.
  async get(userId: string, versionId: string, preferences: string[] = []): Promise<VersionDto> {
    return this.ds.transaction(async (em) => {
      const { agreement } = await this.scope(em, userId, versionId);
      const version = await versionDetail(em, versionId);
      const [g] = await em.query(`SELECT languages FROM groups WHERE id = $1`, [agreement.groupId]);
      const groupLanguages = ((g.languages ?? []) as string[]).map((l) => canonicalLocale(l) ?? l);
      const common = { sourceLocale: version.sourceLocale, groupLanguages };
      const clauses = await this.translations.localizeMany(
        em,
        version.clauses.map((c) => ({
          type: 'agreement_clause' as const,
          id: c.id,
          ...common,
          fields: { heading: c.heading, body: c.body },
        })),
        preferences,
      );
      const annexes = await this.translations.localizeMany(
        em,
        version.annexes.map((a) => ({
          type: 'agreement_annex' as const,
          id: a.id,
          ...common,
          fields: { title: a.title, body: a.body },
        })),
        preferences,
      );
      const out: VersionDto = {
        ...version,
        clauses: version.clauses.map((c, n) => ({
          ...c,
          heading: clauses[n].fields.heading as string,
          body: clauses[n].fields.body as string,
          locale: clauses[n].locale,
          translationStale: clauses[n].translationStale,
        })),
        annexes: version.annexes.map((a, n) => ({
          ...a,
          title: annexes[n].fields.title as string,
          body: annexes[n].fields.body as string,
          locale: annexes[n].locale,
          translationStale: annexes[n].translationStale,
        })),
      };
      const used = [...out.clauses, ...out.annexes].map((x) => x.locale);
      out.locales = used.length ? [...new Set(used)] : [version.sourceLocale];
      return out;
    });
  }

  // A new draft, copied from an earlier version; one version is negotiated at a time.
  async open(userId: string, agreementId: string, dto: OpenVersionDto): Promise<VersionDto> {
    return this.ds.transaction(async (em) => {
      const { actor, agreement } = await this.access.requireAgreement(userId, agreementId, 'full', em, {
        lock: true,
      });
      this.access.assertAgreement(actor, agreement, 'edit');
      assertNotTerminal(agreement);
      const [open] = await em.query(
        `SELECT number, status FROM agreement_versions WHERE agreement_id = $1 AND status IN ('draft','proposed')`,
        [agreementId],
      );
      if (open)
        throw new ConflictProblem(
          `Version ${open.number} is still ${open.status}: agree or revise it first`,
          {
            openVersion: open.number,
          },
        );
      const [base] = await em.query(
        `SELECT id FROM agreement_versions WHERE agreement_id = $1 AND number = $2`,
        [agreementId, dto.basedOnVersion],
      );
      if (!base) fail([{ field: 'basedOnVersion', message: 'no such version of this agreement' }]);
      const [{ next }] = await em.query(
        `SELECT coalesce(max(number), 0) + 1 AS next FROM agreement_versions WHERE agreement_id = $1`,
        [agreementId],
      );
      const content = await loadContent(em, base.id);
      const versionId = await insertVersion(em, {
        agreementId,
        number: next,
        basedOnVersion: dto.basedOnVersion,
        changeSummary: dto.changeSummary,
        createdBy: userId,
        content,
        edition: agreement.catalogueEdition as CatalogueEdition,
      });
      await this.recordContent(em, agreement, userId, 'agreement.updated', {
        agreementId,
        change: 'version_opened',
        versionId,
        number: next,
        basedOnVersion: dto.basedOnVersion,
      });
      return versionDetail(em, versionId);
    });
  }

  // Saves the whole text of a draft. A stale expectedRevision is 409, so no edit is silently lost;
  // editing a proposed version takes it back to draft and discards the acceptances given so far.
  async save(userId: string, versionId: string, dto: SaveVersionDto): Promise<VersionDto> {
    return this.ds.transaction(async (em) => {
      const { actor, agreement, version } = await this.scope(em, userId, versionId, { lock: true });
      this.access.assertAgreement(actor, agreement, 'edit');
      assertNotTerminal(agreement);
      assertOpen(version);
      if (dto.expectedRevision !== version.revision)
        throw new ConflictProblem('The version has changed since you read it', {
          currentRevision: version.revision,
        });
      assertUniqueKeys(
        'clauses',
        dto.clauses.map((c) => c.key),
      );
      if (dto.annexes)
        assertUniqueKeys(
          'annexes',
          dto.annexes.map((a) => a.key),
        );
      const wasProposed = version.status === 'proposed';
      await writeContent(
        em,
        versionId,
        { clauses: dto.clauses, annexes: dto.annexes },
        agreement.catalogueEdition as CatalogueEdition,
      );
      // Translations of a clause or annex go stale when its text changes (unless minorEdit).
      const saved = await loadContent(em, versionId);
      for (const c of saved.clauses)
        await this.translations.sourceChanged(
          em,
          {
            type: 'agreement_clause',
            id: c.id,
            groupId: agreement.groupId,
            fields: { heading: c.heading, body: c.body },
          },
          Boolean(dto.minorEdit),
        );
      for (const a of saved.annexes)
        await this.translations.sourceChanged(
          em,
          {
            type: 'agreement_annex',
            id: a.id,
            groupId: agreement.groupId,
            fields: { title: a.title, body: a.body },
          },
          Boolean(dto.minorEdit),
        );
      await em.query(`DELETE FROM agreement_acceptances WHERE version_id = $1`, [versionId]);
      await em.query(
        `UPDATE agreement_versions SET revision = revision + 1, status = 'draft', proposed_at = NULL, proposed_by = NULL, updated_at = now()
         WHERE id = $1`,
        [versionId],
      );
      await this.recordContent(em, agreement, userId, 'agreement.updated', {
        agreementId: agreement.id,
        change: 'version_saved',
        versionId,
        number: version.number,
        revision: version.revision + 1,
        ...(wasProposed ? { proposalWithdrawn: true } : {}),
      });
      return versionDetail(em, versionId);
    });
  }

  async propose(userId: string, versionId: string): Promise<VersionDto> {
    return this.ds.transaction(async (em) => {
      const { actor, agreement, version } = await this.scope(em, userId, versionId, { lock: true });
      this.access.assertAgreement(actor, agreement, 'edit');
      assertNotTerminal(agreement);
      assertOpen(version);
      if (version.status === 'proposed')
        throw new ConflictProblem(`Version ${version.number} is already proposed`);
      const [{ n }] = await em.query(
        `SELECT count(*)::int AS n FROM agreement_clauses WHERE version_id = $1`,
        [versionId],
      );
      if (n === 0) throw new ConflictProblem('A version without clauses cannot be proposed');
      await em.query(
        `UPDATE agreement_versions SET status = 'proposed', proposed_at = now(), proposed_by = $2, updated_at = now() WHERE id = $1`,
        [versionId, userId],
      );
      if (agreement.status === 'draft')
        await this.lifecycle.transition(em, { ...agreement, status: 'draft' }, 'negotiating', 'system', {
          actorUserId: userId,
          reason: `Version ${version.number} proposed`,
        });
      await this.recordContent(em, agreement, userId, 'agreement.version_proposed', {
        agreementId: agreement.id,
        versionId,
        number: version.number,
        revision: version.revision,
      });
      await this.lifecycle.notifyParties(em, agreement, {
        type: 'agreement.version_proposed',
        message: {
          title: 'notification.agreement.version_proposed.title',
          params: { title: agreement.title, number: version.number },
        },
        data: { agreementId: agreement.id, versionId, number: version.number },
        dedupeKey: `agreement-version-proposed:${versionId}:${version.revision}`,
        excludeUserId: userId,
      });
      return versionDetail(em, versionId);
    });
  }

  // The caller's party accepts the proposed text; once every party has, the version is agreed,
  // immutable, and the agreement's current version.
  async accept(userId: string, versionId: string): Promise<VersionDto> {
    return this.ds.transaction(async (em) => {
      const { actor, agreement, version } = await this.scope(em, userId, versionId, { lock: true });
      this.access.assertAgreement(actor, agreement, 'accept');
      assertNotTerminal(agreement);
      assertOpen(version);
      if (version.status !== 'proposed')
        throw new ConflictProblem(
          `Version ${version.number} is a draft: it must be proposed before it is accepted`,
        );
      const [party] = await em.query(
        `SELECT id FROM agreement_parties WHERE agreement_id = $1 AND organisation_id = $2`,
        [agreement.id, actor.organisationId],
      );
      const inserted = await em.query(
        `INSERT INTO agreement_acceptances (version_id, party_id, revision, accepted_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING party_id`,
        [versionId, party.id, version.revision, userId],
      );
      if (!inserted.length) throw new ConflictProblem('Your organisation has already accepted this version');
      const [{ pending }] = await em.query(
        `SELECT count(*)::int AS pending FROM agreement_parties p WHERE p.agreement_id = $1
           AND NOT EXISTS (SELECT 1 FROM agreement_acceptances x WHERE x.version_id = $2 AND x.party_id = p.id)`,
        [agreement.id, versionId],
      );
      if (pending > 0) {
        await this.recordContent(em, agreement, userId, 'agreement.updated', {
          agreementId: agreement.id,
          change: 'version_accepted',
          versionId,
          number: version.number,
          partyId: party.id,
          organisationId: actor.organisationId,
          pendingParties: pending,
        });
        return versionDetail(em, versionId);
      }
      await em.query(
        `UPDATE agreement_versions SET status = 'superseded', updated_at = now() WHERE agreement_id = $1 AND status = 'agreed'`,
        [agreement.id],
      );
      await em.query(
        `UPDATE agreement_versions SET status = 'agreed', agreed_at = now(), updated_at = now() WHERE id = $1`,
        [versionId],
      );
      await em.query(
        `UPDATE agreements SET current_version_id = $2, updated_at = now(), version = version + 1 WHERE id = $1`,
        [agreement.id, versionId],
      );
      await this.recordContent(em, agreement, userId, 'agreement.version_agreed', {
        agreementId: agreement.id,
        versionId,
        number: version.number,
      });
      await this.lifecycle.notifyParties(em, agreement, {
        type: 'agreement.version_agreed',
        message: {
          title: 'notification.agreement.version_agreed.title',
          params: { title: agreement.title, number: version.number },
        },
        data: { agreementId: agreement.id, versionId, number: version.number },
        dedupeKey: `agreement-version-agreed:${versionId}`,
      });
      return versionDetail(em, versionId);
    });
  }

  async diff(userId: string, versionId: string, againstId: string): Promise<VersionDiffDto> {
    const em = this.ds.manager;
    const { version } = await this.scope(em, userId, versionId);
    const [against] = await em.query(
      `SELECT id, number, status FROM agreement_versions WHERE id = $1 AND agreement_id = $2`,
      [againstId, version.agreementId],
    );
    if (!against) fail([{ field: 'against', message: 'no such version of this agreement' }]);
    const before = await loadContent(em, against.id);
    const after = await loadContent(em, versionId);
    return {
      from: { id: against.id, number: against.number, status: against.status },
      to: { id: version.id, number: version.number, status: version.status },
      clauses: diffSections(before.clauses, after.clauses),
      annexes: diffSections(
        before.annexes.map((a) => ({ key: a.key, heading: a.title, body: a.body })),
        after.annexes.map((a) => ({ key: a.key, heading: a.title, body: a.body })),
      ),
    };
  }

  // Events about the text follow the visibility of the agreement's content.
  private async recordContent(
    em: EntityManager,
    agreement: AgreementAccessFacts,
    userId: string,
    type: 'agreement.updated' | 'agreement.version_proposed' | 'agreement.version_agreed',
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.changes.record(em, {
      groupId: agreement.groupId,
      type,
      entityType: 'agreement_version',
      entityId: data.versionId as string,
      actorUserId: userId,
      scope: { kind: 'agreement_content', id: agreement.id },
      data,
      audit: Object.fromEntries(Object.entries(data).filter(([k]) => k !== 'agreementId')),
    });
  }
}

export function assertNotTerminal(agreement: Pick<AgreementAccessFacts, 'status'>): void {
  if (isTerminalAgreementStatus(agreement.status as AgreementStatus))
    throw new ConflictProblem(`The agreement is ${agreement.status}; it can no longer be changed`);
}

function assertOpen(version: VersionRow): void {
  if (version.status === 'agreed' || version.status === 'superseded')
    throw new ConflictProblem(`Version ${version.number} is ${version.status}: an agreed text never changes`);
}

function assertUniqueKeys(field: 'clauses' | 'annexes', keys: string[]): void {
  const errors = keys
    .map((k, i) => ({ k, i }))
    .filter(({ k, i }) => keys.indexOf(k) !== i)
    .map(({ i }) => ({ field: `${field}.${i}.key`, message: 'the key is used twice' }));
  if (errors.length) fail(errors);
}
