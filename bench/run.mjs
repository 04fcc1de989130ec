// `npm run bench`: the API measured as its users would measure it. The API and the worker run as
// their own processes, started the way users start them (node dist/apps/.../main.js); the shared
// raw baseline (baseline.mjs: node:http + pg doing the same work) runs as a third process; this
// process only seeds through the HTTP API and loads both with autocannon, alternating A B A B.
// Nothing here boots the Nest app. See bench/README.md.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import Redis from 'ioredis';
import { token as baselineToken } from './baseline.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..');
const env = process.env;
const ROWS = Number(env.BENCH_ROWS ?? 5000);
const SECONDS = Number(env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
// Seconds of load on each side before a scenario's rounds (BENCH_WARMUP). The API has already
// served the seeding by then; a process that has not needs about 15 s of load before its
// optimising compiler has caught up (list page: 3.0-3.7 ms of API CPU in its first 5 s, 1.9 in
// the next, 1.4-1.6 from then on), and the median of the rounds leaves out a cold first one.
const WARMUP = Number(env.BENCH_WARMUP ?? 1);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 32);
const SOCKETS = Number(env.BENCH_SOCKETS ?? 1000);
const MEETINGS = Number(env.BENCH_MEETINGS ?? 120);
// The `paced` scenario's rate, as a share of the baseline's req/s in `list` (BENCH_PACE).
const PACE = Number(env.BENCH_PACE ?? 0.5);
const ONLY = env.BENCH_SCENARIOS ? new Set(env.BENCH_SCENARIOS.split(',')) : null;
const CPU_PROF = env.BENCH_CPU_PROF === '1';
// Extra node flags for the API processes, e.g. BENCH_API_FLAGS=--trace-gc (output in api1.log).
const API_FLAGS = (env.BENCH_API_FLAGS ?? '').split(' ').filter(Boolean);
const PG_BASE = env.BENCH_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const RUN = Date.now().toString(36);
const DATABASE_URL = `${PG_BASE}/roundtable_bench`;
const BASELINE_DB = `rt_baseline_${RUN}`;
const REDIS_PREFIX = `rt_bench_${RUN}`;
const OUT_DIR = path.join(HERE, 'results');
const LOG_DIR = path.join(OUT_DIR, `run-${RUN}`);
fs.mkdirSync(LOG_DIR, { recursive: true });

// What a production deployment sets; the general rate limit and the per-address socket handshake
// limit are off so they do not cap the load (every client here comes from 127.0.0.1), and access
// tokens outlive the run (login throttling and every other rule stay as they are).
const projectEnv = {
  ...env,
  TZ: 'UTC',
  // As `npm start` / `start:api` / the Dockerfile set it (docs/SCALING.md, Memory).
  MALLOC_MMAP_THRESHOLD_: '131072',
  NODE_ENV: 'production',
  JWT_SECRET: `bench-${crypto.randomBytes(16).toString('hex')}`,
  JWT_ACCESS_TTL_SECONDS: '7200',
  DATABASE_URL,
  REDIS_PREFIX,
  RATE_LIMIT_PER_MINUTE: '0',
  REALTIME_HANDSHAKES_PER_MINUTE: '0',
};

