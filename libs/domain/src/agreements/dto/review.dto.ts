import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { PageOf, trimString } from '@roundtable/core';
import {
  CLAUSE_KEY,
  LEGAL_REFERENCE_KINDS,
  LegalReferenceKind,
  REVIEW_OUTCOMES,
  ReviewOutcome,
} from '../agreement.types';
import { Omittable, oneOf } from './validation';

export class CreateLegalReferenceDto {
  @ApiProperty({ enum: LEGAL_REFERENCE_KINDS })
  @IsIn(LEGAL_REFERENCE_KINDS, oneOf('kind', LEGAL_REFERENCE_KINDS))
  kind: LegalReferenceKind;

  @ApiProperty({ example: 'Loi n° 18/001 du 9 mars 2018 portant Code minier, art. 207' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  citation: string;

  @ApiPropertyOptional({ format: 'uri' })
  @Omittable()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ example: 'e', description: 'A clause of the current version it supports' })
  @Omittable()
  @IsString()
  @Matches(CLAUSE_KEY, { message: 'clauseKey must be a clause key such as a or k-1' })
  clauseKey?: string;
}

export class LegalReferenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agreementId: string;
  @ApiProperty({ enum: LEGAL_REFERENCE_KINDS }) kind: LegalReferenceKind;
  @ApiProperty() citation: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: String, nullable: true }) clauseKey: string | null;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class LegalReferencePageDto extends PageOf(LegalReferenceDto) {}

export class CreateReviewDto {
  @ApiProperty({
    enum: REVIEW_OUTCOMES,
    description:
      'reaffirmed: back in force, next review in reviewIntervalMonths; revise: under review (open a new version); terminate: terminated',
  })
  @IsIn(REVIEW_OUTCOMES, oneOf('outcome', REVIEW_OUTCOMES))
  outcome: ReviewOutcome;

  @ApiProperty({ example: 'Reviewed at the March meeting with the new provincial commander' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  note: string;
}

export class ReviewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agreementId: string;
  @ApiProperty({ enum: REVIEW_OUTCOMES }) outcome: ReviewOutcome;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'date' }) reviewedOn: string;
  @ApiProperty({ format: 'date', type: String, nullable: true }) nextReviewOn: string | null;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) reviewerUserId: string | null;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) reviewerOrganisationId: string | null;
  @ApiProperty({ description: 'Early-review requests this review answered' }) answeredRequests: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReviewPageDto extends PageOf(ReviewDto) {}

export class CreateReviewRequestDto {
  @ApiProperty({ example: 'A new provincial commander took office in May' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class ReviewRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agreementId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) requestedBy: string | null;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) requestedByOrganisationId: string | null;
  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: 'The review that answered it' })
  reviewId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReviewRequestPageDto extends PageOf(ReviewRequestDto) {}
