import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/configure-app';

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
  return res.body;
}

export async function createGroup(
  t: TestApp,
  focal: TestUser,
  organisationId: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; name: string; timezone: string }> {
  const res = await t
    .api()
    .post('/api/v1/groups')
    .set(focal.auth)
    .send({ name: uniqueName('Working group'), organisationId, timezone: 'Africa/Lubumbashi', ...extra });
  if (res.status !== 201) throw new Error(`group failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

// Invites the user through `organisationId` with `role` and accepts; returns the membership id.
export async function addMember(
  t: TestApp,
  groupId: string,
  inviter: TestUser,
  user: TestUser,
  organisationId: string,
  role = 'member',
): Promise<string> {
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
