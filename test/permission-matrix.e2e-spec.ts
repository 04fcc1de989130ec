import { sample } from 'openapi-sampler';
import { MATRIX, MatrixEntry, OWNER_KIND_MATRIX, PARAM_FIXTURES } from './permission-matrix.table';
import {
  freshGroup,
  leafFixtures,
  PermissionWorld,
  permissionWorld,
  Role,
  ROLES,
} from './support/permission-world';
import { appRoutes, Route } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';

// Every route of the router × every standing, against the one table of expected statuses
// (test/permission-matrix.table.ts). MATRIX_PRINT=1 prints the observed table lines instead of
// failing on differences, to write a new entry.
jest.setTimeout(300_000);

type Doc = {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: object }> } }>>;
};

const PRINT = process.env.MATRIX_PRINT === '1';
// Least privileged first, so a route that changes its object does so as late as possible.
const RUN_ORDER: Role[] = ['outsider', 'observer', 'otherOrg', 'member', 'coChair', 'focal'];

function entryFormat(route: Route): string {
  return `  '${route.key}': '404 200 200 200 200 200',`;
}

describe('permission matrix', () => {
  let t: TestApp;
  let w: PermissionWorld;
  let routes: Route[];
  let doc: Doc;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '0' });
    routes = appRoutes(t.app);
    doc = (await t.api().get('/api/docs-json')).body;
    w = await permissionWorld(t);
  });
  afterAll(() => t.close());

  it('every route has an entry (add one line to test/permission-matrix.table.ts)', () => {
    const missing = routes.filter((r) => !MATRIX[r.key]);
    if (missing.length) {
      throw new Error(
        `These routes have no entry in test/permission-matrix.table.ts:\n${missing.map((r) => `  ${r.key} (${r.handler})`).join('\n')}\n` +
          `Add a line per route with the status each standing gets, in the order ${ROLES.join(' ')}\n` +
          `(or { expect, fresh, body, query, ownFixture }; MATRIX_PRINT=1 prints what the routes answer now):\n` +
          missing.map(entryFormat).join('\n'),
      );
    }
    const stale = Object.keys(MATRIX).filter((k) => !routes.some((r) => r.key === k));
    expect(stale).toEqual([]);
  });

  it('each standing gets the status the table says, and it is documented', async () => {
    const wrong: string[] = [];
    const printed: string[] = [];
    for (const route of routes) {
      const raw = MATRIX[route.key] ?? (PRINT ? '' : undefined);
      if (raw === undefined) continue;
      const entry: MatrixEntry = typeof raw === 'string' ? { expect: raw } : raw;
      if (entry.ownFixture && !PRINT) continue; // tested in its own spec, named in the entry
      const expected = entry.expect.split(/\s+/).map(Number);
      const observed: Record<string, number> = {};
      const documented = Object.keys(
        doc.paths[route.path]?.[route.method.toLowerCase()]?.['responses' as never] ?? {},
      );
      for (const role of RUN_ORDER) {
        let ids = { ...w.ids };
        const fresh = entry.fresh ?? [];
        if (fresh.includes('groupId')) ids.groupId = await freshGroup(t, w);
        const leaves = fresh.filter((p) => p !== 'groupId');
        if (leaves.length) ids = await leafFixtures(t, { ...w, groupId: ids.groupId }, ids, leaves);
        const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
          const fixture = PARAM_FIXTURES[name];
          return encodeURIComponent(fixture ? fixture(ids) : (ids[name] ?? name));
        });
        const body =
          entry.body?.(w, ids, role) ??
          (route.method === 'GET' || route.method === 'DELETE' ? undefined : sampleBody(doc, route));
        let req = t.api()[route.method.toLowerCase() as 'get'](url).set(w.users[role].auth);
        if (entry.query) req = req.query(entry.query(w, ids, role));
        const res = body === undefined ? await req : await req.send(body as object);
        observed[role] = res.status;
        if (!documented.includes(String(res.status)))
          wrong.push(`${route.key} as ${role}: ${res.status} is not documented (${documented.join(', ')})`);
      }
      const line = ROLES.map((r) => observed[r]).join(' ');
      printed.push(`  '${route.key}': '${line}',`);
      if (!PRINT && line !== expected.join(' '))
        wrong.push(`${route.key}: expected ${expected.join(' ')}, got ${line} (${ROLES.join(' ')})`);
    }
    if (PRINT) console.log(printed.join('\n'));
    expect(wrong).toEqual([]);
  });

  it('each attachment owner kind answers as the table says (OWNER_KIND_MATRIX)', async () => {
    const path = '/api/v1/{ownerKind}/{ownerId}/attachments';
    const parameters = (
      doc.paths[path].get as unknown as { parameters: { name: string; schema: { enum: string[] } }[] }
    ).parameters;
    const kinds = parameters.find((p) => p.name === 'ownerKind')!.schema.enum;
    expect(Object.keys(OWNER_KIND_MATRIX).sort()).toEqual([...kinds].sort());
    const wrong: string[] = [];
    const printed: string[] = [];
    for (const [kind, entry] of Object.entries(OWNER_KIND_MATRIX)) {
      if (!entry.ownerId || (entry.ownFixture && !PRINT)) continue;
      const ownerId = w.ids[entry.ownerId];
      expect(ownerId).toBeDefined();
      const url = `/api/v1/${kind}/${ownerId}/attachments`;
      const observed: Record<string, { list: number; upload: number }> = {};
      for (const role of RUN_ORDER) {
        const list = await t.api().get(url).set(w.users[role].auth);
        const upload = await t
          .api()
          .post(url)
          .set(w.users[role].auth)
          .attach('file', Buffer.from(`matrix ${role}\n`), { filename: 'matrix.txt' });
        observed[role] = { list: list.status, upload: upload.status };
      }
      const line = (k: 'list' | 'upload') => ROLES.map((r) => observed[r][k]).join(' ');
      printed.push(`  '${kind}': { list: '${line('list')}', upload: '${line('upload')}' },`);
      for (const k of ['list', 'upload'] as const)
        if (!PRINT && line(k) !== entry[k])
          wrong.push(`${kind} ${k}: expected ${entry[k]}, got ${line(k)} (${ROLES.join(' ')})`);
    }
    if (PRINT) console.log(printed.join('\n'));
    expect(wrong).toEqual([]);
  });
});

function sampleBody(doc: Doc, route: Route): unknown {
  const schema =
    doc.paths[route.path]?.[route.method.toLowerCase()]?.requestBody?.content['application/json']?.schema;
  return schema ? sample(schema, { skipReadOnly: true, skipNonRequired: true }, doc) : undefined;
}
