import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, QueueName } from '@roundtable/core';
import {
  AGREEMENT_SCAN_SCHEDULER_ID,
  AgreementJob,
  AgreementJobs,
  AgreementLifecycle,
} from '@roundtable/domain';
import { Queue } from 'bullmq';
import { AgreementsProcessor } from './agreements.processor';

// One scheduler under a fixed id: every worker upserts the same one, so N workers (or restarts)
// still give one tick per AGREEMENT_JOBS_INTERVAL_MS.
@Injectable()
export class AgreementsScheduler implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Agreements) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      AGREEMENT_SCAN_SCHEDULER_ID,
      { every: this.config.agreementJobsIntervalMs },
      { name: AgreementJob.Scan, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
}

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Agreements })],
  providers: [AgreementLifecycle, AgreementJobs, AgreementsProcessor, AgreementsScheduler],
})
export class AgreementsWorkerModule {}
