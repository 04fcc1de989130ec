import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageOf, PageQuery, trimString } from '@roundtable/core';
import { CLAUSE_KEY } from '../../agreements/agreement.types';
import { Omittable, oneOf } from '../../agreements/dto/validation';
import {
  DECISION_OUTCOMES,
  DecisionOutcome,
  EQUIPMENT_CATEGORIES,
  EQUIPMENT_STATUSES,
  EquipmentCategory,
  EquipmentStatus,
  MANUAL_STATUSES,
  ManualEquipmentStatus,
} from '../equipment/equipment-status';
import { EngagementOrganisationDto } from './engagement-common.dto';

export const TRANSFERS = ['loan', 'donation'] as const;
export type Transfer = (typeof TRANSFERS)[number];
export const MONITORING_METHODS = ['report', 'accompanied', 'inspection', 'third_party'] as const;
export type MonitoringMethod = (typeof MONITORING_METHODS)[number];

const text = (max: number) => [Transform(trimString), IsString(), IsNotEmpty(), MaxLength(max)];
const Text =
  (max: number): PropertyDecorator =>
  (target, key) =>
    text(max).forEach((d) => d(target, key));

export class EquipmentItemInputDto {
  @ApiProperty({ enum: EQUIPMENT_CATEGORIES })
  @IsIn(EQUIPMENT_CATEGORIES, oneOf('category', EQUIPMENT_CATEGORIES))
  category: EquipmentCategory;

  @ApiProperty({ example: 'Diesel for two patrol vehicles, one month' })
  @Text(2000)
  description: string;

  @ApiProperty({ minimum: 1, example: 400 })
  @IsInt({ message: 'quantity must be a whole number' })
  @Min(1)
  @Max(1000000000)
  quantity: number;

  @ApiProperty({ enum: TRANSFERS })
  @IsIn(TRANSFERS, oneOf('transfer', TRANSFERS))
  transfer: Transfer;
}

const SharedIds = (): PropertyDecorator => (target, key) => {
  Omittable()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(100)(target, key);
  ArrayUnique()(target, key);
  IsUUID('all', { each: true, message: 'each value in sharedWithOrganisationIds must be a UUID' })(
    target,
    key,
  );
};

export class CreateEquipmentRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Its operator decides the request' })
  @Omittable()
  @IsUUID('all', { message: 'siteId must be a UUID' })
  siteId?: string;

  @ApiProperty({ format: 'uuid', description: 'The public security organisation asking' })
  @IsUUID('all', { message: 'requestingOrganisationId must be a UUID' })
  requestingOrganisationId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The company that decides; required without a site (with one it is the site operator)',
  })
  @Omittable()
  @IsUUID('all', { message: 'decidingOrganisationId must be a UUID' })
  decidingOrganisationId?: string;

  @ApiProperty({ type: [EquipmentItemInputDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'items must hold at least one item' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EquipmentItemInputDto)
  items: EquipmentItemInputDto[];

  @ApiProperty({ example: 'Patrols of the access road after the March intrusions' })
  @Text(5000)
  purpose: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Other organisations that may see it' })
  @SharedIds()
  sharedWithOrganisationIds?: string[];
}

export class UpdateEquipmentRequestDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Replaces the sharing' })
  @SharedIds()
  sharedWithOrganisationIds?: string[];
}

export class EquipmentAssessmentDto {
  @ApiProperty({ example: 'Vehicles could be used to disperse protests at the gate' })
  @Text(10000)
  risks: string;

  @ApiProperty({ example: 'Company-driven escort; fuel vouchers per patrol' })
  @Text(10000)
  alternativesConsidered: string;

  @ApiPropertyOptional()
  @Omittable()
  @Text(10000)
  note?: string;
}

export class EquipmentDecisionDto {
  @ApiProperty({ enum: DECISION_OUTCOMES, description: 'A request with a lethal item can only be declined' })
  @IsIn(DECISION_OUTCOMES, oneOf('outcome', DECISION_OUTCOMES))
  outcome: DecisionOutcome;

  @ApiProperty()
  @Text(10000)
  risks: string;

  @ApiProperty()
  @Text(10000)
  alternativesConsidered: string;

  @ApiPropertyOptional({ description: 'Required with approved_with_conditions' })
  @Omittable()
  @IsString()
  @MaxLength(10000)
  conditions?: string;

  @ApiProperty()
  @Text(10000)
  rationale: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The agreement the decision implements' })
  @Omittable()
  @IsUUID('all', { message: 'agreementId must be a UUID' })
  agreementId?: string;

  @ApiPropertyOptional({ example: 'e' })
  @Omittable()
  @IsString()
  @Matches(CLAUSE_KEY, { message: 'clauseKey must be a clause key such as e' })
  clauseKey?: string;
}

