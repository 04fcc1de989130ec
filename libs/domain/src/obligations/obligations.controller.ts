import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, UuidParam } from '@roundtable/core';
import {
  CreateObligationDto,
  ObligationDetailDto,
  ObligationPageDto,
  ObligationQuery,
  ReportObligationProgressDto,
} from './dto/obligation.dto';
import { ObligationsService } from './obligations.service';

@ApiTags('obligations')
@ApiBearerAuth()
@Controller('agreements/:agreementId/obligations')
export class AgreementObligationsController {
  constructor(private readonly obligations: ObligationsService) {}

  @Post()
  @ApiOperation({ summary: 'Derive an obligation from a clause (party members)' })
  @ApiCreatedResponse({ type: ObligationDetailDto })
  create(
    @CurrentUser() user: AuthUser,
    @Param('agreementId', new UuidParam('Agreement')) agreementId: string,
    @Body() dto: CreateObligationDto,
  ) {
    return this.obligations.create(user.id, agreementId, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Obligations of the agreement (content viewers), oldest first' })
  @ApiOkResponse({ type: ObligationPageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('agreementId', new UuidParam('Agreement')) agreementId: string,
    @Query() q: ObligationQuery,
  ) {
    return this.obligations.list(user.id, agreementId, q);
  }
}

@ApiTags('obligations')
@ApiBearerAuth()
@Controller('obligations/:obligationId')
export class ObligationsController {
  constructor(private readonly obligations: ObligationsService) {}

  @Get()
  @ApiOkResponse({ type: ObligationDetailDto })
  get(@CurrentUser() user: AuthUser, @Param('obligationId', new UuidParam('Obligation')) id: string) {
    return this.obligations.get(user.id, id);
  }

  @Post('progress')
  @ApiOperation({ summary: 'Report progress (party members)' })
  @ApiCreatedResponse({ type: ObligationDetailDto })
  report(
    @CurrentUser() user: AuthUser,
    @Param('obligationId', new UuidParam('Obligation')) id: string,
    @Body() dto: ReportObligationProgressDto,
  ) {
    return this.obligations.report(user.id, id, dto);
  }
}
