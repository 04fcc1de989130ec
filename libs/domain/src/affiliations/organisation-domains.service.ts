import { Injectable } from '@nestjs/common';
import { ConflictProblem, NotFoundProblem } from '@roundtable/core';
import { DataSource } from 'typeorm';
import { OrganisationAccessPolicy } from '../access/organisation-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { OrganisationDomainDto, OrganisationDomainListDto } from './dto/affiliation.dto';

// E-mail domains an organisation vouches for: a user whose verified address is in one of them
// is confirmed at once when they ask to join (exact domain; subdomains are separate entries).
@Injectable()
export class OrganisationDomainsService {
  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrganisationAccessPolicy,
    private readonly changes: ChangeRecorder,
  ) {}

  async list(userId: string, organisationId: string): Promise<OrganisationDomainListDto> {
    await this.orgs.requireAdmin(userId, organisationId);
    const rows = await this.ds.query(
      `SELECT domain, created_at FROM organisation_domains WHERE organisation_id = $1 ORDER BY domain`,
      [organisationId],
    );
    return { items: rows.map(toDomain) };
  }

  async add(userId: string, organisationId: string, domain: string): Promise<OrganisationDomainDto> {
    return this.ds.transaction(async (em) => {
      await this.orgs.requireAdmin(userId, organisationId, em);
      const [row] = await em.query(
        `INSERT INTO organisation_domains (organisation_id, domain, added_by) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING domain, created_at`,
        [organisationId, domain, userId],
      );
      if (!row) throw new ConflictProblem('The organisation already lists this domain');
      await this.changes.audit(em, {
        actorUserId: userId,
        action: 'organisation.domain_added',
        entityType: 'organisation',
        entityId: organisationId,
        details: { domain },
      });
      return toDomain(row);
    });
  }

  async remove(userId: string, organisationId: string, domain: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      await this.orgs.requireAdmin(userId, organisationId, em);
      const [rows] = await em.query(
        `DELETE FROM organisation_domains WHERE organisation_id = $1 AND domain = lower($2) RETURNING domain`,
        [organisationId, domain],
      );
      if (!rows.length) throw new NotFoundProblem('Domain');
      await this.changes.audit(em, {
        actorUserId: userId,
        action: 'organisation.domain_removed',
        entityType: 'organisation',
        entityId: organisationId,
        details: { domain: rows[0].domain },
      });
    });
  }
}

function toDomain(r: { domain: string; created_at: Date }): OrganisationDomainDto {
  return { domain: r.domain, createdAt: new Date(r.created_at).toISOString() };
}
