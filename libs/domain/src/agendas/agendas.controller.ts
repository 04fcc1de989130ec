import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { LocaleQuery } from '../translations/dto/translation.dto';
import { AcceptLanguage, readPreferences } from '../translations/translations.service';
import { AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
import { AgendaItemsService } from './agenda-items.service';
import { AgendasService } from './agendas.service';
import {
  AgendaDto,
  AgendaItemDto,
  AgendaOrderDto,
  CreateAgendaItemDto,
  DeletedAgendaItemDto,
  RejectAgendaItemDto,
  UpdateAgendaItemDto,
} from './dto/agenda.dto';

@ApiTags('agendas')
@Controller('meetings/:meetingId/agenda')
export class AgendasController {
  constructor(
    private readonly agendas: AgendasService,
    private readonly items: AgendaItemsService,
  ) {}

  @Get()
  @ApiHeader({
    name: 'accept-language',
    required: false,
    description: 'Used when ?locale= is absent or not available',
  })
  @Endpoint({
    summary: "A meeting's agenda with its items",
    type: AgendaDto,
    returns:
      'Links are filtered by what the caller may see; each item in the negotiated locale (its `locale`)',
  })
  get(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Query() q: LocaleQuery,
    @AcceptLanguage() acceptLanguage?: string,
  ): Promise<AgendaDto> {
    return this.agendas.get(user.id, meetingId, readPreferences(q.locale, acceptLanguage));
  }

  @Post('items')
  @Endpoint({
    summary: 'Propose an agenda item (members, not observers)',
    status: 201,
    type: AgendaItemDto,
    returns: 'accepted when added by the focal point or a co-chair, proposed when by a member',
    errors: [403, 409],
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: CreateAgendaItemDto,
  ): Promise<AgendaItemDto> {
    return this.items.create(user.id, meetingId, dto);
  }

  @Put('order')
  @Endpoint({
    summary: 'Set the order of the agenda items (focal point, co-chairs)',
    type: AgendaDto,
    errors: [403, 409],
  })
  order(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: AgendaOrderDto,
  ): Promise<AgendaDto> {
    return this.agendas.order(user.id, meetingId, dto);
  }

  @Post('publish')
  @Endpoint({ summary: 'Publish the agenda (focal point, co-chairs)', type: AgendaDto, errors: [403, 409] })
  publish(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
  ): Promise<AgendaDto> {
    return this.agendas.publish(user.id, meetingId);
  }
}

@ApiTags('agendas')
@Controller('agenda-items/:itemId')
export class AgendaItemsController {
  constructor(private readonly items: AgendaItemsService) {}

  @Patch()
  @Endpoint({
    summary: 'Change an agenda item (its proposer, or the focal point and co-chairs)',
    type: AgendaItemDto,
    errors: [403, 409],
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param('itemId', new UuidParam('Agenda item')) itemId: string,
    @Body() dto: UpdateAgendaItemDto,
  ): Promise<AgendaItemDto> {
    return this.items.update(user.id, itemId, dto);
  }

  @Delete()
  @Endpoint({
    summary: 'Withdraw an agenda item (its proposer, or the focal point and co-chairs)',
    type: DeletedAgendaItemDto,
    errors: [403, 409],
  })
  remove(
    @CurrentUser() user: AuthUser,
    @Param('itemId', new UuidParam('Agenda item')) itemId: string,
  ): Promise<DeletedAgendaItemDto> {
    return this.items.remove(user.id, itemId);
  }

  @Post('accept')
  @Endpoint({
    summary: 'Accept a proposed agenda item (focal point, co-chairs)',
    type: AgendaItemDto,
    errors: [403, 409],
  })
  accept(
    @CurrentUser() user: AuthUser,
    @Param('itemId', new UuidParam('Agenda item')) itemId: string,
  ): Promise<AgendaItemDto> {
    return this.items.accept(user.id, itemId);
  }

  @Post('reject')
  @Endpoint({
    summary: 'Reject a proposed agenda item (focal point, co-chairs)',
    type: AgendaItemDto,
    errors: [403, 409],
  })
  reject(
    @CurrentUser() user: AuthUser,
    @Param('itemId', new UuidParam('Agenda item')) itemId: string,
    @Body() dto: RejectAgendaItemDto,
  ): Promise<AgendaItemDto> {
    return this.items.reject(user.id, itemId, dto);
  }

  @Post('defer')
  @Endpoint({
    summary: 'Defer an agenda item to the next meeting (focal point, co-chairs)',
    type: AgendaItemDto,
    returns: "The item as moved onto the next meeting's agenda",
    errors: [403, 409],
  })
  defer(
    @CurrentUser() user: AuthUser,
    @Param('itemId', new UuidParam('Agenda item')) itemId: string,
  ): Promise<AgendaItemDto> {
    return this.items.defer(user.id, itemId);
  }
}
