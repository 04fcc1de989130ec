import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, PageQuery, UuidParam } from '@roundtable/core';
import {
  CreateIncidentDto,
  CreateIncidentUpdateDto,
  IncidentAccessLogPageDto,
  IncidentDto,
  IncidentPageDto,
  IncidentQuery,
  IncidentUpdateDto,
  IncidentUpdatePageDto,
  UpdateIncidentDto,
} from './dto/incident.dto';
import { IncidentUpdatesService } from './incident-updates.service';
import { IncidentsService } from './incidents.service';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('groups/:groupId/incidents')
export class GroupIncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Post()
  @ApiOperation({ summary: 'Report an incident (members, not observers)' })
  @ApiCreatedResponse({ type: IncidentDto })
  report(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateIncidentDto,
  ) {
    return this.incidents.report(user.id, groupId, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'Incidents the caller may see, newest report first; filters and full-text search',
  })
  @ApiOkResponse({ type: IncidentPageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: IncidentQuery,
  ) {
    return this.incidents.list(user.id, groupId, q);
  }
}

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents/:incidentId')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly updates: IncidentUpdatesService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'One incident (reads of restricted incidents are logged)' })
  @ApiOkResponse({ type: IncidentDto })
  get(@CurrentUser() user: AuthUser, @Param('incidentId', new UuidParam('Incident')) incidentId: string) {
    return this.incidents.get(user.id, incidentId);
  }

  @Patch()
  @ApiOperation({
    summary: 'Change an incident, its confidentiality or its sharing (reporting organisation)',
  })
  @ApiOkResponse({ type: IncidentDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('incidentId', new UuidParam('Incident')) incidentId: string,
    @Body() dto: UpdateIncidentDto,
  ) {
    return this.incidents.update(user.id, incidentId, dto);
  }

  @Post('updates')
  @ApiOperation({
    summary:
      'Post an update to the thread (members who see it, not observers); status changes by the reporting organisation, focal point or co-chairs',
  })
  @ApiCreatedResponse({ type: IncidentUpdateDto })
  postUpdate(
    @CurrentUser() user: AuthUser,
    @Param('incidentId', new UuidParam('Incident')) incidentId: string,
    @Body() dto: CreateIncidentUpdateDto,
  ) {
    return this.updates.post(user.id, incidentId, dto);
  }

  @Get('updates')
  @ApiOperation({ summary: 'The updates thread, oldest first (reads of restricted incidents are logged)' })
  @ApiOkResponse({ type: IncidentUpdatePageDto })
  listUpdates(
    @CurrentUser() user: AuthUser,
    @Param('incidentId', new UuidParam('Incident')) incidentId: string,
    @Query() q: PageQuery,
  ) {
    return this.updates.list(user.id, incidentId, q);
  }

  @Get('access-log')
  @ApiOperation({ summary: 'Who read this restricted incident, and when (reporting organisation)' })
  @ApiOkResponse({ type: IncidentAccessLogPageDto })
  accessLog(
    @CurrentUser() user: AuthUser,
    @Param('incidentId', new UuidParam('Incident')) incidentId: string,
    @Query() q: PageQuery,
  ) {
    return this.updates.accessLog(user.id, incidentId, q);
  }
}
