import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, UuidParam } from '@roundtable/core';
import {
  ContributionDto,
  ContributionPageDto,
  ContributionQuery,
  ContributionSummaryDto,
  CreateContributionDto,
} from '../dto/contribution.dto';
import { ContributionsService } from './contributions.service';

@ApiTags('contributions')
@ApiBearerAuth()
@Controller('groups/:groupId/contributions')
export class ContributionsController {
  constructor(private readonly contributions: ContributionsService) {}

  @Post()
  @ApiOperation({ summary: "Record a contribution of the caller's organisation to public security" })
  @ApiCreatedResponse({ type: ContributionDto })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateContributionDto,
  ) {
    return this.contributions.create(user.id, groupId, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Contributions the caller may see, newest first' })
  @ApiOkResponse({ type: ContributionPageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: ContributionQuery,
  ) {
    return this.contributions.list(user.id, groupId, q);
  }

  @Get('summary')
  @ApiOperation({ summary: 'Contributions per recipient and year, over what the caller may see' })
  @ApiOkResponse({ type: ContributionSummaryDto })
  summary(@CurrentUser() user: AuthUser, @Param('groupId', new UuidParam('Group')) groupId: string) {
    return this.contributions.summary(user.id, groupId);
  }
}