export class EquipmentStatusDto {
  @ApiProperty({ enum: MANUAL_STATUSES })
  @IsIn(MANUAL_STATUSES, oneOf('to', MANUAL_STATUSES))
  to: ManualEquipmentStatus;

  @ApiProperty({ example: 'Handed over at the Kasulo camp, logbook signed' })
  @Text(5000)
  note: string;
}

export class EquipmentMonitoringInputDto {
  @ApiProperty({ enum: MONITORING_METHODS })
  @IsIn(MONITORING_METHODS, oneOf('method', MONITORING_METHODS))
  method: MonitoringMethod;

  @ApiProperty({ example: 'Vehicle seen at the market on 3 May, outside the agreed use' })
  @Text(10000)
  finding: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A non-compliance report this finding led to' })
  @Omittable()
  @IsUUID('all', { message: 'nonComplianceId must be a UUID' })
  nonComplianceId?: string;
}

export class EquipmentRequestQuery extends PageQuery {
  @ApiPropertyOptional({ enum: EQUIPMENT_STATUSES })
  @Omittable()
  @IsIn(EQUIPMENT_STATUSES, oneOf('status', EQUIPMENT_STATUSES))
  status?: EquipmentStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @Omittable()
  @IsUUID('all', { message: 'siteId must be a UUID' })
  siteId?: string;
}

export class EquipmentItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: EQUIPMENT_CATEGORIES }) category: EquipmentCategory;
  @ApiProperty() description: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ enum: TRANSFERS }) transfer: Transfer;
}

export class EquipmentAssessmentViewDto {
  @ApiProperty() risks: string;
  @ApiProperty() alternativesConsidered: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assessedByUserId: string | null;
  @ApiProperty() assessedAt: string;
}

export class EquipmentDecisionViewDto {
  @ApiProperty({ enum: DECISION_OUTCOMES }) outcome: DecisionOutcome;
  @ApiProperty() risks: string;
  @ApiProperty() alternativesConsidered: string;
  @ApiProperty({ nullable: true, type: String }) conditions: string | null;
  @ApiProperty() rationale: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agreementId: string | null;
  @ApiProperty({ nullable: true, type: String }) clauseKey: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedByUserId: string | null;
  @ApiProperty() decidedAt: string;
}

export class EquipmentStepDto {
  @ApiProperty({ enum: EQUIPMENT_STATUSES }) statusFrom: EquipmentStatus;
  @ApiProperty({ enum: EQUIPMENT_STATUSES }) statusTo: EquipmentStatus;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorOrganisationId: string | null;
  @ApiProperty() at: string;
}

export class EquipmentMonitoringDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MONITORING_METHODS }) method: MonitoringMethod;
  @ApiProperty() finding: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Shown only to those who may see the report',
  })
  nonComplianceId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedByUserId: string | null;
  @ApiProperty() createdAt: string;
}

export class EquipmentPermissionsDto {
  @ApiProperty() assess: boolean;
  @ApiProperty() decide: boolean;
  @ApiProperty({ description: 'hand over, monitoring, returned, closed' }) move: boolean;
  @ApiProperty() withdraw: boolean;
  @ApiProperty() monitor: boolean;
  @ApiProperty({ description: 'add files to the request itself (POST /equipment-requests/{id}/attachments)' })
  attach: boolean;
}

export class EquipmentSiteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class EquipmentRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ type: EquipmentSiteDto, nullable: true }) site: EquipmentSiteDto | null;
  @ApiProperty({ type: EngagementOrganisationDto }) requestingOrganisation: EngagementOrganisationDto;
  @ApiProperty({ type: EngagementOrganisationDto }) decidingOrganisation: EngagementOrganisationDto;
  @ApiProperty({ type: [EngagementOrganisationDto] }) sharedWithOrganisations: EngagementOrganisationDto[];
  @ApiProperty({ type: [EquipmentItemDto] }) items: EquipmentItemDto[];
  @ApiProperty({ description: 'Then it can only be declined' }) hasLethalItem: boolean;
  @ApiProperty() purpose: string;
  @ApiProperty({ enum: EQUIPMENT_STATUSES }) status: EquipmentStatus;
  @ApiProperty({ type: EquipmentAssessmentViewDto, nullable: true })
  assessment: EquipmentAssessmentViewDto | null;
  @ApiProperty({ type: EquipmentDecisionViewDto, nullable: true }) decision: EquipmentDecisionViewDto | null;
  @ApiProperty({ type: [EquipmentStepDto] }) steps: EquipmentStepDto[];
  @ApiProperty({ type: [EquipmentMonitoringDto] }) monitoring: EquipmentMonitoringDto[];
  @ApiProperty({ type: EquipmentPermissionsDto }) may: EquipmentPermissionsDto;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class EquipmentRequestPageDto extends PageOf(EquipmentRequestDto) {}
