import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { QueueName } from '@roundtable/core';
import { Queue } from 'bullmq';
import { NotificationMailer } from './notification-mailer.service';

export const EMAIL_SWEEP_JOB = 'notification-email-sweep';
const EMAIL_SWEEP_EVERY_MS = 2000;

// A repeating job (one per tick across all workers) that e-mails due notifications.
@Processor(QueueName.Email)
export class NotificationEmailProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly mailer: NotificationMailer,
    @InjectQueue(QueueName.Email) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    // Redis may be down at boot; BullMQ waits for it, the worker does not.
    const schedule = this.mailer.enabled
      ? this.queue.upsertJobScheduler(
          EMAIL_SWEEP_JOB,
          { every: EMAIL_SWEEP_EVERY_MS },
          { name: EMAIL_SWEEP_JOB },
        )
      : this.queue.removeJobScheduler(EMAIL_SWEEP_JOB);
    void schedule.catch(() => undefined);
  }

  async process(): Promise<{ sent: number }> {
    return { sent: await this.mailer.sweep() };
  }
}
