import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
import {
  CreateObligationDto,
  ObligationDetailDto,
  ObligationPageDto,
  ObligationQuery,
  ReportObligationProgressDto,
} from './dto/obligation.dto';
import { ObligationsService } from './obligations.service';

@ApiTags('obligations')
@Controller('agreements/:agreementId/obligations')
export class AgreementObligationsController {
  constructor(private readonly obligations: ObligationsService) {}

  @Post()
  @Endpoint({
    summary: 'Derive an obligation from a clause (party members)',
    status: 201,
    type: ObligationDetailDto,
    errors: [403, 409],
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('agreementId', new UuidParam('Agreement')) agreementId: string,
    @Body() dto: CreateObligationDto,
  ) {
    return this.obligations.create(user.id, agreementId, dto);
  }

  @Get()
  @Endpoint({
    summary: 'Obligations of the agreement (content viewers), oldest first',
    type: ObligationPageDto,
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('agreementId', new UuidParam('Agreement')) agreementId: string,
    @Query() q: ObligationQuery,
  ) {
    return this.obligations.list(user.id, agreementId, q);
  }
}

@ApiTags('obligations')
@Controller('obligations/:obligationId')
export class ObligationsController {
  constructor(private readonly obligations: ObligationsService) {}

  @Get()
  @Endpoint({ summary: 'One obligation with its progress reports', type: ObligationDetailDto })
  get(@CurrentUser() user: AuthUser, @Param('obligationId', new UuidParam('Obligation')) id: string) {
    return this.obligations.get(user.id, id);
  }

  @Post('progress')
  @Endpoint({
    summary: 'Report progress (party members)',
    status: 201,
    type: ObligationDetailDto,
    errors: [403, 409],
  })
  report(
    @CurrentUser() user: AuthUser,
    @Param('obligationId', new UuidParam('Obligation')) id: string,
    @Body() dto: ReportObligationProgressDto,
  ) {
    return this.obligations.report(user.id, id, dto);
  }
}
