import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

// The OpenAPI document as served at /api/docs-json; also written to openapi.json at the repo root
// (npm run openapi:update), from which the web client's types are generated.
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Roundtable API')
      .setDescription(
        'Backend for multi-stakeholder security and human rights working groups. Errors are RFC 9457 problem details (application/problem+json).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}
