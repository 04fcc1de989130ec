import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { QueueName } from '@roundtable/core';
import { Queue } from 'bullmq';
import { MaterialiseJobData, materialiseJobId, MeetingJob } from './meeting-jobs';

// The API side of materialisation: it only enqueues. If Redis is down the request still
// succeeds; the worker's scheduler materialises the series on its next tick.
@Injectable()
export class MeetingQueue {
  private readonly logger = new Logger(MeetingQueue.name);

  constructor(@InjectQueue(QueueName.Meetings) private readonly queue: Queue<MaterialiseJobData>) {}

  async requestMaterialisation(seriesId: string, version: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      // BullMQ's connection queues commands while Redis is away; do not hold the request for it.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), 2000);
      });
      await Promise.race([
        this.queue.add(MeetingJob.Materialise, { seriesId }, { jobId: materialiseJobId(seriesId, version) }),
        timeout,
      ]);
    } catch (e) {
      this.logger.warn(`could not enqueue materialisation of series ${seriesId}: ${(e as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
