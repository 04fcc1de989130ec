import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { basename, join, resolve, sep } from 'node:path';

// Paths the web client never answers: the API, its docs, operations and the Socket.IO endpoint.
const SERVER_PATHS = /^\/(api|health|metrics|socket\.io)(\/|$)/;

// The page may load only its own scripts and styles and talk only to its own origin (HTTP and
// WebSocket). Radix sets inline style attributes, hence 'unsafe-inline' for styles only.
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // blob: for attachments, fetched with the bearer token and shown through object URLs
  // (thumbnails, image and PDF previews; docs/files.md).
  "img-src 'self' data: blob:",
  'frame-src blob:',
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// apps/web/dist relative to the repository root, whether this file runs from source
// (apps/api/src/web) or from the build (dist/apps/api/src/web).
export function defaultWebDistDir(): string {
  const fromSource = resolve(__dirname, '../../../web/dist');
  const fromBuild = resolve(__dirname, '../../../../../apps/web/dist');
  return existsSync(join(fromSource, 'index.html')) ? fromSource : fromBuild;
}

// Serves the built single-page app at /: precompressed (brotli, gzip) files, hashed assets cached
// as immutable, index.html revalidated on every load, and every other page path (a deep link)
// answered with index.html. Returns false, saying so in the log, when there is no build.
export function serveWebClient(
  app: NestExpressApplication,
  dir: string = defaultWebDistDir(),
  logger = new Logger('WebClient'),
): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    logger.log(`No web client build at ${dir} (run "npm run build"); serving the API only`);
    return false;
  }
  const assets = `${sep}assets${sep}`;
  const files = expressStaticGzip(dir, {
    enableBrotli: true,
    orderPreference: ['br', 'gz'],
    index: false,
    serveStatic: {
      index: false,
      fallthrough: true,
      setHeaders: (res: ServerResponse, file: string) => {
        if (file.includes(assets)) {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        } else if (basename(file).startsWith('index.html')) {
          res.setHeader('Cache-Control', 'no-cache');
          res.setHeader('Content-Security-Policy', WEB_CONTENT_SECURITY_POLICY);
        } else {
          res.setHeader('Cache-Control', 'public, max-age=3600');
        }
      },
    },
  }) as RequestHandler;

  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    files(req, res, (err?: unknown) => {
      if (err) return next(err);
      // A missing asset is a 404, not the app; any other path is a page of the app.
      if (req.path.startsWith('/assets/') || !req.accepts('html')) return next();
      req.url = '/index.html';
      files(req, res, next);
    });
  });
  logger.log(`Serving the web client from ${dir}`);
  return true;
}
