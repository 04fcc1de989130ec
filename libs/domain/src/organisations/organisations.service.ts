import { Injectable } from '@nestjs/common';
import {
  ConflictProblem,
  decodeCursor,
  NotFoundProblem,
  Page,
  pageLimit,
  toPage,
  PgRow,
} from '@roundtable/core';
import { DataSource } from 'typeorm';
import { OrganisationAccessPolicy } from '../access/organisation-access.policy';
import { AffiliationStore } from '../affiliations/affiliation-store';
import { ChangeRecorder } from '../events/change-recorder';
import {
  CreateOrganisationDto,
  OrganisationDto,
  OrganisationQuery,
  UpdateOrganisationDto,
} from './dto/organisation.dto';

const COLUMNS = `id, name, kind, country, vps_participant, verified, verified_at, created_at`;

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrganisationAccessPolicy,
    private readonly affiliations: AffiliationStore,
    private readonly changes: ChangeRecorder,
  ) {}

  // The creator is the organisation's first admin.
  async create(userId: string, dto: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.ds.transaction(async (em) => {
      const [row] = await em.query(
        `INSERT INTO organisations (name, kind, country, vps_participant, created_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ((lower(name))) DO NOTHING RETURNING ${COLUMNS}`,
        [dto.name, dto.kind, dto.country ?? null, dto.vpsParticipant ?? false, userId],
      );
      if (!row) throw new ConflictProblem('An organisation with this name already exists');
      await this.changes.audit(em, {
        actorUserId: userId,
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: row.id,
        details: { name: row.name, kind: row.kind },
      });
      const [user] = await em.query(`SELECT email FROM users WHERE id = $1`, [userId]);
      await this.affiliations.confirm(em, {
        organisationId: row.id,
        userId,
        email: user.email,
        role: 'admin',
        source: 'creator',
        confirmedBy: userId,
        actorUserId: userId,
      });
      return toOrganisation(row);
    });
  }

  async update(userId: string, organisationId: string, dto: UpdateOrganisationDto): Promise<OrganisationDto> {
    return this.ds.transaction(async (em) => {
      await this.orgs.requireAdmin(userId, organisationId, em);
      const [current] = await em.query(`SELECT ${COLUMNS} FROM organisations WHERE id = $1 FOR UPDATE`, [
        organisationId,
      ]);
      const changed: Record<string, unknown> = {};
      if (dto.name !== undefined && dto.name !== current.name) changed.name = dto.name;
      if (dto.kind !== undefined && dto.kind !== current.kind) changed.kind = dto.kind;
      if (dto.country !== undefined && dto.country !== current.country) changed.country = dto.country;
      if (dto.vpsParticipant !== undefined && dto.vpsParticipant !== current.vps_participant)
        changed.vpsParticipant = dto.vpsParticipant;
      if (Object.keys(changed).length === 0) return toOrganisation(current);
      const unverify = current.verified && ('name' in changed || 'kind' in changed);
      try {
        await em.query(
          `UPDATE organisations SET name = $2, kind = $3, country = $4, vps_participant = $5,
             verified = verified AND NOT $6, verified_at = CASE WHEN $6 THEN NULL ELSE verified_at END,
             verified_by = CASE WHEN $6 THEN NULL ELSE verified_by END, updated_at = now()
           WHERE id = $1`,
          [
            organisationId,
            changed.name ?? current.name,
            changed.kind ?? current.kind,
            'country' in changed ? changed.country : current.country,
            changed.vpsParticipant ?? current.vps_participant,
            unverify,
          ],
        );
      } catch (e) {
        if ((e as { code?: string }).code === '23505')
          throw new ConflictProblem('An organisation with this name already exists');
        throw e;
      }
      await this.changes.audit(em, {
        actorUserId: userId,
        action: 'organisation.updated',
        entityType: 'organisation',
        entityId: organisationId,
        details: { changed: Object.keys(changed), ...(unverify ? { verificationCleared: true } : {}) },
      });
      return this.get(organisationId, em);
    });
  }

  async setVerified(userId: string, organisationId: string, verified: boolean): Promise<OrganisationDto> {
    return this.ds.transaction(async (em) => {
      await this.orgs.requirePlatformAdmin(userId, em);
      const [[row]] = await em.query(
        `UPDATE organisations SET verified = $2, verified_at = CASE WHEN $2 THEN now() END,
           verified_by = CASE WHEN $2 THEN $3::uuid END, updated_at = now()
         WHERE id = $1 RETURNING id`,
        [organisationId, verified, userId],
      );
      if (!row) throw new NotFoundProblem('Organisation');
      await this.changes.audit(em, {
        actorUserId: userId,
        action: verified ? 'organisation.verified' : 'organisation.unverified',
        entityType: 'organisation',
        entityId: organisationId,
      });
      return this.get(organisationId, em);
    });
  }

  async list(q: OrganisationQuery): Promise<Page<OrganisationDto>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2);
    const params: unknown[] = [limit + 1];
    const where: string[] = [];
    if (q.q) {
      params.push(`%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`);
      where.push(`lower(name) LIKE $${params.length}`);
    }
    if (q.kind) {
      params.push(q.kind);
      where.push(`kind = $${params.length}`);
    }
    if (cursor) {
      params.push(cursor[0], cursor[1]);
      where.push(`(lower(name), id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    const rows = await this.ds.query(
      `SELECT ${COLUMNS} FROM organisations ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY lower(name), id LIMIT $1`,
      params,
    );
    return toPage(rows, limit, (r: PgRow) => [String(r.name).toLowerCase(), r.id], toOrganisation);
  }

  async get(id: string, em = this.ds.manager): Promise<OrganisationDto> {
    const [row] = await em.query(`SELECT ${COLUMNS} FROM organisations WHERE id = $1`, [id]);
    if (!row) throw new NotFoundProblem('Organisation');
    return toOrganisation(row);
  }
}

export function toOrganisation(r: PgRow): OrganisationDto {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    country: r.country,
    vpsParticipant: r.vps_participant,
    verified: r.verified,
    verifiedAt: r.verified_at ? new Date(r.verified_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
