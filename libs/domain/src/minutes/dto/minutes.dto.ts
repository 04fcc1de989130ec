import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsBoolean,
  IsOptional,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';
import { IsLocaleTag, PageOf, PageQuery, toCanonicalLocale, trimString } from '@roundtable/core';
import {
  AgendaIncidentLinkDto,
  AgendaRecommendationLinkDto,
  AGENDA_ITEM_KINDS,
  AgendaItemKind,
} from '../../agendas/dto/agenda.dto';
import { MINUTES_APPROVAL_RULES, MinutesApprovalRule } from '../../groups/group.entity';
import { MEETING_STATUSES, MeetingStatus } from '../../meetings/meeting.entity';
import { ORGANISATION_KINDS, OrganisationKind } from '../../organisations/organisation.entity';

export const MINUTES_STATUSES = ['draft', 'circulated', 'approved'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

export class SaveMinutesDto {
  @ApiProperty({ description: 'Markdown', example: '## Incident updates\n\nThe police reported…' })
  @IsString()
  @MaxLength(200_000)
  body: string;

  @ApiProperty({
    type: [String],
    description: 'The key issues of the meeting, as the focal point records them',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @Transform(trimEach)
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'keyIssues must not hold empty entries' })
  @MaxLength(2000, { each: true })
  keyIssues: string[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @Transform(trimEach)
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'decisions must not hold empty entries' })
  @MaxLength(2000, { each: true })
  decisions: string[];

  @ApiProperty({
    minimum: 0,
    description: 'The version the edit is based on; a stale one is a 409, so no edit is silently lost',
  })
  @IsInt()
  @Min(0)
  expectedVersion: number;

  @ApiPropertyOptional({
    description: 'A typo or layout fix: translations of the minutes stay current (not marked stale)',
  })
  @IsOptional()
  @IsBoolean()
  minorEdit?: boolean;

  @ApiPropertyOptional({ description: 'Same as minorEdit' })
  @IsOptional()
  @IsBoolean()
  minor?: boolean;
}

export class CreateMinutesCommentDto {
  @ApiProperty({ example: 'The second key issue should name the checkpoint.' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'body must not be empty' })
  @MaxLength(10_000)
  body: string;
}

export class MinutesExportQuery {
  @ApiPropertyOptional({ enum: ['md', 'pdf'], default: 'md' })
  @IsOptional()
  @IsIn(['md', 'pdf'], { message: 'format must be one of: md, pdf' })
  format?: 'md' | 'pdf';

  @ApiPropertyOptional({
    example: 'fr',
    description:
      'BCP 47: labels and text in this locale (a courtesy translation, marked as such); default the group language',
  })
  @IsOptional()
  @Transform(toCanonicalLocale)
  @IsLocaleTag()
  locale?: string;
}

export class MinutesRevisionQuery extends PageQuery {}
export class MinutesCommentQuery extends PageQuery {}

export class MinutesOrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty({ description: 'Verified by a platform administrator' }) verified: boolean;
}

export class MinutesAttendanceDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty({ type: MinutesOrganisationDto }) organisation: MinutesOrganisationDto;
  @ApiProperty() attended: boolean;
}

export class MinutesPersonDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) memberId: string | null;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
}

export class MinutesApprovalDto extends MinutesPersonDto {
  @ApiProperty({ description: 'The version this co-chair approved' }) version: number;
  @ApiProperty({ format: 'date-time' }) approvedAt: string;
}

export class MinutesRecordMeetingDto {
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ example: 'Africa/Lubumbashi' }) timezone: string;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ nullable: true, type: String }) onlineUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) focus: string | null;
}

export class MinutesRecordAgendaItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: AGENDA_ITEM_KINDS }) kind: AgendaItemKind;
  @ApiProperty() standing: boolean;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationMinutes: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) presenterMemberId: string | null;
  @ApiProperty() position: number;
  @ApiProperty({
    type: [AgendaIncidentLinkDto],
    description: 'As linked at approval, filtered by what the caller may see now',
  })
  incidents: AgendaIncidentLinkDto[];
  @ApiProperty({ type: [AgendaRecommendationLinkDto], description: 'As they stood at approval' })
  recommendations: AgendaRecommendationLinkDto[];
}

export class MinutesRecordRecommendationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty() status: string;
  @ApiProperty() priority: string;
  @ApiProperty({ type: [String], description: 'Names of the responsible organisations' })
  organisations: string[];
}

