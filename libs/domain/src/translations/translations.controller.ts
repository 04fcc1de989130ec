import { Body, Controller, Get, Injectable, Param, PipeTransform, Put, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AuthUser,
  BadRequestProblem,
  canonicalLocale,
  CurrentUser,
  Endpoint,
  NotFoundProblem,
  UuidParam,
} from '@roundtable/core';
import {
  GroupTranslationListDto,
  GroupTranslationsQuery,
  PutTranslationDto,
  TranslationDetailDto,
  TranslationListDto,
} from './dto/translation.dto';
import { TRANSLATABLE_TYPES, TranslatableType } from './translatable';
import { TranslationsService } from './translations.service';

// An unknown kind names nothing that exists: 404, like an unknown id.
@Injectable()
export class TranslatableTypeParam implements PipeTransform<string, TranslatableType> {
  transform(value: string): TranslatableType {
    if (!(TRANSLATABLE_TYPES as readonly string[]).includes(value))
      throw new NotFoundProblem('Translatable kind');
    return value as TranslatableType;
  }
}

// A BCP 47 tag in a path, canonicalised (`fr-cd` → `fr-CD`); anything else is a 400.
@Injectable()
export class LocaleParam implements PipeTransform<string, string> {
  transform(value: string): string {
    const canonical = canonicalLocale(value);
    if (!canonical)
      throw new BadRequestProblem(`locale: ${value} is not a BCP 47 language tag`, [
        { field: 'locale', message: 'locale must be a BCP 47 language tag such as fr or sw-CD' },
      ]);
    return canonical;
  }
}

@ApiTags('translations')
@Controller('translations/:entityType/:entityId')
export class TranslationsController {
  constructor(private readonly translations: TranslationsService) {}

  @Get()
  @ApiParam({ name: 'entityType', enum: TRANSLATABLE_TYPES })
  @Endpoint({
    summary: 'The translations of a source, with their staleness',
    type: TranslationListDto,
    returns: 'Whoever may read the source',
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('entityType', TranslatableTypeParam) type: TranslatableType,
    @Param('entityId', new UuidParam('Source')) id: string,
  ): Promise<TranslationListDto> {
    return this.translations.list(user.id, type, id);
  }

  @Get(':locale')
  @ApiParam({ name: 'entityType', enum: TRANSLATABLE_TYPES })
  @Endpoint({
    summary: 'One translation of a source',
    type: TranslationDetailDto,
    returns: 'The translation with the source now and as it was when the translation was made',
  })
  get(
    @CurrentUser() user: AuthUser,
    @Param('entityType', TranslatableTypeParam) type: TranslatableType,
    @Param('entityId', new UuidParam('Source')) id: string,
    @Param('locale', LocaleParam) locale: string,
  ): Promise<TranslationDetailDto> {
    return this.translations.get(user.id, type, id, locale);
  }

  @Put(':locale')
  @ApiParam({ name: 'entityType', enum: TRANSLATABLE_TYPES })
  @Endpoint({
    summary: 'Create or replace a translation (whoever may edit the source)',
    type: TranslationDetailDto,
    returns: 'The translation, made from the current source revision',
    errors: [403, 409],
  })
  put(
    @CurrentUser() user: AuthUser,
    @Param('entityType', TranslatableTypeParam) type: TranslatableType,
    @Param('entityId', new UuidParam('Source')) id: string,
    @Param('locale', LocaleParam) locale: string,
    @Body() dto: PutTranslationDto,
  ): Promise<TranslationDetailDto> {
    return this.translations.put(user.id, type, id, locale, dto);
  }
}

@ApiTags('translations')
@Controller('groups/:groupId/translations')
export class GroupTranslationsController {
  constructor(private readonly translations: TranslationsService) {}

  @Get()
  @Endpoint({
    summary: "The group's translations; `?stale=true`: what a focal point needs to update",
    type: GroupTranslationListDto,
    returns: 'Only what the caller may read',
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: GroupTranslationsQuery,
  ): Promise<GroupTranslationListDto> {
    return this.translations.groupList(user.id, groupId, q);
  }
}
