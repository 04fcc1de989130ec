import { Injectable } from '@nestjs/common';
import {
  BadRequestProblem,
  ConflictProblem,
  decodeCursor,
  NotFoundProblem,
  Page,
  pageLimit,
  toPage,
  PgRow,
} from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy, GroupActor, hasPower } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { NotificationsService } from '../notifications/notifications.service';
import { InvitationDto, InviteMemberDto, MemberDto, MemberQuery, UpdateMemberDto } from './dto/member.dto';

export const MEMBER_SELECT = `
  SELECT m.id, m.group_id, m.user_id, m.email, u.display_name, m.organisation_id, o.name AS organisation_name,
         o.kind AS organisation_kind, m.role, m.is_contact_point, m.status, m.invited_at, m.joined_at, m.ended_at,
         m.ended_reason,
         EXISTS (SELECT 1 FROM co_chair_terms t WHERE t.membership_id = m.id AND t.ended_at IS NULL) AS is_co_chair
  FROM memberships m
  JOIN organisations o ON o.id = m.organisation_id
  LEFT JOIN users u ON u.id = m.user_id`;

@Injectable()
export class MembersService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly notifications: NotificationsService,
  ) {}

  async invite(userId: string, groupId: string, dto: InviteMemberDto): Promise<MemberDto> {
    return this.ds.transaction(async (em) => {
      const actor = await this.access.require(userId, groupId, 'manage', em);
      const [org] = await em.query(`SELECT id FROM organisations WHERE id = $1`, [dto.organisationId]);
      if (!org)
        throw new BadRequestProblem('organisationId: no such organisation', [
          { field: 'organisationId', message: 'no such organisation' },
        ]);
      const [row] = await em.query(
        `INSERT INTO memberships (group_id, user_id, email, organisation_id, role, is_contact_point, status, invited_by)
         VALUES ($1, (SELECT id FROM users WHERE lower(email) = lower($2)), $2, $3, $4, $5, 'invited', $6)
         ON CONFLICT (group_id, lower(email)) WHERE status IN ('invited','active') DO NOTHING
         RETURNING id, user_id`,
        [groupId, dto.email, dto.organisationId, dto.role, dto.isContactPoint ?? false, userId],
      );
      if (!row)
        throw new ConflictProblem('This person is already a member of the group or has a pending invitation');
      await this.changes.record(em, {
        groupId,
        type: 'member.invited',
        entityType: 'membership',
        entityId: row.id,
        actorUserId: userId,
        data: { memberId: row.id, organisationId: dto.organisationId, role: dto.role },
        audit: { email: dto.email, organisationId: dto.organisationId, role: dto.role },
      });
      if (row.user_id) await this.notifyInvitation(em, row.id);
      return this.view(em, actor, row.id);
    });
  }

  // Creates the in-app notification of an invitation (also called when the invitee registers).
  async notifyInvitation(em: EntityManager, membershipId: string): Promise<void> {
    const [m] = await em.query(
      `SELECT m.user_id, m.group_id, g.name FROM memberships m JOIN groups g ON g.id = m.group_id WHERE m.id = $1 AND m.user_id IS NOT NULL`,
      [membershipId],
    );
    if (!m) return;
    await this.notifications.notify(em, {
      userIds: [m.user_id],
      type: 'member.invited',
      groupId: m.group_id,
      entityId: membershipId,
      title: `You are invited to join ${m.name}`,
      dedupeKey: `invitation:${membershipId}`,
    });
  }

  async list(userId: string, groupId: string, q: MemberQuery): Promise<Page<MemberDto>> {
    const actor = await this.access.require(userId, groupId);
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 3);
    const params: unknown[] = [groupId, limit + 1];
    const where = [`m.group_id = $1`];
    const status = q.status ?? 'active';
    if (status !== 'all') {
      params.push(status);
      where.push(`m.status = $${params.length}`);
    }
    if (q.organisationKind) {
      params.push(q.organisationKind);
      where.push(`o.kind = $${params.length}`);
    }
    if (q.organisationId) {
      params.push(q.organisationId);
      where.push(`m.organisation_id = $${params.length}`);
    }
    if (cursor) {
      params.push(cursor[0], cursor[1], cursor[2]);
      where.push(
        `(lower(o.name), lower(m.email), m.id) > ($${params.length - 2}, $${params.length - 1}, $${params.length}::uuid)`,
      );
    }
    const rows = await this.ds.query(
      `${MEMBER_SELECT} WHERE ${where.join(' AND ')} ORDER BY lower(o.name), lower(m.email), m.id LIMIT $2`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r: PgRow) => [String(r.organisation_name).toLowerCase(), String(r.email).toLowerCase(), r.id],
      (r) => toMember(r, actor),
    );
  }

  async update(userId: string, groupId: string, memberId: string, dto: UpdateMemberDto): Promise<MemberDto> {
    return this.ds.transaction(async (em) => {
      const actor = await this.access.require(userId, groupId, 'manage', em);
      const target = await this.lockMember(em, groupId, memberId);
      if (target.status === 'ended' || target.status === 'declined')
        throw new ConflictProblem('This membership has ended');
      if (dto.role && dto.role !== 'focal_point' && target.role === 'focal_point')
        await this.assertAnotherFocalPoint(em, groupId, memberId);
      const changed: Record<string, unknown> = {};
      if (dto.role !== undefined && dto.role !== target.role) changed.role = dto.role;
      if (dto.isContactPoint !== undefined && dto.isContactPoint !== target.is_contact_point)
        changed.isContactPoint = dto.isContactPoint;
      if (Object.keys(changed).length) {
        await em.query(
          `UPDATE memberships SET role = coalesce($2, role), is_contact_point = coalesce($3, is_contact_point), updated_at = now() WHERE id = $1`,
          [memberId, dto.role ?? null, dto.isContactPoint ?? null],
        );
        await this.changes.record(em, {
          groupId,
          type: 'member.updated',
          entityType: 'membership',
          entityId: memberId,
          actorUserId: userId,
          data: { memberId, ...changed },
          audit: { before: { role: target.role, isContactPoint: target.is_contact_point }, after: changed },
        });
      }
      return this.view(em, actor, memberId);
    });
  }

  // Ends a membership (or withdraws an invitation). The row stays: history is kept.
  async end(userId: string, groupId: string, memberId: string, reason?: string): Promise<MemberDto> {
    return this.ds.transaction(async (em) => {
      const actor = await this.access.require(userId, groupId, 'read', em);
      const target = await this.lockMember(em, groupId, memberId);
      const self = target.user_id === userId;
      if (!self) this.access.assert(actor, 'manage');
      if (target.status === 'ended' || target.status === 'declined')
        throw new ConflictProblem('This membership has already ended');
      if (target.role === 'focal_point' && target.status === 'active')
        await this.assertAnotherFocalPoint(em, groupId, memberId);
      await em.query(
        `UPDATE memberships SET status = 'ended', ended_at = now(), ended_reason = $2, is_contact_point = false, updated_at = now() WHERE id = $1`,
        [memberId, reason ?? (self ? 'left the group' : null)],
      );
      // A co-chair term cannot outlive the membership it is held through.
      const terms = await em.query(
        `UPDATE co_chair_terms SET ended_at = now(), end_reason = 'membership ended', ended_by = $2
         WHERE membership_id = $1 AND ended_at IS NULL RETURNING id, constituency`,
        [memberId, userId],
      );
      for (const t of terms[0] ?? []) {
        await this.changes.record(em, {
          groupId,
          type: 'cochair.ended',
          entityType: 'co_chair_term',
          entityId: t.id,
          actorUserId: userId,
          data: { termId: t.id, memberId, constituency: t.constituency, reason: 'membership ended' },
        });
      }
      await this.changes.record(em, {
        groupId,
        type: 'member.left',
        entityType: 'membership',
        entityId: memberId,
        actorUserId: userId,
        data: {
          memberId,
          userId: target.user_id,
          organisationId: target.organisation_id,
          wasInvitation: target.status === 'invited',
        },
        audit: { reason: reason ?? null, self },
      });
      return this.view(em, actor, memberId);
    });
  }

  async invitations(userId: string): Promise<InvitationDto[]> {
    const rows = await this.ds.query(
      `${MEMBER_SELECT.replace('FROM memberships m', ', g.name AS group_name FROM memberships m JOIN groups g ON g.id = m.group_id')}
       WHERE m.user_id = $1 AND m.status = 'invited' ORDER BY m.invited_at DESC, m.id`,
      [userId],
    );
    return rows.map((r: PgRow) => ({ ...toMember(r, null, true), groupName: r.group_name }));
  }

  async answer(userId: string, membershipId: string, accept: boolean): Promise<MemberDto> {
    return this.ds.transaction(async (em) => {
      const [m] = await em.query(
        `SELECT id, group_id, organisation_id, role FROM memberships WHERE id = $1 AND user_id = $2 AND status = 'invited' FOR UPDATE`,
        [membershipId, userId],
      );
      if (!m) throw new NotFoundProblem('Invitation');
      await em.query(
        accept
          ? `UPDATE memberships SET status = 'active', joined_at = now(), updated_at = now() WHERE id = $1`
          : `UPDATE memberships SET status = 'declined', ended_at = now(), updated_at = now() WHERE id = $1`,
        [membershipId],
      );
      await em.query(
        `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE user_id = $1 AND dedupe_key = $2`,
        [userId, `invitation:${membershipId}`],
      );
      await this.changes.record(em, {
        groupId: m.group_id,
        type: accept ? 'member.joined' : 'member.declined',
        entityType: 'membership',
        entityId: membershipId,
        actorUserId: userId,
        data: { memberId: membershipId, userId, organisationId: m.organisation_id, role: m.role },
      });
      const [row] = await em.query(`${MEMBER_SELECT} WHERE m.id = $1`, [membershipId]);
      return toMember(row, null, true);
    });
  }

  private async view(em: EntityManager, actor: GroupActor, memberId: string): Promise<MemberDto> {
    const [row] = await em.query(`${MEMBER_SELECT} WHERE m.id = $1`, [memberId]);
    return toMember(row, actor);
  }

  private async lockMember(em: EntityManager, groupId: string, memberId: string) {
    const [m] = await em.query(`SELECT * FROM memberships WHERE id = $1 AND group_id = $2 FOR UPDATE`, [
      memberId,
      groupId,
    ]);
    if (!m) throw new NotFoundProblem('Member');
    return m;
  }

  private async assertAnotherFocalPoint(em: EntityManager, groupId: string, exceptId: string): Promise<void> {
    // Lock the focal points so two concurrent demotions cannot both pass.
    const rows = await em.query(
      `SELECT id FROM memberships WHERE group_id = $1 AND role = 'focal_point' AND status = 'active' AND id <> $2 FOR UPDATE`,
      [groupId, exceptId],
    );
    if (rows.length === 0)
      throw new ConflictProblem('A group needs at least one focal point; appoint another first');
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
export function toMember(r: any, viewer: GroupActor | null, self = false): MemberDto {
  const showEmail = self || (viewer !== null && (hasPower(viewer, 'manage') || viewer.userId === r.user_id));
  return {
    id: r.id,
    groupId: r.group_id,
    userId: r.user_id,
    email: showEmail ? r.email : null,
    displayName: r.display_name ?? null,
    organisation: { id: r.organisation_id, name: r.organisation_name, kind: r.organisation_kind },
    role: r.role,
    isContactPoint: r.is_contact_point,
    isCoChair: r.is_co_chair,
    status: r.status,
    invitedAt: new Date(r.invited_at).toISOString(),
    joinedAt: r.joined_at ? new Date(r.joined_at).toISOString() : null,
    endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
    endedReason: r.ended_reason ?? null,
  };
}
