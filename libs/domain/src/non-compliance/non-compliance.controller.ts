import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
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
@Controller('agreements/:agreementId/non-compliance')
export class AgreementNonComplianceController {
  constructor(private readonly reports: NonComplianceService) {}

  @Post()
  @Endpoint({
    summary: 'Report non-compliance (any member who can see the agreement, not observers)',
    status: 201,
    type: NonComplianceDto,
    errors: [403, 409],
  })
  report(
    @CurrentUser() user: AuthUser,
    @Param('agreementId', new UuidParam('Agreement')) agreementId: string,
    @Body() dto: CreateNonComplianceDto,
  ) {
    return this.reports.report(user.id, agreementId, dto);
  }

  @Get()
  @Endpoint({
    summary: 'Reports on this agreement the caller may see, newest first',
    type: NonCompliancePageDto,
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('agreementId', new UuidParam('Agreement')) agreementId: string,
    @Query() q: NonComplianceQuery,
  ) {
    return this.reports.listForAgreement(user.id, agreementId, q);
  }
}

@ApiTags('non-compliance')
@Controller('groups/:groupId/non-compliance')
export class GroupNonComplianceController {
  constructor(private readonly reports: NonComplianceService) {}

  @Get()
  @Endpoint({ summary: 'Reports in the group the caller may see, newest first', type: NonCompliancePageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: GroupNonComplianceQuery,
  ) {
    return this.reports.listForGroup(user.id, groupId, q);
  }
}

@ApiTags('non-compliance')
@Controller('non-compliance/:reportId')
export class NonComplianceController {
  constructor(private readonly reports: NonComplianceService) {}

  @Get()
  @Endpoint({ summary: 'One non-compliance report', type: NonComplianceDto })
  get(@CurrentUser() user: AuthUser, @Param('reportId', new UuidParam('Non-compliance report')) id: string) {
    return this.reports.get(user.id, id);
  }

  @Patch()
  @Endpoint({
    summary: 'Link the follow-up recommendation (parties, focal point, co-chairs)',
    type: NonComplianceDto,
    errors: [403, 409],
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param('reportId', new UuidParam('Non-compliance report')) id: string,
    @Body() dto: UpdateNonComplianceDto,
  ) {
    return this.reports.update(user.id, id, dto);
  }

  @Post('status')
  @Endpoint({
    summary: 'Move the report along its workflow with a note (parties, focal point, co-chairs)',
    type: NonComplianceDto,
    errors: [403, 409],
  })
  step(
    @CurrentUser() user: AuthUser,
    @Param('reportId', new UuidParam('Non-compliance report')) id: string,
    @Body() dto: NonComplianceStepDto,
  ) {
    return this.reports.step(user.id, id, dto);
  }
}
