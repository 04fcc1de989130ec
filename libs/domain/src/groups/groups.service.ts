import { Injectable } from '@nestjs/common';
import { BadRequestProblem, decodeCursor, Page, pageLimit, PageQuery, toPage, PgRow } from '@roundtable/core';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { CreateGroupDto, GroupDto, UpdateGroupDto } from './dto/group.dto';

const COLUMNS = `g.id, g.name, g.description, g.region, g.languages, g.timezone, g.co_chair_policy, g.minutes_approval, g.organisation_id, g.created_at, g.updated_at`;

@Injectable()
export class GroupsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
  ) {}

  async create(userId: string, dto: CreateGroupDto): Promise<GroupDto> {
    return this.ds.transaction(async (em) => {
      const [org] = await em.query(`SELECT id FROM organisations WHERE id = $1`, [dto.organisationId]);
      if (!org)
        throw new BadRequestProblem('organisationId: no such organisation', [
          { field: 'organisationId', message: 'no such organisation' },
        ]);
      const [group] = await em.query(
        `INSERT INTO groups (name, description, region, languages, timezone, co_chair_policy, organisation_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          dto.name,
          dto.description ?? null,
          dto.region ?? null,
          dto.languages ?? [],
          dto.timezone,
          dto.coChairPolicy ?? 'company_and_civil_society',
          dto.organisationId,
          userId,
        ],
      );
      const [membership] = await em.query(
        `INSERT INTO memberships (group_id, user_id, email, organisation_id, role, status, invited_by, joined_at)
         SELECT $1, u.id, u.email, $2, 'focal_point', 'active', u.id, now() FROM users u WHERE u.id = $3 RETURNING id`,
        [group.id, dto.organisationId, userId],
      );
      await this.changes.record(em, {
        groupId: group.id,
        type: 'member.joined',
        entityType: 'membership',
        entityId: membership.id,
        actorUserId: userId,
        data: { memberId: membership.id, userId, organisationId: dto.organisationId, role: 'focal_point' },
        audit: { groupCreated: true, name: dto.name, role: 'focal_point' },
      });
      const [row] = await em.query(`SELECT ${COLUMNS} FROM groups g WHERE g.id = $1`, [group.id]);
      return { ...toGroup(row), myRole: 'focal_point', iAmCoChair: false };
    });
  }

  async list(userId: string, q: PageQuery): Promise<Page<GroupDto>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2);
    const params: unknown[] = [userId, limit + 1];
    let keyset = '';
    if (cursor) {
      params.push(cursor[0], cursor[1]);
      keyset = `AND (lower(g.name), g.id) > ($3, $4::uuid)`;
    }
    const rows = await this.ds.query(
      `SELECT ${COLUMNS}, m.role AS my_role,
              EXISTS (SELECT 1 FROM co_chair_terms t WHERE t.membership_id = m.id AND t.ended_at IS NULL) AS i_am_co_chair
       FROM groups g JOIN memberships m ON m.group_id = g.id AND m.user_id = $1 AND m.status = 'active'
       WHERE true ${keyset} ORDER BY lower(g.name), g.id LIMIT $2`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r: PgRow) => [String(r.name).toLowerCase(), r.id],
      (r: PgRow) => ({
        ...toGroup(r),
        myRole: r.my_role,
        iAmCoChair: r.i_am_co_chair,
      }),
    );
  }

  async get(userId: string, groupId: string): Promise<GroupDto> {
    const actor = await this.access.require(userId, groupId);
    const [row] = await this.ds.query(`SELECT ${COLUMNS} FROM groups g WHERE g.id = $1`, [groupId]);
    return { ...toGroup(row), myRole: actor.role, iAmCoChair: actor.isCoChair };
  }

  async update(userId: string, groupId: string, dto: UpdateGroupDto): Promise<GroupDto> {
    return this.ds.transaction(async (em) => {
      const actor = await this.access.require(userId, groupId, 'manage', em);
      const sets: string[] = [];
      const params: unknown[] = [groupId];
      const changed: Record<string, unknown> = {};
      const fields: [keyof UpdateGroupDto, string][] = [
        ['name', 'name'],
        ['timezone', 'timezone'],
        ['description', 'description'],
        ['region', 'region'],
        ['languages', 'languages'],
        ['coChairPolicy', 'co_chair_policy'],
        ['minutesApproval', 'minutes_approval'],
      ];
      for (const [key, column] of fields) {
        if (dto[key] === undefined) continue;
        params.push(dto[key]);
        sets.push(`${column} = $${params.length}`);
        changed[key] = dto[key];
      }
      if (sets.length) {
        await em.query(`UPDATE groups SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
        await this.changes.record(em, {
          groupId,
          type: 'group.updated',
          entityType: 'group',
          entityId: groupId,
          actorUserId: userId,
          data: changed,
          audit: { fields: Object.keys(changed) },
        });
      }
      const [row] = await em.query(`SELECT ${COLUMNS} FROM groups g WHERE g.id = $1`, [groupId]);
      return { ...toGroup(row), myRole: actor.role, iAmCoChair: actor.isCoChair };
    });
  }
}

export function toGroup(r: PgRow): GroupDto {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    region: r.region,
    languages: r.languages ?? [],
    timezone: r.timezone,
    coChairPolicy: r.co_chair_policy,
    minutesApproval: r.minutes_approval,
    organisationId: r.organisation_id,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
