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
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageOf, PageQuery, queryBoolean, trimString } from '@roundtable/core';
import { MemberOrganisationDto } from '../../members/dto/member.dto';
import { AGREEMENT_STATUSES, AgreementStatus } from '../agreement-status';
import {
  AGREEMENT_KINDS,
  AGREEMENT_LEVELS,
  AGREEMENT_VISIBILITIES,
  AgreementKind,
  AgreementLevel,
  AgreementVisibilityMode,
  LOCALE,
  PARTY_ROLES,
  PartyRole,
  TEMPLATE_KEYS,
  TemplateKey,
  VERSION_STATUSES,
  VersionStatus,
} from '../agreement.types';
import {
  CATALOGUE_EDITIONS,
  CATALOGUE_KEYS,
  CatalogueEdition,
  CatalogueKey,
} from '../catalogue/agreement-clauses.catalogue';
import { DATE, dateMessage, Nullable, Omittable, oneOf } from './validation';

export class PartyInputDto {
  @ApiProperty({ format: 'uuid', description: 'An organisation with active members in the group' })
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId: string;

  @ApiProperty({ enum: PARTY_ROLES })
  @IsIn(PARTY_ROLES, oneOf('role', PARTY_ROLES))
  role: PartyRole;

  @ApiPropertyOptional({
    example: 'Police des mines, Lualaba',
    description: 'The unit or office that is party',
  })
  @Omittable()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  unit?: string;

  @ApiPropertyOptional({ description: 'Default: true, except for witnesses' })
  @Omittable()
  @IsBoolean()
  signatureRequired?: boolean;
}

class AgreementFieldsDto {
  @ApiProperty({ example: 'MoU between Kamoto Mining and the Police des mines' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ enum: AGREEMENT_KINDS })
  @IsIn(AGREEMENT_KINDS, oneOf('kind', AGREEMENT_KINDS))
  kind: AgreementKind;

  @ApiProperty({ enum: AGREEMENT_LEVELS })
  @IsIn(AGREEMENT_LEVELS, oneOf('level', AGREEMENT_LEVELS))
  level: AgreementLevel;

  @ApiProperty({ enum: AGREEMENT_VISIBILITIES })
  @IsIn(AGREEMENT_VISIBILITIES, oneOf('visibility', AGREEMENT_VISIBILITIES))
  visibility: AgreementVisibilityMode;

  @ApiProperty({ minimum: 1, maximum: 120, example: 12 })
  @IsInt({ message: 'reviewIntervalMonths must be an integer' })
  @Min(1)
  @Max(120)
  reviewIntervalMonths: number;
}

export class CreateAgreementDto extends AgreementFieldsDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The national (or regional) agreement this one mirrors; at a higher level',
  })
  @Omittable()
  @IsUUID('all', { message: 'parentAgreementId must be a UUID' })
  parentAgreementId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Sites of the group it covers' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique({ message: 'siteIds must not repeat a site' })
  @IsUUID('all', { each: true, message: 'siteIds must hold UUIDs' })
  siteIds?: string[];

  @ApiProperty({ type: [PartyInputDto], description: "At least two; the creator's organisation is one" })
  @IsArray()
  @ArrayMinSize(2, { message: 'parties must name at least two organisations' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PartyInputDto)
  parties: PartyInputDto[];

  @ApiPropertyOptional({
    enum: TEMPLATE_KEYS,
    description: 'Start version 1 from the clause catalogue a)–j)',
  })
  @Omittable()
  @IsIn(TEMPLATE_KEYS, oneOf('templateKey', TEMPLATE_KEYS))
  templateKey?: TemplateKey;

  @ApiPropertyOptional({ enum: CATALOGUE_EDITIONS, description: 'Default: the latest edition' })
  @Omittable()
  @IsIn(CATALOGUE_EDITIONS, oneOf('catalogueEdition', CATALOGUE_EDITIONS))
  catalogueEdition?: CatalogueEdition;

  @ApiProperty({ example: 'fr', description: 'BCP 47 language the agreement is negotiated in' })
  @IsString()
  @Matches(LOCALE, { message: 'sourceLocale must be a BCP 47 language tag such as fr or fr-CD' })
  sourceLocale: string;

  @ApiPropertyOptional({ format: 'date', description: 'Enters into force on this date once signed' })
  @Omittable()
  @Matches(DATE, dateMessage('effectiveFrom'))
  @IsISO8601({ strict: true }, dateMessage('effectiveFrom'))
  effectiveFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Expires on this date' })
  @Omittable()
  @Matches(DATE, dateMessage('expiresOn'))
  @IsISO8601({ strict: true }, dateMessage('expiresOn'))
  expiresOn?: string;
}

