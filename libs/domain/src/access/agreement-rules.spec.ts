import { agreementSight, mayOnAgreement, mayOnNonCompliance, revealsReporter } from './agreement-rules';
import { GroupActor } from './group-actor';

const actor = (
  organisationId: string,
  role: GroupActor['role'] = 'member',
  isCoChair = false,
): GroupActor => ({
  userId: 'u',
  groupId: 'g',
  membershipId: 'm',
  organisationId,
  organisationKind: 'company',
  role,
  isCoChair,
});
const parties = ['company', 'police'];

describe('agreementSight', () => {
  it.each([
    ['parties', 'company', 'full'],
    ['parties', 'ngo', null],
    ['summary', 'police', 'full'],
    ['summary', 'ngo', 'summary'],
    ['group', 'ngo', 'full'],
  ] as const)('%s agreement, viewer from %s → %s', (visibility, org, sight) =>
    expect(agreementSight({ organisationId: org }, { visibility, partyOrganisationIds: parties })).toBe(
      sight,
    ),
  );

  it('gives the focal point and co-chairs nothing more than their organisation', () => {
    const focal = actor('host', 'focal_point');
    const coChair = actor('ngo', 'member', true);
    for (const a of [focal, coChair])
      expect(agreementSight(a, { visibility: 'parties', partyOrganisationIds: parties })).toBeNull();
  });
});

describe('mayOnAgreement', () => {
  const agreement = { partyOrganisationIds: parties };
  it('lets party members (not observers) edit, accept and sign', () => {
    for (const action of ['edit', 'accept', 'sign'] as const) {
      expect(mayOnAgreement(actor('company'), agreement, action)).toBe(true);
      expect(mayOnAgreement(actor('company', 'observer'), agreement, action)).toBe(false);
      expect(mayOnAgreement(actor('ngo', 'focal_point'), agreement, action)).toBe(false);
      expect(mayOnAgreement(actor('ngo', 'member', true), agreement, action)).toBe(false);
    }
  });
  it('lets any contributor who sees it report non-compliance', () => {
    expect(mayOnAgreement(actor('ngo'), agreement, 'report_non_compliance')).toBe(true);
    expect(mayOnAgreement(actor('ngo', 'observer'), agreement, 'report_non_compliance')).toBe(false);
  });
});

describe('non-compliance rules', () => {
  const report = { partyOrganisationIds: parties, reporterOrganisationId: 'ngo', anonymous: true };
  it('moves the workflow by party members, the focal point or a co-chair', () => {
    expect(mayOnNonCompliance(actor('police'), report, 'advance')).toBe(true);
    expect(mayOnNonCompliance(actor('host', 'focal_point'), report, 'advance')).toBe(true);
    expect(mayOnNonCompliance(actor('local', 'member', true), report, 'advance')).toBe(true);
    expect(mayOnNonCompliance(actor('ngo'), report, 'advance')).toBe(false);
    expect(mayOnNonCompliance(actor('police', 'observer'), report, 'advance')).toBe(false);
  });
  it('names an anonymous reporter only inside the reporting organisation', () => {
    expect(revealsReporter('ngo', report)).toBe(true);
    expect(revealsReporter('police', report)).toBe(false);
    expect(revealsReporter('police', { ...report, anonymous: false })).toBe(true);
  });
});
