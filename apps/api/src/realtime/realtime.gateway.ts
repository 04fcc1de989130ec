import { Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import {
  AccessTokenService,
  APP_CONFIG,
  AppConfig,
  REALTIME_NAMESPACE,
  REDIS,
  rooms,
  SessionRevocations,
} from '@roundtable/core';
import { GroupAccessPolicy } from '@roundtable/domain';
import type Redis from 'ioredis';
import { Namespace, Socket } from 'socket.io';
import { clientAddress, HandshakeLimiter } from './handshake-limiter';

type Next = (err?: Error) => void;

// Longest timer Node accepts; tokens living longer than this are not cut off.
const MAX_TIMER_MS = 2_147_483_647;

// The /realtime namespace. Clients only listen: the server authenticates the handshake and puts
// the socket into the rooms of the caller's active memberships before the connection is
// acknowledged, so "connected" means "subscribed" and a replay started after `connect` leaves no
// gap. Delivery itself is done by the worker's outbox relay through the Redis adapter
// (docs/REALTIME.md).
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class RealtimeGateway
  implements OnGatewayInit<Namespace>, OnGatewayConnection<Socket>, OnModuleDestroy
{
  private readonly logger = new Logger('Realtime');
  private readonly limiter: HandshakeLimiter;
  private unsubscribe?: () => void;

  constructor(
    private readonly tokens: AccessTokenService,
    private readonly access: GroupAccessPolicy,
    private readonly revocations: SessionRevocations,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS) redis: Redis,
  ) {
    this.limiter = new HandshakeLimiter(config, redis);
  }

  afterInit(nsp: Namespace): void {
    // A middleware (rather than handleConnection) so a refusal reaches the client as connect_error.
    nsp.use((socket, next: Next) => {
      this.admit(socket).then(
        () => next(),
        (e: Error) => {
          const known = ['unauthorized', 'too many handshakes'].includes(e.message);
          if (!known) this.logger.warn(`realtime handshake failed: ${e.message}`);
          next(new Error(known ? e.message : 'unavailable'));
        },
      );
    });
    // A session that ends (here or on another instance: SessionRevocations hears of it) loses
    // its sockets on this instance at once.
    this.unsubscribe = this.revocations.onRevoked((sessionIds) => {
      for (const id of sessionIds) nsp.local.in(rooms.session(id)).disconnectSockets(true);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  private async admit(socket: Socket): Promise<void> {
    if ((await this.limiter.retryAfter(clientAddress(socket.request))) > 0)
      throw new Error('too many handshakes');
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token : null;
    const user = this.tokens.verify(token);
    if (!user || !token) throw new Error('unauthorized');
    socket.data.userId = user.id;
    socket.data.sessionId = user.sid;
    await socket.join(rooms.session(user.sid));

    // Clients send nothing the server acts on — in particular they cannot join rooms. Any packet
    // is dropped; one that asks for an acknowledgement is told so.
    socket.use((packet, _next) => {
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function')
        ack({ error: 'forbidden', detail: 'Clients cannot send events; rooms are chosen by the server' });
    });

    // The user room first: membership changes committed from now on reach this socket through it
    // (the relay joins/removes the user's sockets), those committed before are in the query.
    await socket.join(rooms.user(user.id));
    const wanted = await this.roomsOf(user.id);
    await socket.join([...wanted]);
    // A membership that ended between the query and the join may have had its "leave" processed
    // before this socket was in the room: reconcile once against the now-committed state.
    const now = await this.roomsOf(user.id);
    for (const room of wanted) if (!now.has(room)) await socket.leave(room);
    // Ended while we were joining (the disconnect above found no socket yet)?
    if (this.revocations.isRevoked(user.sid)) throw new Error('unauthorized');

    socket.data.tokenExpiresAt = tokenExpiry(token);
  }

  // An access token is short-lived; a socket does not outlive it. The client reconnects with a
  // fresh token (and catches up through replay). Set here, once the handshake has succeeded.
  handleConnection(socket: Socket): void {
    const expiresInMs = (socket.data.tokenExpiresAt as number) - Date.now();
    if (!(expiresInMs < MAX_TIMER_MS)) return;
    const timer = setTimeout(() => socket.disconnect(true), Math.max(expiresInMs, 0));
    socket.once('disconnect', () => clearTimeout(timer));
  }

  private async roomsOf(userId: string): Promise<Set<string>> {
    const memberships = await this.access.memberships(userId);
    return new Set(
      memberships.flatMap((m) => [
        rooms.group(m.groupId),
        rooms.groupOrganisation(m.groupId, m.organisationId),
      ]),
    );
  }
}

// `exp` of an already verified JWT, in ms.
function tokenExpiry(token: string): number {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : Number.POSITIVE_INFINITY;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
