import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';

// Shared by the API's Socket.IO server and the worker's outbox relay (docs/REALTIME.md).
export const REALTIME_NAMESPACE = '/realtime';

// Largest packet a client may send; clients only receive, so anything big is abuse.
export const REALTIME_MAX_PACKET_BYTES = 64 * 1024;

// Sent by an API instance to its own sockets when it may have missed relayed events
// (its Redis subscription was interrupted): clients catch up with GET /events?after=.
export const RESYNC_EVENT = 'resync';

// A new in-app notification, pushed to the user's own room.
export const NOTIFICATION_CREATED_EVENT = 'notification.created';

// Key (channel prefix) of the Socket.IO Redis adapter and emitter: starts with REDIS_PREFIX so
// deployments and test runs sharing one Redis never hear each other.
export function socketIoKey(config: Pick<AppConfig, 'redisPrefix'>): string {
  return `${config.redisPrefix}:socket.io`;
}

// Rooms are chosen by the server only (clients cannot join rooms).
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  // The sockets of one session: disconnected when it ends (docs/SESSIONS.md).
  session: (sessionId: string) => `session:${sessionId}`,
  group: (groupId: string) => `group:${groupId}`,
  groupOrganisation: (groupId: string, organisationId: string) => `group:${groupId}:org:${organisationId}`,
};

// Socket.IO's adapter and emitter call Redis without handling the returned promises; while Redis
// is down those rejections would surface as unhandled and could stop the process. This proxy
// attaches a handler (a log line) to every promise the client returns; callers that await the
// promise still see the rejection.
export function withHandledRejections<T extends object>(client: T, name: string): T {
  const logger = new Logger(name);
  let lastLogged = 0;
  const onError = (e: unknown) => {
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      logger.warn(`redis: ${(e as Error).message}`);
    }
  };
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) result.catch(onError);
        return result;
      };
    },
  });
}
