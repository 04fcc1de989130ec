import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { AccessTokenService } from '../../libs/core/src/auth/access-token.service';

export interface TestApp {
  app: NestExpressApplication;
  ds: DataSource;
  url: string;
  // supertest against the running server; paths are relative to /api/v1 unless they start with /health etc.
  api: () => request.Agent;
  close: () => Promise<void>;
}

// Boots the real API (all modules, real Postgres and Redis) on an ephemeral port.
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  try {
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    return {
      app,
      ds: app.get(DataSource),
      url: url.replace('[::1]', '127.0.0.1'),
      api: () => request.agent(url),
      close: () => app.close(),
    };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export const PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  token: string;
  refreshToken: string;
  auth: { Authorization: string };
}

export function uniqueEmail(label = 'user'): string {
  return `${label}.${randomUUID().slice(0, 8)}@example.org`;
}

export function uniqueName(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`;
}

export async function registerUser(
  t: TestApp,
  label = 'user',
  email = uniqueEmail(label),
): Promise<TestUser> {
  const reg = await t
    .api()
    .post('/api/v1/auth/register')
    .send({ email, password: PASSWORD, displayName: label });
  if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  const login = await t.api().post('/api/v1/auth/login').send({ email, password: PASSWORD });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return {
    id: reg.body.id,
    email,
    token: login.body.accessToken,
    refreshToken: login.body.refreshToken,
    auth: { Authorization: `Bearer ${login.body.accessToken}` },
  };
}

// Who created (and so administers) each organisation the helpers made, to affiliate people
// with it through the real API.
const organisationAdmins = new Map<string, TestUser>();

export async function createOrganisation(
  t: TestApp,
  user: TestUser,
  kind: string,
  label = kind,
): Promise<{ id: string; name: string; kind: string }> {
  const res = await t
    .api()
    .post('/api/v1/organisations')
    .set(user.auth)
    .send({ name: uniqueName(label), kind });
  if (res.status !== 201) throw new Error(`organisation failed: ${res.status} ${JSON.stringify(res.body)}`);
  organisationAdmins.set(res.body.id, user);
  return res.body;
}

// An admin of the organisation: the one the helpers remember, else any admin in the database
// (for organisations a test created by hand), with a token signed by the app.
export async function organisationAdmin(t: TestApp, organisationId: string): Promise<TestUser> {
  const known = organisationAdmins.get(organisationId);
  if (known) return known;
  const [row] = await t.ds.query(
    `SELECT u.id, u.email FROM affiliations a JOIN users u ON u.id = a.user_id
     WHERE a.organisation_id = $1 AND a.status = 'active' AND a.role = 'admin' ORDER BY a.created_at LIMIT 1`,
    [organisationId],
  );
  if (!row) throw new Error(`organisation ${organisationId} has no admin`);
  // A session id no sign-in made: nothing has revoked it, so the token is accepted.
  const token = t.app.get(AccessTokenService).sign({ id: row.id, email: row.email, sid: randomUUID() });
  return {
    id: row.id,
    email: row.email,
    token,
    refreshToken: '',
    auth: { Authorization: `Bearer ${token}` },
  };
}

// Makes `user` speak for the organisation through the real API (they ask, an admin approves)
// unless they already do; returns the affiliation id.
export async function affiliate(
  t: TestApp,
  organisationId: string,
  user: TestUser,
  role: 'admin' | 'member' = 'member',
): Promise<string> {
  const me = await t.api().get('/api/v1/me').set(user.auth);
  if (me.status !== 200) throw new Error(`me failed: ${me.status} ${JSON.stringify(me.body)}`);
  const current = me.body.affiliations.find(
    (a: { organisationId: string; status: string }) =>
      a.organisationId === organisationId && a.status === 'active',
  );
  if (current) return current.affiliationId;
  const req = await t
    .api()
    .post(`/api/v1/organisations/${organisationId}/affiliation-requests`)
    .set(user.auth)
    .send({});
  if (req.status !== 201) throw new Error(`request failed: ${req.status} ${JSON.stringify(req.body)}`);
  if (req.body.status === 'active') return req.body.id;
  const admin = await organisationAdmin(t, organisationId);
  const ok = await t.api().post(`/api/v1/affiliations/${req.body.id}/approve`).set(admin.auth).send({ role });
  if (ok.status !== 200) throw new Error(`approve failed: ${ok.status} ${JSON.stringify(ok.body)}`);
  return req.body.id;
}

// The newest e-mails to an address, from the development inbox (GET /dev/mail, with the
// DEV_MAIL_TOKEN of test/setup/env.ts: the address's owner is often not signed in).
export async function mailsTo(
  t: TestApp,
  email: string,
): Promise<{ to: string; subject: string; text: string; createdAt: string }[]> {
  const res = await t
    .api()
    .get(`/api/v1/dev/mail?to=${encodeURIComponent(email)}`)
    .set('X-Dev-Mail-Token', process.env.DEV_MAIL_TOKEN ?? '');
  if (res.status !== 200) throw new Error(`dev mail failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items;
}

