import { Injectable } from '@nestjs/common';
import { BadRequestProblem, ConflictProblem, ForbiddenProblem } from '@roundtable/core';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy, hasPower } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { AssessImpactDto, RecommendationDetailDto, ReportProgressDto } from './dto/recommendation.dto';
import { isTerminal, planProgress } from './recommendation-status';
import { addTimelineEntry } from './recommendation.queries';
import { actorIsResponsible, RecommendationsService } from './recommendations.service';

// Follow-up of a recommendation: progress reports (timeline entries) and the impact assessment.
@Injectable()
export class RecommendationProgressService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly recommendations: RecommendationsService,
  ) {}

  // By a member (not an observer) of a responsible organisation, the focal point or a co-chair.
  async report(userId: string, id: string, dto: ReportProgressDto): Promise<RecommendationDetailDto> {
    return this.ds.transaction(async (em) => {
      const groupId = await this.recommendations.groupOf(em, id);
      const actor = await this.access.require(userId, groupId, 'read', em, 'Recommendation');
      const rec = await this.recommendations.lock(em, id);
      const allowed =
        hasPower(actor, 'manage') || (hasPower(actor, 'contribute') && actorIsResponsible(actor, rec));
      if (!allowed) {
        throw new ForbiddenProblem(
          'Only members of a responsible organisation, the focal point or a co-chair may report progress',
        );
      }
      const plan = planProgress(rec, { status: dto.status, progress: dto.progress });
      if (!plan.ok) {
        if (plan.status === 400)
          throw new BadRequestProblem(
            plan.detail,
            plan.field ? [{ field: plan.field, message: plan.detail }] : undefined,
          );
        throw new ConflictProblem(plan.detail);
      }
      const statusChanged = plan.status !== rec.status;
      const progressChanged = plan.progress !== rec.progress;
      if (statusChanged || progressChanged) {
        await em.query(
          `UPDATE recommendations SET status = $2, progress = $3, updated_at = now(),
             completed_at = CASE WHEN $4::boolean THEN now() ELSE completed_at END
           WHERE id = $1`,
          [id, plan.status, plan.progress, statusChanged && isTerminal(plan.status)],
        );
      }
      const entryId = await addTimelineEntry(em, {
        recommendationId: id,
        kind: 'progress',
        authorUserId: userId,
        authorOrganisationId: actor.organisationId,
        note: dto.note,
        statusFrom: rec.status,
        statusTo: plan.status,
        progressFrom: rec.progress,
        progressTo: plan.progress,
        evidenceUrls: dto.evidenceUrls ?? [],
      });
      await this.changes.record(em, {
        groupId,
        type: 'recommendation.updated',
        entityType: 'recommendation',
        entityId: id,
        actorUserId: userId,
        data: {
          recommendationId: id,
          change: 'progress',
          timelineEntryId: entryId,
          status: plan.status,
          progress: plan.progress,
          statusFrom: rec.status,
        },
        audit: {
          statusFrom: rec.status,
          statusTo: plan.status,
          progressFrom: rec.progress,
          progressTo: plan.progress,
          evidenceUrls: dto.evidenceUrls?.length ?? 0,
        },
      });
      return this.recommendations.detail(em, id);
    });
  }

  // A sitting co-chair assesses the impact once the recommendation is closed; a later assessment
  // replaces the current one and both stay on the timeline.
  async assessImpact(userId: string, id: string, dto: AssessImpactDto): Promise<RecommendationDetailDto> {
    return this.ds.transaction(async (em) => {
      const groupId = await this.recommendations.groupOf(em, id);
      const actor = await this.access.require(userId, groupId, 'read', em, 'Recommendation');
      this.access.assert(actor, 'co_chair');
      const rec = await this.recommendations.lock(em, id);
      if (!isTerminal(rec.status))
        throw new ConflictProblem(
          `Impact is assessed once the recommendation is closed; it is ${rec.status}`,
        );
      await em.query(
        `UPDATE recommendations SET impact_rating = $2, impact_note = $3, impact_assessed_by = $4, impact_assessed_at = now(), updated_at = now()
         WHERE id = $1`,
        [id, dto.rating, dto.note, userId],
      );
      const entryId = await addTimelineEntry(em, {
        recommendationId: id,
        kind: 'impact',
        authorUserId: userId,
        authorOrganisationId: actor.organisationId,
        note: dto.note,
        details: { rating: dto.rating },
      });
      await this.changes.record(em, {
        groupId,
        type: 'recommendation.updated',
        entityType: 'recommendation',
        entityId: id,
        actorUserId: userId,
        data: { recommendationId: id, change: 'impact', timelineEntryId: entryId, impactRating: dto.rating },
        audit: { impactRating: dto.rating },
      });
      return this.recommendations.detail(em, id);
    });
  }
}
