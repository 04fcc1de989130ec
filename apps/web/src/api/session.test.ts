import { describe, expect, it, vi } from 'vitest';
import { authenticatedFetch } from './client';
import { REFRESH_TOKEN_KEY, Session, type RefreshOutcome, type Tokens } from './session';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}

const tokens = (n: number): Tokens => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn: 900,
});

// A fake API: /protected answers 401 unless the bearer token is the current access token.
function fakeServer(current: { token: string }) {
  return vi.fn(async (request: Request) => {
    const auth = request.headers.get('Authorization');
    if (auth !== `Bearer ${current.token}`)
      return new Response(JSON.stringify({ status: 401 }), { status: 401 });
    return new Response(
      JSON.stringify({ ok: true, body: request.method === 'POST' ? await request.text() : null }),
      {
        status: 200,
      },
    );
  });
}

describe('silent refresh', () => {
  it('refreshes once for many requests refused at the same time, then retries each', async () => {
    let n = 1;
    const refresh = vi.fn(async (): Promise<RefreshOutcome> => {
      await new Promise((r) => setTimeout(r, 10));
      n += 1;
      server.current.token = `access-${n}`;
      return tokens(n);
    });
    const storage = memoryStorage();
    const session = new Session({ storage, refresh });
    session.signIn(tokens(1));
    const server = { current: { token: 'access-1' } };
    server.current.token = 'expired-on-the-server';
    const send = fakeServer(server.current);
    const authFetch = authenticatedFetch(session, send as unknown as typeof fetch);

    const answers = await Promise.all(
      [1, 2, 3].map((i) =>
        authFetch(new Request('http://api.test/protected', { method: 'POST', body: `payload ${i}` })),
      ),
    );

    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await Promise.all(answers.map((r) => r.json()))).toEqual([
      { ok: true, body: 'payload 1' },
      { ok: true, body: 'payload 2' },
      { ok: true, body: 'payload 3' },
    ]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith('refresh-1');
    expect(storage.data.get(REFRESH_TOKEN_KEY)).toBe('refresh-2');
    expect(session.currentAccessToken()).toBe('access-2');
  });

  it('signs out when the refresh is refused, and answers the original 401', async () => {
    const storage = memoryStorage();
    const session = new Session({ storage, refresh: async () => 'rejected' });
    session.signIn(tokens(1));
    const signedOut = vi.fn();
    session.subscribe(signedOut);
    const authFetch = authenticatedFetch(
      session,
      fakeServer({ token: 'someone-else' }) as unknown as typeof fetch,
    );

    const res = await authFetch(new Request('http://api.test/protected'));

    expect(res.status).toBe(401);
    expect(session.status).toBe('signed-out');
    expect(storage.data.has(REFRESH_TOKEN_KEY)).toBe(false);
    expect(signedOut).toHaveBeenCalled();
  });

  it('restores a session from the stored refresh token on first use (a reload)', async () => {
    const storage = memoryStorage({ [REFRESH_TOKEN_KEY]: 'refresh-7' });
    const refresh = vi.fn(async (): Promise<RefreshOutcome> => tokens(8));
    const session = new Session({ storage, refresh });
    expect(session.status).toBe('signed-in');
    expect(session.currentAccessToken()).toBeNull();

    await expect(session.accessTokenOrRefresh()).resolves.toBe('access-8');
    expect(refresh).toHaveBeenCalledWith('refresh-7');
  });

  it('refreshes ahead of expiry rather than sending a token about to lapse', async () => {
    let now = 0;
    const refresh = vi.fn(async (): Promise<RefreshOutcome> => tokens(2));
    const session = new Session({ storage: memoryStorage(), refresh, now: () => now });
    session.signIn({ ...tokens(1), expiresIn: 60 });
    await expect(session.accessTokenOrRefresh()).resolves.toBe('access-1');
    now = 45_000; // 15 s left
    await expect(session.accessTokenOrRefresh()).resolves.toBe('access-2');
  });

  it('uses the token another tab stored meanwhile (serialised through the lock)', async () => {
    const storage = memoryStorage();
    const seen: string[] = [];
    const session = new Session({
      storage,
      refresh: async (rt) => {
        seen.push(rt);
        return tokens(Number(rt.split('-')[1]) + 1);
      },
      locks: { request: async (_name, cb) => cb() },
    });
    session.signIn(tokens(1));
    storage.setItem(REFRESH_TOKEN_KEY, 'refresh-5'); // rotated by another tab
    await session.refresh('access-1');
    expect(seen).toEqual(['refresh-5']);
    expect(storage.data.get(REFRESH_TOKEN_KEY)).toBe('refresh-6');
  });

  it('does not refresh when the rejected token is already replaced', async () => {
    const refresh = vi.fn(async (): Promise<RefreshOutcome> => tokens(3));
    const session = new Session({ storage: memoryStorage(), refresh });
    session.signIn(tokens(2));
    await expect(session.refresh('access-1')).resolves.toBe('access-2');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('never attaches a token to sign-in, registration or refresh', async () => {
    const session = new Session({ storage: memoryStorage(), refresh: async () => 'rejected' });
    session.signIn(tokens(1));
    const send = vi.fn(async (_r: Request) => new Response('{}', { status: 401 }));
    await authenticatedFetch(
      session,
      send as unknown as typeof fetch,
    )(new Request('http://api.test/api/v1/auth/login', { method: 'POST' }));
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][0].headers.get('Authorization')).toBeNull();
    expect(session.status).toBe('signed-in');
  });
});
