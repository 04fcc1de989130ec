import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ForbiddenProblem, NotFoundProblem } from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import type { OrganisationKind } from '../organisations/organisation.entity';

export type AffiliationRole = 'admin' | 'member';

export interface OrganisationFacts {
  id: string;
  name: string;
  kind: OrganisationKind;
  verified: boolean;
}

export interface ConfirmedAffiliation {
  id: string;
  role: AffiliationRole;
}

// Who speaks for an organisation: the rules behind every "as organisation X" in the platform.
// A user speaks for an organisation only through an affiliation an admin of it confirmed
// (status 'active'); group memberships are held through one (see GroupAccessPolicy).
@Injectable()
export class OrganisationAccessPolicy {
  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async organisation(
    organisationId: string,
    em: EntityManager = this.ds.manager,
    lock = false,
  ): Promise<OrganisationFacts | null> {
    const [row] = await em.query(
      `SELECT id, name, kind, verified FROM organisations WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [organisationId],
    );
    return row ? { id: row.id, name: row.name, kind: row.kind, verified: row.verified } : null;
  }

  // The user's confirmed affiliation with the organisation, or null.
  async confirmedAffiliation(
    userId: string,
    organisationId: string,
    em: EntityManager = this.ds.manager,
  ): Promise<ConfirmedAffiliation | null> {
    const [row] = await em.query(
      `SELECT id, role FROM affiliations WHERE organisation_id = $1 AND user_id = $2 AND status = 'active'`,
      [organisationId, userId],
    );
    return row ? { id: row.id, role: row.role } : null;
  }

  async isAdmin(
    userId: string,
    organisationId: string,
    em: EntityManager = this.ds.manager,
  ): Promise<boolean> {
    return (await this.confirmedAffiliation(userId, organisationId, em))?.role === 'admin';
  }

  // The organisation, or 404 (unknown); 403 unless the caller is one of its admins. Organisations
  // are public (GET /organisations), so their existence is no secret.
  async requireAdmin(
    userId: string,
    organisationId: string,
    em: EntityManager = this.ds.manager,
  ): Promise<OrganisationFacts> {
    const org = await this.organisation(organisationId, em);
    if (!org) throw new NotFoundProblem('Organisation');
    if (!(await this.isAdmin(userId, organisationId, em)))
      throw new ForbiddenProblem('Only an admin of this organisation may do this');
    return org;
  }

  async adminIds(organisationId: string, em: EntityManager = this.ds.manager): Promise<string[]> {
    const rows: { user_id: string }[] = await em.query(
      `SELECT user_id FROM affiliations WHERE organisation_id = $1 AND status = 'active' AND role = 'admin' ORDER BY user_id`,
      [organisationId],
    );
    return rows.map((r) => r.user_id);
  }

  // A platform administrator is listed in ADMIN_EMAILS and has verified that address, so
  // registering an account under a listed address grants nothing.
  async isPlatformAdmin(userId: string, em: EntityManager = this.ds.manager): Promise<boolean> {
    if (this.config.adminEmails.length === 0) return false;
    const [row] = await em.query(
      `SELECT 1 FROM users WHERE id = $1 AND email_verified_at IS NOT NULL AND lower(email) = ANY($2::text[])`,
      [userId, this.config.adminEmails],
    );
    return Boolean(row);
  }

  async requirePlatformAdmin(userId: string, em?: EntityManager): Promise<void> {
    if (!(await this.isPlatformAdmin(userId, em)))
      throw new ForbiddenProblem('Only a platform administrator (ADMIN_EMAILS, verified) may do this');
  }
}

// The domain part of an e-mail address, lower-cased.
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}
