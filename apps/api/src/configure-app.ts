import { Logger as NestLogger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, createValidationPipe, sendProblem } from '@roundtable/core';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { buildOpenApiDocument } from './openapi';
import { RealtimeIoAdapter } from './realtime/realtime-io.adapter';
import { serveWebClient } from './web/web-client';

export const API_PREFIX = 'api/v1';

// The route prefix, shared with the OpenAPI snapshot script so both documents are the same.
export function setRoutePrefix(app: NestExpressApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'metrics'] });
}

// Everything main.ts and the e2e tests share: the app as clients see it.
export function configureApp(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: false }));
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true });
  // Our own body parser so oversized (413) and malformed (400) bodies get problem responses.
  app.use(express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    sendProblem(res, req, err, new NestLogger('BodyParser'));
  });
  setRoutePrefix(app);
  app.useGlobalPipes(createValidationPipe());
  // Socket.IO (/realtime): origin allow-list, packet cap and the Redis adapter.
  app.useWebSocketAdapter(new RealtimeIoAdapter(app));

  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  // The web client at / (apps/web/dist, or WEB_DIST_DIR); absent in tests that do not build it.
  serveWebClient(app, config.webDistDir);
}
