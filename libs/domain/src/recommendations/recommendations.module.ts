import { Module } from '@nestjs/common';
import { RecommendationProgressService } from './recommendation-progress.service';
import { RecommendationSummaryService } from './recommendation-summary.service';
import { GroupRecommendationsController, RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';

@Module({
  controllers: [GroupRecommendationsController, RecommendationsController],
  providers: [RecommendationsService, RecommendationProgressService, RecommendationSummaryService],
  exports: [RecommendationsService],
})
export class RecommendationsModule {}
