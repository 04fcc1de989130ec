import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageOf, PageQuery, trimString } from '@roundtable/core';
import { CLAUSE_KEY } from '../../agreements/agreement.types';
import { Nullable, Omittable, oneOf } from '../../agreements/dto/validation';
import {
  INCIDENT_CONFIDENTIALITIES,
  INCIDENT_SEVERITIES,
  IncidentConfidentiality,
  IncidentSeverity,
} from '../../incidents/incident.entity';
import { NON_COMPLIANCE_STATUSES, NonComplianceStatus } from '../non-compliance-status';

export class CreateNonComplianceDto {
  @ApiProperty({
    type: [String],
    example: ['a', 'c'],
    description: 'Clauses of the current version not respected',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'clauseKeys must name at least one clause' })
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'clauseKeys must not repeat a clause' })
  @IsString({ each: true })
  @Matches(CLAUSE_KEY, { each: true, message: 'clauseKeys must hold clause keys such as a or k-1' })
  clauseKeys: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'An obligation of the agreement (content viewers)' })
  @Omittable()
  @IsUUID('all', { message: 'obligationId must be a UUID' })
  obligationId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Incidents the reporter may see' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'incidentIds must not repeat an incident' })
  @IsUUID('all', { each: true, message: 'incidentIds must hold UUIDs' })
  incidentIds?: string[];

  @ApiPropertyOptional({ format: 'uuid' })
  @Omittable()
  @IsUUID('all', { message: 'siteId must be a UUID' })
  siteId?: string;

  @ApiProperty({ example: 'Officers without vetting were deployed at the Kasulo gate on 3 May.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  description: string;

  @ApiProperty({ enum: INCIDENT_SEVERITIES })
  @IsIn(INCIDENT_SEVERITIES, oneOf('severity', INCIDENT_SEVERITIES))
  severity: IncidentSeverity;

  @ApiProperty({
    enum: INCIDENT_CONFIDENTIALITIES,
    description:
      'restricted: only your organisation and those you share it with (not the focal point, not co-chairs)',
  })
  @IsIn(INCIDENT_CONFIDENTIALITIES, oneOf('confidentiality', INCIDENT_CONFIDENTIALITIES))
  confidentiality: IncidentConfidentiality;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Restricted reports only' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each value in sharedWithOrganisationIds must be a UUID' })
  sharedWithOrganisationIds?: string[];

  @ApiPropertyOptional({
    default: false,
    description: 'Hide who reported it from everyone outside your organisation',
  })
  @Omittable()
  @IsBoolean()
  anonymous?: boolean;
}

export class NonComplianceStepDto {
  @ApiProperty({ enum: NON_COMPLIANCE_STATUSES })
  @IsIn(NON_COMPLIANCE_STATUSES, oneOf('to', NON_COMPLIANCE_STATUSES))
  to: NonComplianceStatus;

  @ApiProperty({ example: 'Raised with the provincial police commissioner on 12 May' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  note: string;
}

export class UpdateNonComplianceDto {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The recommendation that follows the report up; null unlinks it',
  })
  @Nullable()
  @IsUUID('all', { message: 'recommendationId must be a UUID' })
  recommendationId?: string | null;
}

export class NonComplianceQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NON_COMPLIANCE_STATUSES })
  @Omittable()
  @IsIn(NON_COMPLIANCE_STATUSES, oneOf('status', NON_COMPLIANCE_STATUSES))
  status?: NonComplianceStatus;

  @ApiPropertyOptional({ enum: INCIDENT_SEVERITIES })
  @Omittable()
  @IsIn(INCIDENT_SEVERITIES, oneOf('severity', INCIDENT_SEVERITIES))
  severity?: IncidentSeverity;
}

export class GroupNonComplianceQuery extends NonComplianceQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @Omittable()
  @IsUUID('all', { message: 'agreementId must be a UUID' })
  agreementId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Omittable()
  @IsUUID('all', { message: 'siteId must be a UUID' })
  siteId?: string;
}

export class NamedRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class NonComplianceReporterDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: NamedRefDto }) organisation: NamedRefDto;
}

export class LinkedIncidentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: INCIDENT_SEVERITIES }) severity: IncidentSeverity;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

export class NonComplianceStepViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NON_COMPLIANCE_STATUSES }) statusFrom: NonComplianceStatus;
  @ApiProperty({ enum: NON_COMPLIANCE_STATUSES }) statusTo: NonComplianceStatus;
  @ApiProperty() note: string;
  @ApiProperty({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'null when it would name an anonymous reporter',
  })
  actorUserId: string | null;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) actorOrganisationId: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class NonComplianceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ format: 'uuid' }) agreementId: string;
  @ApiProperty() agreementTitle: string;
  @ApiProperty({ type: [String] }) clauseKeys: string[];
  @ApiProperty({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'null also when the caller may not read the agreement’s obligations',
  })
  obligationId: string | null;
  @ApiProperty({ type: NamedRefDto, nullable: true }) site: NamedRefDto | null;
  @ApiProperty() description: string;
  @ApiProperty({ enum: INCIDENT_SEVERITIES }) severity: IncidentSeverity;
  @ApiProperty({ enum: INCIDENT_CONFIDENTIALITIES }) confidentiality: IncidentConfidentiality;
  @ApiProperty({ type: [NamedRefDto] }) sharedWithOrganisations: NamedRefDto[];
  @ApiProperty() anonymous: boolean;
  @ApiProperty({ type: NonComplianceReporterDto, nullable: true }) reporter: NonComplianceReporterDto | null;
  @ApiProperty() reportedByMyOrganisation: boolean;
  @ApiProperty({ enum: NON_COMPLIANCE_STATUSES }) status: NonComplianceStatus;
  @ApiProperty({ type: [LinkedIncidentDto], description: 'Only the linked incidents the caller may see' })
  incidents: LinkedIncidentDto[];
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) recommendationId: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) acknowledgedAt: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) resolvedAt: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: [NonComplianceStepViewDto] }) steps: NonComplianceStepViewDto[];
}

export class NonCompliancePageDto extends PageOf(NonComplianceDto) {}
