import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { LocaleQuery } from '../translations/dto/translation.dto';
import { AcceptLanguage, readPreferences } from '../translations/translations.service';
import { AuthUser, CurrentUser, UuidParam } from '@roundtable/core';
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
@ApiBearerAuth()
@Controller('meetings/:meetingId/agenda')
export class AgendasController {
  constructor(
    private readonly agendas: AgendasService,
    private readonly items: AgendaItemsService,
  ) {}

  @Get()
  @ApiHeader({
    name: 'Accept-Language',
    required: false,
    description: 'Used when ?locale= is absent or not available',
  })
  @ApiOkResponse({
    type: AgendaDto,
    description:
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
  @ApiCreatedResponse({
    type: AgendaItemDto,
    description: 'accepted when added by the focal point or a co-chair, proposed when by a member',
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: CreateAgendaItemDto,
  ): Promise<AgendaItemDto> {
    return this.items.create(user.id, meetingId, dto);
  }

  @Put('order')
  @ApiOkResponse({ type: AgendaDto })
  order(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
    @Body() dto: AgendaOrderDto,
  ): Promise<AgendaDto> {
    return this.agendas.order(user.id, meetingId, dto);
  }

  @Post('publish')
  @HttpCode(200)
  @ApiOkResponse({ type: AgendaDto })
  publish(
    @CurrentUser() user: AuthUser,
    @Param('meetingId', new UuidParam('Meeting')) meetingId: string,
  ): Promise<AgendaDto> {
    return this.agendas.publish(user.id, meetingId);
  }
}

@ApiTags('agendas')
@ApiBearerAuth()
@Controller('agenda-items/:itemId')
export class AgendaItemsController {
  constructor(private readonly items: AgendaItemsService) {}

  @Patch()
  @ApiOkResponse({ type: AgendaItemDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('itemId', new UuidParam('Agenda item')) itemId: string,
    @Body() dto: UpdateAgendaItemDto,
  ): Promise<AgendaItemDto> {
    return this.items.update(user.id, itemId, dto);
  }

  @Delete()
  @ApiOkResponse({ type: DeletedAgendaItemDto })
  remove(
    @CurrentUser() user: AuthUser,
    @Param('itemId', new UuidParam('Agenda item')) itemId: string,
  ): Promise<DeletedAgendaItemDto> {
    return this.items.remove(user.id, itemId);
  }

  @Post('accept')
  @HttpCode(200)
  @ApiOkResponse({ type: AgendaItemDto })
  accept(
    @CurrentUser() user: AuthUser,
    @Param('itemId', new UuidParam('Agenda item')) itemId: string,
  ): Promise<AgendaItemDto> {
    return this.items.accept(user.id, itemId);
  }

  @Post('reject')
  @HttpCode(200)
  @ApiOkResponse({ type: AgendaItemDto })
  reject(
    @CurrentUser() user: AuthUser,
    @Param('itemId', new UuidParam('Agenda item')) itemId: string,
    @Body() dto: RejectAgendaItemDto,
  ): Promise<AgendaItemDto> {
    return this.items.reject(user.id, itemId, dto);
  }

  @Post('defer')
  @HttpCode(200)
  @ApiOkResponse({ type: AgendaItemDto, description: "The item as moved onto the next meeting's agenda" })
  defer(
    @CurrentUser() user: AuthUser,
    @Param('itemId', new UuidParam('Agenda item')) itemId: string,
  ): Promise<AgendaItemDto> {
    return this.items.defer(user.id, itemId);
  }
}
