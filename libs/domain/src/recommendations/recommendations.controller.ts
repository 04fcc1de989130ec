import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, Page, UuidParam } from '@roundtable/core';
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
@Controller('groups/:groupId/recommendations')
export class GroupRecommendationsController {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly summaries: RecommendationSummaryService,
  ) {}

  @Post()
  @Endpoint({
    summary: 'Record a recommendation (focal point, co-chairs)',
    status: 201,
    type: RecommendationDetailDto,
    errors: [403, 409],
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateRecommendationDto,
  ): Promise<RecommendationDetailDto> {
    return this.recommendations.create(user.id, groupId, dto);
  }

  @Get()
  @Endpoint({ summary: "The group's recommendations, with filters", type: RecommendationPageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: RecommendationQuery,
  ): Promise<Page<RecommendationDto>> {
    return this.recommendations.list(user.id, groupId, q);
  }

  @Get('summary')
  @Endpoint({ summary: 'Recommendation counts by status and organisation', type: RecommendationSummaryDto })
  summary(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
  ): Promise<RecommendationSummaryDto> {
    return this.summaries.summary(user.id, groupId);
  }
}

@ApiTags('recommendations')
@Controller('recommendations/:recommendationId')
export class RecommendationsController {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly progress: RecommendationProgressService,
  ) {}

  @Get()
  @Endpoint({ summary: 'One recommendation with its progress', type: RecommendationDetailDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('recommendationId', new UuidParam('Recommendation')) id: string,
  ): Promise<RecommendationDetailDto> {
    return this.recommendations.get(user.id, id);
  }

  @Patch()
  @Endpoint({
    summary: 'Change a recommendation (focal point, co-chairs)',
    type: RecommendationDetailDto,
    errors: [403, 409],
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param('recommendationId', new UuidParam('Recommendation')) id: string,
    @Body() dto: UpdateRecommendationDto,
  ): Promise<RecommendationDetailDto> {
    return this.recommendations.update(user.id, id, dto);
  }

  @Post('progress')
  @Endpoint({
    summary: 'Report progress on a recommendation (responsible organisations, focal point)',
    status: 201,
    type: RecommendationDetailDto,
    returns: 'The recommendation with the new timeline entry',
    errors: [403, 409],
  })
  report(
    @CurrentUser() user: AuthUser,
    @Param('recommendationId', new UuidParam('Recommendation')) id: string,
    @Body() dto: ReportProgressDto,
  ): Promise<RecommendationDetailDto> {
    return this.progress.report(user.id, id, dto);
  }

  @Post('impact')
  @Endpoint({
    summary: "Assess a recommendation's impact (focal point, co-chairs)",
    status: 201,
    type: RecommendationDetailDto,
    returns: 'The recommendation with its impact assessment',
    errors: [403, 409],
  })
  impact(
    @CurrentUser() user: AuthUser,
    @Param('recommendationId', new UuidParam('Recommendation')) id: string,
    @Body() dto: AssessImpactDto,
  ): Promise<RecommendationDetailDto> {
    return this.progress.assessImpact(user.id, id, dto);
  }
}
