import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { QueueName } from '@roundtable/core';
import {
  RECOMMENDATION_OVERDUE_EVERY_MS,
  RECOMMENDATION_OVERDUE_JOB,
  RECOMMENDATION_OVERDUE_SCHEDULER_ID,
  RecommendationOverdueJob,
} from '@roundtable/domain';
import { Job, Queue } from 'bullmq';

@Processor(QueueName.Recommendations)
export class RecommendationsProcessor extends WorkerHost {
  private readonly logger = new Logger(RecommendationsProcessor.name);

  constructor(private readonly overdue: RecommendationOverdueJob) {
    super();
  }

  async process(job: Job): Promise<{ flagged: number }> {
    switch (job.name) {
      case RECOMMENDATION_OVERDUE_JOB: {
        const flagged = await this.overdue.run();
        if (flagged) this.logger.log(`flagged ${flagged} overdue recommendation(s)`);
        return { flagged };
      }
      default:
        throw new Error(`unknown job ${job.name} on queue ${QueueName.Recommendations}`);
    }
  }
}

// One repeatable scan under a fixed scheduler id: every worker upserts the same scheduler, so
// starting more workers (or restarting them) never multiplies it.
@Injectable()
export class RecommendationsScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Recommendations) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RECOMMENDATION_OVERDUE_SCHEDULER_ID,
      { every: RECOMMENDATION_OVERDUE_EVERY_MS },
      {
        name: RECOMMENDATION_OVERDUE_JOB,
        data: {},
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 1000 } },
      },
    );
  }
}
