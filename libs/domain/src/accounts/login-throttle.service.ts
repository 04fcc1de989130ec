import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, REDIS, redisKey, TooManyRequestsProblem } from '@roundtable/core';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

// Counts failed logins per account and per address. While Redis is down it falls back to an
// in-process limiter, so logins keep working and stay throttled.
@Injectable()
export class LoginThrottle {
  private readonly byAccount: RateLimiterRedis;
  private readonly byAddress: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    const base = {
      storeClient: redis,
      duration: config.loginLockSeconds,
      blockDuration: config.loginLockSeconds,
      useRedisPackage: false,
    };
    this.byAccount = new RateLimiterRedis({
      ...base,
      keyPrefix: redisKey(config, 'login', 'account'),
      points: config.loginMaxFailures,
      insuranceLimiter: new RateLimiterMemory({
        points: config.loginMaxFailures,
        duration: config.loginLockSeconds,
      }),
    });
    this.byAddress = new RateLimiterRedis({
      ...base,
      keyPrefix: redisKey(config, 'login', 'address'),
      points: config.loginMaxFailures * 4,
      insuranceLimiter: new RateLimiterMemory({
        points: config.loginMaxFailures * 4,
        duration: config.loginLockSeconds,
      }),
    });
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [a, b] = await Promise.all([
      this.get(this.byAccount, email.toLowerCase()),
      this.get(this.byAddress, ip),
    ]);
    const blocked = [a, b].filter(
      (r, i) =>
        r &&
        r.remainingPoints <= 0 &&
        r.consumedPoints >= (i === 0 ? this.byAccount.points : this.byAddress.points),
    );
    if (blocked.length) {
      const wait = Math.max(...blocked.map((r) => r!.msBeforeNext));
      throw new TooManyRequestsProblem(Math.ceil(wait / 1000), 'Too many failed logins; try again later');
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([this.consume(this.byAccount, email.toLowerCase()), this.consume(this.byAddress, ip)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.delete(email.toLowerCase()).catch(() => undefined);
  }

  private async get(limiter: RateLimiterRedis, key: string): Promise<RateLimiterRes | null> {
    try {
      return await limiter.get(key);
    } catch {
      return null;
    }
  }

  private async consume(limiter: RateLimiterRedis, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e; // exhausted: nothing more to record
    }
  }
}
