// The agreement lifecycle (DESIGN.md): draft → negotiating → signed → in_force ⇄ under_review;
// in_force ⇄ suspended; → terminated; expired (at expiresOn); draft / negotiating → abandoned.
export const AGREEMENT_STATUSES = [
  'draft',
  'negotiating',
  'signed',
  'in_force',
  'under_review',
  'suspended',
  'terminated',
  'expired',
  'abandoned',
] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const TERMINAL_AGREEMENT_STATUSES: readonly AgreementStatus[] = ['terminated', 'expired', 'abandoned'];
// Statuses in which the agreement binds its parties: reviews run, reminders are sent.
export const LIVE_AGREEMENT_STATUSES: readonly AgreementStatus[] = ['in_force', 'under_review', 'suspended'];

// Who causes a transition: a party member through POST /status ('request'), or the platform
// itself ('system': a proposal, the last signature, a date reached, a review outcome).
export type TransitionCause = 'request' | 'system';

interface Edge {
  to: AgreementStatus;
  by: readonly TransitionCause[];
}

const BOTH = ['request', 'system'] as const;
const SYSTEM = ['system'] as const;
const REQUEST = ['request'] as const;

export const AGREEMENT_TRANSITIONS: Record<AgreementStatus, readonly Edge[]> = {
  // Proposing a version starts the negotiation; parties may also say so themselves.
  draft: [
    { to: 'negotiating', by: BOTH },
    { to: 'abandoned', by: REQUEST },
  ],
  // Signed only by the signatures (every party whose signature is required).
  negotiating: [
    { to: 'signed', by: SYSTEM },
    { to: 'abandoned', by: REQUEST },
  ],
  // In force only from effectiveFrom (the worker's job).
  signed: [
    { to: 'in_force', by: SYSTEM },
    { to: 'terminated', by: REQUEST },
    { to: 'expired', by: SYSTEM },
  ],
  in_force: [
    { to: 'under_review', by: BOTH },
    { to: 'suspended', by: REQUEST },
    { to: 'terminated', by: BOTH },
    { to: 'expired', by: SYSTEM },
  ],
  under_review: [
    { to: 'in_force', by: BOTH },
    { to: 'terminated', by: BOTH },
    { to: 'expired', by: SYSTEM },
  ],
  suspended: [
    { to: 'in_force', by: REQUEST },
    { to: 'terminated', by: BOTH },
    { to: 'expired', by: SYSTEM },
  ],
  terminated: [],
  expired: [],
  abandoned: [],
};

export function isTerminalAgreementStatus(status: AgreementStatus): boolean {
  return TERMINAL_AGREEMENT_STATUSES.includes(status);
}

export type TransitionPlan = { ok: true } | { ok: false; detail: string };

export function planAgreementTransition(
  from: AgreementStatus,
  to: AgreementStatus,
  cause: TransitionCause,
): TransitionPlan {
  if (from === to) return { ok: false, detail: `The agreement is already ${from}` };
  const edge = AGREEMENT_TRANSITIONS[from].find((e) => e.to === to);
  if (!edge) {
    if (isTerminalAgreementStatus(from))
      return { ok: false, detail: `The agreement is ${from}; that is final` };
    const allowed = AGREEMENT_TRANSITIONS[from].filter((e) => e.by.includes(cause)).map((e) => e.to);
    return {
      ok: false,
      detail: `An agreement cannot go from ${from} to ${to}${allowed.length ? ` (from ${from}: ${allowed.join(', ')})` : ''}`,
    };
  }
  if (!edge.by.includes(cause)) {
    return { ok: false, detail: SYSTEM_ONLY_DETAIL[to] ?? `${to} is set by the platform, not by request` };
  }
  return { ok: true };
}

const SYSTEM_ONLY_DETAIL: Partial<Record<AgreementStatus, string>> = {
  signed: 'An agreement becomes signed when every party whose signature is required has signed',
  in_force: 'A signed agreement enters into force on its effectiveFrom date',
  expired: 'An agreement expires on its expiresOn date',
};

// Statuses a request may move an agreement to from `from` (for documentation and errors).
export function requestableTransitions(from: AgreementStatus): AgreementStatus[] {
  return AGREEMENT_TRANSITIONS[from].filter((e) => e.by.includes('request')).map((e) => e.to);
}
