import { ChildProcess } from 'node:child_process';
import { SessionRevocations } from '@roundtable/core';
import { connectClient, connected, eventually, RealtimeClient } from './support/realtime';
import { freePort, startRedis, stopRedis } from './support/redis-server';
import { createTestApp, PASSWORD, registerUser, TestApp } from './support/test-app';

interface Session {
  access: string;
  refresh: string;
  auth: { Authorization: string };
}

// docs/SESSIONS.md "While Redis is down": two API instances on a Redis of the test's own.
describe('session revocation across instances, with and without Redis', () => {
  let port: number;
  let redis: ChildProcess;
  let a: TestApp;
  let b: TestApp;
  let email: string;
  const clients: RealtimeClient[] = [];

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const env = { REDIS_URL: `redis://127.0.0.1:${port}` };
    a = await createTestApp(env);
    b = await createTestApp(env);
    email = (await registerUser(a, 'roaming')).email;
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await a?.close();
    await b?.close();
    if (redis) await stopRedis(redis);
  });

  async function signIn(): Promise<Session> {
    const res = await a.api().post('/api/v1/auth/login').send({ email, password: PASSWORD });
    if (res.status !== 200) throw new Error(`login ${res.status}`);
    return {
      access: res.body.accessToken,
      refresh: res.body.refreshToken,
      auth: { Authorization: `Bearer ${res.body.accessToken}` },
    };
  }
  const status = async (t: TestApp, s: Session) => (await t.api().get('/api/v1/me').set(s.auth)).status;

  it('revokes everywhere while Redis is up, and keeps working and revoking while it is down', async () => {
    const [s1, s2, s3] = [await signIn(), await signIn(), await signIn()];
    for (const s of [s1, s2, s3]) expect([await status(a, s), await status(b, s)]).toEqual([200, 200]);

    // Redis up: the other instance hears it through the channel (well before any poll would).
    await a.api().post('/api/v1/auth/logout').set(s1.auth).send({}).expect(204);
    expect(await status(a, s1)).toBe(401);
    await eventually(async () => (await status(b, s1)) === 401, 1_500, 'b refuses s1');

    // A socket of s2 held by instance b.
    const socket = connectClient(b, s2.access);
    clients.push(socket);
    await connected(socket);
    const gone = new Promise<string>((resolve) => socket.socket.once('disconnect', (r) => resolve(r)));

    await stopRedis(redis);
    await eventually(
      () => b.app.get(SessionRevocations)['sub']?.status !== 'ready',
      5_000,
      'b sees Redis gone',
    );

    // Reads keep working on both instances.
    expect([await status(a, s3), await status(b, s3)]).toEqual([200, 200]);
    // A revocation on a: at once on a, within the poll interval on b (from Postgres), sockets too.
    await a.api().post('/api/v1/auth/logout').set(s2.auth).send({}).expect(204);
    expect(await status(a, s2)).toBe(401);
    await eventually(async () => (await status(b, s2)) === 401, 6_000, 'b refuses s2 without Redis');
    await expect(gone).resolves.toBe('io server disconnect');
    expect((await b.api().post('/api/v1/auth/refresh').send({ refreshToken: s2.refresh })).status).toBe(401);
    expect(await status(b, s3)).toBe(200);

    // Redis back: nothing revoked comes back, the rest still works.
    redis = await startRedis(port);
    await eventually(
      () => b.app.get(SessionRevocations)['sub']?.status === 'ready',
      15_000,
      'b resubscribed',
    );
    for (const t of [a, b]) {
      expect(await status(t, s1)).toBe(401);
      expect(await status(t, s2)).toBe(401);
      expect(await status(t, s3)).toBe(200);
    }
    // And the channel carries revocations again.
    await b.api().post('/api/v1/auth/logout').set(s3.auth).send({}).expect(204);
    await eventually(async () => (await status(a, s3)) === 401, 1_500, 'a refuses s3');
  });

  it('a freshly started instance knows the sessions revoked before it started', async () => {
    const s = await signIn();
    await a.api().post('/api/v1/auth/logout').set(s.auth).send({}).expect(204);
    const c = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    try {
      expect(await status(c, s)).toBe(401);
    } finally {
      await c.close();
    }
  });
});
