import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { AccessTokenService, VERIFIED_TOKEN_CACHE_SIZE } from './access-token.service';
import { SessionRevocations } from './session-revocations';

describe('AccessTokenService.verify', () => {
  const revoked = new Set<string>();
  const revocations = { isRevoked: (sid: string) => revoked.has(sid) } as unknown as SessionRevocations;
  const jwt = new JwtService({
    secret: 'unit-test-secret-of-some-length',
    signOptions: { algorithm: 'HS256' },
  });
  const config = { accessTokenTtlSeconds: 900 } as AppConfig;
  const user = { id: '11111111-1111-4111-8111-111111111111', email: 'a@example.org', sid: 'session-1' };
  let tokens: AccessTokenService;

  beforeEach(() => {
    revoked.clear();
    tokens = new AccessTokenService(jwt, revocations, config);
  });

  it('accepts its own token, the second time from what it remembered', () => {
    const t = tokens.sign(user);
    const spy = jest.spyOn(jwt, 'verify');
    expect(tokens.verify(t)).toEqual(user);
    expect(tokens.verify(t)).toEqual(user);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it('refuses a remembered token once it has expired', () => {
    const t = tokens.sign(user, 60);
    const now = Date.now();
    expect(tokens.verify(t, now)).toEqual(user);
    expect(tokens.verify(t, now + 61_000)).toBeNull();
  });

  it('refuses a remembered token as soon as its session is revoked', () => {
    const t = tokens.sign(user);
    expect(tokens.verify(t)).toEqual(user);
    revoked.add(user.sid);
    expect(tokens.verify(t)).toBeNull();
  });

  it('refuses a token whose signature was altered after the genuine one was remembered', () => {
    const t = tokens.sign(user);
    expect(tokens.verify(t)).toEqual(user);
    const [h, p, s] = t.split('.');
    const forged = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(tokens.verify(forged)).toBeNull();
    const other = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'someone-else' })).toString('base64url')}.${s}`;
    expect(tokens.verify(other)).toBeNull();
  });

  it('refuses tokens signed with another secret, of another type, or none', () => {
    const stranger = new JwtService({ secret: 'another-secret-of-some-length!!' });
    expect(tokens.verify(stranger.sign({ sub: user.id, sid: user.sid, typ: 'access' }))).toBeNull();
    expect(tokens.verify(jwt.sign({ sub: user.id, sid: user.sid, typ: 'refresh' }))).toBeNull();
    expect(tokens.verify(undefined)).toBeNull();
    expect(tokens.verify('')).toBeNull();
  });

  it('hands out a copy, so a caller changing it does not change the next request’s user', () => {
    const t = tokens.sign(user);
    const first = tokens.verify(t)!;
    first.id = 'changed';
    expect(tokens.verify(t)).toEqual(user);
  });

  it('remembers a bounded number of tokens, forgetting the oldest first', () => {
    const spy = jest.spyOn(jwt, 'verify');
    const first = tokens.sign({ ...user, sid: 's-0' });
    tokens.verify(first);
    for (let i = 1; i <= VERIFIED_TOKEN_CACHE_SIZE; i++)
      tokens.verify(tokens.sign({ ...user, sid: `s-${i}` }));
    spy.mockClear();
    expect(tokens.verify(first)).toEqual({ ...user, sid: 's-0' });
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
