import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, UnauthorizedProblem, UuidParam } from '@roundtable/core';
import type { Request } from 'express';
import { MeService } from '../accounts/me.service';
import {
  AttendanceDto,
  CalendarQuery,
  CancelMeetingDto,
  CreateMeetingDto,
  CreateSeriesDto,
  MeetingDto,
  MeetingPageDto,
  MeetingQuery,
  RecordAttendanceDto,
  RsvpDto,
  RsvpViewDto,
  SeriesDto,
  SeriesListDto,
  SeriesQuery,
  UpdateMeetingDto,
  UpdateSeriesDto,
} from './dto/meeting.dto';
import { MeetingCalendarService } from './meeting-calendar.service';
import { MeetingSeriesService } from './meeting-series.service';
import { MeetingsService } from './meetings.service';

const ICS = 'text/calendar; charset=utf-8';
const ICS_SCHEMA = { schema: { type: 'string', description: 'RFC 5545 iCalendar' } };

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('groups/:groupId/meeting-series')
export class MeetingSeriesController {
  constructor(private readonly series: MeetingSeriesService) {}

  @Post()
  @ApiCreatedResponse({ type: SeriesDto })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateSeriesDto,
  ): Promise<SeriesDto> {
    return this.series.create(user.id, groupId, dto);
  }

  @Get()
  @ApiOkResponse({ type: SeriesListDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: SeriesQuery,
  ): Promise<SeriesListDto> {
    return this.series.list(user.id, groupId, q);
  }

  @Get(':seriesId')
  @ApiOkResponse({ type: SeriesDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Param('seriesId', new UuidParam('Meeting series')) seriesId: string,
  ): Promise<SeriesDto> {
    return this.series.get(user.id, groupId, seriesId);
  }

  @Patch(':seriesId')
  @ApiOkResponse({ type: SeriesDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Param('seriesId', new UuidParam('Meeting series')) seriesId: string,
    @Body() dto: UpdateSeriesDto,
  ): Promise<SeriesDto> {
    return this.series.update(user.id, groupId, seriesId, dto);
  }

  @Delete(':seriesId')
  @ApiOkResponse({ type: SeriesDto, description: 'The stopped series; its future meetings are cancelled' })
  remove(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Param('seriesId', new UuidParam('Meeting series')) seriesId: string,
  ): Promise<SeriesDto> {
    return this.series.remove(user.id, groupId, seriesId);
  }
}

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('groups/:groupId')
export class GroupMeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly calendar: MeetingCalendarService,
    private readonly me: MeService,
  ) {}

  @Get('meetings')
  @ApiOkResponse({ type: MeetingPageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: MeetingQuery,
  ) {
    return this.meetings.list(user.id, groupId, q);
  }

  @Post('meetings')
  @ApiCreatedResponse({ type: MeetingDto })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateMeetingDto,
  ): Promise<MeetingDto> {
    return this.meetings.create(user.id, groupId, dto);
  }

  // Calendar clients cannot send headers: a bearer token or the personal feed token (?token=).
  @Public()
  @Get('calendar.ics')
  @Header('Content-Type', ICS)
  @ApiProduces('text/calendar')
  @ApiOkResponse(ICS_SCHEMA)
  @ApiUnauthorizedResponse({ description: 'Neither a valid bearer token nor a valid feed token' })
  async feed(
    @Req() req: Request & { user?: AuthUser },
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: CalendarQuery,
  ): Promise<string> {
    return this.calendar.groupFeed(await calendarUser(req, q, this.me), groupId);
  }
}

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings/:meetingId')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly calendar: MeetingCalendarService,
    private readonly me: MeService,
  ) {}

  @Get()
  @ApiOkResponse({ type: MeetingDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
  ): Promise<MeetingDto> {
    return this.meetings.get(user.id, meetingId);
  }

  @Patch()
  @ApiOkResponse({ type: MeetingDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: UpdateMeetingDto,
  ): Promise<MeetingDto> {
    return this.meetings.update(user.id, meetingId, dto);
  }

  @Post('cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingDto })
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: CancelMeetingDto,
  ): Promise<MeetingDto> {
    return this.meetings.cancel(user.id, meetingId, dto.reason);
  }

  @Put('rsvp')
  @ApiOkResponse({ type: RsvpViewDto })
  rsvp(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: RsvpDto,
  ): Promise<RsvpViewDto> {
    return this.meetings.rsvp(user.id, meetingId, dto);
  }

  @Put('attendance')
  @ApiOkResponse({ type: AttendanceDto })
  recordAttendance(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: RecordAttendanceDto,
  ): Promise<AttendanceDto> {
    return this.meetings.recordAttendance(user.id, meetingId, dto);
  }

  @Get('attendance')
  @ApiOkResponse({ type: AttendanceDto })
  attendance(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
  ): Promise<AttendanceDto> {
    return this.meetings.attendance(user.id, meetingId);
  }

  @Public()
  @Get('calendar.ics')
  @Header('Content-Type', ICS)
  @ApiProduces('text/calendar')
  @ApiOkResponse(ICS_SCHEMA)
  @ApiUnauthorizedResponse({ description: 'Neither a valid bearer token nor a valid feed token' })
  async feed(
    @Req() req: Request & { user?: AuthUser },
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Query() q: CalendarQuery,
  ): Promise<string> {
    return this.calendar.meetingFeed(await calendarUser(req, q, this.me), meetingId);
  }
}

// The global guard already resolved a valid bearer token on this public route; otherwise the
// personal feed token identifies the caller.
async function calendarUser(
  req: Request & { user?: AuthUser },
  q: CalendarQuery,
  me: MeService,
): Promise<string> {
  if (req.user) return req.user.id;
  const userId = q.token ? await me.userByCalendarToken(q.token) : null;
  if (!userId)
    throw new UnauthorizedProblem('A bearer token or a valid calendar feed token (?token=) is required');
  return userId;
}
