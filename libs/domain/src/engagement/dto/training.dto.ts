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
  IsNumber,
  IsObject,
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
import { DATE, dateMessage, Omittable, oneOf } from '../../agreements/dto/validation';
import {
  TRAINING_CATALOGUE_EDITIONS,
  TRAINING_CATALOGUE_LOCALES,
  TRAINING_TOPIC_KEYS,
  TrainingCatalogueEdition,
  TrainingCatalogueLocale,
} from '../training/training-topics.catalogue';
import { EngagementOrganisationDto } from './engagement-common.dto';

export const TRAINING_AUDIENCES = ['police', 'military', 'gendarmerie', 'private_security', 'mixed'] as const;
export type TrainingAudience = (typeof TRAINING_AUDIENCES)[number];

const topicsMessage = {
  message: `topics must be keys of the training topic catalogue (${TRAINING_TOPIC_KEYS.join(', ')})`,
};

export class CreateTrainingProgrammeDto {
  @ApiProperty({ example: 'Human rights and the use of force — Kolwezi contingent' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ enum: TRAINING_AUDIENCES })
  @IsIn(TRAINING_AUDIENCES, oneOf('audience', TRAINING_AUDIENCES))
  audience: TrainingAudience;

  @ApiProperty({ format: 'uuid', description: 'The public security agency trained' })
  @IsUUID('all', { message: 'agencyOrganisationId must be a UUID' })
  agencyOrganisationId: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Omittable()
  @IsUUID('all', { message: 'providerOrganisationId must be a UUID' })
  providerOrganisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The agreement the programme implements' })
  @Omittable()
  @IsUUID('all', { message: 'agreementId must be a UUID' })
  agreementId?: string;

  @ApiPropertyOptional({ example: 'd', description: 'Clause of that agreement (training: d)' })
  @Omittable()
  @IsString()
  @Matches(CLAUSE_KEY, { message: 'clauseKey must be a clause key such as d' })
  clauseKey?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'siteIds must not repeat a site' })
  @IsUUID('all', { each: true, message: 'siteIds must hold UUIDs' })
  siteIds?: string[];

  @ApiProperty({ type: [String], example: ['human_rights_law', 'use_of_force'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'topics must name at least one topic' })
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'topics must not repeat a topic' })
  @IsIn(TRAINING_TOPIC_KEYS, { each: true, ...topicsMessage })
  topics: string[];

  @ApiPropertyOptional({ enum: TRAINING_CATALOGUE_EDITIONS, description: 'Default: the latest edition' })
  @Omittable()
  @IsIn(TRAINING_CATALOGUE_EDITIONS, oneOf('catalogueEdition', TRAINING_CATALOGUE_EDITIONS))
  catalogueEdition?: TrainingCatalogueEdition;
}

export class TraineesDto {
  @ApiProperty({ minimum: 0, example: 30 })
  @IsInt({ message: 'trainees.total must be a whole number' })
  @Min(0)
  @Max(100000)
  total: number;

  @ApiProperty({ minimum: 0, example: 6 })
  @IsInt({ message: 'trainees.women must be a whole number' })
  @Min(0)
  @Max(100000)
  women: number;
}

export class CreateTrainingSessionDto {
  @ApiProperty({ example: '2027-03-10' })
  @Matches(DATE, dateMessage('heldOn'))
  heldOn: string;

  @ApiProperty({ example: 'Kolwezi police camp' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  location: string;

  @ApiProperty({ example: 'fr', description: 'BCP 47 language of the session' })
  @IsString()
  @Matches(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, {
    message: 'language must be a BCP 47 tag such as fr or sw-CD',
  })
  language: string;

  @ApiProperty({ type: [String], example: ['use_of_force'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'topics must name at least one topic' })
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'topics must not repeat a topic' })
  @IsIn(TRAINING_TOPIC_KEYS, { each: true, ...topicsMessage })
  topics: string[];

  @ApiProperty({ type: TraineesDto, description: 'Counts only — never names' })
  @IsObject()
  @ValidateNested()
  @Type(() => TraineesDto)
  trainees: TraineesDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Average pre-test score (%)' })
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  preTestAverage?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Average post-test score (%)' })
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  postTestAverage?: number;
}

export class PutAssignedForcesDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'agencyOrganisationId must be a UUID' })
  agencyOrganisationId: string;

  @ApiProperty({ minimum: 0, example: 40 })
  @IsInt({ message: 'headcount must be a whole number' })
  @Min(0)
  @Max(1000000)
  headcount: number;

  @ApiProperty({ example: '2027-03-01', description: 'Date of the last rotation (or count)' })
  @Matches(DATE, dateMessage('asOf'))
  asOf: string;

  @ApiPropertyOptional({ example: '2027-09-01' })
  @Omittable()
  @Matches(DATE, dateMessage('nextRotationOn'))
  nextRotationOn?: string;
}

export class TrainingCatalogueQuery {
  @ApiPropertyOptional({ enum: TRAINING_CATALOGUE_EDITIONS, description: 'Default: the latest edition' })
  @Omittable()
  @IsIn(TRAINING_CATALOGUE_EDITIONS, oneOf('edition', TRAINING_CATALOGUE_EDITIONS))
  edition?: TrainingCatalogueEdition;

