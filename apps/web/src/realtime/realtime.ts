import type { QueryClient } from '@tanstack/react-query';
import type { io as ioType, Socket } from 'socket.io-client';
import { unwrap, type Api, type Schemas, type Session } from '@/api';

export type GroupEvent = Schemas['GroupEventDto'];
export type Notification = Schemas['NotificationDto'];

// A feature's reaction to an event: invalidate or patch its cached queries. Components never
// listen to the socket; they read queries, and these keep the queries current.
export type EventHandler = (event: GroupEvent, queries: QueryClient) => void;
export type NotificationHandler = (notification: Notification, queries: QueryClient) => void;
export interface RealtimeHandlers {
  // by event type (GROUP_EVENT_TYPES on the server: 'member.joined', 'minutes.approved', …)
  events?: Partial<Record<string, EventHandler>>;
  // a new in-app notification of the signed-in user
  notification?: NotificationHandler;
}

export const NOTIFICATION_EVENT = 'notification.created';
const RESYNC_EVENT = 'resync';
const PAGE = 200;

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

// A drop shorter than this is not shown: sockets reconnect within a second or two.
export const OFFLINE_NOTICE_DELAY_MS = 3000;

// Every group-scoped query key starts with ['group', groupId], so any event of a group refreshes
// what is shown of it; features add handlers for queries outside that prefix.
export const groupKey = (groupId: string) => ['group', groupId] as const;

export interface RealtimeOptions {
  api: Api;
  session: Session;
  queries: QueryClient;
  handlers: RealtimeHandlers[];
  // The groups to catch up after a reconnect (the caller's active memberships).
  groups: () => Promise<string[]>;
  url?: string;
  // Tests pass a fake; by default socket.io-client is loaded when the first screen needs it
  // (signed in), keeping it out of the sign-in page's JavaScript.
  socketFactory?: typeof ioType;
}

// One Socket.IO connection to /realtime for the page. On every (re)connect and on `resync` it
// replays what it may have missed with GET /groups/{id}/events?after=<cursor of the last event>.
// Cursors and ids are opaque (events carry no counter: docs/REALTIME.md); order is the server's.
export class RealtimeConnection {
  private socket: Socket | null = null;
  private state: ConnectionState = 'disconnected';
  // Per group, the cursor of the last event applied in order (a live event while connected, or a
  // replay page); live events that arrive during a catch-up do not move it, so a catch-up that
  // fails half-way resumes before them (they are then replayed again and dropped by id).
  private readonly lastCursor = new Map<string, string>();
  private readonly catchingUp = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private connectedOnce = false;
  private starting = false;
  private down = false;
  private downTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: RealtimeOptions) {}

  get connectionState(): ConnectionState {
    return this.state;
  }

  // True once the connection has been lost for OFFLINE_NOTICE_DELAY_MS without coming back, so a
  // banner shown on it never flashes for a brief drop.
  get offline(): boolean {
    return this.down;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    if (this.socket || this.starting) return;
    if (this.options.socketFactory) return this.open(this.options.socketFactory);
    this.starting = true;
    this.setState('connecting');
    void import('socket.io-client').then(
      ({ io }) => {
        if (!this.starting) return; // stopped meanwhile
        this.starting = false;
        this.open(io);
      },
      () => {
        this.starting = false;
        this.setState('disconnected');
      },
    );
  }

  private open(factory: typeof ioType): void {
    const { session } = this.options;
    const socket = factory(`${this.options.url ?? ''}/realtime`, {
      transports: ['websocket'],
      // Called on every attempt, so a reconnect presents a fresh token.
      auth: (cb: (data: object) => void) => {
        session.accessTokenOrRefresh().then(
          (token) => cb({ token }),
          () => cb({}),
        );
      },
    });
    this.socket = socket;
    this.setState('connecting');
    socket.on('connect', () => {
      this.setState('connected');
      const reconnected = this.connectedOnce;
      this.connectedOnce = true;
      if (reconnected) void this.catchUp();
    });
    socket.on('disconnect', (reason) => {
      this.setState('disconnected');
      // The server ends the socket when the access token expires: reconnect with a new one.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (err) => {
      this.setState('disconnected');
      if (err.message === 'unauthorized') {
        // The token was refused: refresh it (signs out if the session is over), then retry.
        void session.refresh(session.currentAccessToken()).then((token) => {
          if (token) socket.connect();
        });
      }
    });
    socket.on(RESYNC_EVENT, () => void this.catchUp());
    socket.on(NOTIFICATION_EVENT, (n: Notification) => {
      void this.options.queries.invalidateQueries({ queryKey: ['notifications'] });
      for (const h of this.options.handlers) h.notification?.(n, this.options.queries);
    });
    socket.onAny((name: string, payload: unknown) => {
      if (name === RESYNC_EVENT || name === NOTIFICATION_EVENT) return;
      if (isGroupEvent(payload)) this.dispatch(payload);
    });
  }

  stop(): void {
    this.starting = false;
    this.socket?.disconnect();
    this.socket = null;
    if (this.downTimer) clearTimeout(this.downTimer);
    this.downTimer = null;
    this.down = false;
    this.connectedOnce = false;
    this.lastCursor.clear();
    this.seen.clear();
    this.setState('disconnected');
  }

  // Applies an event once (the relay delivers at least once; replay and socket overlap).
  dispatch(event: GroupEvent, replayed = false): void {
    if (replayed || !this.catchingUp.has(event.groupId)) this.lastCursor.set(event.groupId, event.cursor);
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    const { queries, handlers } = this.options;
    void queries.invalidateQueries({ queryKey: groupKey(event.groupId) });
    for (const h of handlers) h.events?.[event.type]?.(event, queries);
  }

  // Replays each group's events after the last cursor held; a group with none seen yet has its
  // queries refetched instead (there is nothing to replay against).
  async catchUp(): Promise<void> {
    const { api, queries } = this.options;
    const groups = await this.options.groups().catch(() => [] as string[]);
    await Promise.all(
      groups.map(async (groupId) => {
        let after = this.lastCursor.get(groupId);
        if (after === undefined) {
          await queries.invalidateQueries({ queryKey: groupKey(groupId) });
          return;
        }
        this.catchingUp.add(groupId);
        try {
          for (;;) {
            const page: { items: GroupEvent[]; nextCursor: string | null } | null = await unwrap(
              api.GET('/api/v1/groups/{groupId}/events', {
                params: { path: { groupId }, query: { after, limit: PAGE } },
              }),
            ).catch(() => null);
            if (!page) return;
            for (const e of page.items) this.dispatch(e, true);
            if (!page.nextCursor || page.items.length === 0) return;
            after = page.nextCursor;
          }
        } finally {
          this.catchingUp.delete(groupId);
        }
      }),
    );
    await queries.invalidateQueries({ queryKey: ['notifications'] });
    await queries.invalidateQueries({ queryKey: ['me'] });
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    if (state === 'connected') {
      if (this.downTimer) clearTimeout(this.downTimer);
      this.downTimer = null;
      this.down = false;
    } else if (!this.downTimer && !this.down) {
      this.downTimer = setTimeout(() => {
        this.downTimer = null;
        this.down = true;
        this.emit();
      }, OFFLINE_NOTICE_DELAY_MS);
    }
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

function isGroupEvent(payload: unknown): payload is GroupEvent {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    typeof (payload as GroupEvent).id === 'string' &&
    typeof (payload as GroupEvent).groupId === 'string' &&
    typeof (payload as GroupEvent).cursor === 'string'
  );
}
