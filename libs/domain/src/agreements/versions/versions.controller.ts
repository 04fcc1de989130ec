import { Body, Controller, Get, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
import type { Response } from 'express';
import { LocaleQuery } from '../../translations/dto/translation.dto';
import { AcceptLanguage, readPreferences } from '../../translations/translations.service';
import {
  DiffQuery,
  ExportQuery,
  SaveVersionDto,
  SignatureInputDto,
  VersionDiffDto,
  VersionDto,
} from '../dto/version.dto';
import { AgreementExportService } from '../export/agreement-export.service';
import { AgreementSignaturesService } from './signatures.service';
import { AgreementVersionsService } from './versions.service';

const VersionId = () => Param('versionId', new UuidParam('Agreement version'));

@ApiTags('agreements')
@Controller('agreement-versions/:versionId')
export class AgreementVersionsController {
  constructor(
    private readonly versions: AgreementVersionsService,
    private readonly signatures: AgreementSignaturesService,
    private readonly exports: AgreementExportService,
  ) {}

  @Get()
  @ApiHeader({
    name: 'accept-language',
    required: false,
    description: 'Used when ?locale= is absent or not available',
  })
  @Endpoint({
    summary: 'One version with its clauses and annexes (content viewers)',
    type: VersionDto,
    returns:
      'Each clause and annex in the negotiated locale (its `locale`); Content-Language lists the languages answered',
    errors: [403],
  })
  async get(
    @CurrentUser() user: AuthUser,
    @VersionId() id: string,
    @Query() q: LocaleQuery,
    @Res({ passthrough: true }) res: Response,
    @AcceptLanguage() acceptLanguage?: string,
  ): Promise<VersionDto> {
    const version = await this.versions.get(user.id, id, readPreferences(q.locale, acceptLanguage));
    res.setHeader('Content-Language', version.locales.join(', '));
    return version;
  }

  @Put()
  @Endpoint({
    summary: 'Save the text of a draft (party members); stale expectedRevision → 409, agreed → 409',
    type: VersionDto,
    errors: [403, 409],
  })
  save(@CurrentUser() user: AuthUser, @VersionId() id: string, @Body() dto: SaveVersionDto) {
    return this.versions.save(user.id, id, dto);
  }

  @Post('propose')
  @Endpoint({
    summary: 'Propose the draft to every party (party members)',
    type: VersionDto,
    errors: [403, 409],
  })
  propose(@CurrentUser() user: AuthUser, @VersionId() id: string) {
    return this.versions.propose(user.id, id);
  }

  @Post('accept')
  @Endpoint({
    summary: 'Accept the proposed version for your party; agreed once every party has',
    type: VersionDto,
    errors: [403, 409],
  })
  accept(@CurrentUser() user: AuthUser, @VersionId() id: string) {
    return this.versions.accept(user.id, id);
  }

  @Get('diff')
  @Endpoint({
    summary: 'What changed, clause by clause, since another version of the same agreement',
    type: VersionDiffDto,
    errors: [403],
  })
  diff(@CurrentUser() user: AuthUser, @VersionId() id: string, @Query() q: DiffQuery) {
    return this.versions.diff(user.id, id, q.against.toLowerCase());
  }

  @Post('signatures')
  @Endpoint({
    summary: 'Record a signature of an agreed version (party members)',
    status: 201,
    type: VersionDto,
    errors: [403, 409],
  })
  sign(@CurrentUser() user: AuthUser, @VersionId() id: string, @Body() dto: SignatureInputDto) {
    return this.signatures.sign(user.id, id, dto);
  }

  @Get('export')
  @Endpoint({
    summary: 'Export a version as Markdown or PDF (content viewers)',
    returns: 'The version as Markdown or PDF in its source locale (content viewers)',
    content: { 'text/markdown': { type: 'string' }, 'application/pdf': { type: 'string', format: 'binary' } },
    errors: [403],
  })
  async export(
    @CurrentUser() user: AuthUser,
    @VersionId() id: string,
    @Query() q: ExportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.exports.export(user.id, id, q);
    res.setHeader('Content-Language', file.contentLanguage);
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }
}
