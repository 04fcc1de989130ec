import { AppConfig, redisKey } from '@roundtable/core';
import type Redis from 'ioredis';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

// The client's address as Express computes it with `trust proxy: loopback` (configure-app.ts):
// X-Forwarded-For is believed only through proxies on this machine, read from the right.
export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>): string {
  let addr = req.socket.remoteAddress ?? 'unknown';
  const forwarded = req.headers['x-forwarded-for'];
  if (!LOOPBACK.test(addr) || !forwarded) return addr;
  const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isIP(hops[i])) break;
    addr = hops[i];
    if (!LOOPBACK.test(addr)) break;
  }
  return addr;
}

// Socket.IO handshakes per address (REALTIME_HANDSHAKES_PER_MINUTE; 0 = off), counted in Redis so
// every instance shares the budget, like the HTTP limit; in process while Redis is away. Both the
// Engine.IO handshake (a new connection) and every namespace connect (a token to check) cost a
// point, so a client cannot try tokens over one connection either.
export class HandshakeLimiter {
  private readonly limiter?: RateLimiterRedis;

  constructor(config: AppConfig, redis: Redis) {
    const points = config.realtimeHandshakesPerMinute;
    if (points <= 0) return;
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      useRedisPackage: false,
      keyPrefix: redisKey(config, 'realtime', 'handshakes'),
      points,
      duration: 60,
      insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
    });
  }

  // Seconds to wait, or 0 when the handshake may go ahead.
  async retryAfter(address: string): Promise<number> {
    if (!this.limiter) return 0;
    try {
      await this.limiter.consume(address);
      return 0;
    } catch (e) {
      if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      return 0;
    }
  }
}
