import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
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
import { emailDomain, OrganisationAccessPolicy } from '../access/organisation-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { MailOutbox } from '../mail/mail-outbox';
import { affiliationInvitationMail } from '../mail/mail-templates';
import { MembersService } from '../members/members.service';
import { NotificationsService } from '../notifications/notifications.service';
import { AffiliationRow, AffiliationStore } from './affiliation-store';
import {
  AffiliationDto,
  AffiliationQuery,
  ApproveAffiliationDto,
  InviteAffiliationDto,
  OrganisationMembershipDto,
  OrganisationMembershipQuery,
  RequestAffiliationDto,
  UpdateAffiliationDto,
} from './dto/affiliation.dto';

const AFFILIATION_SELECT = `
  SELECT a.id, a.organisation_id, o.name AS organisation_name, o.kind AS organisation_kind,
         o.verified AS organisation_verified, a.user_id, a.email, u.display_name,
         (u.email_verified_at IS NOT NULL) AS email_verified, a.role, a.status, a.source, a.message, a.created_at,
         a.confirmed_at, a.ended_at, a.ended_reason
  FROM affiliations a JOIN organisations o ON o.id = a.organisation_id LEFT JOIN users u ON u.id = a.user_id`;

// A person's open memberships in the organisation's name, for its admins.
const AFFILIATION_MEMBERSHIPS = `
  coalesce((SELECT json_agg(json_build_object('membershipId', m.id, 'groupId', m.group_id, 'groupName', g.name,
              'role', m.role, 'status', m.status,
              'isCoChair', EXISTS (SELECT 1 FROM co_chair_terms t WHERE t.membership_id = m.id AND t.ended_at IS NULL))
            ORDER BY lower(g.name), m.id)
          FROM memberships m JOIN groups g ON g.id = m.group_id
          WHERE m.organisation_id = a.organisation_id AND m.status IN ('pending_organisation','invited','active')
            AND (m.affiliation_id = a.id OR m.user_id = a.user_id OR lower(m.email) = lower(a.email))), '[]') AS memberships`;

const OPEN = ['invited', 'requested', 'active'];

