import { createTestApp, TestApp } from './support/test-app';
import { appRoutes, Route } from './support/routes';

interface Operation {
  operationId: string;
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

const PROBLEM_REF = '#/components/schemas/Problem';

// The document a generated client trusts: complete by construction (every route goes through
// @Endpoint), and checked here structurally, operation by operation.
describe('OpenAPI document', () => {
  let t: TestApp;
  let routes: Route[];
  let operations: { method: string; path: string; op: Operation }[];
  let doc: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await createTestApp();
    routes = appRoutes(t.app);
    doc = (await t.api().get('/api/docs-json')).body;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  });
  afterAll(() => t.close());

  it('every route of the router is declared with @Endpoint and documented', () => {
    expect(routes.length).toBeGreaterThan(100);
    const missing = routes.filter((r) => !r.endpoint).map((r) => `${r.key} (${r.handler})`);
    expect(missing).toEqual([]);
    const documented = new Set(operations.map((o) => `${o.method} ${o.path}`));
    expect(routes.filter((r) => !documented.has(r.key)).map((r) => r.key)).toEqual([]);
    expect(operations.length).toBe(routes.length);
  });

  it('has the shared Problem schema (RFC 9457)', () => {
    expect(doc.components.schemas.Problem).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['type', 'title', 'status']),
      properties: expect.objectContaining({
        type: expect.anything(),
        title: expect.anything(),
        status: expect.anything(),
        detail: expect.anything(),
        instance: expect.anything(),
        errors: expect.anything(),
      }),
    });
  });

  it('every operation has a summary, a success schema and its problem responses', () => {
    const problems: string[] = [];
    for (const { method, path, op } of operations) {
      const name = `${method} ${path}`;
      const codes = Object.keys(op.responses).map(Number);
      if (!op.summary?.trim()) problems.push(`${name}: no summary`);
      const success = codes.filter((c) => c >= 200 && c < 300);
      if (success.length !== 1) problems.push(`${name}: ${success.length} success responses`);
      for (const c of success) {
        const content = op.responses[c].content;
        if (c !== 204 && !Object.values(content ?? {}).some((m) => m.schema))
          problems.push(`${name}: ${c} without a schema`);
      }
      const errors = codes.filter((c) => c >= 400);
      const expected = new Set<number>([429]);
      if (op.parameters?.length || op.requestBody) expected.add(400);
      if (op.parameters?.some((p) => p.in === 'path')) expected.add(404);
      if (op.requestBody) [413, 415].forEach((c) => expected.add(c));
      const authenticated = (op.security ?? []).some((s) => 'bearer' in s);
      if (authenticated) expected.add(401);
      if (!op.security) problems.push(`${name}: security is not stated (public routes say security: [])`);
      for (const c of expected) if (!errors.includes(c)) problems.push(`${name}: no ${c} response`);
      for (const c of errors) {
        if (path === '/health' && c === 503) continue; // the health report itself, by design
        const schema = op.responses[c].content?.['application/problem+json']?.schema;
        if (schema?.$ref !== PROBLEM_REF) problems.push(`${name}: ${c} is not a Problem`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the documented success status is the one the route answers with', () => {
    const byId = new Map(operations.map((o) => [o.op.operationId, o]));
    const wrong = routes.flatMap((r) => {
      const success = Object.keys(byId.get(r.operationId)?.op.responses ?? {}).find((c) => +c < 300);
      return Number(success) === r.status ? [] : [`${r.key}: documents ${success}, answers ${r.status}`];
    });
    expect(wrong).toEqual([]);
  });
});
