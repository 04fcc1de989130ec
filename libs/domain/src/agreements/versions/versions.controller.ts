import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, UuidParam } from '@roundtable/core';
import type { Response } from 'express';
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
@ApiBearerAuth()
@Controller('agreement-versions/:versionId')
export class AgreementVersionsController {
  constructor(
    private readonly versions: AgreementVersionsService,
    private readonly signatures: AgreementSignaturesService,
    private readonly exports: AgreementExportService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'One version with its clauses and annexes (content viewers)' })
  @ApiOkResponse({ type: VersionDto })
  get(@CurrentUser() user: AuthUser, @VersionId() id: string) {
    return this.versions.get(user.id, id);
  }

  @Put()
  @ApiOperation({
    summary: 'Save the text of a draft (party members); stale expectedRevision → 409, agreed → 409',
  })
  @ApiOkResponse({ type: VersionDto })
  save(@CurrentUser() user: AuthUser, @VersionId() id: string, @Body() dto: SaveVersionDto) {
    return this.versions.save(user.id, id, dto);
  }

  @Post('propose')
  @HttpCode(200)
  @ApiOperation({ summary: 'Propose the draft to every party (party members)' })
  @ApiOkResponse({ type: VersionDto })
  propose(@CurrentUser() user: AuthUser, @VersionId() id: string) {
    return this.versions.propose(user.id, id);
  }

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the proposed version for your party; agreed once every party has' })
  @ApiOkResponse({ type: VersionDto })
  accept(@CurrentUser() user: AuthUser, @VersionId() id: string) {
    return this.versions.accept(user.id, id);
  }

  @Get('diff')
  @ApiOperation({ summary: 'What changed, clause by clause, since another version of the same agreement' })
  @ApiOkResponse({ type: VersionDiffDto })
  diff(@CurrentUser() user: AuthUser, @VersionId() id: string, @Query() q: DiffQuery) {
    return this.versions.diff(user.id, id, q.against.toLowerCase());
  }

  @Post('signatures')
  @ApiOperation({ summary: 'Record a signature of an agreed version (party members)' })
  @ApiCreatedResponse({ type: VersionDto })
  sign(@CurrentUser() user: AuthUser, @VersionId() id: string, @Body() dto: SignatureInputDto) {
    return this.signatures.sign(user.id, id, dto);
  }

  @Get('export')
  @ApiProduces('text/markdown', 'application/pdf')
  @ApiOkResponse({
    description: 'The version as Markdown or PDF in its source locale (content viewers)',
    schema: { type: 'string', format: 'binary' },
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
