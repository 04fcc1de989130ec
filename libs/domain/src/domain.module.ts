import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { DomainCoreModule } from './domain-core.module';
import { EventsModule } from './events/events.module';
import { GroupsModule } from './groups/groups.module';
import { MeetingsModule } from './meetings/meetings.module';
import { MembersModule } from './members/members.module';
import { OrganisationsModule } from './organisations/organisations.module';

// Every feature the API serves. Feature modules register controllers and services only;
// BullMQ processors live in apps/worker.
export const FEATURE_MODULES = [
  AccountsModule,
  OrganisationsModule,
  GroupsModule,
  MembersModule,
  MeetingsModule,
  EventsModule,
  AuditModule,
];

@Module({ imports: [DomainCoreModule, ...FEATURE_MODULES] })
export class DomainModule {}
