import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy, hasPower } from '../access/group-access.policy';
import type { OrganisationKind } from '../organisations/organisation.entity';
import { StakeholderMapDto } from './stakeholder-map.dto';

// The stakeholders the Voluntary Principles toolkit recommends bringing to the table.
export const RECOMMENDED_KINDS: readonly OrganisationKind[] = [
  'public_security',
  'host_government',
  'local_authority',
  'civil_society',
  'womens_group',
  'indigenous_peoples',
  'company',
];

export function missingKinds(represented: Iterable<OrganisationKind>): OrganisationKind[] {
  const have = new Set(represented);
  return RECOMMENDED_KINDS.filter((k) => !have.has(k));
}

@Injectable()
export class StakeholderMapService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
  ) {}

  async map(userId: string, groupId: string): Promise<StakeholderMapDto> {
    const actor = await this.access.require(userId, groupId);
    const byOrg: {
      organisation_id: string;
      name: string;
      kind: OrganisationKind;
      verified: boolean;
      members: number;
    }[] = await this.ds.query(
      `SELECT o.id AS organisation_id, o.name, o.kind, o.verified, count(*)::int AS members
       FROM memberships m JOIN organisations o ON o.id = m.organisation_id
       WHERE m.group_id = $1 AND m.status = 'active'
       GROUP BY o.id ORDER BY members DESC, lower(o.name), o.id`,
      [groupId],
    );
    const contacts = await this.ds.query(
      `SELECT m.id, m.user_id, m.email, u.display_name, o.id AS organisation_id, o.name AS organisation_name, o.kind,
              o.verified
       FROM memberships m JOIN organisations o ON o.id = m.organisation_id LEFT JOIN users u ON u.id = m.user_id
       WHERE m.group_id = $1 AND m.status = 'active' AND m.is_contact_point
       ORDER BY lower(o.name), lower(coalesce(u.display_name, m.email)), m.id`,
      [groupId],
    );
    const kinds = new Map<OrganisationKind, { members: number; organisations: number }>();
    for (const o of byOrg) {
      const k = kinds.get(o.kind) ?? { members: 0, organisations: 0 };
      k.members += o.members;
      k.organisations += 1;
      kinds.set(o.kind, k);
    }
    const manager = hasPower(actor, 'manage');
    return {
      groupId,
      activeMembers: byOrg.reduce((n, o) => n + o.members, 0),
      byKind: [...kinds.entries()]
        .map(([kind, c]) => ({ kind, ...c }))
        .sort((a, b) => b.members - a.members || a.kind.localeCompare(b.kind)),
      byOrganisation: byOrg.map((o) => ({
        organisation: { id: o.organisation_id, name: o.name, kind: o.kind, verified: o.verified },
        members: o.members,
      })),
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
      contactPoints: contacts.map((c: any) => ({
        memberId: c.id,
        userId: c.user_id,
        displayName: c.display_name ?? null,
        email: manager || c.user_id === userId ? c.email : null,
        organisation: {
          id: c.organisation_id,
          name: c.organisation_name,
          kind: c.kind,
          verified: c.verified,
        },
      })),
      recommendedKinds: [...RECOMMENDED_KINDS],
      missingKinds: missingKinds(kinds.keys()),
    };
  }
}
