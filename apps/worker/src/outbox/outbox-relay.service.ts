import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  createRedis,
  NOTIFICATION_CREATED_EVENT,
  REALTIME_NAMESPACE,
  rooms,
  socketIoKey,
} from '@roundtable/core';
import {
  EventCodec,
  EventCursors,
  EventScope,
  GROUP_EVENTS_CHANNEL,
  GroupAccessPolicy,
  NOTIFICATIONS_CHANNEL,
  scopeKey,
  toEventPayload,
  toNotificationView,
} from '@roundtable/domain';
import { Emitter } from '@socket.io/redis-emitter';
import type Redis from 'ioredis';
import { preparedQuery } from '@roundtable/database';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { DeliveryPlan, planDelivery } from './delivery-plan';

const BATCH = 200;
const POLL_MS = 1000;
// Under a burst of writes a NOTIFY arrives every few ms and each would cost a pass (a transaction
// of four statements: about 0.9 ms of Postgres CPU whether it carries one event or fifty). So a
// pass follows the previous one by at least this much: a lone event (a meeting's pace) goes out at
// once, and a burst goes out in batches, each event waiting at most this long.
export const RELAY_PACE_MS = 10;
// One relay at a time keeps events in id order (per group: seq order) across several workers.
const RELAY_LOCK = 0x726f_756e; // arbitrary, fixed

// The emitter ignores what Redis answers; this client records each PUBLISH so the relay can
// wait for them and only mark events published once Redis has accepted them.
class RecordingPublisher {
  readonly pending: Promise<unknown>[] = [];
  constructor(private readonly redis: Redis) {}
  publish(channel: string, message: string | Buffer): void {
    this.pending.push(this.redis.publish(channel, message));
  }
}

