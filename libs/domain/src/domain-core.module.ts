import { Global, Module } from '@nestjs/common';
import { GroupAccessPolicy } from './access/group-access.policy';
import { OrganisationAccessPolicy } from './access/organisation-access.policy';
import { AffiliationStore } from './affiliations/affiliation-store';
import { ChangeRecorder } from './events/change-recorder';
import { EventCursors } from './events/event-cursors';
import { GroupWriters } from './events/group-writers';
import { MailOutbox } from './mail/mail-outbox';
import { NotificationsService } from './notifications/notifications.service';

// Shared by every feature: the access policies, the audit/event writer (and the per-group limit
// on writers in flight), notifications, the mail outbox and the affiliation writes that members
// and affiliations both need.
@Global()
@Module({
  providers: [
    GroupAccessPolicy,
    OrganisationAccessPolicy,
    ChangeRecorder,
    NotificationsService,
    MailOutbox,
    AffiliationStore,
    EventCursors,
    GroupWriters,
  ],
  exports: [
    GroupAccessPolicy,
    OrganisationAccessPolicy,
    ChangeRecorder,
    NotificationsService,
    MailOutbox,
    AffiliationStore,
    EventCursors,
    GroupWriters,
  ],
})
export class DomainCoreModule {}
