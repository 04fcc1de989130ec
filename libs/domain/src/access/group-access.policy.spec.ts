import { GroupActor, GroupPower, hasPower } from './group-access.policy';

const actor = (role: GroupActor['role'], isCoChair = false): GroupActor => ({
  userId: 'u',
  groupId: 'g',
  membershipId: 'm',
  organisationId: 'o',
  organisationKind: 'company',
  role,
  isCoChair,
});

describe('hasPower', () => {
  const table: [string, GroupActor, Record<GroupPower, boolean>][] = [
    ['focal point', actor('focal_point'), { read: true, contribute: true, manage: true, focal_point: true, co_chair: false }],
    ['member', actor('member'), { read: true, contribute: true, manage: false, focal_point: false, co_chair: false }],
    ['co-chair member', actor('member', true), { read: true, contribute: true, manage: true, focal_point: false, co_chair: true }],
    ['observer', actor('observer'), { read: true, contribute: false, manage: false, focal_point: false, co_chair: false }],
  ];
  it.each(table)('%s', (_name, a, expected) => {
    for (const [power, allowed] of Object.entries(expected)) {
      expect([power, hasPower(a, power as GroupPower)]).toEqual([power, allowed]);
    }
  });
});
