import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@roundtable/core';
import { AccountsModule } from '../accounts/accounts.module';
import { MeetingCalendarService } from './meeting-calendar.service';
import { MeetingQueue } from './meeting-queue.service';
import { MeetingSeriesService } from './meeting-series.service';
import { GroupMeetingsController, MeetingSeriesController, MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

// API side of meetings: controllers and services; materialisation is only enqueued here (the
// processors live in apps/worker).
@Module({
  imports: [AccountsModule, BullModule.registerQueue({ name: QueueName.Meetings })],
  controllers: [MeetingSeriesController, GroupMeetingsController, MeetingsController],
  providers: [MeetingSeriesService, MeetingsService, MeetingCalendarService, MeetingQueue],
  exports: [MeetingsService],
})
export class MeetingsModule {}
