import { Module } from '@nestjs/common';
import { DevMailController } from './dev-mail.controller';

// The outbox itself (MailOutbox) is shared through DomainCoreModule; this module serves the
// development inbox. Delivery runs in the worker (apps/worker/src/mail).
@Module({ controllers: [DevMailController] })
export class MailModule {}
