import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
import {
  ContributionDto,
  ContributionPageDto,
  ContributionQuery,
  ContributionSummaryDto,
  CreateContributionDto,
} from '../dto/contribution.dto';
import { ContributionsService } from './contributions.service';

@ApiTags('contributions')
@Controller('groups/:groupId/contributions')
export class ContributionsController {
  constructor(private readonly contributions: ContributionsService) {}

  @Post()
  @Endpoint({
    summary: "Record a contribution of the caller's organisation to public security",
    status: 201,
    type: ContributionDto,
    errors: [403, 409],
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateContributionDto,
  ) {
    return this.contributions.create(user.id, groupId, dto);
  }

  @Get()
  @Endpoint({
    summary: 'Contributions the caller may see, newest first',
    type: ContributionPageDto,
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: ContributionQuery,
  ) {
    return this.contributions.list(user.id, groupId, q);
  }

  @Get('summary')
  @Endpoint({
    summary: 'Contributions per recipient and year, over what the caller may see',
    type: ContributionSummaryDto,
  })
  summary(@CurrentUser() user: AuthUser, @Param('groupId', new UuidParam('Group')) groupId: string) {
    return this.contributions.summary(user.id, groupId);
  }
}
