// The escalation workflow of a non-compliance report: reported → acknowledged →
// raised_with_authorities → action_agreed → resolved | unresolved, or dismissed. A report may skip
// raising it with the authorities (the parties act themselves) and end unresolved once raised.
export const NON_COMPLIANCE_STATUSES = [
  'reported',
  'acknowledged',
  'raised_with_authorities',
  'action_agreed',
  'resolved',
  'unresolved',
  'dismissed',
] as const;
export type NonComplianceStatus = (typeof NON_COMPLIANCE_STATUSES)[number];

export const CLOSED_NON_COMPLIANCE_STATUSES: readonly NonComplianceStatus[] = [
  'resolved',
  'unresolved',
  'dismissed',
];

export const NON_COMPLIANCE_TRANSITIONS: Record<NonComplianceStatus, readonly NonComplianceStatus[]> = {
  reported: ['acknowledged', 'dismissed'],
  acknowledged: ['raised_with_authorities', 'action_agreed', 'dismissed'],
  raised_with_authorities: ['action_agreed', 'unresolved', 'dismissed'],
  action_agreed: ['resolved', 'unresolved'],
  resolved: [],
  unresolved: [],
  dismissed: [],
};

export function isClosedNonCompliance(status: NonComplianceStatus): boolean {
  return CLOSED_NON_COMPLIANCE_STATUSES.includes(status);
}

export function planNonComplianceStep(
  from: NonComplianceStatus,
  to: NonComplianceStatus,
): { ok: true } | { ok: false; detail: string } {
  if (NON_COMPLIANCE_TRANSITIONS[from].includes(to)) return { ok: true };
  if (isClosedNonCompliance(from)) return { ok: false, detail: `The report is ${from}; that is final` };
  return {
    ok: false,
    detail: `A report cannot go from ${from} to ${to} (from ${from}: ${NON_COMPLIANCE_TRANSITIONS[from].join(', ')})`,
  };
}
