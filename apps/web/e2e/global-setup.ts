import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(resolve(root, 'package.json'));

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

async function waitForHealth(url: string, processes: ChildProcess[], ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const exited = processes.find((p) => p.exitCode !== null);
    if (exited) throw new Error(`a server process exited early (code ${exited.exitCode})`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url}/health did not answer in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const kill = setTimeout(() => p.kill('SIGKILL'), 15_000);
    p.once('exit', () => {
      clearTimeout(kill);
      ok();
    });
    p.kill('SIGTERM');
  });
}

// Starts the built API and worker (npm run build first) against a database and Redis prefix of
// this run; returns the teardown that stops them and drops both.
export default async function globalSetup(): Promise<() => Promise<void>> {
  const api = resolve(root, 'dist/apps/api/src/main.js');
  const worker = resolve(root, 'dist/apps/worker/src/main.js');
  const web = resolve(root, 'apps/web/dist');
  for (const f of [api, worker, resolve(web, 'index.html')]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run "npm run build" at the repository root first`);
  }
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const base = process.env.TEST_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const databaseUrl = `${base}/roundtable_web_${id}`;
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `rt_web_${id}`;
  const { migrate } = require(resolve(root, 'dist/libs/database/src/migrate.js')) as {
    migrate: (url: string) => Promise<string[]>;
  };
  const { dropDatabase } = require(resolve(root, 'dist/libs/database/src/ensure-database.js')) as {
    dropDatabase: (url: string) => Promise<void>;
  };
  await migrate(databaseUrl);

  const port = await freePort();
  // The stories read the development inbox for people not signed in (devMail in e2e/support.ts).
  process.env.DEV_MAIL_TOKEN = `e2e-${randomBytes(12).toString('hex')}`;
  const env = {
    ...process.env,
    TZ: 'UTC',
    NODE_ENV: 'test',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    WEB_DIST_DIR: web,
    RATE_LIMIT_PER_MINUTE: '0',
    REALTIME_HANDSHAKES_PER_MINUTE: '0',
    MEETING_JOBS_INTERVAL_MS: '1000',
    AGREEMENT_JOBS_INTERVAL_MS: '1000',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
  };
  const output = process.env.E2E_LOG_LEVEL ? 'inherit' : 'ignore';
  const processes = [
    spawn(process.execPath, [api], { cwd: root, env, stdio: ['ignore', output, 'inherit'] }),
    spawn(process.execPath, [worker], { cwd: root, env, stdio: ['ignore', output, 'inherit'] }),
  ];
  const url = `http://127.0.0.1:${port}`;

  const teardown = async () => {
    await Promise.all(processes.map(stop));
    if (process.env.KEEP_TEST_DB !== '1') await dropDatabase(databaseUrl);
    const Redis = require('ioredis') as typeof import('ioredis').default;
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.unlink(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  };

  try {
    // A loaded machine (eight engineers on two cores) may need longer: E2E_START_TIMEOUT_MS.
    await waitForHealth(url, processes, Number(process.env.E2E_START_TIMEOUT_MS ?? 60_000));
  } catch (e) {
    await teardown();
    throw e;
  }
  process.env.E2E_BASE_URL = url;
  return teardown;
}