// Proves the user's e-mail address with the code from their newest verification mail.
export async function verifyEmail(t: TestApp, user: { email: string }): Promise<void> {
  const mail = (await mailsTo(t, user.email)).find((m) => m.subject.startsWith('Confirm your e-mail'));
  const token = /^ {4}(\S+)$/m.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no verification mail for ${user.email}`);
  const res = await t.api().post('/api/v1/auth/verify-email').send({ token });
  if (res.status !== 200) throw new Error(`verify failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function createGroup(
  t: TestApp,
  focal: TestUser,
  organisationId: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; name: string; timezone: string }> {
  await affiliate(t, organisationId, focal);
  const res = await t
    .api()
    .post('/api/v1/groups')
    .set(focal.auth)
    .send({ name: uniqueName('Working group'), organisationId, timezone: 'Africa/Lubumbashi', ...extra });
  if (res.status !== 201) throw new Error(`group failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

// Invites the user through `organisationId` with `role` and accepts; returns the membership id.
// The user is affiliated with the organisation first when they are not yet.
export async function addMember(
  t: TestApp,
  groupId: string,
  inviter: TestUser,
  user: TestUser,
  organisationId: string,
  role = 'member',
): Promise<string> {
  await affiliate(t, organisationId, user);
  const inv = await t
    .api()
    .post(`/api/v1/groups/${groupId}/members`)
    .set(inviter.auth)
    .send({ email: user.email, organisationId, role });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${JSON.stringify(inv.body)}`);
  const acc = await t.api().post(`/api/v1/me/invitations/${inv.body.id}/accept`).set(user.auth);
  if (acc.status !== 200) throw new Error(`accept failed: ${acc.status} ${JSON.stringify(acc.body)}`);
  return inv.body.id;
}

export function expectProblem(res: request.Response, status: number): void {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
    status,
    type: expect.stringContaining('application/problem+json'),
  });
  expect(res.body).toEqual(
    expect.objectContaining({ status, title: expect.any(String), type: expect.any(String) }),
  );
}

// [path, method, response schema name, request schema name | null]
export type DocumentedRoute = [string, string, string, string | null];

// Asserts each route is in the OpenAPI document with the named response (and request) schemas.
export function expectDocumentedRoutes(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the OpenAPI document is untyped JSON
  doc: { paths: Record<string, Record<string, any>> },
  routes: DocumentedRoute[],
): void {
  for (const [path, method, response, request] of routes) {
    const op = doc.paths[path]?.[method];
    expect({ path, method, ok: Boolean(op) }).toEqual({ path, method, ok: true });
    const [success] = Object.values<{ content: { 'application/json': { schema: { $ref: string } } } }>(
      op.responses,
    );
    expect(success.content['application/json'].schema.$ref).toBe(`#/components/schemas/${response}`);
    if (request) {
      expect(op.requestBody.content['application/json'].schema.$ref).toBe(`#/components/schemas/${request}`);
    }
  }
}
