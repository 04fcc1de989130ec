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
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { LocaleQuery } from '../translations/dto/translation.dto';
import { AcceptLanguage, readPreferences } from '../translations/translations.service';
import { AuthUser, CurrentUser, PageQuery, UuidParam } from '@roundtable/core';
import {
  CreateMinutesCommentDto,
  MinutesCommentDto,
  MinutesCommentPageDto,
  MinutesDto,
  MinutesExportQuery,
  MinutesRevisionPageDto,
  SaveMinutesDto,
} from './dto/minutes.dto';
import { MinutesService } from './minutes.service';

@ApiTags('minutes')
@ApiBearerAuth()
@Controller('meetings/:meetingId/minutes')
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Get()
  @ApiHeader({
    name: 'Accept-Language',
    required: false,
    description: 'Used when ?locale= is absent or not available',
  })
  @ApiOkResponse({
    type: MinutesDto,
    description:
      "In the negotiated locale (?locale=, Accept-Language, the group's languages, the source); Content-Language names it",
  })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Query() q: LocaleQuery,
    @Res({ passthrough: true }) res: Response,
    @AcceptLanguage() acceptLanguage?: string,
  ): Promise<MinutesDto> {
    const minutes = await this.minutes.get(user.id, meetingId, readPreferences(q.locale, acceptLanguage));
    res.setHeader('Content-Language', minutes.locale);
    return minutes;
  }

  @Put()
  @ApiOkResponse({
    type: MinutesDto,
    description: 'Saved as a new version; 409 when expectedVersion is stale or the minutes are approved',
  })
  save(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: SaveMinutesDto,
  ): Promise<MinutesDto> {
    return this.minutes.save(user.id, meetingId, dto);
  }

  @Get('revisions')
  @ApiOkResponse({ type: MinutesRevisionPageDto })
  revisions(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Query() q: PageQuery,
  ) {
    return this.minutes.revisions(user.id, meetingId, q);
  }

  @Post('circulate')
  @HttpCode(200)
  @ApiOkResponse({
    type: MinutesDto,
    description: 'Focal point only; members are notified (minutes.circulated)',
  })
  circulate(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
  ): Promise<MinutesDto> {
    return this.minutes.circulate(user.id, meetingId);
  }

  @Post('approve')
  @HttpCode(200)
  @ApiOkResponse({
    type: MinutesDto,
    description: 'A sitting co-chair, once circulated; members are notified (minutes.approved)',
  })
  approve(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
  ): Promise<MinutesDto> {
    return this.minutes.approve(user.id, meetingId);
  }

  @Post('comments')
  @ApiCreatedResponse({
    type: MinutesCommentDto,
    description: 'Members (not observers) while the minutes are circulated',
  })
  comment(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: CreateMinutesCommentDto,
  ): Promise<MinutesCommentDto> {
    return this.minutes.comment(user.id, meetingId, dto);
  }

  @Get('comments')
  @ApiOkResponse({ type: MinutesCommentPageDto })
  comments(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Query() q: PageQuery,
  ) {
    return this.minutes.comments(user.id, meetingId, q);
  }

  @Get('export')
  @ApiProduces('text/markdown', 'application/pdf')
  @ApiOkResponse({
    description: 'The minutes as Markdown or PDF, as the caller may see them',
    schema: { type: 'string', format: 'binary' },
  })
  async export(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Query() q: MinutesExportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.minutes.export(user.id, meetingId, q.format ?? 'md', q.locale);
    res.setHeader('Content-Language', file.contentLanguage);
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }
}
