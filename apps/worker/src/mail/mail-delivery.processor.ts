import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { QueueName } from '@roundtable/core';
import { Queue } from 'bullmq';
import { MailDelivery } from './mail-delivery.service';

export const MAIL_SWEEP_JOB = 'mail-outbox-sweep';
const MAIL_SWEEP_EVERY_MS = 2000;

// A repeating job (one per tick across all workers) that delivers the mail outbox.
@Processor(QueueName.Mail)
export class MailDeliveryProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly delivery: MailDelivery,
    @InjectQueue(QueueName.Mail) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    // Redis may be down at boot; BullMQ waits for it, the worker does not.
    void this.queue
      .upsertJobScheduler(MAIL_SWEEP_JOB, { every: MAIL_SWEEP_EVERY_MS }, { name: MAIL_SWEEP_JOB })
      .catch(() => undefined);
  }

  async process(): Promise<{ delivered: number }> {
    return { delivered: await this.delivery.sweep() };
  }
}
