import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
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
@Controller('groups/:groupId/equipment-requests')
export class GroupEquipmentRequestsController {
  constructor(private readonly requests: EquipmentRequestsService) {}

  @Post()
  @Endpoint({
    summary: 'Record a request for equipment (the requesting organisation or the deciding company)',
    status: 201,
    type: EquipmentRequestDto,
    errors: [403, 409],
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateEquipmentRequestDto,
  ) {
    return this.requests.create(user.id, groupId, dto);
  }

  @Get()
  @Endpoint({
    summary: 'Equipment requests the caller may see, newest first',
    type: EquipmentRequestPageDto,
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: EquipmentRequestQuery,
  ) {
    return this.requests.list(user.id, groupId, q);
  }
}

@ApiTags('equipment-requests')
@Controller('equipment-requests/:requestId')
export class EquipmentRequestController {
  constructor(private readonly requests: EquipmentRequestsService) {}

  @Get()
  @Endpoint({
    summary: 'An equipment request with its assessment, decision, steps and monitoring',
    type: EquipmentRequestDto,
  })
  get(@CurrentUser() user: AuthUser, @Param('requestId', new UuidParam('Equipment request')) id: string) {
    return this.requests.get(user.id, id);
  }

  @Patch()
  @Endpoint({
    summary: 'Change who the request is shared with (requesting organisation or deciding company)',
    type: EquipmentRequestDto,
    errors: [403, 409],
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param('requestId', new UuidParam('Equipment request')) id: string,
    @Body() dto: UpdateEquipmentRequestDto,
  ) {
    return this.requests.update(user.id, id, dto);
  }

  @Post('assessment')
  @Endpoint({
    summary: 'Record the assessment: risks and alternatives (deciding company)',
    type: EquipmentRequestDto,
    errors: [403, 409],
  })
  assess(
    @CurrentUser() user: AuthUser,
    @Param('requestId', new UuidParam('Equipment request')) id: string,
    @Body() dto: EquipmentAssessmentDto,
  ) {
    return this.requests.assess(user.id, id, dto);
  }

  @Post('decision')
  @Endpoint({
    summary: 'Decide the request (deciding company); a lethal item can only be declined (400)',
    type: EquipmentRequestDto,
    errors: [403, 409],
  })
  decide(
    @CurrentUser() user: AuthUser,
    @Param('requestId', new UuidParam('Equipment request')) id: string,
    @Body() dto: EquipmentDecisionDto,
  ) {
    return this.requests.decide(user.id, id, dto);
  }

  @Post('status')
  @Endpoint({
    summary: 'Withdraw (requester), hand over, monitor, return or close (deciding company), with a note',
    type: EquipmentRequestDto,
    errors: [403, 409],
  })
  move(
    @CurrentUser() user: AuthUser,
    @Param('requestId', new UuidParam('Equipment request')) id: string,
    @Body() dto: EquipmentStatusDto,
  ) {
    return this.requests.move(user.id, id, dto);
  }

  @Post('monitoring')
  @Endpoint({
    summary: 'Record a monitoring finding, optionally linked to a non-compliance report',
    status: 201,
    type: EquipmentRequestDto,
    errors: [403, 409],
  })
  monitor(
    @CurrentUser() user: AuthUser,
    @Param('requestId', new UuidParam('Equipment request')) id: string,
    @Body() dto: EquipmentMonitoringInputDto,
  ) {
    return this.requests.monitor(user.id, id, dto);
  }
}
