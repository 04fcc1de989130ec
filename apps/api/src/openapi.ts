import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { ParameterObject, ReferenceObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

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
  // Path parameters in the order of the path: the explorer's own order depends on how the
  // decorators were compiled (ts-jest and tsc differed for routes with an @ApiParam).
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method];
      if (op && !op.security) op.security = [];
      if (op?.parameters) op.parameters = inPathOrder(path, op.parameters);
    }
  }
  return document;
}

function inPathOrder(
  path: string,
  parameters: (ParameterObject | ReferenceObject)[],
): (ParameterObject | ReferenceObject)[] {
  const rank = (p: ParameterObject | ReferenceObject): number => {
    if (!('in' in p) || p.in !== 'path') return Number.MAX_SAFE_INTEGER;
    const at = path.indexOf(`{${p.name}}`);
    return at < 0 ? Number.MAX_SAFE_INTEGER - 1 : at;
  };
  // Array.prototype.sort is stable: the other parameters keep their order.
  return [...parameters].sort((a, b) => rank(a) - rank(b));
}
