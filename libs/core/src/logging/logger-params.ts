import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import pino from 'pino';
import type { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

// Secrets that may ride in a query string (the calendar feed's ?token=) never reach the log.
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/([?&]token=)[^&#]*/gi, '$1[Redacted]');
}

// One pino setup for the API and the worker. Log lines go to stdout through an asynchronous,
// buffered destination (sonic-boom): lines are written in batches of about 4 KiB, or every
// half second, instead of one write (a system call and a thread-pool round trip) per line;
// pino flushes what is left when the process exits.
// A request is logged once, when it completes: method, URL, status, duration and request id —
// not its headers (tokens and cookies never reach the log, and each line stays small).
export function loggerParams(config: Pick<AppConfig, 'logLevel'>, service: 'api' | 'worker'): Params {
  return {
    // Named wildcard: nestjs-pino's default '*' makes Nest log LegacyRouteConverter warnings.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: [
      {
        level: config.logLevel,
        base: { pid: process.pid, hostname: hostname(), service },
        genReqId: (req: IncomingMessage, res: ServerResponse) => {
          const given = req.headers['x-request-id'];
          const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
          res.setHeader('X-Request-Id', id);
          return id;
        },
        serializers: {
          req: (req: { id?: unknown; method?: string; url?: string }) => ({
            id: req.id,
            method: req.method,
            url: redactUrl(req.url),
          }),
          res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        },
      },
      pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 500 }),
    ],
  };
}
