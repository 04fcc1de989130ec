import { QueryClient } from '@tanstack/react-query';
import type { io } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import type { Api, Session } from '@/api';
import { RealtimeConnection, type GroupEvent } from './realtime';

// The parts of a Socket.IO client the connection uses, driven by the test.
function fakeSocket() {
  const handlers = new Map<string, ((...a: unknown[]) => void)[]>();
  let any: ((name: string, payload: unknown) => void) | null = null;
  const socket = {
    on: (name: string, h: (...a: unknown[]) => void) =>
      void handlers.set(name, [...(handlers.get(name) ?? []), h]),
    onAny: (h: (name: string, payload: unknown) => void) => void (any = h),
    connect: vi.fn(),
    disconnect: vi.fn(),
    fire(name: string, ...args: unknown[]) {
      for (const h of handlers.get(name) ?? []) h(...args);
      if (!['connect', 'disconnect', 'connect_error'].includes(name)) any?.(name, args[0]);
    },
  };
  return socket;
}

// Cursors are opaque to the client; the fake server reads its own back.
const event = (groupId: string, seq: number, type: GroupEvent['type'] = 'member.joined'): GroupEvent => ({
  id: `${groupId}-${seq}`,
  cursor: `c${seq}`,
  type,
  groupId,
  entityId: null,
  at: '2027-01-05T08:00:00.000Z',
  data: {},
});

function setup(replay: Record<string, GroupEvent[]>) {
  const socket = fakeSocket();
  const queries = new QueryClient();
  const invalidate = vi.spyOn(queries, 'invalidateQueries');
  const get = vi.fn(
    async (_path: string, opts: { params: { path: { groupId: string }; query: { after: string } } }) => {
      const { groupId } = opts.params.path;
      const after = Number(opts.params.query.after.slice(1));
      const items = (replay[groupId] ?? []).filter((e) => Number(e.cursor.slice(1)) > after);
      return { data: { items, nextCursor: null }, response: new Response(null, { status: 200 }) };
    },
  );
  const handler = vi.fn();
  const realtime = new RealtimeConnection({
    api: { GET: get } as unknown as Api,
    session: {
      accessTokenOrRefresh: async () => 'token',
      currentAccessToken: () => 'token',
    } as unknown as Session,
    queries,
    handlers: [{ events: { 'member.joined': handler } }],
    groups: async () => Object.keys(replay),
    socketFactory: (() => socket) as unknown as typeof io,
  });
  realtime.start();
  return { socket, realtime, invalidate, get, handler };
}

describe('RealtimeConnection', () => {
  it('applies each event once, refreshing its group and calling the feature handlers', () => {
    const { socket, invalidate, handler } = setup({ g1: [] });
    socket.fire('connect');
    socket.fire('member.joined', event('g1', 1));
    socket.fire('member.joined', event('g1', 1)); // at-least-once delivery: a duplicate
    expect(handler).toHaveBeenCalledTimes(1);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['group', 'g1'] });
  });

  it('after a reconnect, replays from the cursor of the last event seen', async () => {
    const { socket, realtime, get, handler } = setup({
      g1: [event('g1', 1), event('g1', 2), event('g1', 3)],
    });
    socket.fire('connect');
    socket.fire('member.joined', event('g1', 1));
    socket.fire('disconnect', 'transport close');
    expect(realtime.connectionState).toBe('disconnected');
    socket.fire('connect');
    await vi.waitFor(() => expect(handler).toHaveBeenCalledTimes(3));
    expect(get).toHaveBeenCalledWith('/api/v1/groups/{groupId}/events', {
      params: { path: { groupId: 'g1' }, query: { after: 'c1', limit: 200 } },
    });
  });

  it('reconnects when the server ends the socket (an expired token)', () => {
    const { socket } = setup({});
    socket.fire('connect');
    socket.fire('disconnect', 'io server disconnect');
    expect(socket.connect).toHaveBeenCalled();
  });
});

describe('the offline notice', () => {
  it('is raised only after the connection stays down for the delay', () => {
    vi.useFakeTimers();
    try {
      const { socket, realtime } = setup({});
      socket.fire('connect');
      socket.fire('disconnect', 'transport close');
      vi.advanceTimersByTime(2500);
      expect(realtime.offline).toBe(false);
      socket.fire('connect');
      vi.advanceTimersByTime(5000);
      expect(realtime.offline).toBe(false);
      socket.fire('disconnect', 'transport close');
      vi.advanceTimersByTime(3100);
      expect(realtime.offline).toBe(true);
      socket.fire('connect');
      expect(realtime.offline).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
