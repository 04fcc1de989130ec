import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

// The OpenAPI document as served at /api/docs-json; also written to openapi.json at the repo root
// (npm run openapi:update), from which the web client's types are generated. Every operation's
// summary, success response and problem responses come from its @Endpoint (libs/core/src/http/endpoint.ts).
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Roundtable API')
      .setDescription(
        'Backend for multi-stakeholder security and human rights working groups. Errors are RFC 9457 problem details (application/problem+json, schema `Problem`).',
      )
      .setVersion('1')
      .setLicense('Proprietary', 'https://roundtable.dev/license')
      .addServer('/', 'This server')
      .addBearerAuth()
      .build(),
  );
  // Public operations say so explicitly (an empty requirement list), so a client knows no
  // token is needed rather than guessing from its absence.
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method];
      if (op && !op.security) op.security = [];
    }
  }
  return document;
}