export class MinutesRecordDto {
  @ApiProperty({ format: 'date-time', description: 'When the record was frozen (the approval)' })
  frozenAt: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ type: MinutesRecordMeetingDto }) meeting: MinutesRecordMeetingDto;
  @ApiProperty({ type: [MinutesRecordAgendaItemDto], description: 'The accepted agenda items, in order' })
  agenda: MinutesRecordAgendaItemDto[];
  @ApiProperty({
    type: [MinutesRecordRecommendationDto],
    description: 'Recommendations raised in the meeting',
  })
  recommendations: MinutesRecordRecommendationDto[];
}

export class MinutesDto {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({
    enum: MINUTES_STATUSES,
    description:
      'draft → circulated (focal point) → approved (a co-chair). Edits stay allowed while circulated; approved minutes are immutable.',
  })
  status: MinutesStatus;
  @ApiProperty({ description: '0 until the first save; +1 per save' }) version: number;
  @ApiProperty({ description: 'Markdown' }) body: string;
  @ApiProperty({ type: [String] }) keyIssues: string[];
  @ApiProperty({ type: [String] }) decisions: string[];
  @ApiProperty({ type: [MinutesAttendanceDto], description: 'Attendance recorded on the meeting' })
  attendance: MinutesAttendanceDto[];
  @ApiProperty({
    type: MinutesPersonDto,
    nullable: true,
    description: 'The co-chair whose approval made the minutes approved',
  })
  approvedBy: MinutesPersonDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) approvedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) circulatedAt: string | null;
  @ApiProperty({ type: MinutesPersonDto, nullable: true, description: 'Author of the last save' })
  updatedBy: MinutesPersonDto | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({
    enum: MINUTES_APPROVAL_RULES,
    description: "The group's rule: one or all sitting co-chairs",
  })
  approvalRule: MinutesApprovalRule;
  @ApiProperty({ type: [MinutesApprovalDto], description: 'Each co-chair approval of the current version' })
  approvals: MinutesApprovalDto[];
  @ApiProperty({
    type: [MinutesPersonDto],
    description:
      'While circulated: the sitting co-chairs who may still approve (one_co_chair: any one of them; all_co_chairs: each of them)',
  })
  awaitingApprovalFrom: MinutesPersonDto[];
  @ApiProperty({
    type: MinutesRecordDto,
    nullable: true,
    description:
      'Approved minutes: the frozen record (body, key issues, decisions, attendance and version above come from it too)',
  })
  record: MinutesRecordDto | null;
  @ApiProperty({
    example: 'fr',
    description: 'The language of body, keyIssues and decisions as answered (negotiated; Content-Language)',
  })
  locale: string;
  @ApiProperty({ description: 'The text answered is a translation the minutes have changed since' })
  translationStale: boolean;
}

export class MinutesRevisionDto {
  @ApiProperty() version: number;
  @ApiProperty({ enum: MINUTES_STATUSES, description: 'Status of the minutes when this revision was saved' })
  status: MinutesStatus;
  @ApiProperty() body: string;
  @ApiProperty({ type: [String] }) keyIssues: string[];
  @ApiProperty({ type: [String] }) decisions: string[];
  @ApiProperty({ type: MinutesPersonDto }) author: MinutesPersonDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MinutesRevisionPageDto extends PageOf(MinutesRevisionDto, 'Newest first') {}

export class MinutesCommentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: MinutesPersonDto }) author: MinutesPersonDto;
  @ApiProperty({ type: MinutesOrganisationDto }) organisation: MinutesOrganisationDto;
  @ApiProperty({ description: 'The version of the minutes the comment was made on' }) minutesVersion: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MinutesCommentPageDto extends PageOf(MinutesCommentDto, 'Oldest first') {}

export class GroupMinutesQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: MINUTES_STATUSES,
    description: 'circulated: what the co-chairs have to approve',
  })
  @IsOptional()
  @IsIn(MINUTES_STATUSES, { message: `status must be one of ${MINUTES_STATUSES.join(', ')}` })
  status?: MinutesStatus;
}

// One meeting's minutes in a group-wide list: enough to show and link them, not their text.
export class MinutesSummaryDto {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ description: "The meeting's title" }) title: string;
  @ApiProperty({ format: 'date-time', description: 'When the meeting starts' }) startsAt: string;
  @ApiProperty({ example: 'Africa/Lubumbashi', description: "The meeting's time zone" }) timezone: string;
  @ApiProperty({
    enum: MEETING_STATUSES,
    description: 'The minutes of a cancelled meeting cannot be approved',
  })
  meetingStatus: MeetingStatus;
  @ApiProperty({ enum: MINUTES_STATUSES }) status: MinutesStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) circulatedAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MinutesSummaryPageDto extends PageOf(
  MinutesSummaryDto,
  'Newest meeting first; only meetings whose minutes were opened or written (a draft exists from the first read)',
) {}
