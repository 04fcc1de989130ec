import { trimString } from '@roundtable/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export const AGENDA_ITEM_KINDS = [
  'incident_roundtable',
  'recommendation_review',
  'challenge',
  'presentation',
  'other',
] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];
export const AGENDA_ITEM_STATUSES = ['proposed', 'accepted', 'rejected', 'deferred'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

export class CreateAgendaItemDto {
  @ApiProperty({ example: 'Artisanal miners on the concession' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiPropertyOptional({ enum: AGENDA_ITEM_KINDS, default: 'other' })
  @IsOptional()
  @IsIn(AGENDA_ITEM_KINDS, { message: `kind must be one of: ${AGENDA_ITEM_KINDS.join(', ')}` })
  kind?: AgendaItemKind;

  @ApiPropertyOptional({ minimum: 1, maximum: 600 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  durationMinutes?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'An active member of the group who presents the item' })
  @IsOptional()
  @IsUUID('all', { message: 'presenterMemberId must be a UUID' })
  presenterMemberId?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Incidents of the group the caller may see',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'incidentIds must hold UUIDs' })
  incidentIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Recommendations of the group' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'recommendationIds must hold UUIDs' })
  recommendationIds?: string[];
}

export class UpdateAgendaItemDto {
  @ApiPropertyOptional({
    description: 'A typo fix: translations of the item stay current (not marked stale)',
  })
  @IsOptional()
  @IsBoolean()
  minorEdit?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiPropertyOptional({ enum: AGENDA_ITEM_KINDS, description: 'Standing items keep their kind' })
  @IsOptional()
  @IsIn(AGENDA_ITEM_KINDS, { message: `kind must be one of: ${AGENDA_ITEM_KINDS.join(', ')}` })
  kind?: AgendaItemKind;

  @ApiPropertyOptional({ minimum: 1, maximum: 600, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  durationMinutes?: number | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: 'presenterMemberId must be a UUID' })
  presenterMemberId?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Replaces the links the caller can see; links to incidents the caller cannot see are kept',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'incidentIds must hold UUIDs' })
  incidentIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'recommendationIds must hold UUIDs' })
  recommendationIds?: string[];
}

export class RejectAgendaItemDto {
  @ApiProperty({ example: 'Covered under the incident roundtable' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'reason must not be empty' })
  @MaxLength(1000)
  reason: string;
}

export class AgendaOrderDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Every accepted item exactly once, in the new order',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'itemIds must hold UUIDs' })
  itemIds: string[];
}

export class AgendaIncidentLinkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() category: string;
  @ApiProperty() severity: string;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
}

export class AgendaRecommendationLinkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() status: string;
  @ApiProperty() priority: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ description: "Past its due date (in the group's time zone) and not terminal" })
  overdue: boolean;
}

export class AgendaItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ enum: AGENDA_ITEM_KINDS }) kind: AgendaItemKind;
  @ApiProperty({ description: 'One of the two items every agenda starts with' }) standing: boolean;
  @ApiProperty({ description: 'In `locale`' }) title: string;
  @ApiProperty({ nullable: true, type: String, description: 'In `locale`' }) description: string | null;
  @ApiProperty({
    example: 'fr',
    description: 'The language of title and description as answered (negotiated)',
  })
  locale: string;
  @ApiProperty({ description: 'The text answered is a translation the item has changed since' })
  translationStale: boolean;
  @ApiProperty({ nullable: true, type: Number }) durationMinutes: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) presenterMemberId: string | null;
  @ApiProperty({ enum: AGENDA_ITEM_STATUSES }) status: AgendaItemStatus;
  @ApiProperty({ description: 'Order on the agenda (accepted items)' }) position: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) proposedByMemberId: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectReason: string | null;
  @ApiProperty() changedAfterPublish: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) deferredFromItemId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) deferredToMeetingId: string | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Linked incidents the caller may see' })
  incidentIds: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) recommendationIds: string[];
  @ApiProperty({ type: [AgendaIncidentLinkDto], description: 'Filtered by what the caller may see' })
  incidents: AgendaIncidentLinkDto[];
  @ApiProperty({ type: [AgendaRecommendationLinkDto] }) recommendations: AgendaRecommendationLinkDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AgendaDto {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status: 'draft' | 'published';
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({
    type: [AgendaItemDto],
    description: 'Accepted items in agenda order, then proposed, rejected and deferred ones',
  })
  items: AgendaItemDto[];
}

export class DeletedAgendaItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() deleted: boolean;
}
