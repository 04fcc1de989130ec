import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageOf, PageQuery, queryBoolean, trimString } from '@roundtable/core';
import { MemberOrganisationDto } from '../../members/dto/member.dto';
import { CLAUSE_KEY } from '../../agreements/agreement.types';
import { DATE, dateMessage, Omittable, oneOf } from '../../agreements/dto/validation';
import { OBLIGATION_STATUSES, ObligationStatus } from '../obligation-status';

export class CreateObligationDto {
  @ApiProperty({ example: 'd', description: 'A clause of the agreement’s current version' })
  @IsString()
  @Matches(CLAUSE_KEY, { message: 'clauseKey must be a clause key such as d or k-1' })
  clauseKey: string;

  @ApiProperty({ example: 'Train the 40 officers assigned to the site before deployment' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ format: 'uuid', description: 'A party organisation' })
  @IsUUID('all', { message: 'responsibleOrganisationId must be a UUID' })
  responsibleOrganisationId: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Due date; with rrule, the first due date on or after it',
  })
  @Omittable()
  @Matches(DATE, dateMessage('dueDate'))
  @IsISO8601({ strict: true }, dateMessage('dueDate'))
  dueDate?: string;

  @ApiPropertyOptional({
    example: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1',
    description: 'RFC 5545 rule (no DTSTART) for a recurring obligation; due dates are its occurrences',
  })
  @Omittable()
  @IsString()
  @MaxLength(500)
  rrule?: string;
}

export class ReportObligationProgressDto {
  @ApiProperty({ example: 'First training session held: 18 of 40 officers' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  note: string;

  @ApiPropertyOptional({ enum: OBLIGATION_STATUSES, description: 'Closed statuses are final (409)' })
  @Omittable()
  @IsIn(OBLIGATION_STATUSES, oneOf('status', OBLIGATION_STATUSES))
  status?: ObligationStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @Omittable()
  @IsInt({ message: 'progress must be an integer' })
  @Min(0)
  @Max(100)
  progress?: number;

  @ApiPropertyOptional({
    description: 'Recurring obligations: the current due date is fulfilled; the next one runs',
  })
  @Omittable()
  @IsBoolean()
  fulfilsCurrentDue?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uri' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { each: true, message: 'evidenceUrls must be http(s) URLs' },
  )
  evidenceUrls?: string[];
}

export class ObligationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OBLIGATION_STATUSES })
  @Omittable()
  @IsIn(OBLIGATION_STATUSES, oneOf('status', OBLIGATION_STATUSES))
  status?: ObligationStatus;

  @ApiPropertyOptional({ type: Boolean })
  @Omittable()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}

export class ObligationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agreementId: string;
  @ApiProperty() clauseKey: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: MemberOrganisationDto }) responsibleOrganisation: MemberOrganisationDto;
  @ApiProperty({ format: 'date', type: String, nullable: true }) dueDate: string | null;
  @ApiProperty({ type: String, nullable: true }) rrule: string | null;
  @ApiProperty({ format: 'date', type: String, nullable: true, description: 'The due date now running' })
  nextDueOn: string | null;
  @ApiProperty({ format: 'date', type: String, nullable: true }) lastFulfilledOn: string | null;
  @ApiProperty({ enum: OBLIGATION_STATUSES }) status: ObligationStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ description: 'Past nextDueOn (group time zone) and not closed' }) overdue: boolean;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) completedAt: string | null;
}

export class ObligationProgressEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) authorUserId: string | null;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) authorOrganisationId: string | null;
  @ApiProperty() note: string;
  @ApiProperty({ enum: OBLIGATION_STATUSES, type: String, nullable: true }) statusFrom: string | null;
  @ApiProperty({ enum: OBLIGATION_STATUSES, type: String, nullable: true }) statusTo: string | null;
  @ApiProperty({ type: Number, nullable: true }) progressFrom: number | null;
  @ApiProperty({ type: Number, nullable: true }) progressTo: number | null;
  @ApiProperty({ format: 'date', type: String, nullable: true }) fulfilledDueOn: string | null;
  @ApiProperty({ type: [String] }) evidenceUrls: string[];
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ObligationDetailDto extends ObligationDto {
  @ApiProperty({ type: [ObligationProgressEntryDto] }) progressEntries: ObligationProgressEntryDto[];
}

export class ObligationPageDto extends PageOf(ObligationDto) {}
