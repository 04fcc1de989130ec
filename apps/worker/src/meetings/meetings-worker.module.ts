import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, QueueName } from '@roundtable/core';
import {
  MATERIALISE_SCHEDULER_ID,
  MeetingJob,
  MeetingMaterialiser,
  MeetingReminders,
  REMINDER_SCHEDULER_ID,
} from '@roundtable/domain';
import { Queue } from 'bullmq';
import { MeetingRemindersProcessor, MeetingsProcessor } from './meetings.processor';

// Job schedulers with fixed ids: every worker upserts the same two, so N workers still give one
// tick per interval (MEETING_JOBS_INTERVAL_MS).
@Injectable()
export class MeetingSchedulers implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Meetings) private readonly meetings: Queue,
    @InjectQueue(QueueName.Reminders) private readonly reminders: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.meetingJobsIntervalMs;
    const opts = { removeOnComplete: 100, removeOnFail: 100 };
    await this.meetings.upsertJobScheduler(
      MATERIALISE_SCHEDULER_ID,
      { every },
      { name: MeetingJob.MaterialiseAll, data: {}, opts },
    );
    await this.reminders.upsertJobScheduler(
      REMINDER_SCHEDULER_ID,
      { every },
      { name: MeetingJob.SendDueReminders, data: {}, opts },
    );
  }
}

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Meetings }, { name: QueueName.Reminders })],
  providers: [
    MeetingMaterialiser,
    MeetingReminders,
    MeetingsProcessor,
    MeetingRemindersProcessor,
    MeetingSchedulers,
  ],
})
export class MeetingsWorkerModule {}
