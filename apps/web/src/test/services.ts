import { QueryClient } from '@tanstack/react-query';
import { vi } from 'vitest';
import { createApi, type Session } from '@/api';
import type { Services } from '@/app/services';

// Services for a component test: the typed client over a fake `fetch` (the test's own answers;
// the client always calls it with one Request),
// a signed-in session that never refreshes, and a query client that does not retry.
export function testServices(send: (request: Request) => Promise<Response>): Services {
  const session = {
    accessTokenOrRefresh: () => Promise.resolve('token-1'),
    refresh: vi.fn(),
  } as unknown as Session;
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return {
    api: createApi(session, 'http://localhost', send as unknown as typeof fetch),
    session,
    queries,
  } as unknown as Services;
}
