import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional } from 'class-validator';
import { IsLocaleTag, queryBoolean, toCanonicalLocale } from '@roundtable/core';
import {
  TRANSLATABLE_TYPES,
  TRANSLATION_STATUSES,
  TranslatableType,
  TranslationStatus,
} from '../translatable';

const FIELDS_SCHEMA: { type: 'object'; additionalProperties: SchemaObject } = {
  type: 'object',
  additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
};

export class PutTranslationDto {
  @ApiProperty({
    ...FIELDS_SCHEMA,
    description:
      'The translated fields (document: title, body; agreement_clause: heading, body; agreement_annex: title, body; agenda_item and recommendation: title, description; minutes: body, keyIssues, decisions). A field left out reads as the source.',
    example: { title: 'Politique de sécurité', body: '## Principes\n\n…' },
  })
  @IsObject()
  fields: Record<string, unknown>;

  @ApiProperty({ enum: TRANSLATION_STATUSES })
  @IsIn(TRANSLATION_STATUSES, { message: `status must be one of: ${TRANSLATION_STATUSES.join(', ')}` })
  status: TranslationStatus;

  @ApiPropertyOptional({
    description: 'Agreements only: an authentic language version (legal force once approved)',
  })
  @IsOptional()
  @IsBoolean()
  authentic?: boolean;
}

export class TranslationSummaryDto {
  @ApiProperty({ enum: TRANSLATABLE_TYPES }) entityType: TranslatableType;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({ example: 'fr-CD' }) locale: string;
  @ApiProperty({ enum: TRANSLATION_STATUSES }) status: TranslationStatus;
  @ApiProperty({ description: 'Only approved authentic translations of an agreement have legal force' })
  authentic: boolean;
  @ApiProperty({ description: 'The source revision the translation was made from' }) sourceRevision: number;
  @ApiProperty({ description: "The source's current revision (minor edits do not count)" })
  currentRevision: number;
  @ApiProperty({ description: 'The source changed (not only by minor edits) since the translation was made' })
  stale: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TranslationListDto {
  @ApiProperty({ type: [TranslationSummaryDto] }) items: TranslationSummaryDto[];
}

export class GroupTranslationDto extends TranslationSummaryDto {
  @ApiProperty({ description: 'The title of what is translated, as its source says it' }) sourceTitle: string;
}

export class GroupTranslationListDto {
  @ApiProperty({ type: [GroupTranslationDto] }) items: GroupTranslationDto[];
}

export class TranslationDetailDto extends TranslationSummaryDto {
  @ApiProperty({ ...FIELDS_SCHEMA }) fields: Record<string, string | string[] | null>;
  @ApiProperty({ example: 'en' }) sourceLocale: string;
  @ApiProperty({ ...FIELDS_SCHEMA, description: 'The source as it is now' })
  sourceFields: Record<string, string | string[] | null>;
  @ApiProperty({
    ...FIELDS_SCHEMA,
    description:
      'The source as it was at sourceRevision (what the translation was made from), to show what changed',
  })
  sourceFieldsAtRevision: Record<string, string | string[] | null>;
}

export class GroupTranslationsQuery {
  @ApiPropertyOptional({ description: 'true: only stale translations; false: only current ones' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  stale?: boolean;

  @ApiPropertyOptional({ enum: TRANSLATABLE_TYPES })
  @IsOptional()
  @IsIn(TRANSLATABLE_TYPES, { message: `entityType must be one of: ${TRANSLATABLE_TYPES.join(', ')}` })
  entityType?: TranslatableType;

  @ApiPropertyOptional({ example: 'fr' })
  @IsOptional()
  @Transform(toCanonicalLocale)
  @IsLocaleTag()
  locale?: string;
}

// `?locale=` on every read of a translatable object (then Accept-Language, the group's
// languages, the source).
export class LocaleQuery {
  @ApiPropertyOptional({ example: 'fr-CD', description: 'BCP 47; preferred over Accept-Language' })
  @IsOptional()
  @Transform(toCanonicalLocale)
  @IsLocaleTag()
  locale?: string;
}
