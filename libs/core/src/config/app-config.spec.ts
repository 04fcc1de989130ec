import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/roundtable');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.port).toBe(3000);
    expect(c.redisPrefix).toBe('roundtable');
    expect(c.rateLimitPerMinute).toBe(600);
    expect(c.openSignup).toBe(true);
    expect(c.corsOrigins).toEqual([]);
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ AUTH_OPEN_SIGNUP: 'maybe' })).toThrow(/AUTH_OPEN_SIGNUP/);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).jwtSecret).toBe('x'.repeat(32));
  });

  it('has no built-in JWT secret and refuses the published development one', () => {
    expect(loadConfig({}).jwtSecret).toBeUndefined();
    expect(() =>
      loadConfig({ JWT_SECRET: 'roundtable-development-secret-do-not-use-in-production' }),
    ).toThrow(/JWT_SECRET is a published value/);
  });

  it('reads ADMIN_EMAILS and PUBLIC_URL', () => {
    const c = loadConfig({ ADMIN_EMAILS: 'Ops@Example.org, second@example.org', PORT: '8080' });
    expect(c.adminEmails).toEqual(['ops@example.org', 'second@example.org']);
    expect(c.publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://rt.example.org/' }).publicUrl).toBe('https://rt.example.org');
    expect(() => loadConfig({ ADMIN_EMAILS: 'not an address' })).toThrow(/ADMIN_EMAILS/);
  });

  it('parses booleans and lists', () => {
    const c = loadConfig({
      AUTH_OPEN_SIGNUP: 'false',
      CORS_ORIGINS: 'https://a.org, https://b.org',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    expect(c.openSignup).toBe(false);
    expect(c.corsOrigins).toEqual(['https://a.org', 'https://b.org']);
    expect(c.rateLimitPerMinute).toBe(0);
  });
});