const children = [];
function start(name, args, extraEnv = {}) {
  const log = fs.openSync(path.join(LOG_DIR, `${name}.log`), 'w');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...projectEnv, ...extraEnv },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  child.name = name;
  children.push(child);
  child.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return child;
}
async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(CPU_PROF && child.name.startsWith('api') ? 'SIGUSR2' : 'SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await child.exited;
  clearTimeout(t);
}
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(what, check, ms = 60_000, child) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child && child.exitCode !== null) throw new Error(`${what}: process exited (${child.exitCode})`);
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what}: not ready after ${ms} ms (logs in ${LOG_DIR})`);
}
async function startApi(name) {
  const port = await freePort();
  // The profile is written when the process exits normally: profile-exit.cjs turns SIGUSR2 into
  // process.exit() (Nest's own SIGTERM hook ends the process by the signal, writing nothing).
  const flags = CPU_PROF
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${LOG_DIR}`,
        `--cpu-prof-name=${name}.cpuprofile`,
        '-r',
        './bench/profile-exit.cjs',
      ]
    : [];
  const child = start(name, [...API_FLAGS, ...flags, 'dist/apps/api/src/main.js'], { PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(name, async () => (await fetch(`${base}/health`)).status === 200, 60_000, child);
  return { child, base, api: `${base}/api/v1` };
}
async function startWorker() {
  const child = start('worker', ['dist/apps/worker/src/main.js']);
  const logFile = path.join(LOG_DIR, 'worker.log');
  await waitFor(
    'worker',
    async () => fs.readFileSync(logFile, 'utf8').includes('worker started'),
    60_000,
    child,
  );
  return child;
}
// CPU time (ms) of a process, and of the Postgres backends serving a database: CPU per request
// is steadier than req/s on a shared machine, and shows which side (Node or Postgres) got dearer.
const TICK_MS = 10; // USER_HZ is 100 on Linux
function cpuMs(pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}
// Per backend (pid → ms): a backend that ends during a measurement (a pool closing an idle
// connection) must not make the difference negative; the CPU it used in the window is lost.
function dbCpuByPid(db) {
  const byPid = new Map();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.startsWith('postgres: ') && cmd.includes(` ${db} `)) byPid.set(pid, cpuMs(pid));
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}
function dbCpuSince(db, before) {
  let sum = 0;
  for (const [pid, ms] of dbCpuByPid(db)) sum += ms - (before.get(pid) ?? 0);
  return sum;
}
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function admin(sql, connectionString = `${PG_BASE}/postgres`) {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
async function cleanRedis() {
  const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

// ---- HTTP helpers for seeding (plain fetch: the load itself is autocannon's) ----
function client(api) {
  async function call(method, p, body, token) {
    const r = await fetch(api + p, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const j = await r.json().catch(() => null);
    if (r.status >= 300) throw new Error(`${method} ${p} ${r.status} ${JSON.stringify(j)}`);
    return j;
  }
  return { post: (p, b, t) => call('POST', p, b, t), get: (p, t) => call('GET', p, undefined, t) };
}

// Every fifth incident is restricted and shared with the "heavy" organisation only: the viewer's
// organisation sees the other 80 %, the heavy organisation sees all of them and a fifth of every
// page it reads is logged in the access log. The baseline's data is given the same shape.
const restrictedAt = (i) => i % 5 === 0;
const TOPICS = [
  'dust and water',
  'a road blockade',
  'an arrest at the gate',
  'artisanal diggers',
  'a night patrol',
];
const incident = (i, sharedWith) => ({
  title: `Road blockade ${i}`,
  description: `Community protest about ${TOPICS[i % TOPICS.length]} near the haul road, number ${i}`,
  occurredAt: new Date(Date.now() - i * 60e3).toISOString(),
  location: { name: 'Kolwezi road' },
  category: 'community_protest',
  severity: 'medium',
  confidentiality: sharedWith ? 'restricted' : 'group',
  ...(sharedWith ? { sharedWithOrganisationIds: [sharedWith] } : {}),
});

async function seedProject(api) {
  const { post, get } = client(api);
  async function account(label) {
    const email = `${label}.${RUN}@example.org`;
    const password = `bench ${label} password 1`;
    await post('/auth/register', { email, password, displayName: label });
    return { email, password, token: (await post('/auth/login', { email, password })).accessToken };
  }
  const [rep, viewer, heavy, login] = [
    await account('reporter'),
    await account('viewer'),
    await account('heavy'),
    await account('login'),
  ];
  const o1 = await post('/organisations', { name: `Perf Mining ${RUN}`, kind: 'company' }, rep.token);
  const o2 = await post('/organisations', { name: `Perf NGO ${RUN}`, kind: 'civil_society' }, viewer.token);
  const o3 = await post('/organisations', { name: `Perf Rights ${RUN}`, kind: 'civil_society' }, heavy.token);
  const g = await post(
    '/groups',
    { name: `Perf WG ${RUN}`, organisationId: o1.id, timezone: 'Africa/Lubumbashi' },
    rep.token,
  );
  for (const [u, o] of [
    [viewer, o2],
    [heavy, o3],
  ]) {
    const inv = await post(
      `/groups/${g.id}/members`,
      { email: u.email, organisationId: o.id, role: 'member' },
      rep.token,
    );
    await post(`/me/invitations/${inv.id}/accept`, {}, u.token);
  }
  const t0 = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < ROWS) {
        const i = next++;
        await post(`/groups/${g.id}/incidents`, incident(i, restrictedAt(i) ? o3.id : null), rep.token);
      }
    }),
  );
  const seedRate = ROWS / ((Date.now() - t0) / 1000);
  const day = 24 * 3600e3;
  for (let i = 0; i < MEETINGS; i++) {
    const startsAt = Date.now() + (i + 1) * day;
    await post(
      `/groups/${g.id}/meetings`,
      {
        title: `Security and human rights meeting ${i}`,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 2 * 3600e3).toISOString(),
        location: 'Lubumbashi',
      },
      rep.token,
    );
  }
  // Replay scenario: a client that missed the last 200 events catches up. Cursors are opaque
  // (docs/REALTIME.md): page to the end and keep the cursor of the event 200 before it.
  let after = '0';
  let replayAfter = '0';
  const tail = [];
  for (;;) {
    const page = await get(`/groups/${g.id}/events?after=${after}&limit=200`, viewer.token);
    tail.push(...page.items.map((e) => e.cursor));
    tail.splice(0, Math.max(0, tail.length - 201));
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  if (tail.length > 200) replayAfter = tail[0];
  return {
    groupId: g.id,
    rep,
    viewer,
    heavy,
    login,
    orgs: [o1, o2, o3],
    seedRate,
    replayAfter,
  };
}

