// Benchmarks the API against a raw `pg` + `node:http` baseline doing the same work (verify the
// JWT, resolve the caller's membership, run the same visibility-filtered keyset query, serialise
// the same JSON), in one run on one machine, and reports the ratio. Ratios, not absolute numbers,
// are what to compare across runs: the machines are shared and noisy.
//
//   npm run bench                        (builds first)
//   BENCH_SECONDS=10 BENCH_CONCURRENCY=32 npm run bench
'use strict';
process.env.TZ = 'UTC';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { Pool, Client } = require('pg');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 2000);
const base = process.env.BENCH_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE_URL = `${base}/roundtable_bench`;

Object.assign(process.env, {
  DATABASE_URL,
  REDIS_PREFIX: 'rt_bench',
  RATE_LIMIT_PER_MINUTE: '0',
  LOG_LEVEL: 'silent',
  NODE_ENV: 'test',
  JWT_SECRET: 'bench-secret-bench-secret-bench',
});

const dist = (p) => path.join(__dirname, '..', 'dist', p);
const { migrate, dropDatabase } = require(dist('libs/database/src'));
const { bootstrapApi } = require(dist('apps/api/src/main'));
const { INCIDENT_SELECT, toIncident, logIncidentReads } = require(
  dist('libs/domain/src/incidents/incident-view'),
);
const { GroupAccessPolicy } = require(dist('libs/domain/src/access/group-access.policy'));
const jwt = require('jsonwebtoken');

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, agent, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode, body: text ? JSON.parse(text) : undefined });
        });
      },
    );
    req.on('error', reject);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

async function load(name, url, headers) {
  const latencies = [];
  let errors = 0;
  const warmupEnd = Date.now() + 1000;
  const end = warmupEnd + SECONDS * 1000;
  async function worker() {
    while (Date.now() < end) {
      const t0 = process.hrtime.bigint();
      const res = await request(url, { headers });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (res.status !== 200) errors++;
      if (Date.now() > warmupEnd) latencies.push(ms);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return {
    name,
    requests: latencies.length,
    rps: latencies.length / SECONDS,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    errors,
  };
}

// The baseline: what the endpoint does, with nothing but pg and node:http.
function startBaseline(policy) {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 20 });
  // The same member lookup as GroupAccessPolicy: an active membership held through a confirmed
  // affiliation.
  const actorSql = `SELECT m.organisation_id FROM memberships m
    JOIN affiliations a ON a.id = m.affiliation_id AND a.status = 'active' AND a.user_id = m.user_id
      AND a.organisation_id = m.organisation_id
    WHERE m.group_id = $1 AND m.user_id = $2 AND m.status = 'active'`;
  const server = http.createServer(async (req, res) => {
    try {
      const [, , , , groupId] = req.url.split('?')[0].split('/');
      const claims = jwt.verify((req.headers.authorization ?? '').slice(7), process.env.JWT_SECRET, {
        algorithms: ['HS256'],
      });
      const actor = (await pool.query(actorSql, [groupId, claims.sub])).rows[0];
      if (!actor) {
        res.writeHead(404).end();
        return;
      }
      const rows = (
        await pool.query(
          `${INCIDENT_SELECT} WHERE i.group_id = $1 AND ${policy.incidentVisibilitySql('i', '$2')}
           ORDER BY i.created_at DESC, i.id DESC LIMIT $3`,
          [groupId, actor.organisation_id, 51],
        )
      ).rows;
      const items = rows.slice(0, 50).map((r) => toIncident(r, actor.organisation_id));
      // Reads of restricted incidents are logged, as the API does (pg's Pool has the same query()).
      await logIncidentReads(
        pool,
        items.map((i) => ({ incidentId: i.id, confidentiality: i.confidentiality })),
        { userId: claims.sub, organisationId: actor.organisation_id },
        'list',
      );
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items, nextCursor: rows.length > 50 ? 'x' : null }));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, pool, port: server.address().port })),
  );
}