export class UpdateAgreementDto {
  @ApiPropertyOptional()
  @Omittable()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ enum: AGREEMENT_KINDS })
  @Omittable()
  @IsIn(AGREEMENT_KINDS, oneOf('kind', AGREEMENT_KINDS))
  kind?: AgreementKind;

  @ApiPropertyOptional({ enum: AGREEMENT_LEVELS })
  @Omittable()
  @IsIn(AGREEMENT_LEVELS, oneOf('level', AGREEMENT_LEVELS))
  level?: AgreementLevel;

  @ApiPropertyOptional({
    enum: AGREEMENT_VISIBILITIES,
    description: 'Takes effect at once, past events included',
  })
  @Omittable()
  @IsIn(AGREEMENT_VISIBILITIES, oneOf('visibility', AGREEMENT_VISIBILITIES))
  visibility?: AgreementVisibilityMode;

  @ApiPropertyOptional({ minimum: 1, maximum: 120, description: 'Moves nextReviewOn accordingly' })
  @Omittable()
  @IsInt({ message: 'reviewIntervalMonths must be an integer' })
  @Min(1)
  @Max(120)
  reviewIntervalMonths?: number;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'null unlinks it' })
  @Nullable()
  @IsUUID('all', { message: 'parentAgreementId must be a UUID' })
  parentAgreementId?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Replaces the list' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique({ message: 'siteIds must not repeat a site' })
  @IsUUID('all', { each: true, message: 'siteIds must hold UUIDs' })
  siteIds?: string[];

  @ApiPropertyOptional({
    type: [PartyInputDto],
    description: 'Replaces the parties (draft or negotiating, no version proposed); yours stays a party',
  })
  @Omittable()
  @IsArray()
  @ArrayMinSize(2, { message: 'parties must name at least two organisations' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PartyInputDto)
  parties?: PartyInputDto[];

  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    description: 'Before entry into force',
  })
  @Nullable()
  @Matches(DATE, dateMessage('effectiveFrom'))
  @IsISO8601({ strict: true }, dateMessage('effectiveFrom'))
  effectiveFrom?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String })
  @Nullable()
  @Matches(DATE, dateMessage('expiresOn'))
  @IsISO8601({ strict: true }, dateMessage('expiresOn'))
  expiresOn?: string | null;

  @ApiPropertyOptional({ description: 'The version (row version) the client edited; a stale one → 409' })
  @Omittable()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class AgreementStatusChangeDto {
  @ApiProperty({ enum: AGREEMENT_STATUSES, description: 'An illegal transition is 409' })
  @IsIn(AGREEMENT_STATUSES, oneOf('to', AGREEMENT_STATUSES))
  to: AgreementStatus;

  @ApiProperty({ example: 'Commander rotation: suspended until the new unit is trained' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class AgreementQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AGREEMENT_KINDS })
  @Omittable()
  @IsIn(AGREEMENT_KINDS, oneOf('kind', AGREEMENT_KINDS))
  kind?: AgreementKind;

  @ApiPropertyOptional({ enum: AGREEMENT_LEVELS })
  @Omittable()
  @IsIn(AGREEMENT_LEVELS, oneOf('level', AGREEMENT_LEVELS))
  level?: AgreementLevel;

  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES })
  @Omittable()
  @IsIn(AGREEMENT_STATUSES, oneOf('status', AGREEMENT_STATUSES))
  status?: AgreementStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @Omittable()
  @IsUUID('all', { message: 'siteId must be a UUID' })
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Agreements that mirror this one' })
  @Omittable()
  @IsUUID('all', { message: 'parentAgreementId must be a UUID' })
  parentAgreementId?: string;

  @ApiPropertyOptional({ type: Boolean })
  @Omittable()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'reviewOverdue must be true or false' })
  reviewOverdue?: boolean;

  @ApiPropertyOptional({
    description: 'Full-text search over titles, and over clause text where the caller may read it',
  })
  @Omittable()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  q?: string;
}

