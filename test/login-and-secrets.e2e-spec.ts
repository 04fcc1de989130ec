import { JwtService } from '@nestjs/jwt';
import { createTestApp, expectProblem, PASSWORD, registerUser, TestApp } from './support/test-app';

const PUBLISHED_SECRET = 'roundtable-development-secret-do-not-use-in-production';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Finding 7: no secret published in the repository signs or verifies tokens.
describe('JWT secret without JWT_SECRET', () => {
  let t: TestApp;
  beforeAll(async () => {
    delete process.env.JWT_SECRET;
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses a token signed with the formerly published development secret', async () => {
    const u = await registerUser(t, 'victim');
    const forged = new JwtService({ secret: PUBLISHED_SECRET }).sign(
      { sub: u.id, email: u.email, typ: 'access' },
      { algorithm: 'HS256', expiresIn: 600 },
    );
    expectProblem(await t.api().get('/api/v1/me').set('Authorization', `Bearer ${forged}`), 401);
    expect((await t.api().get('/api/v1/me').set(u.auth)).status).toBe(200);
  });

  it('generates the secret once and keeps it in the database, so another instance accepts the tokens', async () => {
    const [row] = await t.ds.query(`SELECT value FROM platform_secrets WHERE name = 'jwt'`);
    expect(row.value.length).toBeGreaterThanOrEqual(48);
    const u = await registerUser(t, 'roaming');
    const other = await createTestApp();
    try {
      expect((await other.api().get('/api/v1/me').set(u.auth)).status).toBe(200);
      const [again] = await other.ds.query(`SELECT count(*)::int AS n FROM platform_secrets`);
      expect(again.n).toBe(1);
    } finally {
      await other.close();
    }
  });
});

// Finding 11: failed logins slow the guesser down without locking the owner out.
describe('login throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_DELAY_SECONDS: '2', LOGIN_LOCK_SECONDS: '900' });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, address: string) =>
    t.api().post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email, password });

  it('delays the guessing address with growing delays, while the owner signs in from elsewhere', async () => {
    const owner = await registerUser(t, 'owner');
    for (let i = 0; i < 3; i++)
      expectProblem(await login(owner.email, 'not the password', '203.0.113.7'), 401);
    // The guesser is slowed down even with the right password…
    const first = await login(owner.email, PASSWORD, '203.0.113.7');
    expectProblem(first, 429);
    const firstWait = Number(first.headers['retry-after']);
    expect(firstWait).toBeGreaterThanOrEqual(1);
    // …the owner is not.
    expect((await login(owner.email, PASSWORD, '198.51.100.2')).status).toBe(200);
    // Once the delay has passed, the next failure costs a longer one.
    await sleep(firstWait * 1000 + 200);
    expectProblem(await login(owner.email, 'still not it', '203.0.113.7'), 401);
    const second = await login(owner.email, PASSWORD, '203.0.113.7');
    expectProblem(second, 429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(firstWait);
  });

  it('slows a guess spread over many addresses, but not a correct password from a fresh address', async () => {
    const owner = await registerUser(t, 'spread');
    // Six addresses fail once each: the account as a whole has failed 2 × LOGIN_MAX_FAILURES times.
    for (let i = 1; i <= 6; i++) expectProblem(await login(owner.email, 'guess ' + i, `192.0.2.${i}`), 401);
    expectProblem(await login(owner.email, PASSWORD, '192.0.2.1'), 429);
    expect((await login(owner.email, PASSWORD, '192.0.2.99')).status).toBe(200);
  });

  it('throttles an address that sprays many accounts', async () => {
    const emails = (await Promise.all([...Array(12)].map((_, i) => registerUser(t, `spray${i}`)))).map(
      (u) => u.email,
    );
    for (const email of emails) expectProblem(await login(email, 'wrong password', '198.18.0.1'), 401);
    const victim = await registerUser(t, 'sprayed');
    expectProblem(await login(victim.email, PASSWORD, '198.18.0.1'), 429);
    expect((await login(victim.email, PASSWORD, '198.18.0.2')).status).toBe(200);
  });
});
