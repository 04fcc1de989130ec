import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, UuidParam } from '@roundtable/core';
import {
  CreateNonComplianceDto,
  GroupNonComplianceQuery,
  NonComplianceDto,
  NonCompliancePageDto,
  NonComplianceQuery,
  NonComplianceStepDto,
  UpdateNonComplianceDto,
} from './dto/non-compliance.dto';
import { NonComplianceService } from './non-compliance.service';

@ApiTags('non-compliance')
@ApiBearerAuth()
@Controller('agreements/:agreementId/non-compliance')
export class AgreementNonComplianceController {
  constructor(private readonly reports: NonComplianceService) {}

  @Post()
  @ApiOperation({ summary: 'Report non-compliance (any member who can see the agreement, not observers)' })
  @ApiCreatedResponse({ type: NonComplianceDto })
  report(
    @CurrentUser() user: AuthUser,
    @Param('agreementId', new UuidParam('Agreement')) agreementId: string,
    @Body() dto: CreateNonComplianceDto,
  ) {
    return this.reports.report(user.id, agreementId, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Reports on this agreement the caller may see, newest first' })
  @ApiOkResponse({ type: NonCompliancePageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('agreementId', new UuidParam('Agreement')) agreementId: string,
    @Query() q: NonComplianceQuery,
  ) {
    return this.reports.listForAgreement(user.id, agreementId, q);
  }
}

@ApiTags('non-compliance')
@ApiBearerAuth()
@Controller('groups/:groupId/non-compliance')
export class GroupNonComplianceController {
  constructor(private readonly reports: NonComplianceService) {}

  @Get()
  @ApiOperation({ summary: 'Reports in the group the caller may see, newest first' })
  @ApiOkResponse({ type: NonCompliancePageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: GroupNonComplianceQuery,
  ) {
    return this.reports.listForGroup(user.id, groupId, q);
  }
}

@ApiTags('non-compliance')
@ApiBearerAuth()
@Controller('non-compliance/:reportId')
export class NonComplianceController {
  constructor(private readonly reports: NonComplianceService) {}

  @Get()
  @ApiOkResponse({ type: NonComplianceDto })
  get(@CurrentUser() user: AuthUser, @Param('reportId', new UuidParam('Non-compliance report')) id: string) {
    return this.reports.get(user.id, id);
  }

  @Patch()
  @ApiOperation({ summary: 'Link the follow-up recommendation (parties, focal point, co-chairs)' })
  @ApiOkResponse({ type: NonComplianceDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('reportId', new UuidParam('Non-compliance report')) id: string,
    @Body() dto: UpdateNonComplianceDto,
  ) {
    return this.reports.update(user.id, id, dto);
  }

  @Post('status')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move the report along its workflow with a note (parties, focal point, co-chairs)',
  })
  @ApiOkResponse({ type: NonComplianceDto })
  step(
    @CurrentUser() user: AuthUser,
    @Param('reportId', new UuidParam('Non-compliance report')) id: string,
    @Body() dto: NonComplianceStepDto,
  ) {
    return this.reports.step(user.id, id, dto);
  }
}
