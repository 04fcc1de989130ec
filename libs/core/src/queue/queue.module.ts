import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';

// BullMQ's connection: every queue key starts with REDIS_PREFIX. BullMQ needs
// maxRetriesPerRequest: null on its blocking connections.
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redisUrl, maxRetriesPerRequest: null, enableOfflineQueue: true },
        prefix: `${config.redisPrefix}:bull`,
        defaultJobOptions: {
          removeOnComplete: 1000,
          removeOnFail: 5000,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
        },
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
