import { INestApplicationContext } from '@nestjs/common';
import { io } from 'socket.io-client';
import { connectClient, connected, createTestWorker, eventually, RealtimeClient } from './support/realtime';
import { Mail, startSmtp } from './support/smtp';
import { SMTPServer } from 'smtp-server';
import {
  createTestApp,
  expectProblem,
  PASSWORD,
  registerUser,
  TestApp,
  TestUser,
  uniqueEmail,
} from './support/test-app';

const NEW_PASSWORD = 'a brand new passphrase 42';

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

// Quoted-printable soft breaks and escapes, as the worker's mailer may encode a long link.
function decodeMail(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

async function login(t: TestApp, email: string, password = PASSWORD, userAgent = 'jest-agent/1.0') {
  const res = await t.api().post('/api/v1/auth/login').set('User-Agent', userAgent).send({ email, password });
  return res;
}

describe('sessions and account recovery (issue 18)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let smtp: SMTPServer;
  const mails: Mail[] = [];
  const clients: RealtimeClient[] = [];

  beforeAll(async () => {
    const s = await startSmtp(mails);
    smtp = s.server;
    const env = { SMTP_URL: `smtp://127.0.0.1:${s.port}`, PUBLIC_URL: 'https://roundtable.example' };
    t = await createTestApp(env);
    worker = await createTestWorker(env);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  async function mailTo(email: string, subject: RegExp): Promise<string> {
    const mail = await eventually(
      () => mails.filter((m) => m.to.includes(email)).find((m) => subject.test(decodeMail(m.raw))),
      20_000,
      `mail to ${email}`,
    );
    return decodeMail(mail.raw);
  }

  it('issues access tokens with iss, aud and the session id, and refuses tokens without them', async () => {
    const u = await registerUser(t, 'claims');
    const c = claims(u.token);
    expect(c).toEqual(
      expect.objectContaining({
        iss: 'roundtable',
        aud: 'roundtable-api',
        sid: expect.any(String),
        sub: u.id,
      }),
    );
    const { JwtService } = await import('@nestjs/jwt');
    const jwt = t.app.get(JwtService);
    const noSid = jwt.sign(
      { sub: u.id, email: u.email, typ: 'access' },
      { issuer: 'roundtable', audience: 'roundtable-api' },
    );
    const otherAud = jwt.sign(
      { sub: u.id, email: u.email, typ: 'access', sid: c.sid },
      { issuer: 'roundtable', audience: 'someone-else' },
    );
    const noIss = jwt.sign(
      { sub: u.id, email: u.email, typ: 'access', sid: c.sid },
      { audience: 'roundtable-api' },
    );
    for (const token of [noSid, otherAud, noIss])
      expectProblem(await t.api().get('/api/v1/me').set('Authorization', `Bearer ${token}`), 401);
    expect((await t.api().get('/api/v1/me').set(u.auth)).status).toBe(200);
  });

  it('logout ends the session at once: the same access token gets 401, the refresh token too', async () => {
    const u = await registerUser(t, 'logout');
    const other = await login(t, u.email);
    expect((await t.api().get('/api/v1/me').set(u.auth)).status).toBe(200);
    await t.api().post('/api/v1/auth/logout').set(u.auth).send({}).expect(204);
    expectProblem(await t.api().get('/api/v1/me').set(u.auth), 401);
    expectProblem(await t.api().post('/api/v1/auth/refresh').send({ refreshToken: u.refreshToken }), 401);
    // Another session of the same person is untouched.
    const res = await t.api().get('/api/v1/me').set('Authorization', `Bearer ${other.body.accessToken}`);
    expect(res.status).toBe(200);
    const [row] = await t.ds.query(`SELECT revoked_reason FROM sessions WHERE id = $1`, [
      claims(u.token).sid,
    ]);
    expect(row.revoked_reason).toBe('logout');
  });

  it("lists my sessions and ends one of them (404 for another person's or an ended one)", async () => {
    const u = await registerUser(t, 'list');
    const phone = await login(t, u.email, PASSWORD, 'Phone browser/2.0');
    const phoneAuth = { Authorization: `Bearer ${phone.body.accessToken}` };
    const list = await t.api().get('/api/v1/me/sessions').set(u.auth);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const current = list.body.items.find((s: { current: boolean }) => s.current);
    expect(current).toEqual(
      expect.objectContaining({ id: claims(u.token).sid, ipPrefix: '127.0.0.0/24', userAgent: null }),
    );
    const phoneSession = list.body.items.find((s: { current: boolean }) => !s.current);
    expect(phoneSession).toEqual(
      expect.objectContaining({ id: claims(phone.body.accessToken).sid, userAgent: 'Phone browser/2.0' }),
    );

    const stranger = await registerUser(t, 'stranger');
    expectProblem(await t.api().delete(`/api/v1/me/sessions/${phoneSession.id}`).set(stranger.auth), 404);
    expect((await t.api().get('/api/v1/me').set(phoneAuth)).status).toBe(200);

    // Its open socket goes too.
    const socket = connectClient(t, phone.body.accessToken);
    clients.push(socket);
    await connected(socket);
    const gone = new Promise<string>((resolve) => socket.socket.once('disconnect', (r) => resolve(r)));

    await t.api().delete(`/api/v1/me/sessions/${phoneSession.id}`).set(u.auth).expect(204);
    expectProblem(await t.api().get('/api/v1/me').set(phoneAuth), 401);
    await expect(gone).resolves.toBe('io server disconnect');
    expectProblem(await t.api().delete(`/api/v1/me/sessions/${phoneSession.id}`).set(u.auth), 404);
    expectProblem(await t.api().delete(`/api/v1/me/sessions/not-a-uuid`).set(u.auth), 404);
    // A new socket of the ended session is refused.
    const again = connectClient(t, phone.body.accessToken);
    clients.push(again);
    await expect(connected(again)).rejects.toThrow('unauthorized');
    const after = await t.api().get('/api/v1/me/sessions').set(u.auth);
    expect(after.body.items.map((s: { id: string }) => s.id)).toEqual([current.id]);
  });

  it('changing the password needs the current one and ends every other session', async () => {
    const u = await registerUser(t, 'change');
    const laptop = await login(t, u.email);
    const wrong = await t
      .api()
      .post('/api/v1/me/password')
      .set(u.auth)
      .send({ currentPassword: 'not my password at all', newPassword: NEW_PASSWORD });
    expectProblem(wrong, 400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    expectProblem(
      await t
        .api()
        .post('/api/v1/me/password')
        .set(u.auth)
        .send({ currentPassword: PASSWORD, newPassword: 'short' }),
      400,
    );
    await t
      .api()
      .post('/api/v1/me/password')
      .set(u.auth)
      .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
      .expect(204);
    expect((await t.api().get('/api/v1/me').set(u.auth)).status).toBe(200);
    expectProblem(
      await t.api().get('/api/v1/me').set('Authorization', `Bearer ${laptop.body.accessToken}`),
      401,
    );
    expectProblem(
      await t.api().post('/api/v1/auth/refresh').send({ refreshToken: laptop.body.refreshToken }),
      401,
    );
    expectProblem(await login(t, u.email), 401);
    expect((await login(t, u.email, NEW_PASSWORD)).status).toBe(200);
    const notice = await mailTo(u.email, /Subject: Your Roundtable password was changed/);
    expect(notice).toContain('Your other sessions were signed out');
  });

  it('resets a forgotten password by e-mail: same answer for unknown addresses, single use, all sessions end', async () => {
    const u = await registerUser(t, 'forgot');
    await t.api().patch('/api/v1/me').set(u.auth).send({ locale: 'fr' }).expect(200);
    const socket = connectClient(t, u.token);
    clients.push(socket);
    await connected(socket);
    const gone = new Promise<string>((resolve) => socket.socket.once('disconnect', (r) => resolve(r)));

    const known = await t.api().post('/api/v1/auth/password-reset').send({ email: u.email.toUpperCase() });
    const unknown = await t
      .api()
      .post('/api/v1/auth/password-reset')
      .send({ email: uniqueEmail('nobody') });
    expect(known.status).toBe(202);
    expect({ status: unknown.status, body: unknown.body }).toEqual({
      status: known.status,
      body: known.body,
    });

    const mail = await mailTo(u.email, /Subject: =\?UTF-8\?|Subject: Réinitialiser/i);
    expect(mail).toContain('Bonjour forgot');
    const token = decodeURIComponent(/\/reset-password\?token=([A-Za-z0-9_%-]+)/.exec(mail)?.[1] ?? '');
    expect(token.length).toBeGreaterThan(20);
    expect(mail).toContain('https://roundtable.example/reset-password?token=');

    expectProblem(
      await t
        .api()
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: 'forged-token-xyz', newPassword: NEW_PASSWORD }),
      400,
    );
    await t
      .api()
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, newPassword: NEW_PASSWORD })
      .expect(204);
    // Single use.
    const reused = await t
      .api()
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, newPassword: 'yet another passphrase' });
    expectProblem(reused, 400);
    expect(reused.body.errors).toEqual([expect.objectContaining({ field: 'token' })]);
    // Every session ended, sockets included; the new password works.
    expectProblem(await t.api().get('/api/v1/me').set(u.auth), 401);
    await expect(gone).resolves.toBe('io server disconnect');
    expectProblem(await login(t, u.email), 401);
    expect((await login(t, u.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('a reset link expires after one hour', async () => {
    const u = await registerUser(t, 'expiry');
    await t.api().post('/api/v1/auth/password-reset').send({ email: u.email }).expect(202);
    const mail = await mailTo(u.email, /reset-password\?token=/);
    const token = decodeURIComponent(/\/reset-password\?token=([A-Za-z0-9_%-]+)/.exec(mail)?.[1] ?? '');
    const [row] = await t.ds.query(
      `SELECT extract(epoch FROM expires_at - created_at)::int AS ttl FROM password_reset_tokens WHERE user_id = $1`,
      [u.id],
    );
    expect(row.ttl).toBe(3600);
    // An hour later:
    await t.ds.query(
      `UPDATE password_reset_tokens SET expires_at = now() - interval '1 second', created_at = now() - interval '61 minutes' WHERE user_id = $1`,
      [u.id],
    );
    expectProblem(
      await t.api().post('/api/v1/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD }),
      400,
    );
    expect((await login(t, u.email)).status).toBe(200);
  });

  it('throttles reset requests per address with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (
          await t
            .api()
            .post('/api/v1/auth/password-reset')
            .set('X-Forwarded-For', '198.51.100.7')
            .send({ email: uniqueEmail('spray') })
        ).status,
      );
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(statuses[10]).toBe(429);
  });

  it('the default namespace refuses sockets', async () => {
    const socket = io(t.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: {} });
    try {
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (e: Error) => resolve(`refused: ${e.message}`));
      });
      expect(outcome).toMatch(/^refused: no such namespace/);
    } finally {
      socket.disconnect();
    }
  });
});

