import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { TooManyRequestsProblem } from './app-errors';
import { makeProblem, PROBLEM_CONTENT_TYPE, ProblemDetails } from './problem';

// Postgres error codes that are the caller's fault, not ours.
const PG_CLIENT_ERRORS: Record<string, number> = {
  '22P02': 400, // invalid_text_representation (e.g. a malformed uuid that slipped through)
  '22007': 400, // invalid_datetime_format
  '22008': 400, // datetime_field_overflow
  '22003': 400, // numeric_value_out_of_range
  '23505': 409, // unique_violation
  '23P01': 409, // exclusion_violation
  '40001': 409, // serialization_failure
  '40P01': 409, // deadlock_detected (two changes crossed; retrying succeeds)
};

export function toProblem(exception: unknown): { problem: ProblemDetails; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  if (exception instanceof TooManyRequestsProblem) {
    headers['Retry-After'] = String(Math.max(1, Math.ceil(exception.retryAfterSeconds)));
  }
  if (exception instanceof ThrottlerException) {
    return { problem: makeProblem(429, 'Rate limit exceeded'), headers: { 'Retry-After': '60' } };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (typeof body === 'object' && body !== null && 'type' in body && 'title' in body) {
      const { retryAfter: _r, ...problem } = body as ProblemDetails;
      return { problem: problem, headers };
    }
    const message =
      typeof body === 'string'
        ? body
        : Array.isArray((body as { message?: unknown }).message)
          ? (body as { message: string[] }).message.join('; ')
          : typeof (body as { message?: unknown }).message === 'string'
            ? (body as { message: string }).message
            : exception.message;
    return { problem: makeProblem(status, message), headers };
  }
  // body-parser errors carry a status and a type.
  const err = exception as {
    status?: number;
    statusCode?: number;
    type?: string;
    code?: string;
    message?: string;
  };
  if (err && typeof err === 'object') {
    if (err.type === 'entity.too.large')
      return { problem: makeProblem(413, 'The request body exceeds 1 MiB'), headers };
    if (err.type === 'entity.parse.failed')
      return { problem: makeProblem(400, 'The request body is not valid JSON'), headers };
    if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported')
      return { problem: makeProblem(415, err.message), headers };
    if (exception instanceof QueryFailedError) {
      const code = (exception as unknown as { code?: string }).code;
      const status = code ? PG_CLIENT_ERRORS[code] : undefined;
      if (status)
        return {
          problem: makeProblem(
            status,
            status === 409
              ? 'The request conflicts with the current state'
              : 'A value in the request is invalid',
          ),
          headers,
        };
    }
    const status = err.status ?? err.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { problem: makeProblem(status, err.message), headers };
    }
  }
  return { problem: makeProblem(500, 'An unexpected error occurred'), headers };
}

export function sendProblem(
  res: Response,
  req: Request | undefined,
  exception: unknown,
  logger?: Logger,
): void {
  const { problem, headers } = toProblem(exception);
  if (problem.status >= 500 && logger) {
    logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  }
  if (req?.originalUrl) problem.instance = req.originalUrl.split('?')[0];
  if (res.headersSent) return;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const ctx = host.switchToHttp();
    sendProblem(ctx.getResponse<Response>(), ctx.getRequest<Request>(), exception, this.logger);
  }
}
