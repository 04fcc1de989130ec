import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, REDIS, redisKey, TooManyRequestsProblem } from '@roundtable/core';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

// Failures are remembered for a day from the first one; a success clears the address's count.
const FAILURE_WINDOW_SECONDS = 24 * 3600;
// An address the owner signed in from stays trusted for their account this long.
const TRUSTED_SECONDS = 30 * 24 * 3600;
const COUNTING = 1_000_000; // counters never run out; blocks are set explicitly
// The in-process fallback expires each key with a setTimeout, and Node fires a timer longer than
// 2^31-1 ms after 1 ms (TimeoutOverflowWarning): the 30-day trust would be forgotten at once.
// While Redis is down the fallback keeps a key at most this long (about 24.8 days).
export const MAX_MEMORY_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

// The limiter used while Redis is unreachable: the same rule, its window within a timer's reach.
export function memoryInsurance(points: number, durationSeconds: number): RateLimiterMemory {
  return new RateLimiterMemory({ points, duration: Math.min(durationSeconds, MAX_MEMORY_SECONDS) });
}

export interface LoginThrottleRules {
  freeFailures: number; // failures before the first delay
  firstDelaySeconds: number;
  maxDelaySeconds: number;
}

// Delay after the n-th failure of a key that allows `free` failures: none before, then the first
// delay, doubling with every further failure up to the maximum.
export function delayAfter(n: number, free: number, rules: LoginThrottleRules): number {
  if (n < free) return 0;
  return Math.min(rules.maxDelaySeconds, rules.firstDelaySeconds * 2 ** Math.min(n - free, 30));
}

type Scope = 'pair' | 'address' | 'account';

// Stops password guessing without letting anyone lock the owner out (docs in README):
// - per account and address ("pair"): LOGIN_MAX_FAILURES free failures, then growing delays;
// - per address, across accounts (spraying): four times as many;
// - per account, across addresses (a distributed attack): twice as many — but this delay applies
//   only to addresses that have themselves failed for the account and where the owner has not
//   signed in before, so a correct password from an address that has not been failing still works.
// Attempts refused with 429 are not checked nor counted. Redis down → in-process limiters.
@Injectable()
export class LoginThrottle {
  private readonly rules: LoginThrottleRules;
  private readonly free: Record<Scope, number>;
  private readonly failures: Record<Scope, RateLimiterRedis>;
  private readonly blocks: Record<Scope, RateLimiterRedis>;
  private readonly trusted: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    this.rules = {
      freeFailures: config.loginMaxFailures,
      firstDelaySeconds: config.loginDelaySeconds,
      maxDelaySeconds: config.loginLockSeconds,
    };
    const n = config.loginMaxFailures;
    this.free = { pair: n, address: n * 4, account: n * 2 };
    const limiter = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        useRedisPackage: false,
        keyPrefix: redisKey(config, 'login', name),
        points,
        duration,
        insuranceLimiter: memoryInsurance(points, duration),
      });
    this.failures = {
      pair: limiter('fail:pair', COUNTING, FAILURE_WINDOW_SECONDS),
      address: limiter('fail:address', COUNTING, FAILURE_WINDOW_SECONDS),
      account: limiter('fail:account', COUNTING, FAILURE_WINDOW_SECONDS),
    };
    // A block is a limiter with one point that block() exhausts for the delay.
    this.blocks = {
      pair: limiter('block:pair', 1, 1),
      address: limiter('block:address', 1, 1),
      account: limiter('block:account', 1, 1),
    };
    this.trusted = limiter('trusted', 1, TRUSTED_SECONDS);
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    const [pair, address, account, pairFailures, trusted] = await Promise.all([
      this.blockedMs('pair', keys.pair),
      this.blockedMs('address', keys.address),
      this.blockedMs('account', keys.account),
      this.count(this.failures.pair, keys.pair),
      this.count(this.trusted, keys.pair),
    ]);
    const applicable = [pair];
    if (trusted === 0) applicable.push(address);
    if (trusted === 0 && pairFailures > 0) applicable.push(account);
    const wait = Math.max(...applicable);
    if (wait > 0)
      throw new TooManyRequestsProblem(Math.ceil(wait / 1000), 'Too many failed logins; try again later');
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    await Promise.all(
      (['pair', 'address', 'account'] as const).map(async (scope) => {
        const n = await this.consume(this.failures[scope], keys[scope]);
        const delay = delayAfter(n, this.free[scope], this.rules);
        if (delay > 0) await this.blocks[scope].block(keys[scope], delay).catch(() => undefined);
      }),
    );
  }

  // The address is clean again for this account, and trusted for it from now on.
  async recordSuccess(email: string, ip: string): Promise<void> {
    const { pair } = this.keys(email, ip);
    await Promise.all([
      this.failures.pair.delete(pair).catch(() => undefined),
      this.blocks.pair.delete(pair).catch(() => undefined),
      this.trusted.consume(pair).catch(() => undefined),
    ]);
  }

  private keys(email: string, ip: string): Record<Scope, string> {
    const account = email.trim().toLowerCase();
    return { pair: `${account}|${ip}`, address: ip, account };
  }

  private async blockedMs(scope: Scope, key: string): Promise<number> {
    try {
      const res = await this.blocks[scope].get(key);
      return res && res.consumedPoints > this.blocks[scope].points ? res.msBeforeNext : 0;
    } catch {
      return 0;
    }
  }

  private async count(limiter: RateLimiterRedis, key: string): Promise<number> {
    try {
      return (await limiter.get(key))?.consumedPoints ?? 0;
    } catch {
      return 0;
    }
  }

  // Returns the failures counted so far, this one included.
  private async consume(limiter: RateLimiterRedis, key: string): Promise<number> {
    try {
      return (await limiter.consume(key)).consumedPoints;
    } catch (e) {
      if (e instanceof RateLimiterRes) return e.consumedPoints;
      throw e;
    }
  }
}
