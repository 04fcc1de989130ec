import { Module } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';

// The Socket.IO gateway (API only). Server options and the Redis adapter: RealtimeIoAdapter,
// installed by configureApp.
@Module({ providers: [RealtimeGateway] })
export class RealtimeModule {}
