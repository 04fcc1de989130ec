import { Body, Controller, Get, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LocaleQuery } from '../translations/dto/translation.dto';
import { AcceptLanguage, readPreferences } from '../translations/translations.service';
import { AuthUser, CurrentUser, Endpoint, PageQuery, UuidParam } from '@roundtable/core';
import {
  CreateMinutesCommentDto,
  GroupMinutesQuery,
  MinutesCommentDto,
  MinutesCommentPageDto,
  MinutesDto,
  MinutesExportQuery,
  MinutesRevisionPageDto,
  MinutesSummaryPageDto,
  SaveMinutesDto,
} from './dto/minutes.dto';
import { GroupMinutesService } from './group-minutes.service';
import { MinutesService } from './minutes.service';

@ApiTags('minutes')
@Controller('groups/:groupId/minutes')
export class GroupMinutesController {
  constructor(private readonly minutes: GroupMinutesService) {}

  @Get()
  @Endpoint({
    summary: "The minutes of the group's meetings (?status=circulated: awaiting approval)",
    type: MinutesSummaryPageDto,
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: GroupMinutesQuery,
  ) {
    return this.minutes.list(user.id, groupId, q);
  }
}

@ApiTags('minutes')
@Controller('meetings/:meetingId/minutes')
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Get()
  @ApiHeader({
    name: 'accept-language',
    required: false,
    description: 'Used when ?locale= is absent or not available',
  })
  @Endpoint({
    summary: "A meeting's minutes (current revision)",
    type: MinutesDto,
    returns:
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
  @Endpoint({
    summary: "Save the minutes' draft (focal point, co-chairs)",
    type: MinutesDto,
    returns: 'Saved as a new version; 409 when expectedVersion is stale or the minutes are approved',
    errors: [403, 409],
  })
  save(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: SaveMinutesDto,
  ): Promise<MinutesDto> {
    return this.minutes.save(user.id, meetingId, dto);
  }

  @Get('revisions')
  @Endpoint({ summary: 'Revisions of the minutes, newest first', type: MinutesRevisionPageDto })
  revisions(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Query() q: PageQuery,
  ) {
    return this.minutes.revisions(user.id, meetingId, q);
  }

  @Post('circulate')
  @Endpoint({
    summary: 'Circulate the draft minutes for comments (focal point, co-chairs)',
    type: MinutesDto,
    returns: 'Focal point only; members are notified (minutes.circulated)',
    errors: [403, 409],
  })
  circulate(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
  ): Promise<MinutesDto> {
    return this.minutes.circulate(user.id, meetingId);
  }

  @Post('approve')
  @Endpoint({
    summary: 'Approve the minutes (focal point, co-chairs)',
    type: MinutesDto,
    returns: 'A sitting co-chair, once circulated; members are notified (minutes.approved)',
    errors: [403, 409],
  })
  approve(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
  ): Promise<MinutesDto> {
    return this.minutes.approve(user.id, meetingId);
  }

  @Post('comments')
  @Endpoint({
    summary: 'Comment on circulated minutes (members, not observers)',
    status: 201,
    type: MinutesCommentDto,
    returns: 'Members (not observers) while the minutes are circulated',
    errors: [403, 409],
  })
  comment(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: CreateMinutesCommentDto,
  ): Promise<MinutesCommentDto> {
    return this.minutes.comment(user.id, meetingId, dto);
  }

  @Get('comments')
  @Endpoint({ summary: 'Comments on the minutes, oldest first', type: MinutesCommentPageDto })
  comments(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Query() q: PageQuery,
  ) {
    return this.minutes.comments(user.id, meetingId, q);
  }

  @Get('export')
  @Endpoint({
    summary: 'Export the minutes as Markdown or PDF',
    returns: 'The minutes as Markdown or PDF, as the caller may see them',
    content: { 'text/markdown': { type: 'string' }, 'application/pdf': { type: 'string', format: 'binary' } },
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
