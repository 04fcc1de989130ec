import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageOf, trimString } from '@roundtable/core';
import {
  CLAUSE_KEY,
  SIGNATURE_METHODS,
  SignatureMethod,
  VERSION_STATUSES,
  VersionStatus,
} from '../agreement.types';
import { CoverageDto } from './agreement.dto';
import { DATE, dateMessage, Omittable, oneOf } from './validation';

const KEY_MESSAGE = {
  message: 'key must be lower-case letters, digits, . _ - (at most 40), such as a or k-1',
};

export class ClauseInputDto {
  @ApiProperty({ example: 'c', description: 'A catalogue key a–j, or your own' })
  @IsString()
  @Matches(CLAUSE_KEY, KEY_MESSAGE)
  key: string;

  @ApiProperty({ example: 'Vetting' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  heading: string;

  @ApiProperty({ description: 'Markdown' })
  @IsString()
  @MaxLength(20000)
  body: string;
}

export class AnnexInputDto {
  @ApiProperty({ example: 'vps' })
  @IsString()
  @Matches(CLAUSE_KEY, KEY_MESSAGE)
  key: string;

  @ApiProperty({ example: 'The Voluntary Principles on Security and Human Rights' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ description: 'Markdown' })
  @IsString()
  @MaxLength(200000)
  body: string;
}

export class SaveVersionDto {
  @ApiProperty({ type: [ClauseInputDto], description: 'The whole list, in order; keys are unique' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ClauseInputDto)
  clauses: ClauseInputDto[];

  @ApiPropertyOptional({ type: [AnnexInputDto], description: 'The whole list; left out keeps the annexes' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AnnexInputDto)
  annexes?: AnnexInputDto[];

  @ApiProperty({ description: 'The revision the client edited; a stale one → 409' })
  @IsInt({ message: 'expectedRevision must be an integer' })
  @Min(1)
  expectedRevision: number;

  @ApiPropertyOptional({
    description:
      'A typo or layout fix: translations of the clauses and annexes stay current (not marked stale)',
  })
  @Omittable()
  @IsBoolean()
  minorEdit?: boolean;
}

export class OpenVersionDto {
  @ApiProperty({ description: 'Number of the version the new draft starts from' })
  @IsInt({ message: 'basedOnVersion must be an integer' })
  @Min(1)
  basedOnVersion: number;

  @ApiProperty({ example: 'Review 2027: vetting clause after the commander rotation' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  changeSummary: string;
}

export class DiffQuery {
  @ApiProperty({ format: 'uuid', description: 'The version to compare against (the older one)' })
  @IsUUID('all', { message: 'against must be a UUID' })
  against: string;
}

export class SignatureInputDto {
  @ApiProperty({ format: 'uuid', description: 'A party of the agreement (parties[].id)' })
  @IsUUID('all', { message: 'partyId must be a UUID' })
  partyId: string;

  @ApiProperty({ example: 'Col. J. Mbuyi' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  signatoryName: string;

  @ApiProperty({ example: 'Provincial commander' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  signatoryTitle: string;

  @ApiProperty({ format: 'date', description: 'Not after today (group time zone)' })
  @Matches(DATE, dateMessage('signedOn'))
  @IsISO8601({ strict: true }, dateMessage('signedOn'))
  signedOn: string;

  @ApiProperty({ enum: SIGNATURE_METHODS })
  @IsIn(SIGNATURE_METHODS, oneOf('method', SIGNATURE_METHODS))
  method: SignatureMethod;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['md', 'pdf'], default: 'md' })
  @Omittable()
  @IsIn(['md', 'pdf'], { message: 'format must be md or pdf' })
  format?: 'md' | 'pdf';

  @ApiPropertyOptional({
    example: 'fr',
    description:
      'BCP 47 locale of the text: the source, or its translations where they exist (courtesy translations are marked as such; ' +
      'without a translation the source text is exported and says so). Two locales side by side: `en,fr`. Content-Language says which.',
  })
  @Omittable()
  @IsString()
  @MaxLength(100)
  locale?: string;
}

export class ClauseDto {
  @ApiProperty({ format: 'uuid', description: 'Translations address the clause by this id' }) id: string;
  @ApiProperty() key: string;
  @ApiProperty({ description: 'In `locale`' }) heading: string;
  @ApiProperty({ description: 'In `locale`' }) body: string;
  @ApiProperty({ example: 'fr', description: 'The language of heading and body as answered (negotiated)' })
  locale: string;
  @ApiProperty({ description: 'The text answered is a translation the source has changed since' })
  translationStale: boolean;
}

export class AnnexDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() key: string;
  @ApiProperty({ description: 'In `locale`' }) title: string;
  @ApiProperty({ description: 'In `locale`' }) body: string;
  @ApiProperty({ example: 'fr', description: 'The language of title and body as answered (negotiated)' })
  locale: string;
  @ApiProperty({ description: 'The text answered is a translation the source has changed since' })
  translationStale: boolean;
}

export class AcceptanceDto {
  @ApiProperty({ format: 'uuid' }) partyId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) acceptedBy: string;
  @ApiProperty({ description: 'The revision accepted' }) revision: number;
  @ApiProperty({ format: 'date-time' }) acceptedAt: string;
}

export class SignatureDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) partyId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() signatoryName: string;
  @ApiProperty() signatoryTitle: string;
  @ApiProperty({ format: 'date' }) signedOn: string;
  @ApiProperty({ enum: SIGNATURE_METHODS }) method: SignatureMethod;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class VersionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agreementId: string;
  @ApiProperty() number: number;
  @ApiProperty({ enum: VERSION_STATUSES }) status: VersionStatus;
  @ApiProperty({ type: Number, nullable: true }) basedOnVersion: number | null;
  @ApiProperty({ type: String, nullable: true }) changeSummary: string | null;
  @ApiProperty() revision: number;
  @ApiProperty({ type: CoverageDto }) coverage: CoverageDto;
  @ApiProperty({ type: [AcceptanceDto] }) acceptances: AcceptanceDto[];
  @ApiProperty({ type: [SignatureDto] }) signatures: SignatureDto[];
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) proposedAt: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) agreedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class VersionDto extends VersionSummaryDto {
  @ApiProperty({ example: 'en', description: "The agreement's source language" }) sourceLocale: string;
  @ApiProperty({
    type: [String],
    example: ['fr', 'en'],
    description:
      'The languages of the clauses and annexes as answered (negotiated per clause; Content-Language lists them). ' +
      'Only approved authentic translations have legal force.',
  })
  locales: string[];
  @ApiProperty({ type: [ClauseDto] }) clauses: ClauseDto[];
  @ApiProperty({ type: [AnnexDto] }) annexes: AnnexDto[];
}

export class VersionPageDto extends PageOf(VersionSummaryDto) {}

export class TextChangeDto {
  @ApiProperty({ enum: ['equal', 'insert', 'delete'] }) op: 'equal' | 'insert' | 'delete';
  @ApiProperty() text: string;
}

export class SectionTextDto {
  @ApiProperty() heading: string;
  @ApiProperty() body: string;
}

export class SectionDiffDto {
  @ApiProperty() key: string;
  @ApiProperty({ enum: ['added', 'removed', 'changed', 'unchanged'] }) change: string;
  @ApiProperty({ type: SectionTextDto, nullable: true }) before: SectionTextDto | null;
  @ApiProperty({ type: SectionTextDto, nullable: true }) after: SectionTextDto | null;
  @ApiProperty() headingChanged: boolean;
  @ApiProperty() bodyChanged: boolean;
  @ApiProperty({ type: [TextChangeDto], description: 'Word by word, for changed bodies' })
  bodyChanges: TextChangeDto[];
}

export class VersionRefNumberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: number;
  @ApiProperty({ enum: VERSION_STATUSES }) status: VersionStatus;
}

export class VersionDiffDto {
  @ApiProperty({ type: VersionRefNumberDto, description: 'The version compared against (before)' })
  from: VersionRefNumberDto;
  @ApiProperty({ type: VersionRefNumberDto, description: 'This version (after)' })
  to: VersionRefNumberDto;
  @ApiProperty({ type: [SectionDiffDto] }) clauses: SectionDiffDto[];
  @ApiProperty({ type: [SectionDiffDto] }) annexes: SectionDiffDto[];
}
