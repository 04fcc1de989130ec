import type { TFunction } from 'i18next';

export interface FieldError {
  field: string;
  message: string;
}

// An RFC 9457 problem answered by the API, or a request that never got an answer (status 0).
export class ApiProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldError[];

  constructor(body: {
    status: number;
    type?: string;
    title?: string;
    detail?: string;
    errors?: FieldError[];
  }) {
    super(body.detail ?? body.title ?? `HTTP ${body.status}`);
    this.name = 'ApiProblem';
    this.status = body.status;
    this.type = body.type ?? 'about:blank';
    this.title = body.title ?? '';
    this.detail = body.detail;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
  }
}

export function toProblem(body: unknown, response: Response | undefined): ApiProblem {
  const status = response?.status ?? 0;
  if (body && typeof body === 'object' && 'status' in body) {
    return new ApiProblem({ ...(body as Partial<ApiProblem>), status });
  }
  return new ApiProblem({ status });
}

// The problem type's last path segment: https://roundtable.dev/problems/conflict → conflict.
function typeSlug(type: string): string | null {
  const match = /\/problems\/([a-z0-9-]+)$/.exec(type);
  return match ? match[1] : null;
}

export interface ProblemText {
  message: string;
  // field → text to show next to that field
  fields: Record<string, string>;
}

// What to tell the person, in their language. A screen may name its own text for a status
// (e.g. 409 → "That name is taken"); otherwise the problem's type, then its status, picks the
// catalogue text (common: problem.*). Field errors are shown next to their fields.
export function describeProblem(
  error: unknown,
  t: TFunction,
  overrides: Partial<Record<number, string>> = {},
): ProblemText {
  if (!(error instanceof ApiProblem)) {
    return { message: t('common:problem.network'), fields: {} };
  }
  const slug = typeSlug(error.type);
  const keys = [
    overrides[error.status],
    slug ? `common:problem.type.${slug}` : undefined,
    `common:problem.status.${error.status}`,
    error.status >= 500 || error.status === 0 ? 'common:problem.network' : 'common:problem.generic',
  ].filter((k): k is string => Boolean(k));
  const message = t(keys);
  const fields: Record<string, string> = {};
  for (const e of error.errors) {
    const text =
      e.message === 'unknown field'
        ? t('common:problem.field.unknown')
        : t('common:problem.field.invalid', { message: e.message });
    fields[e.field] = fields[e.field] ? `${fields[e.field]} ${text}` : text;
  }
  return { message, fields };
}
