import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { IsInstant, PageOf, PageQuery, trimString } from '@roundtable/core';
import {
  INCIDENT_ACCESS_ACTIONS,
  INCIDENT_CATEGORIES,
  INCIDENT_CONFIDENTIALITIES,
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  IncidentAccessAction,
  IncidentCategory,
  IncidentConfidentiality,
  IncidentSeverity,
  IncidentStatus,
  OCCURRED_AT_SKEW_MS,
} from '../incident.entity';

// Optional means "may be left out" — an explicit null is invalid, never a silent NULL write.
const Omittable = () => ValidateIf((_o, v) => v !== undefined);
const oneOf = (name: string, values: readonly string[]) => ({
  message: `${name} must be one of: ${values.join(', ')}`,
});

function IsNotInFuture(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNotInFuture',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (v: unknown) =>
          typeof v !== 'string' ||
          Number.isNaN(Date.parse(v)) ||
          Date.parse(v) <= Date.now() + OCCURRED_AT_SKEW_MS,
        defaultMessage: () => '$property must not be in the future',
      },
    });
}

export class IncidentLocationDto {
  @ApiProperty({ example: 'Kolwezi, Kasulo quarter' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    minimum: -90,
    maximum: 90,
    description: 'Given together with lng',
    type: Number,
    nullable: true,
  })
  @ValidateIf((o: IncidentLocationDto) => o.lat !== undefined || o.lng !== undefined)
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'lat must be a number', context: { required: 'lat is required when lng is given' } },
  )
  @Min(-90)
  @Max(90)
  lat?: number;

  @ApiPropertyOptional({
    minimum: -180,
    maximum: 180,
    description: 'Given together with lat',
    type: Number,
    nullable: true,
  })
  @ValidateIf((o: IncidentLocationDto) => o.lat !== undefined || o.lng !== undefined)
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'lng must be a number', context: { required: 'lng is required when lat is given' } },
  )
  @Min(-180)
  @Max(180)
  lng?: number;
}

export class CasualtiesDto {
  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(100000)
  injured: number;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(100000)
  killed: number;
}

export class CreateIncidentDto {
  @ApiProperty({ example: 'Protest at the Kasulo gate' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  description: string;

  @ApiProperty({ format: 'date-time', description: 'When it happened; not in the future' })
  @IsInstant()
  @IsNotInFuture()
  occurredAt: string;

  @ApiProperty({ type: IncidentLocationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => IncidentLocationDto)
  location: IncidentLocationDto;

  @ApiProperty({ enum: INCIDENT_CATEGORIES })
  @IsIn(INCIDENT_CATEGORIES, oneOf('category', INCIDENT_CATEGORIES))
  category: IncidentCategory;

  @ApiProperty({ enum: INCIDENT_SEVERITIES })
  @IsIn(INCIDENT_SEVERITIES, oneOf('severity', INCIDENT_SEVERITIES))
  severity: IncidentSeverity;

  @ApiPropertyOptional({ type: [String], example: ['Police des mines', 'Community members'] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  actors?: string[];

  @ApiPropertyOptional({ default: false })
  @Omittable()
  @IsBoolean()
  allegedHumanRightsAbuse?: boolean;

  @ApiPropertyOptional({ type: CasualtiesDto })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => CasualtiesDto)
  casualties?: CasualtiesDto;

  @ApiProperty({ enum: INCIDENT_CONFIDENTIALITIES })
  @IsIn(INCIDENT_CONFIDENTIALITIES, oneOf('confidentiality', INCIDENT_CONFIDENTIALITIES))
  confidentiality: IncidentConfidentiality;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description:
      'Restricted incidents only: organisations (with active members in the group) that may see it besides the reporting organisation',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each value in sharedWithOrganisationIds must be a UUID' })
  sharedWithOrganisationIds?: string[];

  @ApiPropertyOptional({
    default: false,
    description: 'Hide the reporting user and organisation from everyone outside the reporting organisation',
  })
  @Omittable()
  @IsBoolean()
  anonymous?: boolean;
}

export class UpdateIncidentDto {
  @ApiPropertyOptional()
  @Omittable()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @Omittable()
  @IsInstant()
  @IsNotInFuture()
  occurredAt?: string;

  @ApiPropertyOptional({ type: IncidentLocationDto, description: 'Replaces the location as a whole' })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => IncidentLocationDto)
  location?: IncidentLocationDto;

  @ApiPropertyOptional({ enum: INCIDENT_CATEGORIES })
  @Omittable()
  @IsIn(INCIDENT_CATEGORIES, oneOf('category', INCIDENT_CATEGORIES))
  category?: IncidentCategory;

  @ApiPropertyOptional({ enum: INCIDENT_SEVERITIES })
  @Omittable()
  @IsIn(INCIDENT_SEVERITIES, oneOf('severity', INCIDENT_SEVERITIES))
  severity?: IncidentSeverity;

  @ApiPropertyOptional({ type: [String] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  actors?: string[];

  @ApiPropertyOptional()
  @Omittable()
  @IsBoolean()
  allegedHumanRightsAbuse?: boolean;

  @ApiPropertyOptional({ type: CasualtiesDto })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => CasualtiesDto)
  casualties?: CasualtiesDto;

  @ApiPropertyOptional({
    enum: INCIDENT_CONFIDENTIALITIES,
    description: 'Takes effect at once; going to "group" drops the share list',
  })
  @Omittable()
  @IsIn(INCIDENT_CONFIDENTIALITIES, oneOf('confidentiality', INCIDENT_CONFIDENTIALITIES))
  confidentiality?: IncidentConfidentiality;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Replaces the share list (widen or narrow); restricted incidents only',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each value in sharedWithOrganisationIds must be a UUID' })
  sharedWithOrganisationIds?: string[];

  @ApiPropertyOptional({
    description:
      'May be turned off (the reporter steps forward); an incident reported openly cannot become anonymous',
  })
  @Omittable()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({ description: 'The version the client edited; a stale one → 409' })
  @Omittable()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class IncidentQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INCIDENT_SEVERITIES })
  @Omittable()
  @IsIn(INCIDENT_SEVERITIES, oneOf('severity', INCIDENT_SEVERITIES))
  severity?: IncidentSeverity;

