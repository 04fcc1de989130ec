import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  ConflictProblem,
  decodeCursor,
  ForbiddenProblem,
  NotFoundProblem,
  Page,
  pageLimit,
  ProblemException,
  ServiceUnavailableProblem,
  toPage,
  UnsupportedMediaTypeProblem,
} from '@roundtable/core';
import type { Request } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeRecorder } from '../events/change-recorder';
import { logIncidentReads } from '../incidents/incident-view';
import { AttachmentDto, AttachmentListQuery } from './dto/attachment.dto';
import { receiveOneFile } from './multipart-upload';
import { hidesUploader, type ResolvedOwner } from './owners/attachment-owner';
import { AttachmentOwnerRegistry } from './owners/attachment-owner.registry';
import { scanWithClamd, ScannerUnavailableError } from './safety/clamav-scanner';
import { sanitiseFileName } from './safety/file-name';
import { ALLOWED_DESCRIPTION, sniffType } from './safety/file-types';
import { makeThumbnail, stripMetadata, UnreadableFileError } from './safety/strip-metadata';
import { FILE_STORAGE, FileStorage } from './storage/file-storage';

interface AttachmentRow {
  id: string;
  group_id: string;
  owner_kind: string;
  owner_id: string;
  file_name: string;
  content_type: string;
  size: string;
  sha256: string;
  storage_key: string;
  thumbnail_key: string | null;
  metadata_removed: string[];
  uploaded_by: string;
  uploaded_by_organisation_id: string;
  created_at: Date;
  created_key: string;
}

const COLUMNS = `id, group_id, owner_kind, owner_id, file_name, content_type, size, sha256, storage_key, thumbnail_key,
  metadata_removed, uploaded_by, uploaded_by_organisation_id, created_at, created_at::text AS created_key`;

export interface Download {
  stream: Readable;
  fileName: string;
  contentType: string;
  size?: number;
}

export class MalwareFoundProblem extends ProblemException {
  constructor() {
    super(422, 'The malware scanner flagged this file; it was not stored');
  }
}

// Attachments: a file hangs on an owner (incident, minutes, agreement version, …) and is exactly
// as visible as that owner — every read and write resolves the owner through its AttachmentOwner,
// which goes through the access policy. Bytes are checked and cleaned before they are stored.
@Injectable()
export class AttachmentsService {
  private readonly log = new Logger('Attachments');

