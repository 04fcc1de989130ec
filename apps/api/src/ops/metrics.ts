import { Controller, Get, Header, Inject, Injectable, NestMiddleware, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, Endpoint, UnauthorizedProblem } from '@roundtable/core';
import type { NextFunction, Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'roundtable_' });

const httpDuration = new Histogram({
  name: 'roundtable_http_request_duration_seconds',
  help: 'HTTP request duration by method, route pattern and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const end = httpDuration.startTimer();
    res.on('finish', () => {
      // Route patterns, not raw paths, so ids do not explode the label set.
      const route = req.route?.path ? `${req.baseUrl}${req.route.path as string}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

// METRICS_TOKEN set: only `Authorization: Bearer <METRICS_TOKEN>` reads /metrics (compared in
// constant time). Unset: open, as a scrape target inside a private network usually is.
export function metricsAllowed(expected: string | undefined, authorization: string | undefined): boolean {
  if (!expected) return true;
  const [scheme, token] = (authorization ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) return false;
  return timingSafeEqual(digest(token), digest(expected));
}

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  @Endpoint({
    summary: 'Prometheus metrics (Bearer METRICS_TOKEN when that variable is set)',
    returns: 'Prometheus text exposition format',
    content: { 'text/plain': { type: 'string' } },
    public: true,
    errors: [401],
  })
  metrics(@Req() req: Request): Promise<string> {
    if (!metricsAllowed(this.config.metricsToken, req.headers.authorization))
      throw new UnauthorizedProblem('GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    return metricsRegistry.metrics();
  }
}
