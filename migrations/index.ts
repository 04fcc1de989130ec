// Every migration, in order. Listed explicitly so the same set runs from compiled JS, ts and Jest.
// Append new migrations (one line each, ordered by epoch); never reorder applied ones.
import { Foundation1764000000000 } from './1764000000000-Foundation';
import { CoreSchema1764000000001 } from './1764000000001-CoreSchema';
import { CoChairRules1764000001000 } from './1764000001000-CoChairRules';
import { MeetingsFeature1764000002000 } from './1764000002000-MeetingsFeature';
import { IncidentUpdates1764000003000 } from './1764000003000-IncidentUpdates';
import { RecommendationFollowUp1764000004000 } from './1764000004000-RecommendationFollowUp';
import { AgendasAndMinutes1764000005000 } from './1764000005000-AgendasAndMinutes';
import { NotificationEmailDelivery1764000006000 } from './1764000006000-NotificationEmailDelivery';
import { NotificationPush1764000006001 } from './1764000006001-NotificationPush';
import { OrganisationAffiliations1764000007000 } from './1764000007000-OrganisationAffiliations';
import { IncidentAuditAndStatus1764000007100 } from './1764000007100-IncidentAuditAndStatus';
import { GroupArchive1764000007200 } from './1764000007200-GroupArchive';
import { AccountSettingsAndMail1764000007300 } from './1764000007300-AccountSettingsAndMail';
import { FrozenMinutes1764000008000 } from './1764000008000-FrozenMinutes';
import { EventScopes1764000010000 } from './1764000010000-EventScopes';
import { Agreements1764000010001 } from './1764000010001-Agreements';
import { GroupEventSeqs1764000011000 } from './1764000011000-GroupEventSeqs';
import { AuditScopes1764000017000 } from './1764000017000-AuditScopes';
import { Attachments1764000013000 } from './1764000013000-Attachments';
import { Engagement1764000015000 } from './1764000015000-Engagement';
import { Sessions1764000012000 } from './1764000012000-Sessions';
import { Languages1764000014000 } from './1764000014000-Languages';
import { IncidentUpdateCount1764000023000 } from './1764000023000-IncidentUpdateCount';

export const MIGRATIONS = [
  Foundation1764000000000,
  CoreSchema1764000000001,
  CoChairRules1764000001000,
  MeetingsFeature1764000002000,
  IncidentUpdates1764000003000,
  RecommendationFollowUp1764000004000,
  AgendasAndMinutes1764000005000,
  NotificationEmailDelivery1764000006000,
  NotificationPush1764000006001,
  OrganisationAffiliations1764000007000,
  IncidentAuditAndStatus1764000007100,
  GroupArchive1764000007200,
  AccountSettingsAndMail1764000007300,
  FrozenMinutes1764000008000,
  EventScopes1764000010000,
  Agreements1764000010001,
  GroupEventSeqs1764000011000,
  AuditScopes1764000017000,
  Attachments1764000013000,
  Engagement1764000015000,
  Sessions1764000012000,
  Languages1764000014000,
  IncidentUpdateCount1764000023000,
];
