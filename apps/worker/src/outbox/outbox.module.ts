import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay.service';

// Worker only: relays the group event outbox to Socket.IO (docs/REALTIME.md).
@Module({ providers: [OutboxRelay] })
export class OutboxModule {}
