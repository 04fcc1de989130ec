import { Module } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  AppConfigModule,
  AuthCoreModule,
  loggerParams,
  QueueModule,
  RedisModule,
} from '@roundtable/core';
import { DatabaseModule } from '@roundtable/database';
import { DomainCoreModule } from '@roundtable/domain';
import { LoggerModule } from 'nestjs-pino';
import { AgreementsWorkerModule } from './agreements/agreements-worker.module';
import { EmailModule } from './email/email.module';
import { MailWorkerModule } from './mail/mail-worker.module';
import { MeetingsWorkerModule } from './meetings/meetings-worker.module';
import { OutboxModule } from './outbox/outbox.module';
import { RecommendationsWorkerModule } from './recommendations/recommendations-worker.module';

// The only module that registers BullMQ processors (the API never runs jobs).
export const WORKER_FEATURE_MODULES = [
  OutboxModule,
  EmailModule,
  MailWorkerModule,
  MeetingsWorkerModule,
  RecommendationsWorkerModule,
  AgreementsWorkerModule,
];

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loggerParams(config, 'worker'),
    }),
    RedisModule,
    AuthCoreModule,
    DatabaseModule,
    QueueModule,
    DomainCoreModule,
    ...WORKER_FEATURE_MODULES,
  ],
})
export class WorkerModule {}
