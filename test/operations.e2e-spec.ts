import * as net from 'node:net';
import { createTestApp, expectProblem, registerUser, TestApp } from './support/test-app';

describe('operations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves Prometheus metrics', async () => {
    await t.api().get('/health');
    const res = await t.api().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(
      /roundtable_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\}/,
    );
    expect(res.text).toMatch(/roundtable_process_cpu_user_seconds_total/);
  });

  it('serves the OpenAPI UI and a document that describes every route with schemas', async () => {
    expect((await t.api().get('/api/docs')).status).toBe(200);
    const doc = (await t.api().get('/api/docs-json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    // Every route Nest mapped appears in the document, with a typed success response.
    const server = t.app.getHttpServer();
    const router = t.app.getHttpAdapter().getInstance() as {
      router?: { stack: unknown[] };
      _router?: { stack: unknown[] };
    };
    const stack = (router.router ?? router._router)!.stack as {
      route?: { path: string; methods: Record<string, boolean> };
    }[];
    const routes = stack
      // Nest also mounts catch-all layers (every method on the prefix) for 404s; skip those.
      .filter((l) => l.route && Object.keys(l.route.methods).length < 5)
      .flatMap((l) =>
        Object.keys(l.route!.methods).map((m) => [m, l.route!.path.replace(/:(\w+)/g, '{$1}')] as const),
      );
    expect(routes.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const [method, path] of routes) {
      if (path.startsWith('/api/docs')) continue;
      const op = doc.paths[path]?.[method];
      if (!op) {
        missing.push(`${method.toUpperCase()} ${path} (undocumented)`);
        continue;
      }
      const ok = Object.entries(op.responses ?? {}).find(([code]) => code.startsWith('2'));
      const body = ok?.[1] as { content?: Record<string, { schema?: unknown }> } | undefined;
      if (!ok || (ok[0] !== '204' && !Object.values(body?.content ?? {}).some((c) => c.schema))) {
        missing.push(`${method.toUpperCase()} ${path} (no response schema)`);
      }
      if (
        ['post', 'put', 'patch'].includes(method) &&
        op.requestBody === undefined &&
        !/\/(accept|decline|read|publish|circulate|approve|defer|logout|cancel|end|propose)$/.test(path)
      ) {
        missing.push(`${method.toUpperCase()} ${path} (no request body schema)`);
      }
    }
    expect(missing).toEqual([]);
    expect(server).toBeDefined();
  });

  it('reports 503 naming the failing dependency when Redis is down', async () => {
    const down = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await down.api().get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'error', checks: { database: 'up', redis: 'down' } });
      // The API keeps serving what does not need Redis.
      const u = await registerUser(down, 'no-redis');
      expect((await down.api().get('/api/v1/me').set(u.auth)).status).toBe(200);
    } finally {
      await down.close();
    }
  });

  it('reports 503 naming the database when Postgres stops answering', async () => {
    // The app reaches Postgres through a TCP relay the test can cut, leaving the shared server alone.
    const sockets = new Set<net.Socket>();
    const relay = net.createServer((client) => {
      const upstream = net.connect(5432, '127.0.0.1');
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const url = new URL(process.env.DATABASE_URL!);
    url.port = String((relay.address() as net.AddressInfo).port);
    const app = await createTestApp({ DATABASE_URL: url.toString() });
    try {
      expect((await app.api().get('/health')).status).toBe(200);
      relay.close();
      for (const s of sockets) s.destroy();
      const res = await app.api().get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'error', checks: { database: 'down', redis: 'up' } });
    } finally {
      await app.close().catch(() => undefined);
    }
  });
});

describe('general rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past the per-user limit, counted per user', async () => {
    const a = await registerUser(t, 'limited-a');
    const b = await registerUser(t, 'limited-b');
    const statuses: number[] = [];
    let last: Awaited<ReturnType<ReturnType<TestApp['api']>['get']>> | undefined;
    for (let i = 0; i < 7; i++) {
      last = await t.api().get('/api/v1/me').set(a.auth);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[6]).toBe(429);
    expectProblem(last!, 429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    // Another user is not affected.
    expect((await t.api().get('/api/v1/me').set(b.auth)).status).toBe(200);
  });
});