export class PartyDto {
  @ApiProperty({ format: 'uuid', description: 'partyId (signatures name it)' }) id: string;
  @ApiProperty({ type: MemberOrganisationDto }) organisation: MemberOrganisationDto;
  @ApiProperty({ enum: PARTY_ROLES }) role: PartyRole;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty() signatureRequired: boolean;
  @ApiProperty({ description: 'Has signed the current version' }) signed: boolean;
}

export class CoverageDto {
  @ApiProperty({ enum: CATALOGUE_EDITIONS }) edition: CatalogueEdition;
  @ApiProperty({ enum: CATALOGUE_KEYS, isArray: true }) covered: CatalogueKey[];
  @ApiProperty({ enum: CATALOGUE_KEYS, isArray: true }) missing: CatalogueKey[];
}

export class SiteRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class VersionRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: number;
  @ApiProperty({ enum: VERSION_STATUSES }) status: VersionStatus;
  @ApiProperty() revision: number;
}

export class AgreementDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({
    enum: ['full', 'summary'],
    description: 'summary: a non-party member of a `summary` agreement; content fields are absent',
  })
  access: 'full' | 'summary';
  @ApiProperty({ description: "Whether the caller's organisation is a party" }) isParty: boolean;
  @ApiProperty() title: string;
  @ApiProperty({ enum: AGREEMENT_KINDS }) kind: AgreementKind;
  @ApiProperty({ enum: AGREEMENT_LEVELS }) level: AgreementLevel;
  @ApiProperty({ enum: AGREEMENT_VISIBILITIES }) visibility: AgreementVisibilityMode;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) status: AgreementStatus;
  @ApiProperty({ format: 'date-time' }) statusChangedAt: string;
  @ApiProperty({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'null also when the caller may not see the parent agreement',
  })
  parentAgreementId: string | null;
  @ApiProperty({ type: [SiteRefDto] }) sites: SiteRefDto[];
  @ApiProperty({ type: [PartyDto] }) parties: PartyDto[];
  @ApiProperty({ format: 'date', type: String, nullable: true }) effectiveFrom: string | null;
  @ApiProperty({ format: 'date', type: String, nullable: true }) expiresOn: string | null;
  @ApiProperty({ format: 'date', type: String, nullable: true }) signedOn: string | null;
  @ApiProperty({ format: 'date', type: String, nullable: true }) inForceSince: string | null;
  @ApiProperty() reviewIntervalMonths: number;
  @ApiProperty({ format: 'date', type: String, nullable: true }) nextReviewOn: string | null;
  @ApiProperty({
    description: 'Past nextReviewOn (group time zone) while in force, under review or suspended',
  })
  reviewOverdue: boolean;
  @ApiProperty({ type: CoverageDto, description: 'Catalogue keys a)–j) of the current version' })
  coverage: CoverageDto;
  @ApiProperty() sourceLocale: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Row version for PATCH expectedVersion' }) version: number;

  @ApiPropertyOptional({ enum: TEMPLATE_KEYS, nullable: true, type: String, description: 'Full view only' })
  templateKey?: string | null;
  @ApiPropertyOptional({
    type: VersionRefDto,
    nullable: true,
    description: 'Full view only: the latest agreed version, else the one under negotiation',
  })
  currentVersion?: VersionRefDto | null;
  @ApiPropertyOptional({
    type: VersionRefDto,
    nullable: true,
    description: 'Full view only: the draft or proposed version',
  })
  openVersion?: VersionRefDto | null;
  @ApiPropertyOptional({ description: 'Full view only: open early-review requests' })
  openReviewRequests?: number;
}

export class AgreementPageDto extends PageOf(AgreementDto) {}
