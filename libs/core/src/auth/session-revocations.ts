import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { createRedis, REDIS, redisKey } from '../redis/redis.module';

// While the Redis subscription is not known to be complete, the revocations are read from
// Postgres this often (one indexed query per interval per process, never per request).
export const REVOCATION_POLL_MS = 2_000;
// Kept a little longer than an access token lives, for clock skew between instances.
const SKEW_MS = 60_000;

export type RevocationListener = (sessionIds: string[]) => void;

// Which sessions have ended, as an in-process set every request and socket handshake consults
// with no I/O (docs/SESSIONS.md). A session id only needs remembering while an access token of
// it can still be valid, i.e. for the access-token lifetime after it was revoked: refresh checks
// Postgres, so no new token is ever issued for it.
//
// - Postgres (sessions.revoked_at) is the record: written in the transaction that ends the session.
// - After commit the revoking process adds the ids here at once and publishes them on a Redis
//   channel; every other process adds them when the message arrives (and disconnects its sockets
//   of those sessions — listeners).
// - At boot, and whenever the subscription was interrupted (Redis down or restarted), messages
//   may have been missed: the set is reloaded from Postgres, and polled from Postgres every
//   REVOCATION_POLL_MS until the subscription is back. So while Redis is down requests keep
//   working and a revocation made on any instance takes effect everywhere within the poll
//   interval; a revoked session never comes back.
@Injectable()
export class SessionRevocations implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Sessions');
  // session id → when it may be forgotten (ms)
  private readonly revoked = new Map<string, number>();
  private readonly listeners = new Set<RevocationListener>();
  private readonly channel: string;
  private sub?: Redis;
  private timer?: NodeJS.Timeout;
  // true while the subscription may have missed messages
  private stale = true;
  private polling = false;

  constructor(
    private readonly ds: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.channel = redisKey(config, 'sessions', 'revoked');
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    const sub = createRedis(this.config.redisUrl, 'SessionRevocationsSub', {
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    this.sub = sub;
    sub.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      try {
        const ids = JSON.parse(message) as unknown;
        if (Array.isArray(ids)) this.add(ids.filter((id): id is string => typeof id === 'string'));
      } catch {
        // not ours
      }
    });
    sub.on('close', () => (this.stale = true));
    // ioredis resubscribes before 'ready': from then on nothing is missed, so one reload from
    // Postgres covers the gap.
    sub.on('ready', () => void this.poll());
    sub.subscribe(this.channel).catch(() => undefined);
    this.timer = setInterval(() => void this.poll(), REVOCATION_POLL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.sub?.disconnect();
  }

  isRevoked(sessionId: string): boolean {
    const until = this.revoked.get(sessionId);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.revoked.delete(sessionId);
    return false;
  }

  // Call after the transaction that set sessions.revoked_at committed.
  async publish(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    this.add(sessionIds);
    await this.redis.publish(this.channel, JSON.stringify(sessionIds)).catch((e: Error) => {
      this.logger.warn(`revocation not published (${e.message}); other instances read it from Postgres`);
      this.stale = true;
    });
  }

  onRevoked(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private add(ids: string[]): void {
    const until = Date.now() + this.config.accessTokenTtlSeconds * 1000 + SKEW_MS;
    const fresh = ids.filter((id) => !this.isRevoked(id));
    for (const id of ids) this.revoked.set(id, until);
    if (fresh.length === 0) return;
    for (const l of this.listeners) {
      try {
        l(fresh);
      } catch (e) {
        this.logger.warn(`revocation listener failed: ${(e as Error).message}`);
      }
    }
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    const now = Date.now();
    for (const [id, until] of this.revoked) if (until <= now) this.revoked.delete(id);
    const subscribed = this.sub?.status === 'ready';
    if (subscribed && !this.stale) return;
    this.polling = true;
    try {
      await this.reload();
      // Only a reload that started while subscribed closes the gap.
      if (subscribed && this.sub?.status === 'ready') this.stale = false;
    } catch (e) {
      this.logger.warn(`could not read revoked sessions: ${(e as Error).message}`);
    } finally {
      this.polling = false;
    }
  }

  private async reload(): Promise<void> {
    const rows: { id: string; revoked_at: Date }[] = await this.ds.query(
      `SELECT id, revoked_at FROM sessions WHERE revoked_at > now() - make_interval(secs => $1)`,
      [this.config.accessTokenTtlSeconds + SKEW_MS / 1000],
    );
    const now = Date.now();
    for (const r of rows) {
      const until = new Date(r.revoked_at).getTime() + this.config.accessTokenTtlSeconds * 1000 + SKEW_MS;
      if (until > now && !this.revoked.has(r.id)) this.add([r.id]);
    }
  }
}
