import { Logger as NestLogger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import {
  APP_CONFIG,
  AppConfig,
  createValidationPipe,
  makeProblem,
  PROBLEM_CONTENT_TYPE,
  RejectControlCharactersPipe,
  sendProblem,
} from '@roundtable/core';
import express, { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
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
  // Control characters first (bodies, queries, path parameters), then the DTOs.
  app.useGlobalPipes(new RejectControlCharactersPipe(), createValidationPipe());
  answerMalformedRequests(app.getHttpServer());
  // Socket.IO (/realtime): origin allow-list, packet cap and the Redis adapter.
  app.useWebSocketAdapter(new RealtimeIoAdapter(app));

  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  // The web client at / (apps/web/dist, or WEB_DIST_DIR); absent in tests that do not build it.
  serveWebClient(app, config.webDistDir);
}

// Node's HTTP parser refuses requests it cannot read — a control character in a header value
// or the request line, a header block that is too large — before any route runs. Answer those
// with a problem too, instead of Node's bare "400 Bad Request".
function answerMalformedRequests(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const detail =
      status === 431
        ? 'The request headers are too large'
        : 'The request is not valid HTTP: a header or the request line holds a control character or is malformed';
    const body = JSON.stringify(makeProblem(status, detail));
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
