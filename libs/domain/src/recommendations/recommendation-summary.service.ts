import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy } from '../access/group-access.policy';
import { RecommendationStatsDto, RecommendationSummaryDto } from './dto/recommendation.dto';
import { implementationRate } from './recommendation-status';
import { OVERDUE_SQL } from './recommendation.queries';

// Aggregates over `rec` (one row per recommendation, or per recommendation × organisation).
const STATS = `
  count(*)::int AS total,
  count(*) FILTER (WHERE rec.status = 'open')::int AS open,
  count(*) FILTER (WHERE rec.status = 'in_progress')::int AS in_progress,
  count(*) FILTER (WHERE rec.status = 'implemented')::int AS implemented,
  count(*) FILTER (WHERE rec.status = 'partially_implemented')::int AS partially_implemented,
  count(*) FILTER (WHERE rec.status = 'not_implemented')::int AS not_implemented,
  count(*) FILTER (WHERE rec.status = 'dropped')::int AS dropped,
  count(*) FILTER (WHERE rec.overdue)::int AS overdue,
  round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM rec.completed_at - rec.created_at) / 86400)
         FILTER (WHERE rec.status = 'implemented'))::numeric, 1)::float8 AS median_days`;

const REC = `
  WITH rec AS (
    SELECT r.id, r.status, r.created_at, r.completed_at, ${OVERDUE_SQL} AS overdue
    FROM recommendations r JOIN groups g ON g.id = r.group_id WHERE r.group_id = $1
  )`;

@Injectable()
export class RecommendationSummaryService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
  ) {}

  async summary(userId: string, groupId: string): Promise<RecommendationSummaryDto> {
    await this.access.require(userId, groupId);
    const [overall] = await this.ds.query(`${REC} SELECT ${STATS} FROM rec`, [groupId]);
    const perOrg = await this.ds.query(
      `${REC} SELECT o.id AS organisation_id, o.name, o.kind, o.verified, ${STATS}
       FROM rec JOIN recommendation_organisations ro ON ro.recommendation_id = rec.id JOIN organisations o ON o.id = ro.organisation_id
       GROUP BY o.id ORDER BY lower(o.name), o.id`,
      [groupId],
    );
    return {
      groupId,
      ...toStats(overall),
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
      byOrganisation: perOrg.map((r: any) => ({
        organisation: { id: r.organisation_id, name: r.name, kind: r.kind, verified: r.verified },
        ...toStats(r),
      })),
    };
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
function toStats(r: any): RecommendationStatsDto {
  return {
    total: r.total,
    byStatus: {
      open: r.open,
      in_progress: r.in_progress,
      implemented: r.implemented,
      partially_implemented: r.partially_implemented,
      not_implemented: r.not_implemented,
      dropped: r.dropped,
    },
    overdue: r.overdue,
    implementationRate: implementationRate({
      implemented: r.implemented,
      partiallyImplemented: r.partially_implemented,
      notImplemented: r.not_implemented,
    }),
    medianDaysToImplement: r.median_days,
  };
}
