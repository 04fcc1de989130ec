import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { BadRequestProblem, NotFoundProblem, parseAcceptLanguage, negotiateLocale } from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import {
  GroupTranslationDto,
  GroupTranslationsQuery,
  PutTranslationDto,
  TranslationDetailDto,
  TranslationSummaryDto,
} from './dto/translation.dto';
import {
  fieldErrors,
  mayBeAuthentic,
  mergeFields,
  sameFields,
  TranslatableType,
  TranslatedFields,
  TranslationStatus,
} from './translatable';
import { TranslationSource, TranslationSources } from './translation-sources';

// What a read of a translatable object answers with, besides its fields.
export interface Localized {
  locale: string;
  fields: TranslatedFields;
  translationStale: boolean;
}

// The request's Accept-Language header, as a route parameter. A custom decorator rather than
// @Headers(), which would document the header as required; routes add @ApiHeader (optional).
export const AcceptLanguage = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string | undefined => {
    const value = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>()
      .headers['accept-language'];
    return Array.isArray(value) ? value.join(',') : value;
  },
);

// The caller's wishes for one read: `?locale=` first, then Accept-Language.
export function readPreferences(
  queryLocale: string | undefined,
  acceptLanguage: string | undefined,
): string[] {
  return [...(queryLocale ? [queryLocale] : []), ...parseAcceptLanguage(acceptLanguage)];
}

const CURRENT_REVISION_SQL = (t: string) =>
  `coalesce((SELECT max(s.revision) FROM translation_sources s WHERE s.entity_type = ${t}.entity_type AND s.entity_id = ${t}.entity_id), ${t}.source_revision)`;

