import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@roundtable/core';
import { RecommendationOverdueJob } from '@roundtable/domain';
import { RecommendationsProcessor, RecommendationsScheduler } from './recommendations.processor';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Recommendations })],
  providers: [RecommendationOverdueJob, RecommendationsProcessor, RecommendationsScheduler],
})
export class RecommendationsWorkerModule {}
