import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, UuidParam } from '@roundtable/core';
import {
  CreateEquipmentRequestDto,
  EquipmentAssessmentDto,
  EquipmentDecisionDto,
  EquipmentMonitoringInputDto,
  EquipmentRequestDto,
  EquipmentRequestPageDto,
  EquipmentRequestQuery,
  EquipmentStatusDto,
  UpdateEquipmentRequestDto,
} from '../dto/equipment.dto';
import { EquipmentRequestsService } from './equipment.service';

@ApiTags('equipment-requests')
@ApiBearerAuth()
@Controller('groups/:groupId/equipment-requests')
export class GroupEquipmentRequestsController {
  constructor(private readonly requests: EquipmentRequestsService) {}

  @Post()
  @ApiOperation({
    summary: 'Record a request for equipment (the requesting organisation or the deciding company)',
  })
  @ApiCreatedResponse({ type: EquipmentRequestDto })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateEquipmentRequestDto,
  ) {
    return this.requests.create(user.id, groupId, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Equipment requests the caller may see, newest first' })
  @ApiOkResponse({ type: EquipmentRequestPageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: EquipmentRequestQuery,
  ) {
    return this.requests.list(user.id, groupId, q);
  }
}

@ApiTags('equipment-requests')
@ApiBearerAuth()
@Controller('equipment-requests/:requestId')
export class EquipmentRequestController {
  constructor(private readonly requests: EquipmentRequestsService) {}

  @Get()
  @ApiOperation({ summary: 'An equipment request with its assessment, decision, steps and monitoring' })
  @ApiOkResponse({ type: EquipmentRequestDto })
  get(@CurrentUser() user: AuthUser, @Param('requestId', new UuidParam('Equipment request')) id: string) {
    return this.requests.get(user.id, id);
  }

  @Patch()
  @ApiOperation({
    summary: 'Change who the request is shared with (requesting organisation or deciding company)',
  })
  @ApiOkResponse({ type: EquipmentRequestDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('requestId', new UuidParam('Equipment request')) id: string,
    @Body() dto: UpdateEquipmentRequestDto,
  ) {
    return this.requests.update(user.id, id, dto);
  }

  @Post('assessment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the assessment: risks and alternatives (deciding company)' })
  @ApiOkResponse({ type: EquipmentRequestDto })
  assess(
    @CurrentUser() user: AuthUser,
    @Param('requestId', new UuidParam('Equipment request')) id: string,
    @Body() dto: EquipmentAssessmentDto,
  ) {
    return this.requests.assess(user.id, id, dto);
  }

  @Post('decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decide the request (deciding company); a lethal item can only be declined (400)',
  })
  @ApiOkResponse({ type: EquipmentRequestDto })
  decide(
    @CurrentUser() user: AuthUser,
    @Param('requestId', new UuidParam('Equipment request')) id: string,
    @Body() dto: EquipmentDecisionDto,
  ) {
    return this.requests.decide(user.id, id, dto);
  }

  @Post('status')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw (requester), hand over, monitor, return or close (deciding company), with a note',
  })
  @ApiOkResponse({ type: EquipmentRequestDto })
  move(
    @CurrentUser() user: AuthUser,
    @Param('requestId', new UuidParam('Equipment request')) id: string,
    @Body() dto: EquipmentStatusDto,
  ) {
    return this.requests.move(user.id, id, dto);
  }

  @Post('monitoring')
  @ApiOperation({ summary: 'Record a monitoring finding, optionally linked to a non-compliance report' })
  @ApiCreatedResponse({ type: EquipmentRequestDto })
  monitor(
    @CurrentUser() user: AuthUser,
    @Param('requestId', new UuidParam('Equipment request')) id: string,
    @Body() dto: EquipmentMonitoringInputDto,
  ) {
    return this.requests.monitor(user.id, id, dto);
  }
}
