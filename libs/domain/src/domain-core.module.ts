import { Global, Module } from '@nestjs/common';
import { GroupAccessPolicy } from './access/group-access.policy';
import { ChangeRecorder } from './events/change-recorder';
import { NotificationsService } from './notifications/notifications.service';

// Shared by every feature: the access policy, the audit/event writer and notifications.
@Global()
@Module({
  providers: [GroupAccessPolicy, ChangeRecorder, NotificationsService],
  exports: [GroupAccessPolicy, ChangeRecorder, NotificationsService],
})
export class DomainCoreModule {}
