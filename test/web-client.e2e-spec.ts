import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { serveWebClient } from '../apps/api/src/web/web-client';
import { connectClient, connected, RealtimeClient } from './support/realtime';
import { createTestApp, expectProblem, registerUser, TestApp } from './support/test-app';

const INDEX =
  '<!doctype html><html><head><title>Roundtable</title></head><body><div id="root"></div></body></html>';
const ASSET = 'console.log("roundtable");'.repeat(100);

// A web build as Vite and the compression plugin lay it out.
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'roundtable-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'index.html.gz'), gzipSync(INDEX));
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), ASSET);
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js.br'), brotliCompressSync(ASSET));
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js.gz'), gzipSync(ASSET));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe('the web client served at /', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = fakeBuild();
    t = await createTestApp({ WEB_DIST_DIR: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / revalidated on every load, with a content security policy', async () => {
    const res = await t.api().get('/').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(res.text).toBe(INDEX);
  });

  it('answers deep links with index.html', async () => {
    for (const path of ['/groups/6f1c2d3e-0000-4000-8000-000000000000/members', '/sign-in?next=%2F']) {
      const res = await t.api().get(path).set('Accept', 'text/html,application/xhtml+xml');
      expect({ path, status: res.status, text: res.text }).toEqual({ path, status: 200, text: INDEX });
    }
  });

  it('serves hashed assets precompressed and cached as immutable', async () => {
    const br = await t
      .api()
      .get('/assets/index-Ab12Cd34.js')
      .set('Accept-Encoding', 'br, gzip')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    const gz = await t.api().get('/assets/index-Ab12Cd34.js').set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toBe(ASSET); // supertest inflates gzip
  });

  it('a missing asset is a 404, not the app', async () => {
    const res = await t.api().get('/assets/nothing-here.js').set('Accept', '*/*');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<div id="root">');
  });

  it('leaves the API, its docs, health and metrics as they were', async () => {
    expectProblem(await t.api().get('/api/v1/nothing-here').set('Accept', 'text/html'), 404);
    expectProblem(await t.api().get('/api/v2/groups').set('Accept', 'text/html'), 404);
    expect((await t.api().get('/health')).body.status).toBe('ok');
    expect((await t.api().get('/metrics')).text).toMatch(/# HELP/);
    const docs = await t.api().get('/api/docs-json');
    expect(docs.body.openapi).toMatch(/^3\./);
    const ui = await t.api().get('/api/docs').redirects(1);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('does not answer other methods with the app', async () => {
    const res = await t.api().post('/groups/x').set('Accept', 'text/html');
    expect(res.status).toBe(404);
  });
});

describe('without a web build', () => {
  it('the API boots and says so in the log', () => {
    const log = jest.fn();
    const app = { use: jest.fn() } as unknown as NestExpressApplication;
    const dir = mkdtempSync(join(tmpdir(), 'roundtable-noweb-'));
    try {
      expect(serveWebClient(app, dir, { log } as unknown as Logger)).toBe(false);
      expect(app.use).not.toHaveBeenCalled();
      expect(log).toHaveBeenCalledWith(expect.stringContaining('No web client build'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every other e2e app runs without one: / is then a 404 problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roundtable-noweb-'));
    const t = await createTestApp({ WEB_DIST_DIR: dir });
    try {
      expectProblem(await t.api().get('/'), 404);
      expect((await t.api().get('/health')).status).toBe(200);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The web client's socket comes from the API's own origin, which need not be in CORS_ORIGINS.
describe('Socket.IO from the same origin', () => {
  let t: TestApp;
  const clients: RealtimeClient[] = [];
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: '' });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  it('accepts the origin the request was sent to, and refuses any other', async () => {
    const user = await registerUser(t, 'origin');
    const own = new URL(t.url).origin;
    const same = connectClient(t, user.token, { origin: own });
    clients.push(same);
    await connected(same);
    expect(same.socket.connected).toBe(true);

    for (const origin of ['https://evil.example', `${own}.evil.example`, 'http://127.0.0.1:1', 'null']) {
      const other = connectClient(t, user.token, { origin });
      clients.push(other);
      await expect(connected(other)).rejects.toThrow();
      expect(other.socket.connected).toBe(false);
    }
  });
});
