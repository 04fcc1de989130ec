import type { MemberRole } from '../members/membership.entity';
import type { OrganisationKind } from '../organisations/organisation.entity';

// The caller's standing in one group: what every permission decision starts from.
export interface GroupActor {
  userId: string;
  groupId: string;
  membershipId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  role: MemberRole;
  isCoChair: boolean;
}

export type GroupPower =
  | 'read' // any active member, observers included
  | 'contribute' // members and focal points (not observers): propose, report, comment
  | 'manage' // focal point or sitting co-chair: invite, appoint, accept agenda items, edit minutes
  | 'focal_point' // focal point only: circulate minutes, attendance, series
  | 'co_chair'; // sitting co-chair only: approve minutes, assess impact

export function hasPower(actor: GroupActor, power: GroupPower): boolean {
  switch (power) {
    case 'read':
      return true;
    case 'contribute':
      return actor.role !== 'observer' || actor.isCoChair;
    case 'manage':
      return actor.role === 'focal_point' || actor.isCoChair;
    case 'focal_point':
      return actor.role === 'focal_point';
    case 'co_chair':
      return actor.isCoChair;
  }
}
