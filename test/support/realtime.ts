import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GroupEventPayload } from '@roundtable/core';
import { io, Socket } from 'socket.io-client';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TestApp } from './test-app';

// Boots the real worker (outbox relay, e-mail) with `env` applied while its modules are built.
export async function createTestWorker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  try {
    const app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    app.enableShutdownHooks();
    await app.init();
    return app;
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

// Polls `check` until it returns without throwing (or a truthy value), or fails after `ms`.
export async function eventually<T>(
  check: () => T | Promise<T>,
  ms = 15_000,
  label = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== false && v !== undefined && v !== null) return v;
      last = new Error(`${label} not met`);
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw last;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface RealtimeClient {
  socket: Socket;
  // Every event received, in arrival order (duplicates included).
  received: GroupEventPayload[];
  // notification.created payloads.
  notifications: { id: string; type: string; entityId: string | null; title: string }[];
  resyncs: number;
  close: () => void;
}

export function connectClient(
  t: TestApp,
  token: string | undefined,
  opts: { origin?: string; connect?: boolean } = {},
): RealtimeClient {
  const socket = io(`${t.url}/realtime`, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: opts.origin ? { origin: opts.origin } : undefined,
    autoConnect: opts.connect !== false,
  });
  const client: RealtimeClient = {
    socket,
    received: [],
    notifications: [],
    resyncs: 0,
    close: () => socket.disconnect(),
  };
  socket.onAny((name: string, payload: GroupEventPayload) => {
    if (name === 'resync') client.resyncs++;
    else if (name === 'notification.created')
      client.notifications.push(payload as unknown as RealtimeClient['notifications'][number]);
    else client.received.push(payload);
  });
  return client;
}

// Resolves once connected; rejects with the connect_error.
export function connected(c: RealtimeClient, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (c.socket.connected) return resolve();
    const timer = setTimeout(() => reject(new Error('connect timeout')), ms);
    c.socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    c.socket.once('connect_error', (e: Error) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

export async function connectedClient(t: TestApp, token: string): Promise<RealtimeClient> {
  const c = connectClient(t, token);
  await connected(c);
  return c;
}
