import { Controller, Get, Header, Injectable, NestMiddleware } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '@roundtable/core';
import type { NextFunction, Request, Response } from 'express';
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

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  @Endpoint({
    summary: 'Prometheus metrics',
    returns: 'Prometheus text exposition format',
    content: { 'text/plain': { type: 'string' } },
    public: true,
  })
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