  constructor(
    private readonly ds: DataSource,
    private readonly changes: ChangeRecorder,
    private readonly owners: AttachmentOwnerRegistry,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(userId: string, kind: string, ownerId: string, req: Request): Promise<AttachmentDto> {
    const ownerKind = this.owners.get(kind);
    // Who may attach is known before a byte is read: a hidden owner is a 404, a missing power a 403.
    const owner = await ownerKind.resolve(this.ds.manager, userId, ownerId);
    this.assertMayAttach(owner);

    const received = await receiveOneFile(req, this.config.files.maxBytes);
    const type = await sniffType(received.bytes);
    if (!type) {
      throw new UnsupportedMediaTypeProblem(
        `This kind of file is not accepted (judged from its content, not its name); send ${ALLOWED_DESCRIPTION}`,
      );
    }
    await this.scan(received.bytes);
    let cleaned;
    try {
      cleaned = await stripMetadata(received.bytes, type);
    } catch (err) {
      if (err instanceof UnreadableFileError)
        throw new UnsupportedMediaTypeProblem(
          `The file could not be read to remove its hidden data (${err.message}); it was not stored`,
        );
      throw err;
    }
    const thumbnail = type.family === 'image' ? await makeThumbnail(cleaned.bytes) : null;
    const fileName = sanitiseFileName(received.fileName, type.ext);
    const sha256 = createHash('sha256').update(cleaned.bytes).digest('hex');

    const id = randomUUID();
    const storageKey = `${owner.groupId}/${id}`;
    const thumbnailKey = thumbnail ? `${storageKey}.thumb` : null;
    await this.storage.put(storageKey, cleaned.bytes, type.mime);
    if (thumbnail && thumbnailKey) await this.storage.put(thumbnailKey, thumbnail, 'image/webp');

    try {
      const row = await this.ds.transaction(async (em) => {
        // Again inside the transaction: the owner may have been hidden or frozen meanwhile.
        const current = await ownerKind.resolve(em, userId, ownerId);
        this.assertMayAttach(current);
        const [inserted]: AttachmentRow[] = await em.query(
          `INSERT INTO attachments (id, group_id, owner_kind, owner_id, file_name, content_type, size, sha256,
             storage_key, thumbnail_key, metadata_removed, uploaded_by, uploaded_by_organisation_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
          [
            id,
            current.groupId,
            ownerKind.kind,
            ownerId,
            fileName,
            type.mime,
            cleaned.bytes.length,
            sha256,
            storageKey,
            thumbnailKey,
            cleaned.removed,
            userId,
            current.actor.organisationId,
          ],
        );
        await this.changes.record(em, {
          groupId: current.groupId,
          type: 'attachment.added',
          entityType: 'attachment',
          entityId: id,
          // A file the reporting organisation adds to its anonymous report is not attributed.
          actorUserId: hidesUploader(current, current.actor.organisationId) ? null : userId,
          scope: current.scope,
          // The file name can be as sensitive as the owner: it travels only in the scoped event.
          data: { attachmentId: id, ownerKind: ownerKind.kind, ownerId },
          audit: {
            ownerKind: ownerKind.kind,
            ownerId,
            contentType: type.mime,
            size: cleaned.bytes.length,
            sha256,
            metadataRemoved: cleaned.removed,
          },
        });
        return inserted;
      });
      return this.toDto(row, true, owner);
    } catch (err) {
      await this.removeObjects(storageKey, thumbnailKey);
      throw err;
    }
  }

  async list(
    userId: string,
    kind: string,
    ownerId: string,
    q: AttachmentListQuery,
  ): Promise<Page<AttachmentDto>> {
    const ownerKind = this.owners.get(kind);
    const owner = await ownerKind.resolve(this.ds.manager, userId, ownerId);
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2);
    const rows: AttachmentRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM attachments
       WHERE owner_kind = $1 AND owner_id = $2
         AND ($3::timestamptz IS NULL OR (created_at, id) > ($3::timestamptz, $4::uuid))
       ORDER BY created_at, id LIMIT ${limit + 1}`,
      [ownerKind.kind, ownerId, cursor?.[0] ?? null, cursor?.[1] ?? null],
    );
    return toPage(
      rows,
      limit,
      (r) => [r.created_key, r.id],
      (r) => this.toDto(r, r.uploaded_by === userId || owner.mayManage, owner),
    );
  }

  async get(userId: string, id: string): Promise<AttachmentDto> {
    const { row, owner } = await this.load(this.ds.manager, userId, id);
    return this.toDto(row, row.uploaded_by === userId || owner.mayManage, owner);
  }

  async download(userId: string, id: string, part: 'file' | 'thumbnail'): Promise<Download> {
    const { row, owner } = await this.load(this.ds.manager, userId, id);
    if (part === 'file' && owner.scope?.kind === 'incident') {
      // A restricted incident's reporting organisation sees who opened its evidence.
      await logIncidentReads(
        this.ds.manager,
        [{ incidentId: owner.scope.id, confidentiality: owner.confidentiality ?? 'group' }],
        { userId, organisationId: owner.actor.organisationId },
        'download_attachment',
      );
    }
    if (part === 'thumbnail') {
      if (!row.thumbnail_key) throw new NotFoundProblem('Thumbnail');
      const stream = await this.open(row.thumbnail_key);
      return { stream, fileName: row.file_name.replace(/\.[^.]*$/, '') + '.webp', contentType: 'image/webp' };
    }
    const stream = await this.open(row.storage_key);
    return { stream, fileName: row.file_name, contentType: row.content_type, size: Number(row.size) };
  }

  async delete(userId: string, id: string): Promise<void> {
    const row = await this.ds.transaction(async (em) => {
      const { row, owner } = await this.load(em, userId, id, true);
      if (row.uploaded_by !== userId && !owner.mayManage) {
        throw new ForbiddenProblem(
          'Only the uploader or the editors of what it is attached to may delete a file',
        );
      }
      if (owner.frozenDetail) throw new ConflictProblem(owner.frozenDetail);
      await em.query(`DELETE FROM attachments WHERE id = $1`, [id]);
      await this.changes.record(em, {
        groupId: owner.groupId,
        type: 'attachment.deleted',
        entityType: 'attachment',
        entityId: id,
        actorUserId: hidesUploader(owner, owner.actor.organisationId) ? null : userId,
        scope: owner.scope,
        data: { attachmentId: id, ownerKind: row.owner_kind, ownerId: row.owner_id },
        audit: { ownerKind: row.owner_kind, ownerId: row.owner_id, sha256: row.sha256 },
      });
      return row;
    });
    // After COMMIT: a failed removal leaves an orphan object, never a row without its bytes.
    await this.removeObjects(row.storage_key, row.thumbnail_key);
  }

  private async load(
    em: EntityManager,
    userId: string,
    id: string,
    lock = false,
  ): Promise<{ row: AttachmentRow; owner: ResolvedOwner }> {
    const [row]: AttachmentRow[] = await em.query(
      `SELECT ${COLUMNS} FROM attachments WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (!row) throw new NotFoundProblem('Attachment');
    let owner: ResolvedOwner;
    try {
      owner = await this.owners.get(row.owner_kind).resolve(em, userId, row.owner_id);
    } catch (err) {
      // Whatever hides the owner hides its files, with the same answer as an unknown id.
      if (err instanceof NotFoundProblem) throw new NotFoundProblem('Attachment');
      throw err;
    }
    return { row, owner };
  }

  private assertMayAttach(owner: ResolvedOwner): void {
    if (!owner.mayAttach) throw new ForbiddenProblem(owner.forbiddenDetail);
    if (owner.frozenDetail) throw new ConflictProblem(owner.frozenDetail);
  }

  private async scan(bytes: Buffer): Promise<void> {
    const clamav = this.config.files.clamav;
    if (!clamav) return;
    try {
      const result = await scanWithClamd(clamav.host, clamav.port, bytes);
      if (!result.clean) {
        this.log.warn(`upload refused: malware scanner found ${result.signature}`);
        throw new MalwareFoundProblem();
      }
    } catch (err) {
      if (err instanceof ScannerUnavailableError) {
        this.log.error(err.message);
        throw new ServiceUnavailableProblem('The malware scanner is not available; try again later');
      }
      throw err;
    }
  }

  private async open(key: string): Promise<Readable> {
    try {
      return await this.storage.get(key);
    } catch (err) {
      this.log.error(`attachment object ${key} could not be read: ${(err as Error).message}`);
      throw new ServiceUnavailableProblem('The file store is not available; try again later');
    }
  }

  private async removeObjects(...keys: (string | null)[]): Promise<void> {
    for (const key of keys) {
      if (!key) continue;
      await this.storage.delete(key).catch((err: Error) => {
        this.log.warn(`attachment object ${key} could not be removed: ${err.message}`);
      });
    }
  }

  private toDto(r: AttachmentRow, canDelete: boolean, owner: ResolvedOwner): AttachmentDto {
    return {
      id: r.id,
      ownerKind: r.owner_kind,
      ownerId: r.owner_id,
      fileName: r.file_name,
      contentType: r.content_type,
      size: Number(r.size),
      sha256: r.sha256,
      metadataRemoved: r.metadata_removed,
      thumbnailUrl: r.thumbnail_key ? `/api/v1/attachments/${r.id}/thumbnail` : null,
      downloadUrl: `/api/v1/attachments/${r.id}`,
      canDelete,
      uploadedBy: hidesUploader(owner, r.uploaded_by_organisation_id, owner.actor) ? null : r.uploaded_by,
      createdAt: new Date(r.created_at).toISOString(),
    };
  }
}
