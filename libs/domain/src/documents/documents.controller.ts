import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
import type { Response } from 'express';
import { LocaleQuery } from '../translations/dto/translation.dto';
import { AcceptLanguage, readPreferences } from '../translations/translations.service';
import {
  CreateDocumentDto,
  DocumentDto,
  DocumentListDto,
  DocumentListQuery,
  UpdateDocumentDto,
} from './dto/document.dto';
import { DocumentsService } from './documents.service';

const ACCEPT_LANGUAGE = {
  name: 'accept-language',
  required: false,
  description: 'Used when ?locale= is absent or not available',
};

@ApiTags('documents')
@Controller('groups/:groupId/documents')
export class GroupDocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @Endpoint({
    summary: 'Create a document (focal point or co-chair)',
    status: 201,
    type: DocumentDto,
    errors: [403, 409],
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateDocumentDto,
  ): Promise<DocumentDto> {
    return this.documents.create(user.id, groupId, dto);
  }

  @Get()
  @ApiHeader(ACCEPT_LANGUAGE)
  @Endpoint({
    summary: "The group's documents",
    type: DocumentListDto,
    returns: 'Each document in the negotiated locale (its own `locale`)',
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: DocumentListQuery,
    @AcceptLanguage() acceptLanguage?: string,
  ): Promise<DocumentListDto> {
    return this.documents.list(user.id, groupId, q, readPreferences(q.locale, acceptLanguage));
  }
}

@ApiTags('documents')
@Controller('documents/:documentId')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @ApiHeader(ACCEPT_LANGUAGE)
  @Endpoint({
    summary: 'One document',
    type: DocumentDto,
    returns: 'In the negotiated locale; Content-Language names it',
  })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('documentId', new UuidParam('Document')) id: string,
    @Query() q: LocaleQuery,
    @Res({ passthrough: true }) res: Response,
    @AcceptLanguage() acceptLanguage?: string,
  ): Promise<DocumentDto> {
    const doc = await this.documents.get(user.id, id, readPreferences(q.locale, acceptLanguage));
    res.setHeader('Content-Language', doc.locale);
    return doc;
  }

  @Patch()
  @Endpoint({
    summary: 'Change a document (focal point or co-chair)',
    type: DocumentDto,
    returns: 'Translations become stale unless minorEdit is true',
    errors: [403, 409],
  })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('documentId', new UuidParam('Document')) id: string,
    @Body() dto: UpdateDocumentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DocumentDto> {
    const doc = await this.documents.update(user.id, id, dto);
    res.setHeader('Content-Language', doc.locale);
    return doc;
  }
}
