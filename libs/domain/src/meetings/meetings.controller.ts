import { Body, Controller, Delete, Get, Header, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, UnauthorizedProblem, UuidParam } from '@roundtable/core';
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
const ICS_SCHEMA = { type: 'string', description: 'RFC 5545 iCalendar' } as const;

@ApiTags('meetings')
@Controller('groups/:groupId/meeting-series')
export class MeetingSeriesController {
  constructor(private readonly series: MeetingSeriesService) {}

  @Post()
  @Endpoint({
    summary: 'Create a recurring meeting series (focal point)',
    status: 201,
    type: SeriesDto,
    errors: [403, 409],
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateSeriesDto,
  ): Promise<SeriesDto> {
    return this.series.create(user.id, groupId, dto);
  }

  @Get()
  @Endpoint({ summary: "The group's meeting series", type: SeriesListDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: SeriesQuery,
  ): Promise<SeriesListDto> {
    return this.series.list(user.id, groupId, q);
  }

  @Get(':seriesId')
  @Endpoint({ summary: 'One meeting series', type: SeriesDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Param('seriesId', new UuidParam('Meeting series')) seriesId: string,
  ): Promise<SeriesDto> {
    return this.series.get(user.id, groupId, seriesId);
  }

  @Patch(':seriesId')
  @Endpoint({
    summary: 'Change a series; its future meetings follow (focal point)',
    type: SeriesDto,
    errors: [403, 409],
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Param('seriesId', new UuidParam('Meeting series')) seriesId: string,
    @Body() dto: UpdateSeriesDto,
  ): Promise<SeriesDto> {
    return this.series.update(user.id, groupId, seriesId, dto);
  }

  @Delete(':seriesId')
  @Endpoint({
    summary: 'Stop a series; its future meetings are cancelled (focal point)',
    type: SeriesDto,
    returns: 'The stopped series; its future meetings are cancelled',
    errors: [403, 409],
  })
  remove(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Param('seriesId', new UuidParam('Meeting series')) seriesId: string,
  ): Promise<SeriesDto> {
    return this.series.remove(user.id, groupId, seriesId);
  }
}

@ApiTags('meetings')
@Controller('groups/:groupId')
export class GroupMeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly calendar: MeetingCalendarService,
    private readonly me: MeService,
  ) {}

  @Get('meetings')
  @Endpoint({ summary: "The group's meetings in a time range", type: MeetingPageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: MeetingQuery,
  ) {
    return this.meetings.list(user.id, groupId, q);
  }

  @Post('meetings')
  @Endpoint({
    summary: 'Schedule an ad hoc meeting (focal point, co-chairs)',
    status: 201,
    type: MeetingDto,
    errors: [403, 409],
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateMeetingDto,
  ): Promise<MeetingDto> {
    return this.meetings.create(user.id, groupId, dto);
  }

  // Calendar clients cannot send headers: a bearer token or the personal feed token (?token=).
  @Get('calendar.ics')
  @Header('Content-Type', ICS)
  @Endpoint({
    summary: "The group's meetings as an iCalendar feed (bearer or feed token)",
    content: { 'text/calendar': ICS_SCHEMA },
    errors: [401],
    public: true,
  })
  async feed(
    @Req() req: Request & { user?: AuthUser },
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: CalendarQuery,
  ): Promise<string> {
    return this.calendar.groupFeed(await calendarUser(req, q, this.me), groupId);
  }
}

@ApiTags('meetings')
@Controller('meetings/:meetingId')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly calendar: MeetingCalendarService,
    private readonly me: MeService,
  ) {}

  @Get()
  @Endpoint({ summary: 'One meeting', type: MeetingDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
  ): Promise<MeetingDto> {
    return this.meetings.get(user.id, meetingId);
  }

  @Patch()
  @Endpoint({ summary: 'Change one meeting (focal point, co-chairs)', type: MeetingDto, errors: [403, 409] })
  update(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: UpdateMeetingDto,
  ): Promise<MeetingDto> {
    return this.meetings.update(user.id, meetingId, dto);
  }

  @Post('cancel')
  @Endpoint({ summary: 'Cancel one meeting (focal point, co-chairs)', type: MeetingDto, errors: [403, 409] })
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: CancelMeetingDto,
  ): Promise<MeetingDto> {
    return this.meetings.cancel(user.id, meetingId, dto.reason);
  }

  @Put('rsvp')
  @Endpoint({ summary: 'Answer whether the caller will attend', type: RsvpViewDto, errors: [409] })
  rsvp(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: RsvpDto,
  ): Promise<RsvpViewDto> {
    return this.meetings.rsvp(user.id, meetingId, dto);
  }

  @Put('attendance')
  @Endpoint({ summary: 'Record who attended (focal point)', type: AttendanceDto, errors: [403, 409] })
  recordAttendance(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: RecordAttendanceDto,
  ): Promise<AttendanceDto> {
    return this.meetings.recordAttendance(user.id, meetingId, dto);
  }

  @Get('attendance')
  @Endpoint({ summary: 'Attendance and RSVPs of a meeting', type: AttendanceDto })
  attendance(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
  ): Promise<AttendanceDto> {
    return this.meetings.attendance(user.id, meetingId);
  }

  @Get('calendar.ics')
  @Header('Content-Type', ICS)
  @Endpoint({
    summary: 'One meeting as an iCalendar file (bearer or feed token)',
    content: { 'text/calendar': ICS_SCHEMA },
    errors: [401],
    public: true,
  })
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
