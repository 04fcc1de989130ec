import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import {
  APP_CONFIG,
  AppConfig,
  createRedis,
  REDIS,
  REALTIME_MAX_PACKET_BYTES,
  REALTIME_NAMESPACE,
  RESYNC_EVENT,
  socketIoKey,
  withHandledRejections,
} from '@roundtable/core';
import { createAdapter } from '@socket.io/redis-adapter';
import type { IncomingMessage } from 'node:http';
import type Redis from 'ioredis';
import { Server, ServerOptions } from 'socket.io';
import { clientAddress, HandshakeLimiter } from './handshake-limiter';

// A connection that has not joined /realtime within this time is closed (Socket.IO's default is
// 45 s, long enough to park thousands of idle connections).
const CONNECT_TIMEOUT_MS = 10_000;

// Same origin: the Origin's host:port is the Host the request was sent to. The scheme is not
// compared, so a TLS-terminating proxy in front of the API needs no configuration.
export function isSameOrigin(origin: string, req: Pick<IncomingMessage, 'headers'>): boolean {
  const host = req.headers.host;
  if (!host) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase();
  } catch {
    return false;
  }
}

// Socket.IO server options that depend on configuration, and the Redis adapter through which the
// worker's relayed events (and cross-instance room changes) reach every API instance.
export class RealtimeIoAdapter extends IoAdapter {
  private readonly logger = new Logger('Realtime');
  private readonly clients: Redis[] = [];

  constructor(private readonly app: INestApplicationContext) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const config = this.app.get<AppConfig>(APP_CONFIG);
    const allowed = new Set(config.corsOrigins);
    const limiter = new HandshakeLimiter(config, this.app.get<Redis>(REDIS));
    // Commands wait for Redis instead of failing: HTTP never depends on these connections, and
    // the subscriber must (re)subscribe whenever Redis comes back.
    const pub = createRedis(config.redisUrl, 'RealtimePub', {
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    const sub = createRedis(config.redisUrl, 'RealtimeSub', {
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    this.clients.push(pub, sub);
    const server: Server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: REALTIME_MAX_PACKET_BYTES,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Browsers send Origin; it must be the API's own origin (the web client it serves) or be
      // listed in CORS_ORIGINS. Non-browser clients send none and are let in (they authenticate
      // with a token like every client). Then the per-address handshake limit (403 with
      // "too many handshakes" — Engine.IO answers every refusal with 403).
      allowRequest: (
        req: IncomingMessage,
        callback: (err: string | null | undefined, success: boolean) => void,
      ) => {
        const origin = req.headers.origin;
        if (!(origin === undefined || allowed.has(origin) || isSameOrigin(origin, req)))
          return callback('origin not allowed', false);
        limiter.retryAfter(clientAddress(req)).then(
          (wait) => callback(wait > 0 ? `too many handshakes; retry in ${wait} s` : null, wait === 0),
          () => callback(null, true),
        );
      },
      cors: { origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true },
      adapter: createAdapter(
        withHandledRejections(pub, 'RealtimePub'),
        withHandledRejections(sub, 'RealtimeSub'),
        {
          key: socketIoKey(config),
        },
      ),
    });
    // Only /realtime takes sockets: the default namespace refuses every connect.
    server.of('/').use((_socket, next) => next(new Error('no such namespace; connect to /realtime')));
    // While the subscription was down, relayed events for this instance's sockets were lost:
    // once it is back (the resubscribe is sent before 'ready'; the PING answers after it), tell
    // the clients to catch up through the replay endpoint.
    let interrupted = false;
    sub.on('close', () => (interrupted = true));
    sub.on('ready', () => {
      if (!interrupted) return;
      interrupted = false;
      sub.ping().then(
        () => {
          this.logger.log('Redis subscription restored; asking clients to resync');
          server.of(REALTIME_NAMESPACE).local.emit(RESYNC_EVENT, { reason: 'redis-reconnected' });
        },
        () => undefined,
      );
    });
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    for (const c of this.clients.splice(0)) c.disconnect();
  }
}
