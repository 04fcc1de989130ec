import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { AffiliationsModule } from './affiliations/affiliations.module';
import { AgendasModule } from './agendas/agendas.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AgreementsModule } from './agreements/agreements.module';
import { AuditModule } from './audit/audit.module';
import { CoChairsModule } from './co-chairs/co-chairs.module';
import { DomainCoreModule } from './domain-core.module';
import { EngagementModule } from './engagement/engagement.module';
import { EventsModule } from './events/events.module';
import { GroupsModule } from './groups/groups.module';
import { IncidentsModule } from './incidents/incidents.module';
import { MailModule } from './mail/mail.module';
import { MeetingsModule } from './meetings/meetings.module';
import { MembersModule } from './members/members.module';
import { MinutesModule } from './minutes/minutes.module';
import { NonComplianceModule } from './non-compliance/non-compliance.module';
import { ObligationsModule } from './obligations/obligations.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { SitesModule } from './sites/sites.module';
import { StakeholderMapModule } from './stakeholder-map/stakeholder-map.module';
import { TranslationsModule } from './translations/translations.module';
import { DocumentsModule } from './documents/documents.module';

// Every feature the API serves. Feature modules register controllers and services only;
// BullMQ processors live in apps/worker.
export const FEATURE_MODULES = [
  AccountsModule,
  OrganisationsModule,
  AffiliationsModule,
  GroupsModule,
  MembersModule,
  MeetingsModule,
  EventsModule,
  AuditModule,
  IncidentsModule,
  AgendasModule,
  MinutesModule,
  CoChairsModule,
  StakeholderMapModule,
  RecommendationsModule,
  SitesModule,
  AgreementsModule,
  ObligationsModule,
  NonComplianceModule,
  MailModule,
  AttachmentsModule,
  EngagementModule,
  TranslationsModule,
  DocumentsModule,
];

@Module({ imports: [DomainCoreModule, ...FEATURE_MODULES] })
export class DomainModule {}
