import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  BadRequestProblem,
  ConflictProblem,
  decodeCursor,
  ForbiddenProblem,
  groupLocale,
  NotFoundProblem,
  Page,
  pageLimit,
  PageQuery,
  toPage,
  PgRow,
} from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy, GroupActor, hasPower } from '../access/group-access.policy';
import { OrganisationAccessPolicy } from '../access/organisation-access.policy';
import { AffiliationStore } from '../affiliations/affiliation-store';
import { ChangeRecorder } from '../events/change-recorder';
import { MailOutbox } from '../mail/mail-outbox';
import { groupInvitationMail } from '../mail/mail-templates';
import { NotificationsService } from '../notifications/notifications.service';
import { InvitationDto, InviteMemberDto, MemberDto, MemberQuery, UpdateMemberDto } from './dto/member.dto';

export const MEMBER_SELECT = `
  SELECT m.id, m.group_id, m.user_id, m.email, u.display_name, m.organisation_id, o.name AS organisation_name,
         o.kind AS organisation_kind, o.verified AS organisation_verified, m.role, m.is_contact_point, m.status,
         m.invited_at, m.joined_at, m.ended_at, m.ended_reason,
         EXISTS (SELECT 1 FROM co_chair_terms t WHERE t.membership_id = m.id AND t.ended_at IS NULL) AS is_co_chair
  FROM memberships m
  JOIN organisations o ON o.id = m.organisation_id
  LEFT JOIN users u ON u.id = m.user_id`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
type MembershipRow = Record<string, any>;

