import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, Page, UuidParam } from '@roundtable/core';
import type { Response } from 'express';
import { LocaleQuery } from '../translations/dto/translation.dto';
import { AcceptLanguage, readPreferences } from '../translations/translations.service';
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

const ACCEPT_LANGUAGE = {
  name: 'accept-language',
  required: false,
  description: 'Used when ?locale= is absent or not available',
};

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
  @ApiHeader(ACCEPT_LANGUAGE)
  @Endpoint({
    summary: "The group's recommendations, with filters",
    type: RecommendationPageDto,
    returns: 'Each in the negotiated locale (its `locale`)',
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: RecommendationQuery,
    @AcceptLanguage() acceptLanguage?: string,
  ): Promise<Page<RecommendationDto>> {
    return this.recommendations.list(user.id, groupId, q, readPreferences(q.locale, acceptLanguage));
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
  @ApiHeader(ACCEPT_LANGUAGE)
  @Endpoint({
    summary: 'One recommendation with its progress',
    type: RecommendationDetailDto,
    returns: 'In the negotiated locale; Content-Language names it',
  })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('recommendationId', new UuidParam('Recommendation')) id: string,
    @Query() q: LocaleQuery,
    @Res({ passthrough: true }) res: Response,
    @AcceptLanguage() acceptLanguage?: string,
  ): Promise<RecommendationDetailDto> {
    const rec = await this.recommendations.get(user.id, id, readPreferences(q.locale, acceptLanguage));
    res.setHeader('Content-Language', rec.locale);
    return rec;
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
