import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QueueName } from '@roundtable/core';
import { AgreementDueJobData, AgreementJob, AgreementJobs } from '@roundtable/domain';
import { Job, Queue } from 'bullmq';

// The scheduler's tick only fans out one job per agreement with something due; each job does the
// date-driven work for its agreement (AgreementJobs.runFor, idempotent).
@Processor(QueueName.Agreements)
export class AgreementsProcessor extends WorkerHost {
  private readonly logger = new Logger(AgreementsProcessor.name);

  constructor(
    private readonly jobs: AgreementJobs,
    @InjectQueue(QueueName.Agreements) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case AgreementJob.Scan: {
        const ids = await this.jobs.dueAgreementIds();
        // One job per agreement and tick: a re-delivered tick collapses onto the same job ids.
        await this.queue.addBulk(
          ids.map((agreementId) => ({
            name: AgreementJob.Due,
            data: { agreementId } satisfies AgreementDueJobData,
            opts: { jobId: `agreement_${agreementId}_tick_${job.timestamp}` },
          })),
        );
        return { fannedOut: ids.length };
      }
      case AgreementJob.Due:
        return this.jobs.runFor((job.data as AgreementDueJobData).agreementId);
      default:
        this.logger.warn(`unknown job ${job.name} on ${QueueName.Agreements}`);
        return null;
    }
  }
}
