import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@roundtable/core';
import { MailDeliveryProcessor } from './mail-delivery.processor';
import { MailDelivery } from './mail-delivery.service';

// Worker only: delivers the mail outbox (SMTP, or the log without SMTP_URL).
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Mail })],
  providers: [MailDelivery, MailDeliveryProcessor],
  exports: [MailDelivery],
})
export class MailWorkerModule {}
