import { QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { createContext, useContext, type ReactNode } from 'react';
import { createApi, type Api } from '@/api';
import { refreshWith } from '@/api/client';
import { Session } from '@/api/session';
import { RealtimeConnection, type RealtimeHandlers } from '@/realtime/realtime';

// What every screen reaches through hooks: one API client, one session, one query cache, one
// socket. Built once in main.tsx (and per test).
export interface Services {
  api: Api;
  session: Session;
  queries: QueryClient;
  realtime: RealtimeConnection;
  i18n: I18n;
}

export function createServices({
  baseUrl,
  i18n,
  handlers,
  storage,
}: {
  baseUrl: string;
  i18n: I18n;
  handlers: RealtimeHandlers[];
  storage?: Storage;
}): Services {
  const session = new Session({
    storage,
    refresh: refreshWith(baseUrl),
    locks: typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined,
  });
  const api = createApi(session, baseUrl);
  // No persister: cached data lives in this page's memory only and goes with it.
  const queries = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (count, e) => count < 2 && !isClientError(e),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
  const realtime = new RealtimeConnection({
    api,
    session,
    queries,
    handlers,
    url: baseUrl,
    groups: async () => {
      const { data } = await api.GET('/api/v1/me');
      return (data?.memberships ?? []).map((m) => m.groupId);
    },
  });
  // A sign-out anywhere (this tab, another tab, a refused refresh) drops the cache and the socket.
  session.subscribe(() => {
    if (session.status === 'signed-out') {
      realtime.stop();
      queries.clear();
    }
  });
  return { api, session, queries, realtime, i18n };
}

function isClientError(e: unknown): boolean {
  const status = (e as { status?: number } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

export const useApi = () => useServices().api;
