import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

// RFC 9457 problem details, the body of every error response.
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? (HttpStatus[status] ? String(HttpStatus[status]).replace(/_/g, ' ') : 'Error');
}

export function problemType(status: number): string {
  return status >= 500
    ? 'about:blank'
    : `https://roundtable.dev/problems/${problemTitle(status).toLowerCase().replace(/\s+/g, '-')}`;
}

export function makeProblem(
  status: number,
  detail?: string,
  extra: Partial<ProblemDetails> = {},
): ProblemDetails {
  return {
    type: problemType(status),
    title: problemTitle(status),
    status,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}
