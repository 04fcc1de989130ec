import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, PageQuery, UuidParam } from '@roundtable/core';
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
@Controller('groups/:groupId/incidents')
export class GroupIncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Post()
  @Endpoint({
    summary: 'Report an incident (members, not observers)',
    status: 201,
    type: IncidentDto,
    errors: [403, 409],
  })
  report(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateIncidentDto,
  ) {
    return this.incidents.report(user.id, groupId, dto);
  }

  @Get()
  @Endpoint({
    summary: 'Incidents the caller may see, newest report first; filters and full-text search',
    type: IncidentPageDto,
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: IncidentQuery,
  ) {
    return this.incidents.list(user.id, groupId, q);
  }
}

@ApiTags('incidents')
@Controller('incidents/:incidentId')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly updates: IncidentUpdatesService,
  ) {}

  @Get()
  @Endpoint({ summary: 'One incident (reads of restricted incidents are logged)', type: IncidentDto })
  get(@CurrentUser() user: AuthUser, @Param('incidentId', new UuidParam('Incident')) incidentId: string) {
    return this.incidents.get(user.id, incidentId);
  }

  @Patch()
  @Endpoint({
    summary: 'Change an incident, its confidentiality or its sharing (reporting organisation)',
    type: IncidentDto,
    errors: [403, 409],
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param('incidentId', new UuidParam('Incident')) incidentId: string,
    @Body() dto: UpdateIncidentDto,
  ) {
    return this.incidents.update(user.id, incidentId, dto);
  }

  @Post('updates')
  @Endpoint({
    summary:
      'Post an update to the thread (members who see it, not observers); status changes by the reporting organisation, focal point or co-chairs',
    status: 201,
    type: IncidentUpdateDto,
    errors: [403, 409],
  })
  postUpdate(
    @CurrentUser() user: AuthUser,
    @Param('incidentId', new UuidParam('Incident')) incidentId: string,
    @Body() dto: CreateIncidentUpdateDto,
  ) {
    return this.updates.post(user.id, incidentId, dto);
  }

  @Get('updates')
  @Endpoint({
    summary: 'The updates thread, oldest first (reads of restricted incidents are logged)',
    type: IncidentUpdatePageDto,
  })
  listUpdates(
    @CurrentUser() user: AuthUser,
    @Param('incidentId', new UuidParam('Incident')) incidentId: string,
    @Query() q: PageQuery,
  ) {
    return this.updates.list(user.id, incidentId, q);
  }

  @Get('access-log')
  @Endpoint({
    summary: 'Who read this restricted incident, and when (reporting organisation)',
    type: IncidentAccessLogPageDto,
    errors: [403],
  })
  accessLog(
    @CurrentUser() user: AuthUser,
    @Param('incidentId', new UuidParam('Incident')) incidentId: string,
    @Query() q: PageQuery,
  ) {
    return this.updates.accessLog(user.id, incidentId, q);
  }
}
