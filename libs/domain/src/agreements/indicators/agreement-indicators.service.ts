import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy } from '../../access/group-access.policy';
import { REVIEW_OVERDUE_SQL } from '../agreement-view';
import { CATALOGUE_KEYS } from '../catalogue/agreement-clauses.catalogue';
import { OBLIGATION_OVERDUE_SQL } from '../../obligations/obligation.queries';
import { AgreementIndicatorsDto } from './indicators.dto';

// "In force" for the indicators: in_force, and under_review (an agreement being reviewed still applies).
const IN_FORCE = `a.status IN ('in_force','under_review')`;

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

// Monitoring indicators, computed in SQL over what the caller may see: agreements through the
// agreement predicate (status and coverage are summary information), obligations through the
// content predicate, reports through the non-compliance predicate. Nothing hidden is counted.
@Injectable()
export class AgreementIndicatorsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
  ) {}

  async indicators(userId: string, groupId: string): Promise<AgreementIndicatorsDto> {
    const actor = await this.access.require(userId, groupId);
    const visible = this.access.agreementVisibilitySql('a', '$2');
    const [row] = await this.ds.query(
      `WITH va AS (
         SELECT a.id, a.status, a.current_version_id, ${REVIEW_OVERDUE_SQL} AS review_overdue
         FROM agreements a JOIN groups g ON g.id = a.group_id WHERE a.group_id = $1 AND ${visible}
       ),
       force AS (SELECT va.id, coalesce(v.coverage, '{}') AS coverage FROM va JOIN agreements a ON a.id = va.id
                 LEFT JOIN agreement_versions v ON v.id = va.current_version_id WHERE ${IN_FORCE}),
       ps AS (SELECT s.id FROM sites s WHERE s.group_id = $1 AND s.public_security_present),
       vo AS (SELECT o.status, ${OBLIGATION_OVERDUE_SQL} AS overdue
              FROM obligations o JOIN agreements a ON a.id = o.agreement_id JOIN groups g ON g.id = a.group_id
              WHERE a.group_id = $1 AND ${this.access.agreementContentVisibilitySql('a', '$2')}),
       vr AS (SELECT r.status, r.created_at, r.acknowledged_at, r.resolved_at, r.closed_at
              FROM non_compliance_reports r WHERE r.group_id = $1 AND ${this.access.nonComplianceVisibilitySql('r', '$2')})
       SELECT
         (SELECT count(*) FROM force)::int AS in_force,
         (SELECT count(*) FROM ps)::int AS ps_sites,
         (SELECT count(*) FROM ps WHERE EXISTS (SELECT 1 FROM agreement_sites x JOIN force f ON f.id = x.agreement_id
                                                 WHERE x.site_id = ps.id))::int AS ps_covered,
         (SELECT coalesce(json_object_agg(k, (SELECT count(*) FROM force WHERE k = ANY(force.coverage))), '{}')
            FROM unnest($3::text[]) AS k) AS coverage,
         (SELECT count(*) FROM va WHERE va.review_overdue)::int AS reviews_overdue,
         (SELECT count(*) FROM vo)::int AS obligations_total,
         (SELECT count(*) FROM vo WHERE vo.status = 'met')::int AS obligations_met,
         (SELECT count(*) FROM vo WHERE vo.overdue)::int AS obligations_overdue,
         (SELECT count(*) FROM vr WHERE vr.closed_at IS NULL)::int AS nc_open,
         (SELECT count(*) FROM vr WHERE vr.closed_at IS NOT NULL)::int AS nc_closed,
         (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM vr.acknowledged_at - vr.created_at) / 86400))::numeric, 1)
            FROM vr WHERE vr.acknowledged_at IS NOT NULL)::float8 AS median_ack,
         (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM vr.resolved_at - vr.created_at) / 86400))::numeric, 1)
            FROM vr WHERE vr.resolved_at IS NOT NULL)::float8 AS median_resolve`,
      [groupId, actor.organisationId, CATALOGUE_KEYS],
    );
    const coverage: Record<string, number> = row.coverage;
    return {
      agreementsInForce: row.in_force,
      sites: {
        withPublicSecurity: row.ps_sites,
        withAgreementInForce: row.ps_covered,
        share: ratio(row.ps_covered, row.ps_sites),
      },
      clauseCoverage: CATALOGUE_KEYS.map((key) => ({
        key,
        agreements: Number(coverage[key] ?? 0),
        share: ratio(Number(coverage[key] ?? 0), row.in_force),
      })),
      reviewsOverdue: row.reviews_overdue,
      obligations: {
        total: row.obligations_total,
        met: row.obligations_met,
        overdue: row.obligations_overdue,
      },
      nonCompliance: {
        open: row.nc_open,
        closed: row.nc_closed,
        medianDaysToAcknowledge: row.median_ack,
        medianDaysToResolve: row.median_resolve,
      },
    };
  }
}
