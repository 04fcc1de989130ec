import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerStorage } from '@nestjs/throttler';
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

// Requests are counted per signed-in user, or per address when signed out.
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    return req.user?.id ? `user:${req.user.id}` : `ip:${req.ip}`;
  }
}

// A Redis outage must not take the API down with it: the general limit fails open.
export class FailOpenThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  constructor(private readonly inner: ThrottlerStorage & Partial<OnModuleDestroy>) {}

  onModuleDestroy(): void {
    void this.inner.onModuleDestroy?.();
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      return await this.inner.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch {
      return { totalHits: 0, timeToExpire: ttl / 1000, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