  @ApiPropertyOptional({ enum: INCIDENT_CATEGORIES })
  @Omittable()
  @IsIn(INCIDENT_CATEGORIES, oneOf('category', INCIDENT_CATEGORIES))
  category?: IncidentCategory;

  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @Omittable()
  @IsIn(INCIDENT_STATUSES, oneOf('status', INCIDENT_STATUSES))
  status?: IncidentStatus;

  @ApiPropertyOptional({ format: 'date-time', description: 'occurredAt ≥ from (ISO 8601 date or instant)' })
  @Omittable()
  @IsInstant({ allowDate: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'occurredAt < to (ISO 8601 date or instant)' })
  @Omittable()
  @IsInstant({ allowDate: true })
  to?: string;

  @ApiPropertyOptional({
    description:
      'Full-text search over title, description and updates (web search syntax: "exact phrase", or, -word)',
  })
  @Omittable()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  q?: string;
}

export class CreateIncidentUpdateDto {
  @ApiProperty({ example: 'The detained youths were released this morning.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  body: string;

  @ApiPropertyOptional({
    enum: INCIDENT_STATUSES,
    description: 'Move the incident to this status (reporting organisation, focal point or co-chair)',
  })
  @Omittable()
  @IsIn(INCIDENT_STATUSES, oneOf('status', INCIDENT_STATUSES))
  status?: IncidentStatus;
}

export class IncidentOrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class IncidentReporterDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: IncidentOrganisationDto }) organisation: IncidentOrganisationDto;
}

export class IncidentLocationViewDto {
  @ApiProperty() name: string;
  @ApiProperty({ type: Number, nullable: true }) lat: number | null;
  @ApiProperty({ type: Number, nullable: true }) lng: number | null;
}

export class IncidentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: IncidentLocationViewDto }) location: IncidentLocationViewDto;
  @ApiProperty({ enum: INCIDENT_CATEGORIES }) category: IncidentCategory;
  @ApiProperty({ enum: INCIDENT_SEVERITIES }) severity: IncidentSeverity;
  @ApiProperty({ type: [String] }) actors: string[];
  @ApiProperty() allegedHumanRightsAbuse: boolean;
  @ApiProperty({ type: CasualtiesDto }) casualties: CasualtiesDto;
  @ApiProperty({ enum: INCIDENT_CONFIDENTIALITIES }) confidentiality: IncidentConfidentiality;
  @ApiProperty({
    type: [IncidentOrganisationDto],
    description: 'Organisations a restricted incident is shared with (besides the reporting one)',
  })
  sharedWithOrganisations: IncidentOrganisationDto[];
  @ApiProperty() anonymous: boolean;
  @ApiProperty({
    type: IncidentReporterDto,
    nullable: true,
    description: 'null when anonymous and the caller is outside the reporting organisation',
  })
  reporter: IncidentReporterDto | null;
  @ApiProperty({ description: "Whether the caller's organisation reported it" })
  reportedByMyOrganisation: boolean;
  @ApiProperty({ enum: INCIDENT_STATUSES }) status: IncidentStatus;
  @ApiProperty() updateCount: number;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class IncidentPageDto extends PageOf(IncidentDto) {}

export class IncidentUpdateAuthorDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: IncidentOrganisationDto }) organisation: IncidentOrganisationDto;
}

export class IncidentUpdateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty() body: string;
  @ApiProperty({
    enum: INCIDENT_STATUSES,
    nullable: true,
    type: String,
    description: 'The status this update moved the incident to',
  })
  status: IncidentStatus | null;
  @ApiProperty({
    type: IncidentUpdateAuthorDto,
    nullable: true,
    description: 'null for the reporting organisation of an anonymous incident, seen from outside it',
  })
  author: IncidentUpdateAuthorDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class IncidentUpdatePageDto extends PageOf(IncidentUpdateDto) {}

export class IncidentAccessLogEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: IncidentOrganisationDto }) organisation: IncidentOrganisationDto;
  @ApiProperty({ enum: INCIDENT_ACCESS_ACTIONS }) action: IncidentAccessAction;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class IncidentAccessLogPageDto extends PageOf(IncidentAccessLogEntryDto) {}
