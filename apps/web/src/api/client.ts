import createClient, { type Client } from 'openapi-fetch';
import { ApiProblem, toProblem } from './problem';
import type { paths } from './schema';
import { Session, type RefreshOutcome } from './session';

export type Api = Client<paths>;

// Requests to these never carry or refresh a token.
const AUTH_PATHS = /\/api\/v1\/auth\/(login|register|refresh)$/;

// fetch with the session's bearer token; one 401 triggers one refresh (shared by every request
// refused meanwhile) and one retry; a refused refresh signs the session out.
export function authenticatedFetch(session: Session, send: typeof fetch = (...a) => fetch(...a)) {
  return async (request: Request): Promise<Response> => {
    if (AUTH_PATHS.test(new URL(request.url).pathname)) return send(request);
    const retry = request.clone();
    const token = await session.accessTokenOrRefresh();
    const response = await send(withToken(request, token));
    if (response.status !== 401 || !token) return response;
    const fresh = await session.refresh(token);
    if (!fresh) return response;
    return send(withToken(retry, fresh));
  };
}

function withToken(request: Request, token: string | null): Request {
  if (!token) return request;
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}

// POST /auth/refresh with the plain fetch (no token, no retry).
export function refreshWith(baseUrl: string, send: typeof fetch = (...a) => fetch(...a)) {
  return async (refreshToken: string): Promise<RefreshOutcome> => {
    const response = await send(
      new Request(new URL('/api/v1/auth/refresh', baseUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      }),
    );
    if (response.status === 400 || response.status === 401) return 'rejected';
    if (!response.ok) throw toProblem(await response.json().catch(() => null), response);
    return (await response.json()) as RefreshOutcome;
  };
}

export function createApi(session: Session, baseUrl: string, send?: typeof fetch): Api {
  return createClient<paths>({ baseUrl, fetch: authenticatedFetch(session, send) });
}

// openapi-fetch answers {data} or {error}; screens want the data or a thrown ApiProblem.
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (e) {
    if (e instanceof ApiProblem) throw e;
    throw new ApiProblem({ status: 0, detail: e instanceof Error ? e.message : String(e) });
  }
  if (result.error !== undefined || !result.response.ok) throw toProblem(result.error, result.response);
  return result.data as NonNullable<T>;
}
