import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import {
  APP_CONFIG,
  AppConfig,
  AppConfigModule,
  AuthCoreModule,
  BodyContentTypeGuard,
  JwtAuthGuard,
  loggerParams,
  ProblemDetailsFilter,
  QueueModule,
  REDIS,
  RedisModule,
} from '@roundtable/core';
import Redis from 'ioredis';
import { DatabaseModule } from '@roundtable/database';
import { DomainModule } from '@roundtable/domain';
import { LoggerModule } from 'nestjs-pino';
import { HealthController } from './ops/health.controller';
import { RealtimeModule } from './realtime/realtime.module';
import { HttpMetricsMiddleware, MetricsController } from './ops/metrics';
import { RequestContextMiddleware } from './ops/request-context.middleware';
import { FailOpenThrottlerStorage, UserThrottlerGuard } from './ops/user-throttler.guard';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loggerParams(config, 'api'),
    }),
    RedisModule,
    AuthCoreModule,
    DatabaseModule,
    QueueModule,
    TerminusModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, REDIS],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: Math.max(config.rateLimitPerMinute, 1) }],
        skipIf: () => config.rateLimitPerMinute === 0,
        storage: new FailOpenThrottlerStorage(new ThrottlerStorageRedisService(redis)),
      }),
    }),
    DomainModule,
    RealtimeModule,
  ],
  controllers: [HealthController, MetricsController],
  providers: [
    // Order matters: identify the caller first, then count their requests.
    { provide: APP_GUARD, useExisting: JwtAuthGuard },
    { provide: APP_GUARD, useClass: UserThrottlerGuard },
    // Then refuse bodies the route does not take (415).
    { provide: APP_GUARD, useClass: BodyContentTypeGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class ApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Named wildcard (path-to-regexp 8): '*' alone makes Nest log LegacyRouteConverter warnings.
    consumer.apply(RequestContextMiddleware, HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
