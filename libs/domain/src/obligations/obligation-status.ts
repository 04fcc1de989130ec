export const OBLIGATION_STATUSES = [
  'open',
  'in_progress',
  'met',
  'partially_met',
  'not_met',
  'waived',
] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export const TERMINAL_OBLIGATION_STATUSES: readonly ObligationStatus[] = [
  'met',
  'partially_met',
  'not_met',
  'waived',
];
export const PENDING_OBLIGATION_STATUSES: readonly ObligationStatus[] = ['open', 'in_progress'];

export function isTerminalObligation(status: ObligationStatus): boolean {
  return TERMINAL_OBLIGATION_STATUSES.includes(status);
}

// Work moves forward only: open may start or be closed directly, in progress may be closed, and a
// closed obligation (met, partially met, not met, waived) stays closed — the record of the outcome.
export const OBLIGATION_TRANSITIONS: Record<ObligationStatus, readonly ObligationStatus[]> = {
  open: ['in_progress', ...TERMINAL_OBLIGATION_STATUSES],
  in_progress: TERMINAL_OBLIGATION_STATUSES,
  met: [],
  partially_met: [],
  not_met: [],
  waived: [],
};

export interface ObligationProgressReport {
  status?: ObligationStatus;
  progress?: number;
}

export type ObligationPlan =
  | { ok: true; status: ObligationStatus; progress: number }
  | { ok: false; status: 400 | 409; field?: string; detail: string };

// What a progress entry does to the obligation: a note alone changes nothing; progress on an open
// obligation starts it; `met` means 100 %; a closed obligation takes notes but no changes (409).
export function planObligationProgress(
  current: { status: ObligationStatus; progress: number },
  report: ObligationProgressReport,
): ObligationPlan {
  const wantsStatus = report.status !== undefined && report.status !== current.status;
  const wantsProgress = report.progress !== undefined && report.progress !== current.progress;
  if (!wantsStatus && !wantsProgress) return { ok: true, status: current.status, progress: current.progress };
  if (isTerminalObligation(current.status))
    return { ok: false, status: 409, detail: `The obligation is ${current.status}; that is final` };
  let status = report.status ?? current.status;
  let progress = report.progress ?? current.progress;
  if (wantsStatus && !OBLIGATION_TRANSITIONS[current.status].includes(status))
    return { ok: false, status: 409, detail: `An obligation cannot go from ${current.status} to ${status}` };
  if (status === 'open' && progress > 0) {
    if (report.status === 'open')
      return { ok: false, status: 400, field: 'progress', detail: 'An open obligation has no progress yet' };
    status = 'in_progress';
  }
  if (status === 'met') {
    if (report.progress !== undefined && report.progress !== 100)
      return { ok: false, status: 400, field: 'progress', detail: 'A met obligation is 100 % done' };
    progress = 100;
  }
  return { ok: true, status, progress };
}
