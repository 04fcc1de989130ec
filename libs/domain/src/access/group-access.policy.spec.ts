import {
  GroupActor,
  GroupPower,
  hasPower,
  IncidentAction,
  mayOnIncident,
  revealsIncidentReporter,
  statusChangeNeedsReason,
} from './group-access.policy';

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
    [
      'focal point',
      actor('focal_point'),
      { read: true, contribute: true, manage: true, focal_point: true, co_chair: false },
    ],
    [
      'member',
      actor('member'),
      { read: true, contribute: true, manage: false, focal_point: false, co_chair: false },
    ],
    [
      'co-chair member',
      actor('member', true),
      { read: true, contribute: true, manage: true, focal_point: false, co_chair: true },
    ],
    [
      'observer',
      actor('observer'),
      { read: true, contribute: false, manage: false, focal_point: false, co_chair: false },
    ],
  ];
  it.each(table)('%s', (_name, a, expected) => {
    for (const [power, allowed] of Object.entries(expected)) {
      expect([power, hasPower(a, power as GroupPower)]).toEqual([power, allowed]);
    }
  });
});

describe('incident rules (for an incident the caller can see)', () => {
  const of = (role: GroupActor['role'], organisationId: string, isCoChair = false): GroupActor => ({
    ...actor(role, isCoChair),
    organisationId,
  });
  const incident = { reporterOrganisationId: 'reporting', confidentiality: 'group' as const };
  const table: [string, GroupActor, Record<IncidentAction, boolean>][] = [
    [
      'reporting org member',
      of('member', 'reporting'),
      { edit: true, post_update: true, change_status: true, read_access_log: true },
    ],
    [
      'reporting org observer',
      of('observer', 'reporting'),
      { edit: false, post_update: false, change_status: false, read_access_log: false },
    ],
    [
      'other member',
      of('member', 'other'),
      { edit: false, post_update: true, change_status: false, read_access_log: false },
    ],
    [
      'focal point',
      of('focal_point', 'other'),
      { edit: false, post_update: true, change_status: true, read_access_log: false },
    ],
    [
      'co-chair',
      of('member', 'other', true),
      { edit: false, post_update: true, change_status: true, read_access_log: false },
    ],
    [
      'observer',
      of('observer', 'other'),
      { edit: false, post_update: false, change_status: false, read_access_log: false },
    ],
  ];
  it.each(table)('%s', (_name, a, expected) => {
    for (const [action, allowed] of Object.entries(expected)) {
      expect([action, mayOnIncident(a, incident, action as IncidentAction)]).toEqual([action, allowed]);
    }
  });

  it('leaves the status of a restricted incident to its reporting organisation alone', () => {
    const restricted = { reporterOrganisationId: 'reporting', confidentiality: 'restricted' as const };
    expect(
      [of('member', 'reporting'), of('focal_point', 'shared'), of('member', 'shared', true)].map((a) =>
        mayOnIncident(a, restricted, 'change_status'),
      ),
    ).toEqual([true, false, false]);
  });

  it('asks for a reason when someone outside the reporting organisation changes the status', () => {
    expect(statusChangeNeedsReason(of('focal_point', 'other'), incident)).toBe(true);
    expect(statusChangeNeedsReason(of('member', 'reporting'), incident)).toBe(false);
  });

  it('reveals the reporter of an anonymous incident only to the reporting organisation', () => {
    expect(
      revealsIncidentReporter('reporting', { reporterOrganisationId: 'reporting', anonymous: true }),
    ).toBe(true);
    expect(revealsIncidentReporter('other', { reporterOrganisationId: 'reporting', anonymous: true })).toBe(
      false,
    );
    expect(revealsIncidentReporter('other', { reporterOrganisationId: 'reporting', anonymous: false })).toBe(
      true,
    );
  });
});
