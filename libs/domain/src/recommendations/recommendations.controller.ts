import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Page, UuidParam } from '@roundtable/core';
import {
  AssessImpactDto,
  CreateRecommendationDto,
  RecommendationDetailDto,
  RecommendationDto,
  RecommendationPageDto,
  RecommendationQuery,
  RecommendationSummaryDto,
  ReportProgressDto,
  UpdateRecommendationDto,
} from './dto/recommendation.dto';
import { RecommendationProgressService } from './recommendation-progress.service';
import { RecommendationSummaryService } from './recommendation-summary.service';
import { RecommendationsService } from './recommendations.service';

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('groups/:groupId/recommendations')
export class GroupRecommendationsController {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly summaries: RecommendationSummaryService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: RecommendationDetailDto })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateRecommendationDto,
  ): Promise<RecommendationDetailDto> {
    return this.recommendations.create(user.id, groupId, dto);
  }

  @Get()
  @ApiOkResponse({ type: RecommendationPageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: RecommendationQuery,
  ): Promise<Page<RecommendationDto>> {
    return this.recommendations.list(user.id, groupId, q);
  }

  @Get('summary')
  @ApiOkResponse({ type: RecommendationSummaryDto })
  summary(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
  ): Promise<RecommendationSummaryDto> {
    return this.summaries.summary(user.id, groupId);
  }
}

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations/:recommendationId')
export class RecommendationsController {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly progress: RecommendationProgressService,
  ) {}

  @Get()
  @ApiOkResponse({ type: RecommendationDetailDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('recommendationId', new UuidParam('Recommendation')) id: string,
  ): Promise<RecommendationDetailDto> {
    return this.recommendations.get(user.id, id);
  }

  @Patch()
  @ApiOkResponse({ type: RecommendationDetailDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('recommendationId', new UuidParam('Recommendation')) id: string,
    @Body() dto: UpdateRecommendationDto,
  ): Promise<RecommendationDetailDto> {
    return this.recommendations.update(user.id, id, dto);
  }

  @Post('progress')
  @ApiCreatedResponse({
    type: RecommendationDetailDto,
    description: 'The recommendation with the new timeline entry',
  })
  report(
    @CurrentUser() user: AuthUser,
    @Param('recommendationId', new UuidParam('Recommendation')) id: string,
    @Body() dto: ReportProgressDto,
  ): Promise<RecommendationDetailDto> {
    return this.progress.report(user.id, id, dto);
  }

  @Post('impact')
  @ApiCreatedResponse({
    type: RecommendationDetailDto,
    description: 'The recommendation with its impact assessment',
  })
  impact(
    @CurrentUser() user: AuthUser,
    @Param('recommendationId', new UuidParam('Recommendation')) id: string,
    @Body() dto: AssessImpactDto,
  ): Promise<RecommendationDetailDto> {
    return this.progress.assessImpact(user.id, id, dto);
  }
}
