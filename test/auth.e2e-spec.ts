import {
  createTestApp,
  expectProblem,
  PASSWORD,
  registerUser,
  TestApp,
  uniqueEmail,
} from './support/test-app';

describe('accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('register', () => {
    it('creates an account and never returns the password hash', async () => {
      const email = uniqueEmail('amani');
      const res = await t
        .api()
        .post('/api/v1/auth/register')
        .send({ email, password: PASSWORD, displayName: 'Amani' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        email,
        displayName: 'Amani',
        createdAt: expect.any(String),
      });
      const [row] = await t.ds.query(`SELECT password_hash FROM users WHERE id = $1`, [res.body.id]);
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+)/);
      const [, m, tc] = /m=(\d+),t=(\d+)/.exec(row.password_hash)!;
      expect(Number(m)).toBeGreaterThanOrEqual(19 * 1024);
      expect(Number(tc)).toBeGreaterThanOrEqual(2);
    });

    it('rejects passwords shorter than 12 characters', async () => {
      const res = await t
        .api()
        .post('/api/v1/auth/register')
        .send({ email: uniqueEmail(), password: 'short-pass', displayName: 'X' });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([
        { field: 'password', message: 'password must be at least 12 characters' },
      ]);
    });

    it('rejects a duplicate e-mail, case-insensitively', async () => {
      const email = uniqueEmail('dup');
      await t
        .api()
        .post('/api/v1/auth/register')
        .send({ email, password: PASSWORD, displayName: 'A' })
        .expect(201);
      const res = await t
        .api()
        .post('/api/v1/auth/register')
        .send({ email: email.toUpperCase(), password: PASSWORD, displayName: 'B' });
      expectProblem(res, 409);
    });

    it('rejects an invalid e-mail and unknown fields', async () => {
      const res = await t
        .api()
        .post('/api/v1/auth/register')
        .send({ email: 'nope', password: PASSWORD, displayName: 'A', role: 'admin' });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'email', message: 'email must be a valid e-mail address' },
          { field: 'role', message: 'unknown field' },
        ]),
      );
    });
  });

  describe('login and tokens', () => {
    it('logs in and reads /me', async () => {
      const u = await registerUser(t, 'me');
      const me = await t.api().get('/api/v1/me').set(u.auth);
      expect(me.status).toBe(200);
      expect(me.body).toEqual(
        expect.objectContaining({ id: u.id, email: u.email, displayName: 'me', memberships: [] }),
      );
    });

    it('answers an unknown e-mail exactly like a wrong password', async () => {
      const u = await registerUser(t, 'wrong');
      const wrong = await t
        .api()
        .post('/api/v1/auth/login')
        .send({ email: u.email, password: 'not the password!' });
      const unknown = await t
        .api()
        .post('/api/v1/auth/login')
        .send({ email: uniqueEmail('ghost'), password: 'not the password!' });
      expectProblem(wrong, 401);
      expectProblem(unknown, 401);
      expect({ ...unknown.body, instance: undefined }).toEqual({ ...wrong.body, instance: undefined });
    });

    it('requires a valid bearer token', async () => {
      expectProblem(await t.api().get('/api/v1/me'), 401);
      expectProblem(await t.api().get('/api/v1/me').set('Authorization', 'Bearer garbage'), 401);
      expectProblem(await t.api().get('/api/v1/me').set('Authorization', 'Basic abc'), 401);
    });

    it('rejects an expired access token', async () => {
      const u = await registerUser(t, 'expired');
      const { AccessTokenService } = await import('@roundtable/core');
      const me = await t.api().get('/api/v1/me/sessions').set(u.auth);
      const sid = me.body.items[0].id;
      const expired = t.app.get(AccessTokenService).sign({ id: u.id, email: u.email, sid }, -10);
      expectProblem(await t.api().get('/api/v1/me').set('Authorization', `Bearer ${expired}`), 401);
    });

    it('rotates refresh tokens and revokes the family when a used one is presented', async () => {
      const u = await registerUser(t, 'rotate');
      const first = await t.api().post('/api/v1/auth/refresh').send({ refreshToken: u.refreshToken });
      expect(first.status).toBe(200);
      expect(first.body.refreshToken).not.toBe(u.refreshToken);
      expect(first.body.expiresIn).toBeGreaterThan(0);
      // The old token stops working…
      expectProblem(await t.api().post('/api/v1/auth/refresh').send({ refreshToken: u.refreshToken }), 401);
      // …and presenting it revoked the whole family, including the newest token.
      expectProblem(
        await t.api().post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }),
        401,
      );
      // A fresh login starts a new family that works.
      const login = await t.api().post('/api/v1/auth/login').send({ email: u.email, password: PASSWORD });
      expect(
        (await t.api().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken })).status,
      ).toBe(200);
    });

    it('logout revokes the refresh token', async () => {
      const u = await registerUser(t, 'logout');
      await t
        .api()
        .post('/api/v1/auth/logout')
        .set(u.auth)
        .send({ refreshToken: u.refreshToken })
        .expect(204);
      expectProblem(await t.api().post('/api/v1/auth/refresh').send({ refreshToken: u.refreshToken }), 401);
    });

    it('throttles repeated failed logins for one account with 429 and Retry-After', async () => {
      const u = await registerUser(t, 'throttle');
      for (let i = 0; i < 5; i++) {
        expectProblem(
          await t.api().post('/api/v1/auth/login').send({ email: u.email, password: 'wrong password!' }),
          401,
        );
      }
      const blocked = await t.api().post('/api/v1/auth/login').send({ email: u.email, password: PASSWORD });
      expectProblem(blocked, 429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // Another account from the same address is not locked out by it.
      const other = await registerUser(t, 'other');
      expect(other.token).toEqual(expect.any(String));
    });
  });

  describe('closed registration', () => {
    let closed: TestApp;
    beforeAll(async () => {
      closed = await createTestApp({ AUTH_OPEN_SIGNUP: 'false' });
    });
    afterAll(() => closed.close());

    it('refuses open sign-up when AUTH_OPEN_SIGNUP=false', async () => {
      const res = await closed
        .api()
        .post('/api/v1/auth/register')
        .send({ email: uniqueEmail(), password: PASSWORD, displayName: 'X' });
      expectProblem(res, 403);
    });
  });
});
