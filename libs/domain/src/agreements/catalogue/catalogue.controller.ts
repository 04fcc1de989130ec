import { Endpoint } from '@roundtable/core';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Omittable } from '../dto/validation';
import {
  CATALOGUE_EDITIONS,
  CATALOGUE_LOCALES,
  CatalogueEdition,
  catalogueClauses,
  CatalogueLocale,
  EDITIONS,
  LATEST_EDITION,
  VPS_ANNEX_KEY,
} from './agreement-clauses.catalogue';

class CatalogueQuery {
  @ApiPropertyOptional({ enum: CATALOGUE_EDITIONS, description: 'Default: the latest edition' })
  @Omittable()
  @IsIn(CATALOGUE_EDITIONS, { message: `edition must be one of: ${CATALOGUE_EDITIONS.join(', ')}` })
  edition?: CatalogueEdition;

  @ApiPropertyOptional({ enum: CATALOGUE_LOCALES, default: 'en' })
  @Omittable()
  @IsIn(CATALOGUE_LOCALES, { message: `locale must be one of: ${CATALOGUE_LOCALES.join(', ')}` })
  locale?: CatalogueLocale;
}

class EditionDto {
  @ApiProperty({ enum: CATALOGUE_EDITIONS }) key: CatalogueEdition;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Clause j counts as covered only with the annex "vps"' })
  vpsAnnexRequired: boolean;
  @ApiProperty() latest: boolean;
}

class CatalogueClauseDto {
  @ApiProperty({ example: 'c' }) key: string;
  @ApiProperty() heading: string;
  @ApiProperty({ description: 'Short drafting guidance' }) guidance: string;
  @ApiProperty({ description: 'The template wording (templateKey dcaf-2.3)' }) body: string;
  @ApiProperty({ enum: CATALOGUE_EDITIONS }) edition: CatalogueEdition;
}

class ClauseCatalogueDto {
  @ApiProperty({ type: EditionDto }) edition: EditionDto;
  @ApiProperty({ type: [EditionDto] }) editions: EditionDto[];
  @ApiProperty({ enum: CATALOGUE_LOCALES }) locale: CatalogueLocale;
  @ApiProperty({ example: VPS_ANNEX_KEY, description: 'Key of the Voluntary Principles annex' })
  vpsAnnexKey: string;
  @ApiProperty({ type: [CatalogueClauseDto] }) items: CatalogueClauseDto[];
}

@ApiTags('agreements')
@Controller('catalogue/agreement-clauses')
export class AgreementClauseCatalogueController {
  @Get()
  @Endpoint({
    summary: 'The MoU clause catalogue a)–j) with guidance, per edition, in English or French',
    type: ClauseCatalogueDto,
  })
  list(@Query() q: CatalogueQuery): ClauseCatalogueDto {
    const locale = q.locale ?? 'en';
    const edition = q.edition ?? LATEST_EDITION;
    const view = (key: CatalogueEdition): EditionDto => ({
      key,
      title: EDITIONS[key].title[locale],
      vpsAnnexRequired: EDITIONS[key].vpsAnnexRequired,
      latest: key === LATEST_EDITION,
    });
    return {
      edition: view(edition),
      editions: CATALOGUE_EDITIONS.map(view),
      locale,
      vpsAnnexKey: VPS_ANNEX_KEY,
      items: catalogueClauses(edition, locale),
    };
  }
}
