import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsIanaTimeZone, IsInstant, PageOf, PageQuery, trimString } from '@roundtable/core';
import {
  MEETING_STATUSES,
  MeetingStatus,
  RSVP_RESPONSES,
  RsvpResponse,
  SERIES_STATUSES,
  SeriesStatus,
} from '../meeting.entity';

const MAX_OFFSET = 60 * 24 * 60; // 60 days before

// rrule, startDate and startTime are checked by the recurrence module (one set of field errors).
export class CreateSeriesDto {
  @ApiProperty({ example: 'Monthly security and human rights meeting' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({
    example: 'FREQ=MONTHLY;BYDAY=1TU',
    description: 'RFC 5545 RRULE without DTSTART; FREQ DAILY, WEEKLY, MONTHLY or YEARLY',
  })
  @IsString()
  @MaxLength(500)
  rrule: string;

  @ApiProperty({ example: '2027-01-05', description: 'The earliest date an occurrence may fall on' })
  @IsString()
  startDate: string;

  @ApiProperty({ example: '10:00', description: 'Local start time HH:MM in `timezone`' })
  @IsString()
  startTime: string;

  @ApiProperty({ example: 'Africa/Lubumbashi' })
  @IsIanaTimeZone()
  timezone: string;

  @ApiProperty({ example: 120, minimum: 5, maximum: 1440 })
  @IsInt()
  @Min(5)
  @Max(1440)
  durationMinutes: number;

  @ApiPropertyOptional({ example: 'Governor’s office, Lubumbashi' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string;

  @ApiPropertyOptional({ example: 'https://meet.example.org/vps-lubumbashi' })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'onlineUrl must be an http(s) URL' },
  )
  @MaxLength(1000)
  onlineUrl?: string;

  @ApiPropertyOptional({
    default: 90,
    minimum: 1,
    maximum: 366,
    description: 'How far ahead meetings are materialised',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  horizonDays?: number;

  @ApiPropertyOptional({
    type: [Number],
    default: [10080, 1440],
    description: 'Minutes before the start at which members are reminded',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_OFFSET, { each: true })
  reminderOffsetsMinutes?: number[];
}

export class UpdateSeriesDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ example: 'FREQ=MONTHLY;BYDAY=2TU' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  rrule?: string;

  @ApiPropertyOptional({ example: '10:30' })
  @IsOptional()
  @IsString()
  startTime?: string;

  @ApiPropertyOptional({ example: 'Africa/Lubumbashi' })
  @IsOptional()
  @IsIanaTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ minimum: 5, maximum: 1440 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(1440)
  durationMinutes?: number;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'onlineUrl must be an http(s) URL' },
  )
  @MaxLength(1000)
  onlineUrl?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 366 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  horizonDays?: number;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_OFFSET, { each: true })
  reminderOffsetsMinutes?: number[];
}

export class SeriesDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() title: string;
  @ApiProperty() rrule: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ example: '10:00' }) startTime: string;
  @ApiProperty() timezone: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ nullable: true, type: String }) onlineUrl: string | null;
  @ApiProperty() horizonDays: number;
  @ApiProperty({ type: [Number] }) reminderOffsetsMinutes: number[];
  @ApiProperty({ enum: SERIES_STATUSES }) status: SeriesStatus;
  @ApiProperty() version: number;
  @ApiProperty({ type: [String], format: 'date-time', description: 'The next 12 start instants (UTC)' })
  nextOccurrences: string[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) materialisedUntil: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SeriesListDto {
  @ApiProperty({ type: [SeriesDto] }) items: SeriesDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class SeriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['active', 'deleted', 'all'], default: 'active' })
  @IsOptional()
  @IsIn(['active', 'deleted', 'all'])
  status?: 'active' | 'deleted' | 'all';
}

export class CreateMeetingDto {
  @ApiProperty({ example: 'Extraordinary meeting on the Kolwezi protests' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ format: 'date-time', example: '2027-01-12T08:00:00.000Z' })
  @IsInstant()
  startsAt: string;