// Who speaks for an organisation (docs/organisations.md): its admins invite people, approve or
// reject requests, change roles and end affiliations — and with an affiliation every group
// membership held through it. An organisation always keeps at least one admin.
@Injectable()
export class AffiliationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrganisationAccessPolicy,
    private readonly store: AffiliationStore,
    private readonly members: MembersService,
    private readonly changes: ChangeRecorder,
    private readonly notifications: NotificationsService,
    private readonly mail: MailOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async listForOrganisation(
    userId: string,
    organisationId: string,
    q: AffiliationQuery,
  ): Promise<Page<AffiliationDto>> {
    await this.orgs.requireAdmin(userId, organisationId);
    return this.page(q, `a.organisation_id = $2`, organisationId, true);
  }

  async listMine(userId: string, q: AffiliationQuery): Promise<Page<AffiliationDto>> {
    return this.page(q, `a.user_id = $2`, userId, false);
  }

  async invite(adminId: string, organisationId: string, dto: InviteAffiliationDto): Promise<AffiliationDto> {
    return this.ds.transaction(async (em) => {
      const org = await this.orgs.requireAdmin(adminId, organisationId, em);
      await this.assertNoOpen(em, organisationId, dto.email, {
        active: 'This person already speaks for the organisation',
        invited: 'This person already has an invitation from the organisation',
        requested: 'This person has asked to join: approve their request instead',
      });
      const [user] = await em.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [dto.email]);
      const [row] = await em.query(
        `INSERT INTO affiliations (organisation_id, user_id, email, role, status, source, invited_by)
         VALUES ($1, $2, $3, $4, 'invited', 'invitation', $5)
         ON CONFLICT (organisation_id, lower(email)) WHERE status IN ('invited','requested','active') DO NOTHING
         RETURNING id`,
        [organisationId, user?.id ?? null, dto.email, dto.role, adminId],
      );
      if (!row)
        throw new ConflictProblem('This person already has an open affiliation with the organisation');
      await this.changes.audit(em, {
        actorUserId: adminId,
        action: 'affiliation.invited',
        entityType: 'affiliation',
        entityId: row.id,
        details: { organisationId, email: dto.email, role: dto.role },
      });
      const inviter = await this.store.displayName(em, adminId);
      if (user) {
        await this.notifications.notify(em, {
          userIds: [user.id],
          type: 'affiliation.invited',
          entityId: row.id,
          message: {
            title: 'notification.affiliation.invited.title',
            params: { inviter, organisation: org.name },
          },
          data: { affiliationId: row.id, organisationId, role: dto.role },
          dedupeKey: `affiliation-invitation:${row.id}`,
        });
      } else {
        // No account, so no locale of their own: the inviting admin's.
        const [{ locale }] = await em.query(`SELECT locale FROM users WHERE id = $1`, [adminId]);
        await this.mail.enqueue(em, {
          to: dto.email,
          ...affiliationInvitationMail(locale ?? 'en', this.config.publicUrl, org.name, inviter, dto.role),
          dedupeKey: `affiliation-invitation:${row.id}`,
        });
      }
      return this.view(em, row.id, true);
    });
  }

  // Anyone may ask to speak for an organisation; its admins decide. When the organisation lists
  // the domain of the caller's verified e-mail address, the request is granted at once.
  async request(userId: string, organisationId: string, dto: RequestAffiliationDto): Promise<AffiliationDto> {
    return this.ds.transaction(async (em) => {
      const org = await this.orgs.organisation(organisationId, em);
      if (!org) throw new NotFoundProblem('Organisation');
      const [user] = await em.query(
        `SELECT email, email_verified_at, display_name FROM users WHERE id = $1`,
        [userId],
      );
      await this.assertNoOpen(em, organisationId, user.email, {
        active: 'You already speak for this organisation',
        invited: 'The organisation has invited you: accept the invitation under /me/affiliations',
        requested: 'You have already asked to join this organisation',
      });
      const [listed] = user.email_verified_at
        ? await em.query(`SELECT 1 FROM organisation_domains WHERE organisation_id = $1 AND domain = $2`, [
            organisationId,
            emailDomain(user.email),
          ])
        : [];
      if (listed) {
        const row = await this.store.confirm(em, {
          organisationId,
          userId,
          email: user.email,
          source: 'domain',
          confirmedBy: null,
          actorUserId: userId,
        });
        await this.afterConfirm(em, row, userId);
        return this.view(em, row.id, true);
      }
      const [row] = await em.query(
        `INSERT INTO affiliations (organisation_id, user_id, email, role, status, source, message)
         VALUES ($1, $2, $3, 'member', 'requested', 'request', $4)
         ON CONFLICT (organisation_id, lower(email)) WHERE status IN ('invited','requested','active') DO NOTHING
         RETURNING id`,
        [organisationId, userId, user.email, dto.message ?? null],
      );
      if (!row) throw new ConflictProblem('You already have an open affiliation with this organisation');
      await this.changes.audit(em, {
        actorUserId: userId,
        action: 'affiliation.requested',
        entityType: 'affiliation',
        entityId: row.id,
        details: { organisationId },
      });
      await this.store.notifyAdmins(em, organisationId, [userId], {
        type: 'affiliation.requested',
        message: {
          title: 'notification.affiliation.requested.title',
          params: { name: user.display_name, email: user.email, organisation: org.name },
        },
        entityId: row.id,
        data: { affiliationId: row.id, organisationId, userId },
        dedupeKey: `affiliation-requested:${row.id}`,
      });
      return this.view(em, row.id, true);
    });
  }

  async approve(adminId: string, affiliationId: string, dto: ApproveAffiliationDto): Promise<AffiliationDto> {
    return this.ds.transaction(async (em) => {
      const a = await this.lockForAdmin(em, adminId, affiliationId);
      if (a.status !== 'requested') throw new ConflictProblem('Only a pending request can be approved');
      const row = await this.store.confirm(em, {
        organisationId: a.organisation_id,
        userId: a.user_id!,
        email: a.email,
        role: dto.role ?? 'member',
        source: 'request',
        confirmedBy: adminId,
        actorUserId: adminId,
      });
      await this.notifications.notify(em, {
        userIds: [a.user_id!],
        type: 'affiliation.approved',
        entityId: a.id,
        message: {
          title: 'notification.affiliation.approved.title',
          params: { organisation: await this.store.orgName(em, a.organisation_id) },
        },
        data: { affiliationId: a.id, organisationId: a.organisation_id, role: row.role },
        dedupeKey: `affiliation-approved:${a.id}`,
      });
      await this.afterConfirm(em, row, adminId);
      return this.view(em, a.id, true);
    });
  }

  async reject(adminId: string, affiliationId: string, reason?: string): Promise<AffiliationDto> {
    return this.ds.transaction(async (em) => {
      const a = await this.lockForAdmin(em, adminId, affiliationId);
      if (a.status !== 'requested') throw new ConflictProblem('Only a pending request can be rejected');
      await em.query(
        `UPDATE affiliations SET status = 'rejected', ended_by = $2, ended_at = now(), ended_reason = $3, updated_at = now()
         WHERE id = $1`,
        [a.id, adminId, reason ?? null],
      );
      await this.changes.audit(em, {
        actorUserId: adminId,
        action: 'affiliation.rejected',
        entityType: 'affiliation',
        entityId: a.id,
        details: { organisationId: a.organisation_id },
      });
      return this.view(em, a.id, true);
    });
  }

  // The invitee answers an organisation's invitation. Accepting needs a verified e-mail address:
  // the invitation was addressed to it, and whoever registered it has not proved they own it.
  async answer(userId: string, affiliationId: string, accept: boolean): Promise<AffiliationDto> {
    return this.ds.transaction(async (em) => {
      const a = await this.store.lock(em, affiliationId);
      if (!a || a.user_id !== userId || a.status !== 'invited') throw new NotFoundProblem('Invitation');
      if (accept) {
        const [user] = await em.query(`SELECT email_verified_at FROM users WHERE id = $1`, [userId]);
        if (!user.email_verified_at)
          throw new ForbiddenProblem(
            'Verify your e-mail address first (POST /me/email-verification): the invitation was sent to it',
          );
        const row = await this.store.confirm(em, {
          organisationId: a.organisation_id,
          userId,
          email: a.email,
          source: 'invitation',
          confirmedBy: a.invited_by,
          actorUserId: userId,
        });
        await this.afterConfirm(em, row, userId);
      } else {
        await em.query(
          `UPDATE affiliations SET status = 'declined', ended_at = now(), updated_at = now() WHERE id = $1`,
          [a.id],
        );
        await this.changes.audit(em, {
          actorUserId: userId,
          action: 'affiliation.declined',
          entityType: 'affiliation',
          entityId: a.id,
          details: { organisationId: a.organisation_id },
        });
      }
      await em.query(
        `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE user_id = $1 AND dedupe_key = $2`,
        [userId, `affiliation-invitation:${a.id}`],
      );
      return this.view(em, a.id, true);
    });
  }

  async changeRole(
    adminId: string,
    affiliationId: string,
    dto: UpdateAffiliationDto,
  ): Promise<AffiliationDto> {
    return this.ds.transaction(async (em) => {
      const a = await this.lockForAdmin(em, adminId, affiliationId);
      if (!OPEN.includes(a.status)) throw new ConflictProblem('This affiliation has ended');
      if (a.role === dto.role) return this.view(em, a.id, true);
      if (a.status === 'active' && a.role === 'admin') await this.assertAnotherAdmin(em, a);
      await em.query(`UPDATE affiliations SET role = $2, updated_at = now() WHERE id = $1`, [a.id, dto.role]);
      await this.changes.audit(em, {
        actorUserId: adminId,
        action: 'affiliation.updated',
        entityType: 'affiliation',
        entityId: a.id,
        details: { organisationId: a.organisation_id, before: { role: a.role }, after: { role: dto.role } },
      });
      return this.view(em, a.id, true);
    });
  }

  // Ends an affiliation (an admin, or the person leaving), or withdraws an invitation or request.
  // Ending a confirmed one ends, in the same transaction, every group membership the person
  // holds in the organisation's name: member.left events, co-chair terms end.
  async end(userId: string, affiliationId: string, reason?: string): Promise<AffiliationDto> {
    return this.ds.transaction(async (em) => {
      const a = await this.store.lock(em, affiliationId);
      if (!a) throw new NotFoundProblem('Affiliation');
      const admin = await this.orgs.isAdmin(userId, a.organisation_id, em);
      if (!admin && a.user_id !== userId) throw new NotFoundProblem('Affiliation');
      if (!OPEN.includes(a.status)) throw new ConflictProblem('This affiliation has already ended');
      if (a.status === 'active' && a.role === 'admin') await this.assertAnotherAdmin(em, a);
      const why = reason ?? (a.user_id === userId ? 'left the organisation' : null);
      await em.query(
        `UPDATE affiliations SET status = 'ended', ended_by = $2, ended_at = now(), ended_reason = $3, updated_at = now()
         WHERE id = $1`,
        [a.id, userId, why],
      );
      const ended =
        a.status === 'active'
          ? await this.members.endForAffiliation(
              em,
              { organisationId: a.organisation_id, userId: a.user_id, email: a.email, affiliationId: a.id },
              userId,
              `no longer speaks for ${await this.store.orgName(em, a.organisation_id)}`,
            )
          : 0;
      await this.changes.audit(em, {
        actorUserId: userId,
        action: 'affiliation.ended',
        entityType: 'affiliation',
        entityId: a.id,
        details: {
          organisationId: a.organisation_id,
          status: a.status,
          membershipsEnded: ended,
          reason: why,
        },
      });
      return this.view(em, a.id, true);
    });
  }

  async listMemberships(
    userId: string,
    organisationId: string,
    q: OrganisationMembershipQuery,
  ): Promise<Page<OrganisationMembershipDto>> {
    await this.orgs.requireAdmin(userId, organisationId);
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 3);
    const params: unknown[] = [organisationId, limit + 1];
    const where = [`m.organisation_id = $1`];
    const status = q.status ?? 'open';
    if (status === 'open') where.push(`m.status IN ('pending_organisation','invited','active')`);
    else if (status !== 'all') {
      params.push(status);
      where.push(`m.status = $${params.length}`);
    }
    if (cursor) {
      if (!isUuid(cursor[2])) throw badCursor();
      params.push(cursor[0], cursor[1], cursor[2]);
      const n = params.length;
      where.push(`(lower(g.name), lower(m.email), m.id) > ($${n - 2}, $${n - 1}, $${n}::uuid)`);
    }
    const rows = await this.ds.query(
      `SELECT m.id, m.group_id, g.name AS group_name, m.user_id, m.email, u.display_name, m.role, m.status,
              m.affiliation_id, m.invited_by, m.invited_at, m.joined_at,
              EXISTS (SELECT 1 FROM co_chair_terms t WHERE t.membership_id = m.id AND t.ended_at IS NULL) AS is_co_chair
       FROM memberships m JOIN groups g ON g.id = m.group_id LEFT JOIN users u ON u.id = m.user_id
       WHERE ${where.join(' AND ')} ORDER BY lower(g.name), lower(m.email), m.id LIMIT $2`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r: PgRow) => [String(r.group_name).toLowerCase(), String(r.email).toLowerCase(), r.id],
      (r: PgRow) => ({
        id: r.id,
        groupId: r.group_id,
        groupName: r.group_name,
        userId: r.user_id,
        email: r.email,
        displayName: r.display_name ?? null,
        role: r.role,
        status: r.status,
        isCoChair: r.is_co_chair,
        affiliationId: r.affiliation_id,
        invitedBy: r.invited_by,
        invitedAt: new Date(r.invited_at).toISOString(),
        joinedAt: r.joined_at ? new Date(r.joined_at).toISOString() : null,
      }),
    );
  }

  private async afterConfirm(em: EntityManager, row: AffiliationRow, actorUserId: string): Promise<void> {
    await this.members.promotePending(em, {
      organisationId: row.organisation_id,
      userId: row.user_id!,
      email: row.email,
      affiliationId: row.id,
      actorUserId,
    });
  }

  private async page(
    q: AffiliationQuery,
    scope: string,
    scopeId: string,
    withMemberships: boolean,
  ): Promise<Page<AffiliationDto>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 3);
    const params: unknown[] = [limit + 1, scopeId];
    const where = [scope];
    const status = q.status ?? 'open';
    if (status === 'open') where.push(`a.status IN ('invited','requested','active')`);
    else if (status !== 'all') {
      params.push(status);
      where.push(`a.status = $${params.length}`);
    }
    if (cursor) {
      if (!isUuid(cursor[2])) throw badCursor();
      params.push(cursor[0], cursor[1], cursor[2]);
      const n = params.length;
      where.push(`(lower(o.name), lower(a.email), a.id) > ($${n - 2}, $${n - 1}, $${n}::uuid)`);
    }
    const rows = await this.ds.query(
      `${AFFILIATION_SELECT.replace('FROM affiliations a', `${withMemberships ? `, ${AFFILIATION_MEMBERSHIPS}` : ''} FROM affiliations a`)}
       WHERE ${where.join(' AND ')} ORDER BY lower(o.name), lower(a.email), a.id LIMIT $1`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r: PgRow) => [String(r.organisation_name).toLowerCase(), String(r.email).toLowerCase(), r.id],
      toAffiliation,
    );
  }

  private async view(
    em: EntityManager,
    affiliationId: string,
    withMemberships: boolean,
  ): Promise<AffiliationDto> {
    const [row] = await em.query(
      `${AFFILIATION_SELECT.replace('FROM affiliations a', `${withMemberships ? `, ${AFFILIATION_MEMBERSHIPS}` : ''} FROM affiliations a`)}
       WHERE a.id = $1`,
      [affiliationId],
    );
    return toAffiliation(row);
  }

  private async lockForAdmin(
    em: EntityManager,
    adminId: string,
    affiliationId: string,
  ): Promise<AffiliationRow> {
    const a = await this.store.lock(em, affiliationId);
    if (!a) throw new NotFoundProblem('Affiliation');
    if (!(await this.orgs.isAdmin(adminId, a.organisation_id, em))) {
      // The person concerned may see their own affiliation but not decide on it.
      if (a.user_id === adminId) throw new ForbiddenProblem('Only an admin of this organisation may do this');
      throw new NotFoundProblem('Affiliation');
    }
    return a;
  }

  private async assertNoOpen(
    em: EntityManager,
    organisationId: string,
    email: string,
    messages: Record<'active' | 'invited' | 'requested', string>,
  ): Promise<void> {
    const [open] = await em.query(
      `SELECT status FROM affiliations WHERE organisation_id = $1 AND lower(email) = lower($2)
         AND status IN ('invited','requested','active')`,
      [organisationId, email],
    );
    if (open) throw new ConflictProblem(messages[open.status as 'active' | 'invited' | 'requested']);
  }

  // Never leave an organisation without an admin. The admins' rows are locked so two admins
  // stepping down at the same time cannot both pass.
  private async assertAnotherAdmin(em: EntityManager, a: AffiliationRow): Promise<void> {
    const others = await em.query(
      `SELECT id FROM affiliations WHERE organisation_id = $1 AND status = 'active' AND role = 'admin' AND id <> $2
       FOR UPDATE`,
      [a.organisation_id, a.id],
    );
    if (others.length === 0)
      throw new ConflictProblem('An organisation needs at least one admin; make someone else an admin first');
  }
}

function badCursor(): BadRequestProblem {
  return new BadRequestProblem('cursor: invalid cursor', [{ field: 'cursor', message: 'invalid cursor' }]);
}

export function toAffiliation(r: PgRow): AffiliationDto {
  return {
    id: r.id,
    organisation: {
      id: r.organisation_id,
      name: r.organisation_name,
      kind: r.organisation_kind,
      verified: r.organisation_verified,
    },
    userId: r.user_id,
    email: r.email,
    displayName: r.display_name ?? null,
    emailVerified: Boolean(r.email_verified),
    role: r.role,
    status: r.status,
    source: r.source,
    message: r.message ?? null,
    createdAt: new Date(r.created_at).toISOString(),
    confirmedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
    endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
    endedReason: r.ended_reason ?? null,
    ...(r.memberships !== undefined ? { memberships: r.memberships } : {}),
  };
}
