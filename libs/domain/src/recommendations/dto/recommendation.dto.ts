import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  IsLocaleTag,
  PageOf,
  PageQuery,
  queryBoolean,
  toCanonicalLocale,
  trimString,
} from '@roundtable/core';
import { MemberOrganisationDto } from '../../members/dto/member.dto';
import {
  IMPACT_RATINGS,
  ImpactRating,
  PRIORITIES,
  RECOMMENDATION_STATUSES,
  RecommendationPriority,
  RecommendationStatus,
} from '../recommendation-status';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateRecommendationDto {
  @ApiProperty({ example: 'Train mine security guards on the use-of-force protocol' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The meeting (of this group) where it was made' })
  @IsOptional()
  @IsUUID('all', { message: 'meetingId must be a UUID' })
  meetingId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The agenda item it came from' })
  @IsOptional()
  @IsUUID('all', { message: 'agendaItemId must be a UUID' })
  agendaItemId?: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Organisations with active members in the group',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'responsibleOrganisationIds must name at least one organisation' })
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'responsibleOrganisationIds must not repeat an organisation' })
  @IsUUID('all', { each: true, message: 'responsibleOrganisationIds must be UUIDs' })
  responsibleOrganisationIds: string[];

  @ApiProperty({ format: 'date', example: '2027-03-31', description: 'A calendar date; may lie in the past' })
  @Matches(DATE, { message: 'dueDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dueDate must be a valid calendar date' })
  dueDate: string;

  @ApiProperty({ enum: PRIORITIES })
  @IsIn(PRIORITIES, { message: `priority must be one of: ${PRIORITIES.join(', ')}` })
  priority: RecommendationPriority;
}

export class UpdateRecommendationDto {
  @ApiPropertyOptional({
    description: 'A typo fix: translations of the recommendation stay current (not marked stale)',
  })
  @IsOptional()
  @IsBoolean()
  minorEdit?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'responsibleOrganisationIds must name at least one organisation' })
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'responsibleOrganisationIds must not repeat an organisation' })
  @IsUUID('all', { each: true, message: 'responsibleOrganisationIds must be UUIDs' })
  responsibleOrganisationIds?: string[];

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @Matches(DATE, { message: 'dueDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dueDate must be a valid calendar date' })
  dueDate?: string;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES, { message: `priority must be one of: ${PRIORITIES.join(', ')}` })
  priority?: RecommendationPriority;
}

export class ReportProgressDto {
  @ApiProperty({ example: 'Two of four training sessions held' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  note: string;

  @ApiPropertyOptional({
    enum: RECOMMENDATION_STATUSES,
    description:
      'open → in_progress | terminal; in_progress → terminal; terminal statuses are final (409). ' +
      'Terminal: implemented, partially_implemented, not_implemented, dropped',
  })
  @IsOptional()
  @IsIn(RECOMMENDATION_STATUSES, { message: `status must be one of: ${RECOMMENDATION_STATUSES.join(', ')}` })
  status?: RecommendationStatus;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    description: 'Progress > 0 on an open recommendation starts it',
  })
  @IsOptional()
  @IsInt({ message: 'progress must be an integer' })
  @Min(0)
  @Max(100)
  progress?: number;

  @ApiPropertyOptional({
    type: [String],
    format: 'uri',
    example: ['https://example.org/training-report.pdf'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_valid_protocol: true },
    { each: true, message: 'evidenceUrls must be http(s) URLs' },
  )
  @MaxLength(2000, { each: true })
  evidenceUrls?: string[];
}

export class AssessImpactDto {
  @ApiProperty({ enum: IMPACT_RATINGS })
  @IsIn(IMPACT_RATINGS, { message: `rating must be one of: ${IMPACT_RATINGS.join(', ')}` })
  rating: ImpactRating;

