import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiModule } from '../apps/api/src/api.module';
import { setRoutePrefix } from '../apps/api/src/configure-app';
import { buildOpenApiDocument } from '../apps/api/src/openapi';

// Writes the OpenAPI document the API serves to openapi.json at the repository root (the web
// client's types are generated from it). Preview mode builds the module graph without
// instantiating providers, so no database or Redis is needed.
async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  setRoutePrefix(app);
  const document = buildOpenApiDocument(app);
  const file = resolve(process.argv[2] ?? resolve(__dirname, '../../openapi.json'));
  writeFileSync(file, JSON.stringify(document, null, 2) + '\n');
  console.log(`openapi: ${Object.keys(document.paths).length} paths → ${file}`);
  await app.close();
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
