import { describe, expect, it } from 'vitest';
import type { Member } from '@/features/groups';
import { audienceOf } from './audience';

const org = (id: string, name: string) => ({ id, name, kind: 'company' as const, verified: false });
const member = (over: Partial<Member> & Pick<Member, 'organisation'>): Member => ({
  id: crypto.randomUUID(),
  groupId: 'g',
  userId: crypto.randomUUID(),
  email: null,
  displayName: 'Someone',
  role: 'member',
  isContactPoint: false,
  isCoChair: false,
  status: 'active',
  invitedAt: '2027-01-01T00:00:00.000Z',
  joinedAt: '2027-01-01T00:00:00.000Z',
  endedAt: null,
  endedReason: null,
  ...over,
});

const ngo = org('ngo', 'Haki Madini');
const mine = org('mine', 'Kamoto Mining');
const police = org('police', 'Police des mines');
const secretariat = org('sec', 'Secretariat');
const members = [
  member({ organisation: ngo, displayName: 'Amani' }),
  member({ organisation: mine, displayName: 'Chantal', isCoChair: true }),
  member({ organisation: police, displayName: 'Jean' }),
  member({ organisation: secretariat, displayName: 'Focal', role: 'focal_point' }),
  member({ organisation: police, displayName: 'Gone', status: 'ended' }),
];

describe('who will see an incident', () => {
  it('a group incident: everyone active, officers included', () => {
    const a = audienceOf(members, 'ngo', 'group', []);
    expect(a.sees.map((o) => o.name)).toEqual([
      'Haki Madini',
      'Kamoto Mining',
      'Police des mines',
      'Secretariat',
    ]);
    expect(a.doesNotSee).toEqual([]);
    expect(a.focalPoints).toEqual([{ name: 'Focal', sees: true }]);
    expect(a.sees.find((o) => o.id === 'police')?.people).toBe(1); // the ended member does not count
  });

  it('restricted to one company: the focal point and the police do not see it, its co-chair does', () => {
    const a = audienceOf(members, 'ngo', 'restricted', ['mine']);
    expect(a.sees.map((o) => o.id)).toEqual(['ngo', 'mine']);
    expect(a.doesNotSee.map((o) => o.id)).toEqual(['police', 'sec']);
    expect(a.focalPoints).toEqual([{ name: 'Focal', sees: false }]);
    expect(a.coChairs).toEqual([{ name: 'Chantal', sees: true }]);
  });
});
