import { HttpException, HttpStatus } from '@nestjs/common';
import { FieldError, makeProblem } from './problem';

// Domain code throws these; the ProblemDetailsFilter renders them as application/problem+json.
export class ProblemException extends HttpException {
  constructor(status: number, detail: string, errors?: FieldError[], extra: Record<string, unknown> = {}) {
    super(makeProblem(status, detail, { ...(errors ? { errors } : {}), ...extra }), status);
    this.message = detail;
  }
}

export class BadRequestProblem extends ProblemException {
  constructor(detail: string, errors?: FieldError[]) {
    super(HttpStatus.BAD_REQUEST, detail, errors);
  }
}

// Used for anything the caller may not see, so existence is never revealed.
export class NotFoundProblem extends ProblemException {
  constructor(what = 'Resource') {
    super(HttpStatus.NOT_FOUND, `${what} not found`);
  }
}

export class ForbiddenProblem extends ProblemException {
  constructor(detail = 'You may not do this in this group') {
    super(HttpStatus.FORBIDDEN, detail);
  }
}

export class ConflictProblem extends ProblemException {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(HttpStatus.CONFLICT, detail, undefined, extra);
  }
}

export class UnsupportedMediaTypeProblem extends ProblemException {
  constructor(detail: string) {
    super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail);
  }
}

export class UnauthorizedProblem extends ProblemException {
  constructor(detail = 'Missing, invalid or expired credentials') {
    super(HttpStatus.UNAUTHORIZED, detail);
  }
}

export class TooManyRequestsProblem extends ProblemException {
  constructor(
    readonly retryAfterSeconds: number,
    detail = 'Too many requests, try again later',
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, detail, undefined, { retryAfter: retryAfterSeconds });
  }
}

export class ServiceUnavailableProblem extends ProblemException {
  constructor(detail: string) {
    super(HttpStatus.SERVICE_UNAVAILABLE, detail);
  }
}
