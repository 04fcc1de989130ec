import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QueueName } from '@roundtable/core';
import { MaterialiseJobData, MeetingJob, MeetingMaterialiser, MeetingReminders } from '@roundtable/domain';
import { Job, Queue } from 'bullmq';

// Meeting materialisation: one job per series, plus the scheduler tick that only fans out.
@Processor(QueueName.Meetings)
export class MeetingsProcessor extends WorkerHost {
  private readonly logger = new Logger(MeetingsProcessor.name);

  constructor(
    private readonly materialiser: MeetingMaterialiser,
    @InjectQueue(QueueName.Meetings) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case MeetingJob.Materialise:
        return this.materialiser.materialise((job.data as MaterialiseJobData).seriesId);
      case MeetingJob.MaterialiseAll: {
        const ids = await this.materialiser.activeSeriesIds();
        // One job per series and tick: a re-delivered tick collapses onto the same job ids.
        await this.queue.addBulk(
          ids.map((seriesId) => ({
            name: MeetingJob.Materialise,
            data: { seriesId },
            opts: { jobId: `materialise_${seriesId}_tick_${job.timestamp}` },
          })),
        );
        return { fannedOut: ids.length };
      }
      default:
        this.logger.warn(`unknown job ${job.name} on ${QueueName.Meetings}`);
        return null;
    }
  }
}

@Processor(QueueName.Reminders)
export class MeetingRemindersProcessor extends WorkerHost {
  constructor(private readonly reminders: MeetingReminders) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== MeetingJob.SendDueReminders) return null;
    return this.reminders.sendDue();
  }
}