  @ApiPropertyOptional({ enum: TRAINING_CATALOGUE_LOCALES, default: 'en' })
  @Omittable()
  @IsIn(TRAINING_CATALOGUE_LOCALES, oneOf('locale', TRAINING_CATALOGUE_LOCALES))
  locale?: TrainingCatalogueLocale;
}

export class TrainingTopicDto {
  @ApiProperty({ example: 'use_of_force' }) key: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'Among the minimum topics of this edition' }) minimum: boolean;
}

export class TrainingEditionDto {
  @ApiProperty({ enum: TRAINING_CATALOGUE_EDITIONS }) key: TrainingCatalogueEdition;
  @ApiProperty() title: string;
  @ApiProperty() latest: boolean;
}

export class TrainingCatalogueDto {
  @ApiProperty({ type: TrainingEditionDto }) edition: TrainingEditionDto;
  @ApiProperty({ type: [TrainingEditionDto] }) editions: TrainingEditionDto[];
  @ApiProperty({ enum: TRAINING_CATALOGUE_LOCALES }) locale: TrainingCatalogueLocale;
  @ApiProperty({ type: [TrainingTopicDto] }) items: TrainingTopicDto[];
}

export class TrainingCoverageDto {
  @ApiProperty({ nullable: true, type: String, description: 'Latest rotation of the assigned contingents' })
  lastRotationOn: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Assigned headcount of the agency at the sites' })
  headcount: number | null;
  @ApiProperty() trainedSinceRotation: number;
  @ApiProperty() womenSinceRotation: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 0.75,
    description: 'trainedSinceRotation ÷ headcount',
  })
  ratio: number | null;
  @ApiProperty({ type: [String] }) minimumTopics: string[];
  @ApiProperty({ type: [String] }) topicsCovered: string[];
  @ApiProperty({ type: [String] }) topicsMissing: string[];
}

export class TrainingSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ example: '2027-03-10' }) heldOn: string;
  @ApiProperty() location: string;
  @ApiProperty() language: string;
  @ApiProperty({ type: [String] }) topics: string[];
  @ApiProperty({ type: TraineesDto }) trainees: TraineesDto;
  @ApiProperty({ nullable: true, type: Number }) preTestAverage: number | null;
  @ApiProperty({ nullable: true, type: Number }) postTestAverage: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedByUserId: string | null;
  @ApiProperty() createdAt: string;
}

export class TrainingSiteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class TrainingProgrammeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: TRAINING_AUDIENCES }) audience: TrainingAudience;
  @ApiProperty({ type: EngagementOrganisationDto }) agencyOrganisation: EngagementOrganisationDto;
  @ApiProperty({ type: EngagementOrganisationDto, nullable: true })
  providerOrganisation: EngagementOrganisationDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agreementId: string | null;
  @ApiProperty({ nullable: true, type: String }) clauseKey: string | null;
  @ApiProperty({ type: [TrainingSiteDto] }) sites: TrainingSiteDto[];
  @ApiProperty({ type: [String] }) topics: string[];
  @ApiProperty({ enum: TRAINING_CATALOGUE_EDITIONS }) catalogueEdition: TrainingCatalogueEdition;
  @ApiProperty() sessionCount: number;
  @ApiProperty({ description: 'All sessions' }) traineesTotal: number;
  @ApiProperty() traineesWomen: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean weighted by trainees' })
  preTestAverage: number | null;
  @ApiProperty({ nullable: true, type: Number }) postTestAverage: number | null;
  @ApiProperty({ type: TrainingCoverageDto }) coverage: TrainingCoverageDto;
  @ApiProperty({ description: 'The caller may record sessions' }) mayRecordSessions: boolean;
  @ApiPropertyOptional({ type: [TrainingSessionDto], description: 'GET /training-programmes/{id} only' })
  sessions?: TrainingSessionDto[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class TrainingProgrammePageDto extends PageOf(TrainingProgrammeDto) {}

export class TrainingProgrammeQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @Omittable()
  @IsUUID('all', { message: 'siteId must be a UUID' })
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Omittable()
  @IsUUID('all', { message: 'agencyOrganisationId must be a UUID' })
  agencyOrganisationId?: string;
}

export class ForceRotationDto {
  @ApiProperty() headcount: number;
  @ApiProperty({ example: '2027-03-01' }) asOf: string;
  @ApiProperty({ nullable: true, type: String }) nextRotationOn: string | null;
  @ApiProperty() recordedAt: string;
}

export class AssignedForceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ type: EngagementOrganisationDto }) agencyOrganisation: EngagementOrganisationDto;
  @ApiProperty() headcount: number;
  @ApiProperty({ example: '2027-03-01' }) asOf: string;
  @ApiProperty({ nullable: true, type: String }) nextRotationOn: string | null;
  @ApiProperty({ type: [ForceRotationDto], description: 'Every count recorded, newest first' })
  rotations: ForceRotationDto[];
  @ApiProperty() updatedAt: string;
}

export class AssignedForceListDto {
  @ApiProperty({ type: [AssignedForceDto] }) items: AssignedForceDto[];
}
