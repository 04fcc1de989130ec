import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@roundtable/core';
import { NotificationEmailProcessor } from './notification-email.processor';
import { NotificationMailer } from './notification-mailer.service';

// Worker only: the e-mail copy of notifications (when SMTP_URL is set).
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Email })],
  providers: [NotificationMailer, NotificationEmailProcessor],
  exports: [NotificationMailer],
})
export class EmailModule {}
