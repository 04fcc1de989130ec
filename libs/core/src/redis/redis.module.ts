import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export const REDIS = Symbol('REDIS');

// Commands fail fast while Redis is down instead of queueing forever, so callers can degrade.
export function redisOptions(extra: RedisOptions = {}): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...extra,
  };
}

export function redisKey(config: Pick<AppConfig, 'redisPrefix'>, ...parts: string[]): string {
  return [config.redisPrefix, ...parts].join(':');
}

export function createRedis(url: string, name: string, extra: RedisOptions = {}): Redis {
  const client = new Redis(url, redisOptions(extra));
  const logger = new Logger(name);
  let lastLogged = 0;
  client.on('error', (e: Error) => {
    // Reconnection errors repeat on every retry; say it once every 10 s.
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      logger.warn(`redis: ${e.message}`);
    }
  });
  return client;
}

// Waits briefly for the first connection so the process does not start by reporting Redis
// down; boots anyway when Redis is away (the API keeps serving what does not need it).
export async function waitForRedis(redis: Redis, timeoutMs = 3000): Promise<boolean> {
  if (redis.status === 'ready') return true;
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.on('ready', onReady);
  });
}

@Injectable()
class RedisLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onModuleInit(): Promise<void> {
    await waitForRedis(this.redis);
  }
  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createRedis(config.redisUrl, 'Redis'),
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