// The baseline seeds its own database (10 % restricted, unshared); give it the project's shape:
// every fifth incident restricted and shared with a third organisation, whose member is "heavy".
async function shapeBaseline(ids) {
  const c = new pg.Client({ connectionString: `${PG_BASE}/${BASELINE_DB}` });
  await c.connect();
  try {
    await c.query(`INSERT INTO org VALUES ($1, 'Perf Rights')`, [ids.heavyOrgId]);
    await c.query(`INSERT INTO person VALUES ($1, 'Heavy')`, [ids.heavyUserId]);
    await c.query(`INSERT INTO membership VALUES ($1, $2, $3, 'member')`, [
      ids.heavyUserId,
      ids.groupId,
      ids.heavyOrgId,
    ]);
    await c.query(`
      WITH n AS (SELECT id, row_number() OVER (ORDER BY created_at DESC, id DESC) AS k FROM incident)
      UPDATE incident i SET confidentiality = CASE WHEN n.k % 5 = 0 THEN 'restricted' ELSE 'group' END
      FROM n WHERE n.id = i.id`);
    await c.query(
      `INSERT INTO incident_share SELECT id, $1 FROM incident WHERE confidentiality = 'restricted'`,
      [ids.heavyOrgId],
    );
    await c.query('ANALYZE');
  } finally {
    await c.end();
  }
}