/* eslint-disable @typescript-eslint/no-explicit-any -- raw pg rows */
function toSummary(r: any): TranslationSummaryDto {
  return {
    entityType: r.entity_type,
    entityId: r.entity_id,
    locale: r.locale,
    status: r.status,
    authentic: r.authentic,
    sourceRevision: r.source_revision,
    currentRevision: r.current_revision,
    stale: r.source_revision < r.current_revision,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

// One translation mechanism for every translatable kind (docs/languages.md). A source's
// significant revisions live in translation_sources, recorded only once it has a translation:
// a translation names the revision it was made from and is stale once a newer one exists.
@Injectable()
export class TranslationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly sources: TranslationSources,
    private readonly changes: ChangeRecorder,
  ) {}

  async put(
    userId: string,
    type: TranslatableType,
    id: string,
    locale: string,
    dto: PutTranslationDto,
  ): Promise<TranslationDetailDto> {
    return this.ds.transaction(async (em) => {
      const { source } = await this.sources.resolve(em, userId, type, id, 'edit');
      const errors = fieldErrors(type, dto.fields);
      if (errors.length) throw new BadRequestProblem(errors.map((e) => e.message).join('; '), errors);
      if (dto.authentic && !mayBeAuthentic(type))
        throw new BadRequestProblem(
          'authentic: only agreement clauses and annexes have authentic languages',
          [{ field: 'authentic', message: 'only agreement clauses and annexes have authentic languages' }],
        );
      if (locale.toLowerCase() === source.sourceLocale.toLowerCase())
        throw new BadRequestProblem(`locale: ${locale} is the source's own language`, [
          { field: 'locale', message: `${locale} is the source's own language; edit the source instead` },
        ]);
      // Serialises with source edits (they lock the same revision rows) and starts the history.
      const revision = await this.ensureRevision(em, source);
      const [row] = await em.query(
        `INSERT INTO translations (entity_type, entity_id, locale, group_id, fields, status, authentic, source_revision, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
         ON CONFLICT (entity_type, entity_id, locale) DO UPDATE SET fields = EXCLUDED.fields, status = EXCLUDED.status,
           authentic = EXCLUDED.authentic, source_revision = EXCLUDED.source_revision, updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING id`,
        [
          type,
          id,
          locale,
          source.groupId,
          JSON.stringify(dto.fields),
          dto.status,
          dto.authentic ?? false,
          revision,
          userId,
        ],
      );
      await this.changes.record(em, {
        groupId: source.groupId,
        type: 'translation.updated',
        entityType: 'translation',
        entityId: row.id,
        actorUserId: userId,
        data: { entityType: type, entityId: id, locale, status: dto.status, sourceRevision: revision },
        audit: {
          entityType: type,
          entityId: id,
          locale,
          status: dto.status,
          authentic: dto.authentic ?? false,
        },
        scope: source.scope,
      });
      return this.detailOf(em, source, locale);
    });
  }

  async list(
    userId: string,
    type: TranslatableType,
    id: string,
  ): Promise<{ items: TranslationSummaryDto[] }> {
    return this.ds.transaction(async (em) => {
      await this.sources.resolve(em, userId, type, id, 'read');
      const rows = await em.query(
        `SELECT t.*, ${CURRENT_REVISION_SQL('t')} AS current_revision FROM translations t
         WHERE t.entity_type = $1 AND t.entity_id = $2 ORDER BY t.locale`,
        [type, id],
      );
      return { items: rows.map(toSummary) };
    });
  }

  async get(
    userId: string,
    type: TranslatableType,
    id: string,
    locale: string,
  ): Promise<TranslationDetailDto> {
    return this.ds.transaction(async (em) => {
      const { source } = await this.sources.resolve(em, userId, type, id, 'read');
      return this.detailOf(em, source, locale);
    });
  }

  // A group's translations as the caller may see them: those of agreement content only where
  // the caller may read that content (the agreement's own predicate).
  async groupList(
    userId: string,
    groupId: string,
    q: GroupTranslationsQuery,
  ): Promise<{ items: GroupTranslationDto[] }> {
    const actor = await this.access.require(userId, groupId, 'read');
    const rows = await this.ds.query(
      `SELECT * FROM (
         SELECT t.*, ${CURRENT_REVISION_SQL('t')} AS current_revision,
           coalesce(d.title, ai.title, r.title, c.heading, an.title, mt.title) AS source_title, a.id AS agreement_id,
           CASE WHEN a.id IS NULL THEN NULL ELSE ${this.access.agreementContentVisibilitySql('a', '$2')} END AS content_visible
         FROM translations t
         LEFT JOIN group_documents d ON t.entity_type = 'document' AND d.id = t.entity_id
         LEFT JOIN agenda_items ai ON t.entity_type = 'agenda_item' AND ai.id = t.entity_id
         LEFT JOIN recommendations r ON t.entity_type = 'recommendation' AND r.id = t.entity_id
         LEFT JOIN meetings mt ON t.entity_type = 'minutes' AND mt.id = t.entity_id
         LEFT JOIN agreement_clauses c ON t.entity_type = 'agreement_clause' AND c.id = t.entity_id
         LEFT JOIN agreement_annexes an ON t.entity_type = 'agreement_annex' AND an.id = t.entity_id
         LEFT JOIN agreement_versions v ON v.id = coalesce(c.version_id, an.version_id)
         LEFT JOIN agreements a ON a.id = v.agreement_id
         WHERE t.group_id = $1 AND ($3::text IS NULL OR t.entity_type = $3) AND ($4::text IS NULL OR t.locale = $4)
       ) x
       WHERE x.source_title IS NOT NULL
         AND (x.entity_type NOT IN ('agreement_clause', 'agreement_annex') OR x.content_visible)
         AND ($5::boolean IS NULL OR (x.source_revision < x.current_revision) = $5)
       ORDER BY x.updated_at DESC, x.id DESC LIMIT 500`,
      [groupId, actor.organisationId, q.entityType ?? null, q.locale ?? null, q.stale ?? null],
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg rows
    return { items: rows.map((r: any) => ({ ...toSummary(r), sourceTitle: r.source_title })) };
  }

  // The object as this read should show it: the negotiated locale (the caller's wishes, the
  // group's languages, then the source), its fields, and whether that translation is stale.
  async localize(
    em: EntityManager,
    source: LocalizableSource,
    preferences: readonly string[],
  ): Promise<Localized> {
    const [one] = await this.localizeMany(em, [source], preferences);
    return one;
  }

  async localizeMany(
    em: EntityManager,
    sources: readonly LocalizableSource[],
    preferences: readonly string[],
  ): Promise<Localized[]> {
    if (sources.length === 0) return [];
    const rows: { entity_id: string; locale: string; fields: TranslatedFields; stale: boolean }[] =
      await em.query(
        `SELECT t.entity_id, t.locale, t.fields, t.source_revision < ${CURRENT_REVISION_SQL('t')} AS stale
       FROM translations t WHERE t.entity_type = $1 AND t.entity_id = ANY($2::uuid[])`,
        [sources[0].type, sources.map((s) => s.id)],
      );
    return sources.map((s) => {
      const mine = rows.filter((r) => r.entity_id === s.id);
      const locale = negotiateLocale(
        [...preferences, ...s.groupLanguages],
        mine.map((r) => r.locale),
        s.sourceLocale,
      );
      const hit = mine.find((r) => r.locale === locale);
      if (!hit || locale === s.sourceLocale)
        return { locale: s.sourceLocale, fields: s.fields, translationStale: false };
      return { locale, fields: mergeFields(s.fields, hit.fields), translationStale: hit.stale };
    });
  }

  // Every authentic and courtesy translation of a set of sources in one locale (exports).
  async inLocale(
    em: EntityManager,
    type: TranslatableType,
    ids: readonly string[],
    locale: string,
  ): Promise<
    Map<string, { fields: TranslatedFields; status: TranslationStatus; authentic: boolean; stale: boolean }>
  > {
    const rows = ids.length
      ? await em.query(
          `SELECT t.entity_id, t.fields, t.status, t.authentic, t.source_revision < ${CURRENT_REVISION_SQL('t')} AS stale
           FROM translations t WHERE t.entity_type = $1 AND t.entity_id = ANY($2::uuid[]) AND lower(t.locale) = lower($3)`,
          [type, ids, locale],
        )
      : [];
    return new Map(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg rows
      rows.map((r: any) => [
        r.entity_id,
        { fields: r.fields, status: r.status, authentic: r.authentic, stale: r.stale },
      ]),
    );
  }

  // Called by every source edit, in its transaction, with the fields as they now stand. Nothing
  // to do until the source has a translation; a minor edit keeps the revision (the translations
  // stay current) and only refreshes its text, any other change starts a new revision.
  async sourceChanged(
    em: EntityManager,
    s: { type: TranslatableType; id: string; groupId: string; fields: TranslatedFields },
    minor: boolean,
  ): Promise<void> {
    const [latest] = await em.query(
      `SELECT revision, fields FROM translation_sources WHERE entity_type = $1 AND entity_id = $2
       ORDER BY revision DESC LIMIT 1 FOR UPDATE`,
      [s.type, s.id],
    );
    if (!latest || sameFields(latest.fields, s.fields)) return;
    if (minor)
      await em.query(
        `UPDATE translation_sources SET fields = $4 WHERE entity_type = $1 AND entity_id = $2 AND revision = $3`,
        [s.type, s.id, latest.revision, JSON.stringify(s.fields)],
      );
    else
      await em.query(
        `INSERT INTO translation_sources (entity_type, entity_id, revision, group_id, fields) VALUES ($1, $2, $3, $4, $5)`,
        [s.type, s.id, latest.revision + 1, s.groupId, JSON.stringify(s.fields)],
      );
  }

  private async ensureRevision(em: EntityManager, source: TranslationSource): Promise<number> {
    await em.query(
      `INSERT INTO translation_sources (entity_type, entity_id, revision, group_id, fields)
       SELECT $1, $2, 1, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM translation_sources WHERE entity_type = $1 AND entity_id = $2)
       ON CONFLICT DO NOTHING`,
      [source.type, source.id, source.groupId, JSON.stringify(source.fields)],
    );
    const [latest] = await em.query(
      `SELECT revision FROM translation_sources WHERE entity_type = $1 AND entity_id = $2 ORDER BY revision DESC LIMIT 1 FOR UPDATE`,
      [source.type, source.id],
    );
    return latest.revision;
  }

  private async detailOf(
    em: EntityManager,
    source: TranslationSource,
    locale: string,
  ): Promise<TranslationDetailDto> {
    const [row] = await em.query(
      `SELECT t.*, ${CURRENT_REVISION_SQL('t')} AS current_revision,
         (SELECT s.fields FROM translation_sources s WHERE s.entity_type = t.entity_type AND s.entity_id = t.entity_id AND s.revision = t.source_revision) AS base_fields
       FROM translations t WHERE t.entity_type = $1 AND t.entity_id = $2 AND lower(t.locale) = lower($3)`,
      [source.type, source.id, locale],
    );
    if (!row) throw new NotFoundProblem('Translation');
    return {
      ...toSummary(row),
      fields: row.fields,
      sourceLocale: source.sourceLocale,
      sourceFields: source.fields,
      sourceFieldsAtRevision: row.base_fields ?? source.fields,
    };
  }
}

export type LocalizableSource = Pick<
  TranslationSource,
  'type' | 'id' | 'sourceLocale' | 'groupLanguages' | 'fields'
>;