// Outbox relay (worker only): publishes committed, unpublished group events (and new
// notifications) through Redis to the Socket.IO rooms on every API instance, then marks them
// published in the same transaction.
// At-least-once: a crash between PUBLISH and COMMIT republishes; clients drop duplicate ids.
// Woken by LISTEN on the channel ChangeRecorder notifies at commit, and by a 1 s poll in case a
// notification was missed (listener reconnecting, Redis down, a batch left over).
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private redis: Redis;
  private listener: Client | null = null;
  private poll: NodeJS.Timeout | null = null;
  private relisten: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private eventsDue = false;
  private notificationsDue = false;
  private stopped = false;
  private lastFailure = 0;
  private lastPassAt = 0;

  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cursors: EventCursors,
  ) {}

  onApplicationBootstrap(): void {
    this.redis = createRedis(this.config.redisUrl, 'OutboxRelayRedis');
    void this.listen();
    this.poll = setInterval(() => this.wake(), POLL_MS);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    if (this.relisten) clearTimeout(this.relisten);
    await this.running;
    await this.listener?.end().catch(() => undefined);
    this.redis.disconnect();
  }

  // Runs relay passes until the outbox is drained; concurrent wake-ups fold into one more pass.
  // A NOTIFY says which outbox has something (group events or notifications): only that one is
  // read, so a burst of incident reports costs no empty notification passes. The poll reads both.
  wake(what: 'events' | 'notifications' | 'both' = 'both'): void {
    if (this.stopped) return;
    if (what !== 'notifications') this.eventsDue = true;
    if (what !== 'events') this.notificationsDue = true;
    if (this.running) return;
    this.running = (async () => {
      try {
        while ((this.eventsDue || this.notificationsDue) && !this.stopped) {
          if (this.eventsDue) {
            const wait = this.lastPassAt + RELAY_PACE_MS - Date.now();
            if (wait > 0) await new Promise((r) => setTimeout(r, wait));
            this.eventsDue = false;
            this.lastPassAt = Date.now();
            while (!this.stopped && (await this.relayBatch()) === BATCH);
          }
          if (this.notificationsDue) {
            this.notificationsDue = false;
            while (!this.stopped && (await this.pushNotifications()) === BATCH);
          }
        }
      } catch (e) {
        // Redis or Postgres unavailable: the transaction rolled back, the events stay unpublished
        // and the next poll retries.
        if (Date.now() - this.lastFailure > 10_000) {
          this.lastFailure = Date.now();
          this.logger.warn(`relay paused: ${(e as Error).message}`);
        }
      } finally {
        this.running = null;
      }
    })();
  }

  // Publishes one batch; returns how many events it published.
  async relayBatch(): Promise<number> {
    return this.ds.transaction(async (em) => {
      // An index scan (not a bitmap scan) over the partial index of unpublished events: it marks
      // the entries of events published since the last vacuum as dead on its way, so the next
      // pass skips them instead of re-reading every such event from the table. And generic plans:
      // Postgres otherwise re-plans the audience query (six unions over id arrays of varying
      // length) on every pass, about 1.2 ms of planning for 0.05 ms of execution. (Both set with
      // the lock in one round trip: SET LOCAL as set_config(…, true).)
      // Named statements (preparedQuery), like the API's hot queries: a pass per burst of
      // commits parses and plans nothing.
      const [{ locked }] = await preparedQuery(
        em,
        `SELECT pg_try_advisory_xact_lock($1) AS locked, set_config('enable_bitmapscan', 'off', true),
                set_config('plan_cache_mode', 'force_generic_plan', true)`,
        [RELAY_LOCK],
      );
      if (!locked) return 0;
      const rows = await preparedQuery(
        em,
        `SELECT id, group_id, seq, type, entity_id, at, data, scope_kind, scope_id FROM group_events
         WHERE published_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [],
      );
      if (!rows.length) return 0;
      // One query for the audiences of the batch's scoped objects (incidents, agreements,
      // agreement content, non-compliance reports), and every PUBLISH pipelined on one connection
      // (Redis keeps their order), awaited together before the batch is marked.
      const scopes: EventScope[] = [];
      for (const r of rows as { scope_kind: EventScope['kind'] | null; scope_id: string }[])
        if (r.scope_kind) scopes.push({ kind: r.scope_kind, id: r.scope_id });
      const audiences = await this.access.audiences(scopes, em);
      const publisher = new RecordingPublisher(this.redis);
      const emitter = new Emitter(publisher, { key: socketIoKey(this.config) }).of(REALTIME_NAMESPACE);
      const codec = await this.cursors.get();
      for (const row of rows) this.publish(emitter, row, codec, await this.plan(em, row, codec, audiences));
      await Promise.all(publisher.pending);
      await preparedQuery(em, `UPDATE group_events SET published_at = now() WHERE id = ANY($1::bigint[])`, [
        rows.map((r: { id: string }) => r.id),
      ]);
      return rows.length;
    });
  }

  // New notifications go to their user's sockets (room user:<id>) as notification.created, once
  // (at-least-once on a crash, like events; clients dedupe by id).
  async pushNotifications(): Promise<number> {
    return this.ds.transaction(async (em) => {
      await em.query(`SET LOCAL enable_bitmapscan = off`); // as in relayBatch
      const rows = await em.query(
        `SELECT id, user_id, type, group_id, entity_id, title, body, data, created_at, read_at FROM notifications
         WHERE pushed_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (!rows.length) return 0;
      const publisher = new RecordingPublisher(this.redis);
      const emitter = new Emitter(publisher, { key: socketIoKey(this.config) }).of(REALTIME_NAMESPACE);
      for (const row of rows)
        emitter.to(rooms.user(row.user_id)).emit(NOTIFICATION_CREATED_EVENT, toNotificationView(row));
      await Promise.all(publisher.pending);
      await em.query(`UPDATE notifications SET pushed_at = now() WHERE id = ANY($1::uuid[])`, [
        rows.map((r: { id: string }) => r.id),
      ]);
      return rows.length;
    });
  }

  private async plan(
    em: EntityManager,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
    row: any,
    codec: EventCodec,
    audiences: Map<string, string[] | null>,
  ): Promise<DeliveryPlan> {
    const event = toEventPayload(row, codec);
    if (row.scope_kind) {
      // An object gone from its table (or of a kind this code does not know) has no audience:
      // nobody receives the event.
      const key = scopeKey({ kind: row.scope_kind, id: row.scope_id });
      return planDelivery({ event, scoped: true, audience: audiences.has(key) ? audiences.get(key) : [] });
    }
    let formerOrganisationIds: string[] = [];
    if (event.type === 'member.left' && typeof event.data.userId === 'string') {
      const orgs: { organisation_id: string }[] = await em.query(
        `SELECT DISTINCT organisation_id FROM memberships WHERE group_id = $1 AND user_id = $2`,
        [event.groupId, event.data.userId],
      );
      formerOrganisationIds = orgs.map((o) => o.organisation_id);
    }
    return planDelivery({ event, scoped: false, formerOrganisationIds });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
  private publish(emitter: ReturnType<Emitter['of']>, row: any, codec: EventCodec, plan: DeliveryPlan): void {
    // Room changes go first on the same connection, so every instance applies them before the
    // event arrives: a member who left never receives it, one who joined does.
    if (plan.leave) emitter.in(rooms.user(plan.leave.userId)).socketsLeave(plan.leave.rooms);
    if (plan.join) emitter.in(rooms.user(plan.join.userId)).socketsJoin(plan.join.rooms);
    if (plan.to.length) emitter.to(plan.to).emit(row.type, toEventPayload(row, codec));
  }

  // A dedicated connection LISTENs for commits; it is re-opened if it drops.
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'roundtable-outbox-listener',
    });
    const retry = () => {
      if (this.listener !== client) return;
      this.listener = null;
      client.end().catch(() => undefined);
      if (!this.stopped) this.relisten = setTimeout(() => void this.listen(), POLL_MS);
    };
    this.listener = client;
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', (n) =>
      this.wake(n.channel === NOTIFICATIONS_CHANNEL ? 'notifications' : 'events'),
    );
    try {
      await client.connect();
      await client.query(`LISTEN ${GROUP_EVENTS_CHANNEL}`);
      await client.query(`LISTEN ${NOTIFICATIONS_CHANNEL}`);
      this.wake(); // anything committed while not listening
    } catch {
      retry();
    }
  }
}