@Injectable()
export class MembersService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly orgs: OrganisationAccessPolicy,
    private readonly affiliations: AffiliationStore,
    private readonly changes: ChangeRecorder,
    private readonly notifications: NotificationsService,
    private readonly mail: MailOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // An invitation "as" an organisation the invitee speaks for is an ordinary invitation; one
  // the inviter may approve for that organisation (they are its admin) too. Otherwise it waits,
  // as pending_organisation, for an admin of the organisation.
  async invite(userId: string, groupId: string, dto: InviteMemberDto): Promise<MemberDto> {
    return this.ds.transaction(async (em) => {
      const actor = await this.access.require(userId, groupId, 'manage', em);
      const org = await this.orgs.organisation(dto.organisationId, em);
      if (!org)
        throw new BadRequestProblem('organisationId: no such organisation', [
          { field: 'organisationId', message: 'no such organisation' },
        ]);
      const [invitee] = await em.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [dto.email]);
      const affiliation = invitee ? await this.orgs.confirmedAffiliation(invitee.id, org.id, em) : null;
      const approvedByInviter = !affiliation && (await this.orgs.isAdmin(userId, org.id, em));
      const status = affiliation || approvedByInviter ? 'invited' : 'pending_organisation';
      const [row] = await em.query(
        `INSERT INTO memberships (group_id, user_id, email, organisation_id, role, is_contact_point, status, invited_by,
           affiliation_id, organisation_approved_by, organisation_approved_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $10::uuid IS NOT NULL THEN now() END)
         ON CONFLICT (group_id, lower(email)) WHERE status IN ('pending_organisation','invited','active') DO NOTHING
         RETURNING id, user_id`,
        [
          groupId,
          invitee?.id ?? null,
          dto.email,
          org.id,
          dto.role,
          dto.isContactPoint ?? false,
          status,
          userId,
          affiliation?.id ?? null,
          approvedByInviter ? userId : null,
        ],
      );
      if (!row)
        throw new ConflictProblem('This person is already a member of the group or has a pending invitation');
      await this.changes.record(em, {
        groupId,
        type: 'member.invited',
        entityType: 'membership',
        entityId: row.id,
        actorUserId: userId,
        data: { memberId: row.id, organisationId: org.id, role: dto.role, status },
        audit: { email: dto.email, organisationId: org.id, role: dto.role, status },
      });
      if (status === 'invited') await this.deliverInvitation(em, row.id);
      else await this.askOrganisation(em, row.id, userId);
      return this.view(em, actor, row.id);
    });
  }

  // The invitee hears of an invitation once it is one (never while it waits for the
  // organisation): in-app when they have an account, by e-mail otherwise. Also called when the
  // invitee registers.
  async deliverInvitation(em: EntityManager, membershipId: string): Promise<void> {
    const [m] = await em.query(
      `SELECT m.user_id, m.email, m.group_id, g.name, g.languages, o.name AS organisation_name
       FROM memberships m JOIN groups g ON g.id = m.group_id JOIN organisations o ON o.id = m.organisation_id
       WHERE m.id = $1 AND m.status = 'invited'`,
      [membershipId],
    );
    if (!m) return;
    if (m.user_id) {
      await this.notifications.notify(em, {
        userIds: [m.user_id],
        type: 'member.invited',
        groupId: m.group_id,
        entityId: membershipId,
        message: { title: 'notification.member.invited.title', params: { group: m.name } },
        dedupeKey: `invitation:${membershipId}`,
      });
    } else {
      await this.mail.enqueue(em, {
        to: m.email,
        // No account, so no locale of their own: the group's first language.
        ...groupInvitationMail(groupLocale(m.languages), this.config.publicUrl, m.name, m.organisation_name),
        dedupeKey: `group-invitation:${membershipId}`,
      });
    }
  }

  private async askOrganisation(em: EntityManager, membershipId: string, inviterId: string): Promise<void> {
    const [m] = await em.query(
      `SELECT m.organisation_id, m.email, g.name AS group_name, o.name AS organisation_name
       FROM memberships m JOIN groups g ON g.id = m.group_id JOIN organisations o ON o.id = m.organisation_id
       WHERE m.id = $1`,
      [membershipId],
    );
    await this.affiliations.notifyAdmins(em, m.organisation_id, [inviterId], {
      type: 'membership.approval_requested',
      message: {
        title: 'notification.membership.approval_requested.title',
        params: { email: m.email, group: m.group_name, organisation: m.organisation_name },
      },
      entityId: membershipId,
      data: { membershipId, organisationId: m.organisation_id },
      dedupeKey: `membership-approval:${membershipId}`,
    });
  }

  // An admin of the organisation approves a pending membership: it becomes an invitation the
  // invitee may accept (accepting it confirms their affiliation, see answer()).
  async approveForOrganisation(
    adminId: string,
    organisationId: string,
    membershipId: string,
  ): Promise<MemberDto> {
    return this.ds.transaction(async (em) => {
      await this.orgs.requireAdmin(adminId, organisationId, em);
      const m = await this.lockInOrganisation(em, organisationId, membershipId);
      if (m.status !== 'pending_organisation')
        throw new ConflictProblem('This membership does not wait for the organisation');
      const affiliation = m.user_id
        ? await this.orgs.confirmedAffiliation(m.user_id, organisationId, em)
        : null;
      await em.query(
        `UPDATE memberships SET status = 'invited', affiliation_id = $2, organisation_approved_by = $3,
           organisation_approved_at = now(), updated_at = now() WHERE id = $1`,
        [membershipId, affiliation?.id ?? null, adminId],
      );
      await this.changes.record(em, {
        groupId: m.group_id,
        type: 'member.approved',
        entityType: 'membership',
        entityId: membershipId,
        actorUserId: adminId,
        data: { memberId: membershipId, organisationId },
      });
      await this.deliverInvitation(em, membershipId);
      return this.viewRow(em, membershipId);
    });
  }

  async rejectForOrganisation(
    adminId: string,
    organisationId: string,
    membershipId: string,
    reason?: string,
  ): Promise<MemberDto> {
    return this.ds.transaction(async (em) => {
      await this.orgs.requireAdmin(adminId, organisationId, em);
      const m = await this.lockInOrganisation(em, organisationId, membershipId);
      if (m.status !== 'pending_organisation')
        throw new ConflictProblem('This membership does not wait for the organisation');
      await this.endLocked(em, m, adminId, reason ?? 'not approved by the organisation', {});
      return this.viewRow(em, membershipId);
    });
  }

  // Once a person speaks for an organisation, the memberships that waited for it become
  // invitations (archived groups are read-only: theirs keep waiting).
  async promotePending(
    em: EntityManager,
    a: { organisationId: string; userId: string; email: string; affiliationId: string; actorUserId: string },
  ): Promise<void> {
    const [rows] = await em.query(
      `UPDATE memberships m SET status = 'invited', affiliation_id = $4, user_id = $2, updated_at = now()
       FROM groups g
       WHERE g.id = m.group_id AND g.archived_at IS NULL AND m.organisation_id = $1 AND m.status = 'pending_organisation'
         AND (m.user_id = $2 OR lower(m.email) = lower($3))
       RETURNING m.id, m.group_id`,
      [a.organisationId, a.userId, a.email, a.affiliationId],
    );
    for (const m of rows as { id: string; group_id: string }[]) {
      await this.changes.record(em, {
        groupId: m.group_id,
        type: 'member.approved',
        entityType: 'membership',
        entityId: m.id,
        actorUserId: a.actorUserId,
        data: { memberId: m.id, organisationId: a.organisationId },
        audit: { via: 'affiliation', affiliationId: a.affiliationId },
      });
      await this.deliverInvitation(em, m.id);
    }
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
      await this.endLocked(em, target, userId, reason ?? (self ? 'left the group' : null), { self });
      return this.view(em, actor, memberId);
    });
  }

  // Ends every open membership a person holds in an organisation's name, when the organisation
  // (or the person) ends their affiliation. Runs in archived groups too, and even for a group's
  // last focal point: who speaks for an organisation is the organisation's decision.
  async endForAffiliation(
    em: EntityManager,
    a: { organisationId: string; userId: string | null; email: string; affiliationId: string },
    actorUserId: string,
    reason: string,
  ): Promise<number> {
    const rows: MembershipRow[] = await em.query(
      `SELECT * FROM memberships
       WHERE organisation_id = $1 AND status IN ('pending_organisation','invited','active')
         AND (affiliation_id = $2 OR user_id = $3 OR lower(email) = lower($4))
       ORDER BY group_id, id FOR UPDATE`,
      [a.organisationId, a.affiliationId, a.userId, a.email],
    );
    for (const m of rows) await this.endLocked(em, m, actorUserId, reason, { evenIfArchived: true });
    return rows.length;
  }

  // The shared end of a membership: its row, its co-chair terms and the member.left event.
  private async endLocked(
    em: EntityManager,
    target: MembershipRow,
    actorUserId: string,
    reason: string | null,
    opts: { self?: boolean; evenIfArchived?: boolean },
  ): Promise<void> {
    await em.query(
      `UPDATE memberships SET status = 'ended', ended_at = now(), ended_reason = $2, is_contact_point = false, updated_at = now() WHERE id = $1`,
      [target.id, reason],
    );
    // A co-chair term cannot outlive the membership it is held through.
    const terms = await em.query(
      `UPDATE co_chair_terms SET ended_at = now(), end_reason = 'membership ended', ended_by = $2
       WHERE membership_id = $1 AND ended_at IS NULL RETURNING id, constituency`,
      [target.id, actorUserId],
    );
    for (const t of terms[0] ?? []) {
      await this.changes.record(em, {
        groupId: target.group_id,
        type: 'cochair.ended',
        entityType: 'co_chair_term',
        entityId: t.id,
        actorUserId,
        data: { termId: t.id, memberId: target.id, constituency: t.constituency, reason: 'membership ended' },
        evenIfArchived: opts.evenIfArchived,
      });
    }
    await this.changes.record(em, {
      groupId: target.group_id,
      type: 'member.left',
      entityType: 'membership',
      entityId: target.id,
      actorUserId,
      data: {
        memberId: target.id,
        userId: target.user_id,
        organisationId: target.organisation_id,
        wasInvitation: target.status !== 'active',
      },
      audit: { reason, self: opts.self ?? false },
      evenIfArchived: opts.evenIfArchived,
    });
  }

  async invitations(userId: string, q: PageQuery): Promise<Page<InvitationDto>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2);
    const params: unknown[] = [userId, limit + 1];
    let keyset = '';
    if (cursor) {
      if (typeof cursor[0] !== 'string' || Number.isNaN(Date.parse(cursor[0])))
        throw new BadRequestProblem('cursor: invalid cursor', [
          { field: 'cursor', message: 'invalid cursor' },
        ]);
      params.push(cursor[0], cursor[1]);
      keyset = `AND (m.invited_at, m.id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows = await this.ds.query(
      `${MEMBER_SELECT.replace('FROM memberships m', ', g.name AS group_name, to_char(m.invited_at AT TIME ZONE \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.US"Z"\') AS invited_key FROM memberships m JOIN groups g ON g.id = m.group_id')}
       WHERE m.user_id = $1 AND m.status = 'invited' ${keyset} ORDER BY m.invited_at DESC, m.id DESC LIMIT $2`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r: PgRow) => [r.invited_key, r.id],
      (r: PgRow) => ({ ...toMember(r, null, true), groupName: r.group_name }),
    );
  }

  async answer(userId: string, membershipId: string, accept: boolean): Promise<MemberDto> {
    return this.ds.transaction(async (em) => {
      const [m] = await em.query(
        `SELECT * FROM memberships WHERE id = $1 AND user_id = $2 AND status = 'invited' FOR UPDATE`,
        [membershipId, userId],
      );
      if (!m) throw new NotFoundProblem('Invitation');
      if (accept) {
        const affiliationId = await this.affiliationToAccept(em, m, userId);
        await em.query(
          `UPDATE memberships SET status = 'active', affiliation_id = $2, joined_at = now(), updated_at = now() WHERE id = $1`,
          [membershipId, affiliationId],
        );
      } else {
        await em.query(
          `UPDATE memberships SET status = 'declined', ended_at = now(), updated_at = now() WHERE id = $1`,
          [membershipId],
        );
      }
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
      if (accept) await this.notifyJoined(em, membershipId, [userId]);
      return this.viewRow(em, membershipId);
    });
  }

  // The organisation's admins hear of every member joining a group in its name.
  async notifyJoined(em: EntityManager, membershipId: string, except: string[]): Promise<void> {
    const [m] = await em.query(
      `SELECT m.organisation_id, m.group_id, g.name AS group_name, o.name AS organisation_name,
              coalesce(u.display_name, m.email) AS who
       FROM memberships m JOIN groups g ON g.id = m.group_id JOIN organisations o ON o.id = m.organisation_id
       LEFT JOIN users u ON u.id = m.user_id WHERE m.id = $1`,
      [membershipId],
    );
    await this.affiliations.notifyAdmins(em, m.organisation_id, except, {
      type: 'membership.joined',
      message: {
        title: 'notification.membership.joined.title',
        params: { name: m.who, group: m.group_name, organisation: m.organisation_name },
      },
      entityId: membershipId,
      data: { membershipId, groupId: m.group_id, organisationId: m.organisation_id },
      dedupeKey: `membership-joined:${membershipId}`,
    });
  }

  // The affiliation an accepted invitation is held through. An invitation the organisation
  // approved by address (not through an affiliation) confirms one now — only for an account that
  // has proved the address, so registering someone else's address grants nothing.
  private async affiliationToAccept(em: EntityManager, m: MembershipRow, userId: string): Promise<string> {
    if (m.affiliation_id) {
      const [a] = await em.query(`SELECT status FROM affiliations WHERE id = $1 FOR SHARE`, [
        m.affiliation_id,
      ]);
      if (a?.status === 'active') return m.affiliation_id;
    }
    const existing = await this.orgs.confirmedAffiliation(userId, m.organisation_id, em);
    if (existing) return existing.id;
    if (!m.organisation_approved_at)
      throw new ConflictProblem('You no longer speak for this organisation; ask it to confirm you again');
    const [user] = await em.query(`SELECT email, email_verified_at FROM users WHERE id = $1`, [userId]);
    if (!user.email_verified_at)
      throw new ForbiddenProblem(
        'Verify your e-mail address first (POST /me/email-verification): accepting makes you a representative of the organisation',
      );
    const affiliation = await this.affiliations.confirm(em, {
      organisationId: m.organisation_id,
      userId,
      email: user.email,
      source: 'membership',
      confirmedBy: m.organisation_approved_by,
      actorUserId: userId,
    });
    await this.promotePending(em, {
      organisationId: m.organisation_id,
      userId,
      email: user.email,
      affiliationId: affiliation.id,
      actorUserId: userId,
    });
    return affiliation.id;
  }

  private async view(em: EntityManager, actor: GroupActor, memberId: string): Promise<MemberDto> {
    const [row] = await em.query(`${MEMBER_SELECT} WHERE m.id = $1`, [memberId]);
    return toMember(row, actor);
  }

  // For the invitee or an organisation admin (who see the e-mail).
  private async viewRow(em: EntityManager, memberId: string): Promise<MemberDto> {
    const [row] = await em.query(`${MEMBER_SELECT} WHERE m.id = $1`, [memberId]);
    return toMember(row, null, true);
  }

  private async lockMember(em: EntityManager, groupId: string, memberId: string): Promise<MembershipRow> {
    const [m] = await em.query(`SELECT * FROM memberships WHERE id = $1 AND group_id = $2 FOR UPDATE`, [
      memberId,
      groupId,
    ]);
    if (!m) throw new NotFoundProblem('Member');
    return m;
  }

  private async lockInOrganisation(
    em: EntityManager,
    organisationId: string,
    membershipId: string,
  ): Promise<MembershipRow> {
    const [m] = await em.query(
      `SELECT * FROM memberships WHERE id = $1 AND organisation_id = $2 FOR UPDATE`,
      [membershipId, organisationId],
    );
    if (!m) throw new NotFoundProblem('Membership');
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
    organisation: {
      id: r.organisation_id,
      name: r.organisation_name,
      kind: r.organisation_kind,
      verified: r.organisation_verified,
    },
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
