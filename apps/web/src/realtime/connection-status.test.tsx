import { act, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServicesProvider, type Services } from '@/app/services';
import { testI18n } from '@/test/i18n';
import { ConnectionBanner, OFFLINE_NOTICE_DELAY_MS } from './connection-status';
import { QueryClient } from '@tanstack/react-query';
import type { io } from 'socket.io-client';
import type { Api, Session } from '@/api';
import { RealtimeConnection } from './realtime';

// A real connection over a stand-in socket whose connect/disconnect the test fires.
function fakeRealtime() {
  const handlers = new Map<string, (...a: unknown[]) => void>();
  const socket = {
    on: (n: string, h: (...a: unknown[]) => void) => void handlers.set(n, h),
    onAny: () => undefined,
    connect: () => undefined,
    disconnect: () => undefined,
  };
  const realtime = new RealtimeConnection({
    api: {} as Api,
    session: { accessTokenOrRefresh: () => Promise.resolve('t') } as unknown as Session,
    queries: new QueryClient(),
    handlers: [],
    groups: () => Promise.resolve([]),
    socketFactory: (() => socket) as unknown as typeof io,
  });
  realtime.start();
  return {
    realtime,
    set(state: 'connected' | 'disconnected') {
      act(() =>
        state === 'connected' ? handlers.get('connect')?.() : handlers.get('disconnect')?.('transport close'),
      );
    },
  };
}

describe('ConnectionBanner', () => {
  let i18n: Awaited<ReturnType<typeof testI18n>>;
  beforeEach(async () => {
    i18n = await testI18n('en');
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  const renderWith = ({ realtime }: ReturnType<typeof fakeRealtime>) =>
    render(
      <ServicesProvider services={{ realtime } as unknown as Services}>
        <I18nextProvider i18n={i18n}>
          <ConnectionBanner />
        </I18nextProvider>
      </ServicesProvider>,
    );

  it('stays hidden through a brief drop', () => {
    const realtime = fakeRealtime();
    realtime.set('connected');
    renderWith(realtime);
    realtime.set('disconnected');
    act(() => {
      vi.advanceTimersByTime(OFFLINE_NOTICE_DELAY_MS - 500);
    });
    realtime.set('connected');
    act(() => {
      vi.advanceTimersByTime(OFFLINE_NOTICE_DELAY_MS * 2);
    });
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('appears once the connection has been down for the delay, and goes when it is back', () => {
    const realtime = fakeRealtime();
    realtime.set('connected');
    renderWith(realtime);
    realtime.set('disconnected');
    act(() => {
      vi.advanceTimersByTime(OFFLINE_NOTICE_DELAY_MS + 10);
    });
    expect(screen.getByRole('status')).toHaveTextContent('Connection lost.');
    realtime.set('connected');
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });
});