describe('Socket.IO handshake limit and METRICS_TOKEN', () => {
  let t: TestApp;
  let u: TestUser;
  beforeAll(async () => {
    t = await createTestApp({
      REALTIME_HANDSHAKES_PER_MINUTE: '10',
      METRICS_TOKEN: 'metrics-secret-0123456789',
    });
    u = await registerUser(t, 'limited');
  });
  afterAll(() => t.close());

  it('refuses handshakes from one address beyond the limit', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const c = connectClient(t, 'bad-token');
      outcomes.push(
        await connected(c).then(
          () => 'connected',
          (e: Error) => e.message,
        ),
      );
      c.close();
    }
    // Each attempt costs two points (the connection and the namespace connect).
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill('unauthorized'));
    expect(outcomes.slice(5).every((o) => o !== 'unauthorized' && o !== 'connected')).toBe(true);
    // A good token from the same address is refused too until the window passes.
    const good = connectClient(t, u.token);
    await expect(connected(good)).rejects.toThrow();
    good.close();
  });

  it('guards /metrics with the bearer token when METRICS_TOKEN is set', async () => {
    expectProblem(await t.api().get('/metrics'), 401);
    expectProblem(await t.api().get('/metrics').set('Authorization', 'Bearer wrong'), 401);
    expectProblem(await t.api().get('/metrics').set(u.auth), 401);
    const ok = await t.api().get('/metrics').set('Authorization', 'Bearer metrics-secret-0123456789');
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('roundtable_http_request_duration_seconds');
  });

  it('leaves /metrics open when METRICS_TOKEN is unset', async () => {
    const open = await createTestApp();
    try {
      expect((await open.api().get('/metrics')).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
