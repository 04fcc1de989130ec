export const RECOMMENDATION_STATUSES = [
  'open',
  'in_progress',
  'implemented',
  'partially_implemented',
  'not_implemented',
  'dropped',
] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export const TERMINAL_STATUSES: readonly RecommendationStatus[] = [
  'implemented',
  'partially_implemented',
  'not_implemented',
  'dropped',
];
export const PENDING_STATUSES: readonly RecommendationStatus[] = ['open', 'in_progress'];

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type RecommendationPriority = (typeof PRIORITIES)[number];

export const IMPACT_RATINGS = ['none', 'low', 'moderate', 'high'] as const;
export type ImpactRating = (typeof IMPACT_RATINGS)[number];

export function isTerminal(status: RecommendationStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

// Allowed status changes. Work moves forward only: an open recommendation may start, be closed
// directly (e.g. recorded after the fact) or be dropped; one in progress may be closed or
// dropped, not reopened; a terminal status is final (the record of what happened).
export const TRANSITIONS: Record<RecommendationStatus, readonly RecommendationStatus[]> = {
  open: ['in_progress', ...TERMINAL_STATUSES],
  in_progress: TERMINAL_STATUSES,
  implemented: [],
  partially_implemented: [],
  not_implemented: [],
  dropped: [],
};

export function canTransition(from: RecommendationStatus, to: RecommendationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface ProgressReport {
  status?: RecommendationStatus;
  progress?: number;
}

export type ProgressPlan =
  | { ok: true; status: RecommendationStatus; progress: number }
  | { ok: false; status: 400 | 409; field?: string; detail: string };

// What a progress report does to the recommendation's status and progress:
//   - a note alone changes nothing (and is allowed after closing, e.g. to add evidence);
//   - a status change must follow TRANSITIONS (409 otherwise); repeating the status is a no-op;
//   - a terminal recommendation's status and progress are final (409);
//   - reporting progress > 0 on an open recommendation starts it (→ in_progress);
//   - implemented means 100 %: progress defaults to 100, and any other value is refused (400).
export function planProgress(
  current: { status: RecommendationStatus; progress: number },
  report: ProgressReport,
): ProgressPlan {
  const statusChange = report.status !== undefined && report.status !== current.status;
  const progressChange = report.progress !== undefined && report.progress !== current.progress;
  if (isTerminal(current.status) && (statusChange || progressChange)) {
    return {
      ok: false,
      status: 409,
      detail: `The recommendation is ${current.status}; its status and progress are final`,
    };
  }
  let status = report.status ?? current.status;
  if (statusChange && !canTransition(current.status, status)) {
    return {
      ok: false,
      status: 409,
      detail: `A recommendation cannot go from ${current.status} to ${status}`,
    };
  }
  let progress = report.progress ?? current.progress;
  if (status === 'open' && report.status === undefined && progress > 0) status = 'in_progress';
  if (status === 'open' && progress > 0) {
    return {
      ok: false,
      status: 400,
      field: 'progress',
      detail: 'An open recommendation has no progress; report it as in_progress',
    };
  }
  if (status === 'implemented') {
    if (report.progress !== undefined && report.progress !== 100) {
      return {
        ok: false,
        status: 400,
        field: 'progress',
        detail: 'An implemented recommendation is 100 % done',
      };
    }
    progress = 100;
  }
  return { ok: true, status, progress };
}

// Implementation rate: implemented ÷ recommendations closed with a verdict (implemented,
// partially implemented, not implemented). Dropped ones are excluded — they were withdrawn, not
// failed. null when nothing has been closed yet.
export function implementationRate(c: {
  implemented: number;
  partiallyImplemented: number;
  notImplemented: number;
}): number | null {
  const closed = c.implemented + c.partiallyImplemented + c.notImplemented;
  return closed === 0 ? null : Math.round((c.implemented / closed) * 1000) / 1000;
}
