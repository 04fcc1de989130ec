import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageOf, PageQuery, trimString } from '@roundtable/core';
import { CLAUSE_KEY } from '../../agreements/agreement.types';
import { DATE, dateMessage, Omittable, oneOf } from '../../agreements/dto/validation';
import { EngagementOrganisationDto } from './engagement-common.dto';

export const CONTRIBUTION_KINDS = [
  'allowance',
  'per_diem',
  'goods',
  'services',
  'fuel',
  'infrastructure',
  'other',
] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];
export const DISCLOSURES = ['parties', 'group'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];

export class CreateContributionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'recipientOrganisationId must be a UUID' })
  recipientOrganisationId: string;

  @ApiProperty({ enum: CONTRIBUTION_KINDS })
  @IsIn(CONTRIBUTION_KINDS, oneOf('kind', CONTRIBUTION_KINDS))
  kind: ContributionKind;

  @ApiProperty({ example: 'Food allowance for 40 officers at the Kasulo camp' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  description: string;

  @ApiPropertyOptional({ minimum: 0, example: 2400, description: 'With currency' })
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e15)
  amount?: number;

  @ApiPropertyOptional({ example: 'USD', description: 'ISO 4217, with amount' })
  @Omittable()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD or CDF' })
  currency?: string;

  @ApiPropertyOptional({ minimum: 0, example: 500 })
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e15)
  quantity?: number;

  @ApiProperty({ example: '2027-01-01' })
  @Matches(DATE, dateMessage('periodFrom'))
  periodFrom: string;

  @ApiProperty({ example: '2027-03-31' })
  @Matches(DATE, dateMessage('periodTo'))
  periodTo: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Omittable()
  @IsUUID('all', { message: 'agreementId must be a UUID' })
  agreementId?: string;

  @ApiPropertyOptional({ example: 'f' })
  @Omittable()
  @IsString()
  @Matches(CLAUSE_KEY, { message: 'clauseKey must be a clause key such as f' })
  clauseKey?: string;

  @ApiProperty({
    enum: DISCLOSURES,
    description: 'parties: only the contributing and the receiving organisation; group: every member',
  })
  @IsIn(DISCLOSURES, oneOf('disclosure', DISCLOSURES))
  disclosure: Disclosure;
}

export class ContributionQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @Omittable()
  @IsUUID('all', { message: 'recipientOrganisationId must be a UUID' })
  recipientOrganisationId?: string;

  @ApiPropertyOptional({ example: 2027, description: 'Contributions whose period starts that year' })
  @Omittable()
  @Type(() => Number)
  @IsInt({ message: 'year must be a year such as 2027' })
  @Min(1900)
  @Max(2999)
  year?: number;
}

export class ContributionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ type: EngagementOrganisationDto }) contributingOrganisation: EngagementOrganisationDto;
  @ApiProperty({ type: EngagementOrganisationDto }) recipientOrganisation: EngagementOrganisationDto;
  @ApiProperty({ enum: CONTRIBUTION_KINDS }) kind: ContributionKind;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: Number }) amount: number | null;
  @ApiProperty({ nullable: true, type: String }) currency: string | null;
  @ApiProperty({ nullable: true, type: Number }) quantity: number | null;
  @ApiProperty() periodFrom: string;
  @ApiProperty() periodTo: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agreementId: string | null;
  @ApiProperty({ nullable: true, type: String }) clauseKey: string | null;
  @ApiProperty({ enum: DISCLOSURES }) disclosure: Disclosure;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdByUserId: string | null;
  @ApiProperty() createdAt: string;
}

export class ContributionPageDto extends PageOf(ContributionDto) {}

export class ContributionTotalDto {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: 7200 }) amount: number;
}

export class ContributionSummaryRowDto {
  @ApiProperty({ type: EngagementOrganisationDto }) recipientOrganisation: EngagementOrganisationDto;
  @ApiProperty({ example: 2027, description: 'Year the period starts' }) year: number;
  @ApiProperty() count: number;
  @ApiProperty({ type: [ContributionTotalDto], description: 'Sums of amounts, per currency' })
  totals: ContributionTotalDto[];
  @ApiProperty({ type: [String], enum: CONTRIBUTION_KINDS }) kinds: ContributionKind[];
}

export class ContributionSummaryDto {
  @ApiProperty({ type: [ContributionSummaryRowDto], description: 'Only what the caller may see' })
  items: ContributionSummaryRowDto[];
}
