import { Injectable } from '@nestjs/common';
import { ConflictProblem, LocalizedMessage } from '@roundtable/core';
import { EntityManager } from 'typeorm';
import { AffiliationRole, OrganisationAccessPolicy } from '../access/organisation-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { NotificationsService } from '../notifications/notifications.service';

export type AffiliationSource = 'creator' | 'invitation' | 'request' | 'domain' | 'membership' | 'migration';

export interface AffiliationRow {
  id: string;
  organisation_id: string;
  user_id: string | null;
  email: string;
  role: AffiliationRole;
  status: 'invited' | 'requested' | 'active' | 'declined' | 'rejected' | 'ended';
  source: AffiliationSource;
  invited_by: string | null;
}

// The writes every path to a confirmed affiliation shares (creating an organisation, accepting
// an invitation, approving a request, a listed domain, accepting a group invitation the
// organisation approved). Used by members and affiliations alike, so it depends on neither.
// After confirming one, callers promote the person's memberships that waited for it
// (MembersService.promotePending).
@Injectable()
export class AffiliationStore {
  constructor(
    private readonly orgs: OrganisationAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly notifications: NotificationsService,
  ) {}

  async lock(em: EntityManager, affiliationId: string): Promise<AffiliationRow | null> {
    const [row] = await em.query(`SELECT * FROM affiliations WHERE id = $1 FOR UPDATE`, [affiliationId]);
    return row ?? null;
  }

  // Creates a confirmed affiliation, or confirms the person's open invitation or request with the
  // organisation. `confirmedBy` is the admin whose decision it is (null for a listed domain).
  async confirm(
    em: EntityManager,
    c: {
      organisationId: string;
      userId: string;
      email: string;
      // Kept from an open invitation or request unless given; 'member' for a new one.
      role?: AffiliationRole;
      source: AffiliationSource;
      confirmedBy: string | null;
      actorUserId: string;
    },
  ): Promise<AffiliationRow> {
    const [open] = await em.query(
      `SELECT * FROM affiliations WHERE organisation_id = $1 AND lower(email) = lower($2)
         AND status IN ('invited','requested','active') FOR UPDATE`,
      [c.organisationId, c.email],
    );
    if (open?.status === 'active') return open;
    let row: AffiliationRow;
    if (open) {
      [[row]] = await em.query(
        `UPDATE affiliations SET status = 'active', user_id = $2, role = coalesce($3, role), confirmed_by = $4,
           confirmed_at = now(), updated_at = now() WHERE id = $1 RETURNING *`,
        [open.id, c.userId, c.role ?? null, c.confirmedBy],
      );
    } else {
      [row] = await em.query(
        `INSERT INTO affiliations (organisation_id, user_id, email, role, status, source, confirmed_by, confirmed_at)
         VALUES ($1, $2, $3, $4, 'active', $5, $6, now())
         ON CONFLICT (organisation_id, lower(email)) WHERE status IN ('invited','requested','active') DO NOTHING
         RETURNING *`,
        [c.organisationId, c.userId, c.email, c.role ?? 'member', c.source, c.confirmedBy],
      );
      if (!row) throw new ConflictProblem('The affiliation changed at the same time; try again');
    }
    await this.changes.audit(em, {
      actorUserId: c.actorUserId,
      action: 'affiliation.confirmed',
      entityType: 'affiliation',
      entityId: row.id,
      details: { organisationId: c.organisationId, userId: c.userId, role: row.role, source: row.source },
    });
    if (row.source !== 'creator') {
      await this.notifyAdmins(em, c.organisationId, [c.actorUserId, c.userId], {
        type: 'affiliation.confirmed',
        message: {
          title: 'notification.affiliation.confirmed.title',
          params: {
            name: await this.displayName(em, c.userId),
            organisation: await this.orgName(em, c.organisationId),
          },
        },
        entityId: row.id,
        data: { affiliationId: row.id, organisationId: c.organisationId, userId: c.userId, role: row.role },
        dedupeKey: `affiliation-confirmed:${row.id}`,
      });
    }
    return row;
  }

  // Admins of the organisation, except `except`, get an in-app notification (e-mail too when
  // SMTP_URL is set). Not tied to a group: an admin need not belong to the groups concerned.
  async notifyAdmins(
    em: EntityManager,
    organisationId: string,
    except: (string | null)[],
    n: {
      type: string;
      message: LocalizedMessage;
      entityId: string;
      data: Record<string, unknown>;
      dedupeKey: string;
    },
  ): Promise<void> {
    const admins = (await this.orgs.adminIds(organisationId, em)).filter((id) => !except.includes(id));
    await this.notifications.notify(em, { userIds: admins, groupId: null, ...n });
  }

  async orgName(em: EntityManager, organisationId: string): Promise<string> {
    const [row] = await em.query(`SELECT name FROM organisations WHERE id = $1`, [organisationId]);
    return row?.name ?? 'the organisation';
  }

  async displayName(em: EntityManager, userId: string | null, fallback = 'Someone'): Promise<string> {
    if (!userId) return fallback;
    const [row] = await em.query(`SELECT display_name FROM users WHERE id = $1`, [userId]);
    return row?.display_name ?? fallback;
  }
}
