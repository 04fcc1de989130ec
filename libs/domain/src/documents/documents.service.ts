import { Injectable } from '@nestjs/common';
import { BadRequestProblem, canonicalLocale, NotFoundProblem } from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { TranslationsService } from '../translations/translations.service';
import { CreateDocumentDto, DocumentDto, DocumentListQuery, UpdateDocumentDto } from './dto/document.dto';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw pg rows */

// Group documents: policy statement, terms of reference, the VPs text, explanatory notes — in
// Markdown, written in one language (sourceLocale) and translated through TranslationsService.
@Injectable()
export class DocumentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly translations: TranslationsService,
  ) {}

  async create(userId: string, groupId: string, dto: CreateDocumentDto): Promise<DocumentDto> {
    return this.ds.transaction(async (em) => {
      await this.access.require(userId, groupId, 'manage', em);
      const [row] = await em.query(
        `INSERT INTO group_documents (group_id, kind, title, body, source_locale, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
        [groupId, dto.kind, dto.title, dto.body, dto.sourceLocale, userId],
      );
      await em.query(
        `INSERT INTO group_document_revisions (document_id, revision, title, body, author_user_id) VALUES ($1, 1, $2, $3, $4)`,
        [row.id, dto.title, dto.body, userId],
      );
      await this.changes.record(em, {
        groupId,
        type: 'document.created',
        entityType: 'document',
        entityId: row.id,
        actorUserId: userId,
        data: { documentId: row.id, kind: dto.kind, title: dto.title, sourceLocale: dto.sourceLocale },
        audit: { kind: dto.kind, title: dto.title, sourceLocale: dto.sourceLocale },
      });
      return this.view(em, row.id, []);
    });
  }

  async list(
    userId: string,
    groupId: string,
    q: DocumentListQuery,
    preferences: string[],
  ): Promise<{ items: DocumentDto[] }> {
    return this.ds.transaction(async (em) => {
      await this.access.require(userId, groupId, 'read', em);
      const rows = await em.query(
        `SELECT d.*, g.languages FROM group_documents d JOIN groups g ON g.id = d.group_id
         WHERE d.group_id = $1 AND ($2::text IS NULL OR d.kind = $2) ORDER BY d.kind, lower(d.title), d.id LIMIT 500`,
        [groupId, q.kind ?? null],
      );
      const items = await this.present(em, rows, preferences);
      return {
        items:
          q.staleTranslations === undefined
            ? items
            : items.filter((d) => d.translations.some((t) => t.stale) === q.staleTranslations),
      };
    });
  }

  async get(userId: string, id: string, preferences: string[]): Promise<DocumentDto> {
    return this.ds.transaction(async (em) => {
      await this.scope(em, userId, id, 'read');
      return this.view(em, id, preferences);
    });
  }

  async update(userId: string, id: string, dto: UpdateDocumentDto): Promise<DocumentDto> {
    if (dto.title === undefined && dto.body === undefined)
      throw new BadRequestProblem('Nothing to change: give title or body', [
        { field: 'body', message: 'give title or body' },
      ]);
    const minor = Boolean(dto.minorEdit ?? dto.minor);
    return this.ds.transaction(async (em) => {
      const groupId = await this.scope(em, userId, id, 'manage');
      const [[d]] = await em.query(
        `UPDATE group_documents SET title = coalesce($2, title), body = coalesce($3, body), revision = revision + 1,
           updated_by = $4, updated_at = now()
         WHERE id = $1 RETURNING id, title, body, revision`,
        [id, dto.title ?? null, dto.body ?? null, userId],
      );
      await em.query(
        `INSERT INTO group_document_revisions (document_id, revision, title, body, minor, author_user_id) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, d.revision, d.title, d.body, minor, userId],
      );
      await this.translations.sourceChanged(
        em,
        { type: 'document', id, groupId, fields: { title: d.title, body: d.body } },
        minor,
      );
      await this.changes.record(em, {
        groupId,
        type: 'document.updated',
        entityType: 'document',
        entityId: id,
        actorUserId: userId,
        data: { documentId: id, revision: d.revision, minorEdit: minor },
        audit: { revision: d.revision, minorEdit: minor },
      });
      return this.view(em, id, []);
    });
  }

  private async scope(
    em: EntityManager,
    userId: string,
    id: string,
    power: 'read' | 'manage',
  ): Promise<string> {
    const [d] = await em.query(`SELECT group_id FROM group_documents WHERE id = $1`, [id]);
    if (!d) throw new NotFoundProblem('Document');
    await this.access.require(userId, d.group_id, power, em, 'Document');
    return d.group_id;
  }

  private async view(em: EntityManager, id: string, preferences: string[]): Promise<DocumentDto> {
    const rows = await em.query(
      `SELECT d.*, g.languages FROM group_documents d JOIN groups g ON g.id = d.group_id WHERE d.id = $1`,
      [id],
    );
    const [doc] = await this.present(em, rows, preferences);
    return doc;
  }

  private async present(em: EntityManager, rows: any[], preferences: string[]): Promise<DocumentDto[]> {
    const sources = rows.map((r) => ({
      type: 'document' as const,
      id: r.id as string,
      sourceLocale: r.source_locale as string,
      groupLanguages: ((r.languages ?? []) as string[]).map((l) => canonicalLocale(l) ?? l),
      fields: { title: r.title, body: r.body },
    }));
    const localized = await this.translations.localizeMany(em, sources, preferences);
    const states: any[] = rows.length
      ? await em.query(
          `SELECT t.entity_id, t.locale, t.status,
             t.source_revision < coalesce((SELECT max(s.revision) FROM translation_sources s WHERE s.entity_type = 'document' AND s.entity_id = t.entity_id), t.source_revision) AS stale
           FROM translations t WHERE t.entity_type = 'document' AND t.entity_id = ANY($1::uuid[]) ORDER BY t.locale`,
          [rows.map((r) => r.id)],
        )
      : [];
    return rows.map((r, i) => ({
      id: r.id,
      groupId: r.group_id,
      kind: r.kind,
      title: localized[i].fields.title as string,
      body: localized[i].fields.body as string,
      sourceLocale: r.source_locale,
      locale: localized[i].locale,
      translationStale: localized[i].translationStale,
      revision: r.revision,
      translations: states
        .filter((s) => s.entity_id === r.id)
        .map((s) => ({ locale: s.locale, status: s.status, stale: s.stale })),
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }
}