async function seed(api) {
  const email = `bench-${Date.now()}@example.org`;
  const password = 'bench password 123';
  await request(`${api}/api/v1/auth/register`, {
    method: 'POST',
    body: { email, password, displayName: 'Bench' },
  });
  const { body: tokens } = await request(`${api}/api/v1/auth/login`, {
    method: 'POST',
    body: { email, password },
  });
  const auth = { authorization: `Bearer ${tokens.accessToken}` };
  const { body: org } = await request(`${api}/api/v1/organisations`, {
    method: 'POST',
    headers: auth,
    body: { name: `Bench NGO ${Date.now()}`, kind: 'civil_society' },
  });
  const { body: group } = await request(`${api}/api/v1/groups`, {
    method: 'POST',
    headers: auth,
    body: { name: 'Bench group', organisationId: org.id, timezone: 'Africa/Lubumbashi' },
  });
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  const {
    rows: [user],
  } = await client.query(`SELECT id FROM users WHERE email = $1`, [email]);
  await client.query(
    `INSERT INTO incidents (group_id, reporter_user_id, reporter_organisation_id, title, description, occurred_at,
       location_name, category, severity, confidentiality, created_at)
     SELECT $1, $2, $3, 'Incident ' || g, 'Protest near the concession, road blocked ' || g, now() - g * interval '1 hour',
       'Kolwezi', 'community_protest', (ARRAY['low','medium','high','critical'])[1 + g % 4],
       CASE WHEN g % 5 = 0 THEN 'restricted' ELSE 'group' END, now() - g * interval '1 minute'
     FROM generate_series(1, $4) g`,
    [group.id, user.id, org.id, INCIDENTS],
  );
  await client.end();
  return { auth, groupId: group.id };
}

async function main() {
  await dropDatabase(DATABASE_URL);
  await migrate(DATABASE_URL);
  const app = await bootstrapApi(0);
  const apiUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const { auth, groupId } = await seed(apiUrl);
  const baseline = await startBaseline(new GroupAccessPolicy(null));

  const path1 = `/api/v1/groups/${groupId}/incidents?limit=50`;
  console.log(
    `GET ${path1.replace(groupId, '{groupId}')} — ${INCIDENTS} incidents, ${CONCURRENCY} concurrent, ${SECONDS}s each`,
  );
  // Alternate baseline and API twice so drift on a shared machine hits both alike.
  const runs = [];
  for (let i = 0; i < 2; i++) {
    runs.push(await load('baseline (pg + node:http)', `http://127.0.0.1:${baseline.port}${path1}`, auth));
    runs.push(await load('roundtable API', `${apiUrl}${path1}`, auth));
  }
  const sum = (name) => {
    const r = runs.filter((x) => x.name === name);
    return {
      name,
      rps: r.reduce((a, x) => a + x.rps, 0) / r.length,
      p50: r.reduce((a, x) => a + x.p50, 0) / r.length,
      p95: r.reduce((a, x) => a + x.p95, 0) / r.length,
      errors: r.reduce((a, x) => a + x.errors, 0),
    };
  };
  const b = sum('baseline (pg + node:http)');
  const a = sum('roundtable API');
  const table = [b, a].map((r) => ({
    name: r.name,
    'req/s': r.rps.toFixed(0),
    'p50 ms': r.p50.toFixed(1),
    'p95 ms': r.p95.toFixed(1),
    errors: r.errors,
  }));
  console.table(table);
  const ratio = a.rps / b.rps;
  console.log(`throughput ratio API / baseline: ${ratio.toFixed(2)}`);
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(__dirname, 'results', `incidents-list-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
    JSON.stringify({ runs, ratio }, null, 2),
  );

  baseline.server.close();
  await baseline.pool.end();
  await app.close();
  agent.destroy();
  await dropDatabase(DATABASE_URL);
  if (a.errors || b.errors) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
