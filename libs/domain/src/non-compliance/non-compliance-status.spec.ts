import {
  CLOSED_NON_COMPLIANCE_STATUSES,
  NON_COMPLIANCE_STATUSES,
  NonComplianceStatus,
  planNonComplianceStep,
} from './non-compliance-status';

describe('non-compliance workflow', () => {
  it.each([
    ['reported', 'acknowledged'],
    ['acknowledged', 'raised_with_authorities'],
    ['raised_with_authorities', 'action_agreed'],
    ['action_agreed', 'resolved'],
    ['action_agreed', 'unresolved'],
    ['acknowledged', 'action_agreed'],
    ['raised_with_authorities', 'unresolved'],
    ['reported', 'dismissed'],
    ['acknowledged', 'dismissed'],
  ] as [NonComplianceStatus, NonComplianceStatus][])('%s → %s', (from, to) =>
    expect(planNonComplianceStep(from, to)).toEqual({ ok: true }),
  );

  it.each([
    ['reported', 'action_agreed'],
    ['reported', 'resolved'],
    ['acknowledged', 'reported'],
    ['action_agreed', 'dismissed'],
    ['reported', 'reported'],
  ] as [NonComplianceStatus, NonComplianceStatus][])('%s → %s is refused', (from, to) =>
    expect(planNonComplianceStep(from, to)).toMatchObject({ ok: false }),
  );

  it('keeps closed reports closed', () => {
    for (const from of CLOSED_NON_COMPLIANCE_STATUSES)
      for (const to of NON_COMPLIANCE_STATUSES)
        expect(planNonComplianceStep(from, to)).toEqual({
          ok: false,
          detail: `The report is ${from}; that is final`,
        });
  });
});
