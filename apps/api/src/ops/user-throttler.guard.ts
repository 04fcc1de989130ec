import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@roundtable/core';
import { ThrottlerGuard, ThrottlerStorage } from '@nestjs/throttler';
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

// Requests are counted per signed-in user, or per address when signed out.
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  @Inject(APP_CONFIG) private readonly config: AppConfig;

  protected override async getTracker(req: { user?: { id?: string }; ip?: string }): Promise<string> {
    return req.user?.id ? `user:${req.user.id}` : `ip:${req.ip}`;
  }

  // Keys live under REDIS_PREFIX like every other key of the platform.
  protected override generateKey(context: ExecutionContext, suffix: string, name: string): string {
    return `${this.config.redisPrefix}:throttle:${super.generateKey(context, suffix, name)}`;
  }
}

// A Redis outage must not take the API down with it: the general limit fails open.
export class FailOpenThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly inner: ThrottlerStorage) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      return await this.inner.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch {
      return { totalHits: 0, timeToExpire: ttl / 1000, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
