import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLocaleTag, queryBoolean, toCanonicalLocale, trimString } from '@roundtable/core';
import { LocaleQuery } from '../../translations/dto/translation.dto';
import { TRANSLATION_STATUSES, TranslationStatus } from '../../translations/translatable';

export const DOCUMENT_KINDS = [
  'policy_statement',
  'terms_of_reference',
  'vps_text',
  'explanatory',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export class CreateDocumentDto {
  @ApiProperty({ example: 'Security and human rights policy' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(300)
  title: string;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS, { message: `kind must be one of: ${DOCUMENT_KINDS.join(', ')}` })
  kind: DocumentKind;

  @ApiProperty({ description: 'Markdown' })
  @IsString()
  @MaxLength(200_000)
  body: string;

  @ApiProperty({ example: 'fr-CD', description: 'BCP 47: the language the document is written in' })
  @Transform(toCanonicalLocale)
  @IsLocaleTag()
  sourceLocale: string;
}

export class UpdateDocumentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ description: 'Markdown' })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  body?: string;

  @ApiPropertyOptional({
    description: 'A typo or layout fix: the translations stay current (not marked stale)',
  })
  @IsOptional()
  @IsBoolean()
  minorEdit?: boolean;

  @ApiPropertyOptional({ description: 'Same as minorEdit' })
  @IsOptional()
  @IsBoolean()
  minor?: boolean;
}

export class DocumentListQuery extends LocaleQuery {
  @ApiPropertyOptional({ enum: DOCUMENT_KINDS })
  @IsOptional()
  @IsIn(DOCUMENT_KINDS, { message: `kind must be one of: ${DOCUMENT_KINDS.join(', ')}` })
  kind?: DocumentKind;

  @ApiPropertyOptional({ description: 'true: only documents with a stale translation' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  staleTranslations?: boolean;
}

export class DocumentTranslationStateDto {
  @ApiProperty({ example: 'fr' }) locale: string;
  @ApiProperty({ enum: TRANSLATION_STATUSES }) status: TranslationStatus;
  @ApiProperty() stale: boolean;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: DocumentKind;
  @ApiProperty({ description: 'In `locale`' }) title: string;
  @ApiProperty({ description: 'Markdown, in `locale`' }) body: string;
  @ApiProperty({ example: 'en' }) sourceLocale: string;
  @ApiProperty({ description: 'The language of title and body as answered (negotiated)' }) locale: string;
  @ApiProperty({ description: 'The text answered is a translation the source has changed since' })
  translationStale: boolean;
  @ApiProperty({ description: '+1 per edit (minor ones included)' }) revision: number;
  @ApiProperty({ type: [DocumentTranslationStateDto] }) translations: DocumentTranslationStateDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class DocumentListDto {
  @ApiProperty({ type: [DocumentDto] }) items: DocumentDto[];
}