  @ApiProperty({ format: 'date-time', example: '2027-01-12T10:00:00.000Z' })
  @IsInstant()
  endsAt: string;

  @ApiPropertyOptional({ example: 'Africa/Lubumbashi', description: "Defaults to the group's time zone" })
  @IsOptional()
  @IsIanaTimeZone()
  timezone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'onlineUrl must be an http(s) URL' },
  )
  @MaxLength(1000)
  onlineUrl?: string;

  @ApiPropertyOptional({ description: 'The concrete challenge(s) the meeting addresses' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  focus?: string;

  @ApiPropertyOptional({ type: [Number], default: [10080, 1440] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_OFFSET, { each: true })
  reminderOffsetsMinutes?: number[];
}

export class UpdateMeetingDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Reschedule this occurrence (it keeps its identity)',
  })
  @IsOptional()
  @IsInstant()
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsInstant()
  endsAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIanaTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'onlineUrl must be an http(s) URL' },
  )
  @MaxLength(1000)
  onlineUrl?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  focus?: string | null;
}

export class CancelMeetingDto {
  @ApiProperty({ example: 'Road blocked by protests' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class MeetingQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Meetings starting at or after' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Meetings starting before' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ enum: MEETING_STATUSES })
  @IsOptional()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  seriesId?: string;
}

export class RsvpCountsDto {
  @ApiProperty() yes: number;
  @ApiProperty() no: number;
  @ApiProperty() maybe: number;
}

export class MeetingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) seriesId: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: "The occurrence's original start in its series",
  })
  occurrenceKey: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() timezone: string;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ nullable: true, type: String }) onlineUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) focus: string | null;
  @ApiProperty({ enum: MEETING_STATUSES }) status: MeetingStatus;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ description: 'Edited individually: series changes no longer touch it' }) detached: boolean;
  @ApiProperty({ description: 'iCalendar SEQUENCE' }) sequence: number;
  @ApiProperty({ type: [Number] }) reminderOffsetsMinutes: number[];
  @ApiProperty({ type: RsvpCountsDto }) rsvps: RsvpCountsDto;
  @ApiProperty({ enum: RSVP_RESPONSES, nullable: true, type: String }) myRsvp: RsvpResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MeetingPageDto extends PageOf(MeetingDto) {}

export class RsvpDto {
  @ApiProperty({ enum: RSVP_RESPONSES })
  @IsIn(RSVP_RESPONSES, { message: `response must be one of: ${RSVP_RESPONSES.join(', ')}` })
  response: RsvpResponse;
}

export class RsvpViewDto {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ enum: RSVP_RESPONSES }) response: RsvpResponse;
  @ApiProperty({ format: 'date-time' }) respondedAt: string;
}

export class AttendanceRecordInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'memberId must be a UUID' })
  memberId: string;

  @ApiProperty()
  @IsBoolean()
  attended: boolean;
}

export class RecordAttendanceDto {
  @ApiProperty({ type: [AttendanceRecordInput] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AttendanceRecordInput)
  records: AttendanceRecordInput[];
}

export class AttendanceOrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
}

export class AttendanceRecordDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty() role: string;
  @ApiProperty({ type: AttendanceOrganisationDto }) organisation: AttendanceOrganisationDto;
  @ApiProperty() attended: boolean;
  @ApiProperty({ enum: RSVP_RESPONSES, nullable: true, type: String }) rsvp: RsvpResponse | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedBy: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class AttendanceDto {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ enum: MEETING_STATUSES }) status: MeetingStatus;
  @ApiProperty({ type: [AttendanceRecordDto] }) records: AttendanceRecordDto[];
  @ApiProperty() attendedCount: number;
}

export class CalendarQuery {
  @ApiPropertyOptional({
    description: 'Personal feed token from GET /me/calendar-token (instead of a bearer token)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;
}
