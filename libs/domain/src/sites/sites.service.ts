import { Injectable } from '@nestjs/common';
import {
  BadRequestProblem,
  ConflictProblem,
  decodeCursor,
  ForbiddenProblem,
  isUuid,
  NotFoundProblem,
  Page,
  pageLimit,
  PgRow,
  toPage,
} from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy, GroupActor, hasPower } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { CreateSiteDto, SiteDto, SiteQuery, UpdateSiteDto } from './dto/site.dto';

const SITE_SELECT = `
  SELECT s.id, s.group_id, s.name, s.kind, s.region, s.lat, s.lng, s.public_security_present, s.created_at, s.updated_at,
         lower(s.name) AS name_key, o.id AS operator_id, o.name AS operator_name, o.kind AS operator_kind
  FROM sites s JOIN organisations o ON o.id = s.operator_organisation_id`;

// Sites are visible to every member of the group; the operator's members and the focal point or
// co-chairs keep them.
@Injectable()
export class SitesService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
  ) {}

  async create(userId: string, groupId: string, dto: CreateSiteDto): Promise<SiteDto> {
    return this.ds.transaction(async (em) => {
      const actor = await this.access.require(userId, groupId, 'contribute', em);
      const operator = dto.operatorOrganisationId.toLowerCase();
      assertMayKeep(actor, operator);
      await assertRepresented(em, groupId, operator);
      const rows = await em.query(
        `INSERT INTO sites (group_id, name, kind, region, lat, lng, operator_organisation_id, public_security_present, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (group_id, lower(name)) DO NOTHING RETURNING id`,
        [
          groupId,
          dto.name,
          dto.kind,
          dto.region ?? null,
          dto.location?.lat ?? null,
          dto.location?.lng ?? null,
          operator,
          dto.publicSecurityPresent,
          userId,
        ],
      );
      if (!rows.length) throw new ConflictProblem(`The group already has a site named ${dto.name}`);
      await this.changes.record(em, {
        groupId,
        type: 'site.created',
        entityType: 'site',
        entityId: rows[0].id,
        actorUserId: userId,
        data: {
          siteId: rows[0].id,
          name: dto.name,
          kind: dto.kind,
          operatorOrganisationId: operator,
          publicSecurityPresent: dto.publicSecurityPresent,
        },
        audit: { name: dto.name, operatorOrganisationId: operator },
      });
      return this.view(em, rows[0].id);
    });
  }

  async list(userId: string, groupId: string, q: SiteQuery): Promise<Page<SiteDto>> {
    await this.access.require(userId, groupId);
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2);
    const params: unknown[] = [groupId, limit + 1];
    const where = [`s.group_id = $1`];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (q.kind) where.push(`s.kind = ${param(q.kind)}`);
    if (q.publicSecurityPresent !== undefined)
      where.push(`s.public_security_present = ${param(q.publicSecurityPresent)}`);
    if (cursor) {
      if (typeof cursor[0] !== 'string' || !isUuid(cursor[1]))
        throw new BadRequestProblem('cursor: invalid cursor', [
          { field: 'cursor', message: 'invalid cursor' },
        ]);
      where.push(`(lower(s.name), s.id) > (${param(cursor[0])}, ${param(cursor[1])}::uuid)`);
    }
    const rows = await this.ds.query(
      `${SITE_SELECT} WHERE ${where.join(' AND ')} ORDER BY lower(s.name), s.id LIMIT $2`,
      params,
    );
    return toPage(rows, limit, (r: PgRow) => [r.name_key, r.id], toSite);
  }

  async get(userId: string, siteId: string): Promise<SiteDto> {
    const groupId = await this.groupOf(this.ds.manager, siteId);
    await this.access.require(userId, groupId, 'read', undefined, 'Site');
    return this.view(this.ds.manager, siteId);
  }

  async update(userId: string, siteId: string, dto: UpdateSiteDto): Promise<SiteDto> {
    return this.ds.transaction(async (em) => {
      const groupId = await this.groupOf(em, siteId);
      const actor = await this.access.require(userId, groupId, 'contribute', em, 'Site');
      const [current] = await em.query(`SELECT * FROM sites WHERE id = $1 FOR UPDATE`, [siteId]);
      assertMayKeep(actor, current.operator_organisation_id);
      const next = {
        name: dto.name ?? current.name,
        kind: dto.kind ?? current.kind,
        region: dto.region === undefined ? current.region : dto.region,
        lat: dto.location === undefined ? current.lat : (dto.location?.lat ?? null),
        lng: dto.location === undefined ? current.lng : (dto.location?.lng ?? null),
        operator: dto.operatorOrganisationId?.toLowerCase() ?? current.operator_organisation_id,
        publicSecurityPresent: dto.publicSecurityPresent ?? current.public_security_present,
      };
      const changed = [
        ['name', current.name, next.name],
        ['kind', current.kind, next.kind],
        ['region', current.region, next.region],
        ['location', `${current.lat},${current.lng}`, `${next.lat},${next.lng}`],
        ['operatorOrganisationId', current.operator_organisation_id, next.operator],
        ['publicSecurityPresent', current.public_security_present, next.publicSecurityPresent],
      ]
        .filter(([, a, b]) => a !== b)
        .map(([field]) => field as string);
      if (!changed.length) return this.view(em, siteId);
      if (changed.includes('operatorOrganisationId')) await assertRepresented(em, groupId, next.operator);
      if (changed.includes('name')) {
        const [clash] = await em.query(
          `SELECT 1 FROM sites WHERE group_id = $1 AND lower(name) = lower($2) AND id <> $3`,
          [groupId, next.name, siteId],
        );
        if (clash) throw new ConflictProblem(`The group already has a site named ${next.name}`);
      }
      await em.query(
        `UPDATE sites SET name = $2, kind = $3, region = $4, lat = $5, lng = $6, operator_organisation_id = $7,
           public_security_present = $8, updated_at = now() WHERE id = $1`,
        [
          siteId,
          next.name,
          next.kind,
          next.region,
          next.lat,
          next.lng,
          next.operator,
          next.publicSecurityPresent,
        ],
      );
      await this.changes.record(em, {
        groupId,
        type: 'site.updated',
        entityType: 'site',
        entityId: siteId,
        actorUserId: userId,
        data: {
          siteId,
          changed,
          name: next.name,
          operatorOrganisationId: next.operator,
          publicSecurityPresent: next.publicSecurityPresent,
        },
        audit: { changed },
      });
      return this.view(em, siteId);
    });
  }

  private async groupOf(em: EntityManager, siteId: string): Promise<string> {
    const [row] = await em.query(`SELECT group_id FROM sites WHERE id = $1`, [siteId]);
    if (!row) throw new NotFoundProblem('Site');
    return row.group_id;
  }

  private async view(em: EntityManager, siteId: string): Promise<SiteDto> {
    const [row] = await em.query(`${SITE_SELECT} WHERE s.id = $1`, [siteId]);
    return toSite(row);
  }
}

function assertMayKeep(actor: GroupActor, operatorOrganisationId: string): void {
  if (hasPower(actor, 'manage') || actor.organisationId === operatorOrganisationId) return;
  throw new ForbiddenProblem('Only the operator’s members, the focal point or a co-chair may keep this site');
}

async function assertRepresented(em: EntityManager, groupId: string, organisationId: string): Promise<void> {
  const [row] = await em.query(
    `SELECT 1 FROM memberships WHERE group_id = $1 AND organisation_id = $2 AND status = 'active' LIMIT 1`,
    [groupId, organisationId],
  );
  if (!row)
    throw new BadRequestProblem(
      'operatorOrganisationId: the organisation has no active members in this group',
      [{ field: 'operatorOrganisationId', message: 'the organisation has no active members in this group' }],
    );
}

export function toSite(r: PgRow): SiteDto {
  return {
    id: r.id,
    groupId: r.group_id,
    name: r.name,
    kind: r.kind,
    region: r.region,
    location: r.lat === null || r.lat === undefined ? null : { lat: r.lat, lng: r.lng },
    operatorOrganisation: { id: r.operator_id, name: r.operator_name, kind: r.operator_kind },
    publicSecurityPresent: r.public_security_present,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