function cannon(opts, seconds = SECONDS) {
  if (opts.overallRate) return steady(opts, seconds);
  return new Promise((resolve, reject) =>
    autocannon({ duration: seconds, connections: CONNECTIONS, ...opts }, (e, r) =>
      e ? reject(e) : resolve(r),
    ),
  );
}
// An open-loop load at opts.overallRate requests a second, evenly spaced, over up to CONNECTIONS
// keep-alive connections; each latency counts from the moment its request was due, so time spent
// waiting for a free connection counts too. (autocannon's own rate sends each connection's quota
// for the second in one burst at its start, which measures bursts, not a steady load.) Returns
// the part of autocannon's result that measure() reads.
function steady(opts, seconds) {
  const rate = opts.overallRate;
  const total = Math.max(1, Math.round(rate * seconds));
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  let sent = 0;
  let finished = 0;
  let non2xx = 0;
  let errors = 0;
  const t0 = performance.now();
  const dueAt = (i) => t0 + (i * 1000) / rate;
  return new Promise((resolve) => {
    const done = (due, failed, status) => {
      if (failed) errors++;
      else {
        latencies.push(performance.now() - due);
        if (status < 200 || status >= 300) non2xx++;
      }
      if (++finished < total) return;
      agent.destroy();
      latencies.sort((a, b) => a - b);
      const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
      resolve({
        requests: { total, average: (1000 * total) / (performance.now() - t0) },
        latency: { p50: Math.round(at(0.5)), p99: Math.round(at(0.99)) },
        non2xx,
        errors,
        timeouts: 0,
      });
    };
    const fire = (due) => {
      let settled = false;
      const settle = (failed, status) => {
        if (settled) return;
        settled = true;
        done(due, failed, status);
      };
      const req = http.request(
        opts.url,
        { method: opts.method ?? 'GET', headers: opts.headers, agent },
        (res) => {
          res.on('error', () => settle(true));
          res.on('end', () => settle(false, res.statusCode));
          res.resume();
        },
      );
      req.on('error', () => settle(true));
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.end(opts.body);
    };
    const tick = () => {
      while (sent < total && dueAt(sent) <= performance.now()) fire(dueAt(sent++));
      if (sent < total) setTimeout(tick, Math.max(0, dueAt(sent) - performance.now()));
    };
    tick();
  });
}
// One measured run of one side: autocannon's figures plus CPU per request of its server process
// and of the Postgres backends of its database.
async function measure(side) {
  const cpu0 = cpuMs(side.pid);
  const db0 = dbCpuByPid(side.db);
  const r = await cannon(side.opts);
  const n = Math.max(r.requests.total, 1);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    cpuMsPerRequest: +((cpuMs(side.pid) - cpu0) / n).toFixed(2),
    dbCpuMsPerRequest: +(dbCpuSince(side.db, db0) / n).toFixed(2),
  };
}
// The share of the machine's CPU time the hypervisor gave to other guests (steal) since a
// snapshot: on a shared virtual machine the noise that moves latency tails between runs.
function cpuTimes() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  return { steal: f[7] ?? 0, total: f.reduce((a, b) => a + b, 0) };
}
function stealPercent(t0) {
  const t = cpuTimes();
  return t.total > t0.total ? +((100 * (t.steal - t0.steal)) / (t.total - t0.total)).toFixed(1) : 0;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  console.log(
    `bench ${RUN}: ${ROWS} incidents, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${SECONDS} s; logs in ${path.relative(ROOT, LOG_DIR)}`,
  );
  const run0 = cpuTimes();
  await admin(`DROP DATABASE IF EXISTS roundtable_bench WITH (FORCE)`);
  const migrate = start('migrate', ['dist/scripts/preflight.js']);
  if ((await migrate.exited) !== 0) throw new Error(`migration failed (see ${LOG_DIR}/migrate.log)`);
  const worker = await startWorker();
  const api1 = await startApi('api1');

  const project = await seedProject(api1.api);
  console.log(`seeded ${ROWS} incidents through the API at ${Math.round(project.seedRate)} creates/s`);
  // As autovacuum would (it is off on some development machines; the baseline analyzes too):
  // without statistics the planner reads the whole group to sort it.
  await admin(`ANALYZE`, DATABASE_URL);
  const first = await client(api1.api).get(
    `/groups/${project.groupId}/incidents?limit=50`,
    project.viewer.token,
  );
  if (first.items.length !== 50) throw new Error(`project list returned ${first.items.length} items`);

  const ids = {
    groupId: crypto.randomUUID(),
    orgId: crypto.randomUUID(),
    userId: crypto.randomUUID(),
    heavyOrgId: crypto.randomUUID(),
    heavyUserId: crypto.randomUUID(),
  };
  const bport = await freePort();
  const baseline = start('baseline', [path.join(HERE, 'baseline.mjs')], {
    PORT: String(bport),
    ROWS: String(ROWS),
    BASELINE_IDS: JSON.stringify({ groupId: ids.groupId, orgId: ids.orgId, userId: ids.userId }),
    DATABASE_URL: `${PG_BASE}/${BASELINE_DB}`,
  });
  const blog = path.join(LOG_DIR, 'baseline.log');
  await waitFor(
    'baseline',
    async () => fs.readFileSync(blog, 'utf8').includes('listening'),
    120_000,
    baseline,
  );
  await shapeBaseline(ids);
  const B = `http://127.0.0.1:${bport}/api/v1/groups/${ids.groupId}/incidents`;
  const bAuth = (u) => ({ authorization: `Bearer ${baselineToken(u)}` });
  const G = `${api1.api}/groups/${project.groupId}`;
  const auth = (u) => ({ authorization: `Bearer ${u.token}` });
  const json = { 'content-type': 'application/json' };

  const baselineList = { url: `${B}?limit=50`, headers: bAuth(ids.userId) };
  const projectList = { url: `${G}/incidents?limit=50`, headers: auth(project.viewer) };
  const createBody = JSON.stringify(incident(1, null));
  const scenarios = [
    {
      key: 'list',
      label: 'GET incidents page (50)',
      a: projectList,
      b: baselineList,
      goal: { ratio: 0.8 },
    },
    {
      // The same page at a pace both sides carry: half the baseline's req/s of the `list`
      // scenario (PACE). Under saturation a latency goal is a throughput goal in disguise — with
      // 32 connections the mean wait is 32 / throughput, 57 ms at the baseline's own 559 req/s
      // in run mx78gy72 — so the p99 goal is judged here, where latency is what a member waits.
      key: 'paced',
      label: 'GET incidents page, paced',
      a: projectList,
      b: baselineList,
      pace: 'list',
      vs: 'baseline at the same pace',
      goal: { p99: 50 },
    },
    {
      key: 'search',
      label: 'GET incidents ?q= search',
      a: {
        url: `${G}/incidents?limit=50&q=${encodeURIComponent('arrest gate')}`,
        headers: auth(project.viewer),
      },
      b: baselineList,
      vs: 'baseline list (it has no search)',
    },
    {
      key: 'restricted',
      label: 'GET incidents, restricted-heavy org',
      a: { url: `${G}/incidents?limit=50`, headers: auth(project.heavy) },
      b: { url: `${B}?limit=50`, headers: bAuth(ids.heavyUserId) },
    },
    {
      key: 'replay',
      label: 'GET events replay page (200)',
      a: { url: `${G}/events?after=${project.replayAfter}&limit=200`, headers: auth(project.viewer) },
      b: baselineList,
      vs: 'baseline list',
    },
    {
      key: 'meetings',
      label: 'GET meetings page (50)',
      a: { url: `${G}/meetings?limit=50`, headers: auth(project.viewer) },
      b: baselineList,
      vs: 'baseline list',
    },
    {
      key: 'create',
      label: 'POST incident',
      a: {
        url: `${G}/incidents`,
        method: 'POST',
        body: createBody,
        headers: { ...json, ...auth(project.rep) },
      },
      b: { url: B, method: 'POST', body: createBody, headers: { ...json, ...bAuth(ids.userId) } },
      goal: { ratio: 0.5 },
    },
    {
      key: 'login',
      label: 'POST auth/login (argon2id)',
      a: {
        url: `${api1.api}/auth/login`,
        method: 'POST',
        body: JSON.stringify({ email: project.login.email, password: project.login.password }),
        headers: json,
      },
      b: baselineList,
      vs: 'baseline list; argon2id (19 MiB, t=2) is the intended cost',
    },
  ].filter((s) => !ONLY || ONLY.has(s.key));

  const report = {
    run: RUN,
    at: new Date().toISOString(),
    rows: ROWS,
    seconds: SECONDS,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    seedCreatesPerSecond: Math.round(project.seedRate),
    scenarios: {},
  };
  for (const s of scenarios) {
    if (s.pace) {
      // PACE × the baseline's saturated rate, measured in this run (or now, warmed up, without
      // `list`).
      let full = report.scenarios[s.pace]?.baseline.rps;
      if (full === undefined) {
        await cannon(s.b, WARMUP);
        full = (await measure({ opts: s.b, pid: baseline.pid, db: BASELINE_DB })).rps;
      }
      const rate = Math.max(1, Math.round(full * PACE));
      s.a = { ...s.a, overallRate: rate };
      s.b = { ...s.b, overallRate: rate };
      s.label = `${s.label} (${rate} req/s)`;
    }
    const t0 = cpuTimes();
    // Warm both up (JIT, pools, plans) before measuring: see WARMUP.
    await cannon(s.a, WARMUP);
    await cannon(s.b, WARMUP);
    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) {
      const project = await measure({ opts: s.a, pid: api1.child.pid, db: 'roundtable_bench' });
      const base = await measure({ opts: s.b, pid: baseline.pid, db: BASELINE_DB });
      rounds.push({ project, baseline: base, ratio: project.rps / base.rps });
    }
    const med = (k, side = 'project') => median(rounds.map((x) => x[side][k]));
    const res = {
      label: s.label,
      vs: s.vs ?? 'baseline, same work',
      rounds,
      ratio: +median(rounds.map((x) => x.ratio)).toFixed(3),
      project: {
        rps: Math.round(med('rps')),
        p50: med('p50'),
        p99: med('p99'),
        cpuMsPerRequest: med('cpuMsPerRequest'),
        dbCpuMsPerRequest: med('dbCpuMsPerRequest'),
      },
      baseline: {
        rps: Math.round(med('rps', 'baseline')),
        p50: med('p50', 'baseline'),
        p99: med('p99', 'baseline'),
        cpuMsPerRequest: med('cpuMsPerRequest', 'baseline'),
        dbCpuMsPerRequest: med('dbCpuMsPerRequest', 'baseline'),
      },
      errors: rounds.some((x) => x.project.non2xx || x.project.errors),
      stealPercent: stealPercent(t0),
      goal: s.goal ?? null,
    };
    res.met = s.goal
      ? (!s.goal.ratio || res.ratio >= s.goal.ratio) &&
        (!s.goal.p99 || res.project.p99 <= s.goal.p99) &&
        !res.errors
      : null;
    report.scenarios[s.key] = res;
    console.log(summary(res));
  }
  await stop(baseline);

  if (!ONLY || ONLY.has('fanout')) {
    const api2 = await startApi('api2');
    const t0 = cpuTimes();
    report.fanout = await fanout([api1, api2], worker);
    report.fanout.stealPercent = stealPercent(t0);
    console.log(fanoutSummary(report.fanout));
    await stop(api2);
  }

  report.stealPercent = stealPercent(run0);
  console.log(`machine: ${report.stealPercent} % of CPU time stolen by other guests during the run`);
  const file = path.join(OUT_DIR, `bench-${report.at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`report: ${path.relative(ROOT, file)}`);
  const failed =
    Object.values(report.scenarios).some((x) => x.met === false || x.errors) || report.fanout?.met === false;
  return failed ? 1 : 0;
}

async function fanout(apis, worker) {
  const child = spawn(
    process.execPath,
    ['--import', path.join(HERE, 'fanout-verify.mjs'), path.join(HERE, 'fanout.mjs')],
    {
      cwd: ROOT,
      env: { ...env, DATABASE_URL, BASES: apis.map((a) => a.base).join(','), SOCKETS: String(SOCKETS) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const peak = apis.map(() => 0);
  let workerPeak = 0;
  const sampler = setInterval(() => {
    apis.forEach((a, i) => (peak[i] = Math.max(peak[i], rssMb(a.child.pid) ?? 0)));
    workerPeak = Math.max(workerPeak, rssMb(worker.pid) ?? 0);
  }, 200);
  const code = await new Promise((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  const m = /delivered ([\d.]+)% p50 ([\d.n/a]+) ms p99 ([\d.n/a]+) ms/.exec(out);
  const c = /connected (\d+)\/(\d+)/.exec(out);
  const res = {
    sockets: SOCKETS,
    instances: apis.length,
    connected: c ? Number(c[1]) : null,
    deliveredPercent: m ? Number(m[1]) : null,
    p50: m ? Number(m[2]) : null,
    p99: m ? Number(m[3]) : null,
    apiRssMb: peak,
    workerRssMb: workerPeak,
    exitCode: code,
    output: out.trim(),
  };
  res.met = res.deliveredPercent === 100 && res.p99 !== null && res.p99 <= 100 && Math.max(...peak) <= 250;
  return res;
}

const pad = (s, n) => String(s).padEnd(n);
function summary(r) {
  const goal = r.goal
    ? ` (goal ${[r.goal.ratio && `≥ ${r.goal.ratio}`, r.goal.p99 && `p99 ≤ ${r.goal.p99} ms`].filter(Boolean).join(', ')}: ${r.met ? 'met' : 'MISSED'})`
    : '';
  return (
    `${pad(r.label, 36)} ${pad(`${r.project.rps} req/s`, 11)} p50 ${pad(`${r.project.p50} ms`, 7)} p99 ${pad(`${r.project.p99} ms`, 8)}` +
    `cpu ${r.project.cpuMsPerRequest}+${r.project.dbCpuMsPerRequest} ms ` +
    `| baseline ${pad(`${r.baseline.rps} req/s`, 11)} p99 ${pad(`${r.baseline.p99} ms`, 7)}cpu ${r.baseline.cpuMsPerRequest}+${r.baseline.dbCpuMsPerRequest} ms ` +
    `| ratio ${r.ratio.toFixed(2)} vs ${r.vs}${goal}` +
    (r.stealPercent >= 1 ? `; steal ${r.stealPercent} %` : '') +
    (r.errors ? ' | ERRORS' : '')
  );
}
function fanoutSummary(f) {
  return (
    `${pad(`fan-out ${f.sockets} sockets / ${f.instances} APIs`, 36)} delivered ${f.deliveredPercent}% p50 ${f.p50} ms p99 ${f.p99} ms ` +
    `| API RSS ${f.apiRssMb.join(' + ')} MB, worker ${f.workerRssMb} MB (goal 100 %, p99 ≤ 100 ms, RSS ≤ 250 MB: ${f.met ? 'met' : 'MISSED'})${f.stealPercent >= 1 ? `; steal ${f.stealPercent} %` : ''}`
  );
}

let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  await Promise.all(children.map((c) => stop(c)));
  await admin(`DROP DATABASE IF EXISTS ${BASELINE_DB} WITH (FORCE)`).catch(() => undefined);
  // BENCH_KEEP=1 leaves the project's database for a look at its plans (psql roundtable_bench).
  if (env.BENCH_KEEP !== '1')
    await admin(`DROP DATABASE IF EXISTS roundtable_bench WITH (FORCE)`).catch(() => undefined);
  await cleanRedis().catch(() => undefined);
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    void cleanup().then(() => process.exit(130));
  });
}
main().then(
  async (code) => {
    await cleanup();
    process.exit(code);
  },
  async (e) => {
    console.error(e);
    await cleanup();
    process.exit(1);
  },
);