  @ApiProperty({ example: 'No use-of-force incidents reported by the mine since the training' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  note: string;
}

export class RecommendationQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'fr-CD', description: 'BCP 47; preferred over Accept-Language' })
  @IsOptional()
  @Transform(toCanonicalLocale)
  @IsLocaleTag()
  locale?: string;

  @ApiPropertyOptional({ enum: RECOMMENDATION_STATUSES })
  @IsOptional()
  @IsIn(RECOMMENDATION_STATUSES)
  status?: RecommendationStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Recommendations this organisation is responsible for',
  })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;

  @ApiPropertyOptional({
    description: "true: past due (in the group's time zone) and not closed; false: the others",
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  meetingId?: string;
}

export class ImpactDto {
  @ApiProperty({ enum: IMPACT_RATINGS }) rating: ImpactRating;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assessedBy: string | null;
  @ApiProperty({ format: 'date-time' }) assessedAt: string;
}

export class RecommendationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) meetingId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agendaItemId: string | null;
  @ApiProperty({ description: 'In `locale`' }) title: string;
  @ApiProperty({ nullable: true, type: String, description: 'In `locale`' }) description: string | null;
  @ApiProperty({ example: 'en', description: "Written in the group's first language" }) sourceLocale: string;
  @ApiProperty({
    example: 'fr',
    description:
      'The language of title and description as answered (negotiated; Content-Language on GET /recommendations/{id})',
  })
  locale: string;
  @ApiProperty({ description: 'The text answered is a translation the source has changed since' })
  translationStale: boolean;
  @ApiProperty({ type: [MemberOrganisationDto] }) responsibleOrganisations: MemberOrganisationDto[];
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: PRIORITIES }) priority: RecommendationPriority;
  @ApiProperty({ enum: RECOMMENDATION_STATUSES }) status: RecommendationStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ description: "Past its due date in the group's time zone and not closed" }) overdue: boolean;
  @ApiProperty({ type: ImpactDto, nullable: true }) impact: ImpactDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When it reached a terminal status',
  })
  completedAt: string | null;
}

export class TimelineEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['created', 'progress', 'edited', 'impact'] }) kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) authorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) authorName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) authorOrganisationId: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ enum: RECOMMENDATION_STATUSES, nullable: true }) statusFrom: RecommendationStatus | null;
  @ApiProperty({ enum: RECOMMENDATION_STATUSES, nullable: true }) statusTo: RecommendationStatus | null;
  @ApiProperty({ nullable: true, type: Number }) progressFrom: number | null;
  @ApiProperty({ nullable: true, type: Number }) progressTo: number | null;
  @ApiProperty({ type: [String] }) evidenceUrls: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Edited fields, impact rating…' })
  details: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class RecommendationDetailDto extends RecommendationDto {
  @ApiProperty({ type: [TimelineEntryDto], description: 'Oldest first' }) timeline: TimelineEntryDto[];
}

export class RecommendationPageDto extends PageOf(RecommendationDto) {}

export class StatusCountsDto {
  @ApiProperty() open: number;
  @ApiProperty() in_progress: number;
  @ApiProperty() implemented: number;
  @ApiProperty() partially_implemented: number;
  @ApiProperty() not_implemented: number;
  @ApiProperty() dropped: number;
}

export class RecommendationStatsDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: StatusCountsDto }) byStatus: StatusCountsDto;
  @ApiProperty() overdue: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'implemented ÷ (implemented + partially_implemented + not_implemented); dropped excluded; null when none closed',
  })
  implementationRate: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Median days from creation to completion of implemented recommendations (one decimal); null when none',
  })
  medianDaysToImplement: number | null;
}

export class OrganisationRecommendationStatsDto extends RecommendationStatsDto {
  @ApiProperty({ type: MemberOrganisationDto }) organisation: MemberOrganisationDto;
}

export class RecommendationSummaryDto extends RecommendationStatsDto {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({
    type: [OrganisationRecommendationStatsDto],
    description: 'A recommendation counts for each of its organisations',
  })
  byOrganisation: OrganisationRecommendationStatsDto[];
}
