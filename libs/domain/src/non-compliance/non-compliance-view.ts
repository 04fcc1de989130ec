import { PgRow } from '@roundtable/core';
import { revealsReporter } from '../access/agreement-rules';
import { agreementContentVisibleSql, incidentVisibleSql } from '../access/visibility-sql';
import { createdKey } from '../agreements/keyset';
import { NonComplianceDto } from './dto/non-compliance.dto';

// Columns of a report as the API shows it to a viewer in organisation `org`. Callers put the
// report's visibility predicate (access.nonComplianceVisibilitySql) into WHERE; linked incidents
// and the obligation are filtered here by what the viewer may see.
export function nonComplianceSelect(org: string): string {
  return `
  SELECT r.id, r.group_id, r.agreement_id, r.clause_keys, r.description, r.severity, r.confidentiality, r.anonymous,
         r.reporter_user_id, r.reporter_organisation_id, r.status, r.recommendation_id, r.acknowledged_at, r.resolved_at,
         r.closed_at, r.created_at, r.updated_at, ${createdKey('r')}, a.title AS agreement_title,
         CASE WHEN ${agreementContentVisibleSql('a', org)} THEN r.obligation_id END AS obligation_id,
         s.id AS site_id, s.name AS site_name, ru.display_name AS reporter_name, ro.name AS reporter_organisation_name,
         coalesce((SELECT json_agg(json_build_object('id', so.id, 'name', so.name) ORDER BY lower(so.name), so.id)
                   FROM non_compliance_shares sh JOIN organisations so ON so.id = sh.organisation_id WHERE sh.report_id = r.id), '[]') AS shared,
         coalesce((SELECT json_agg(json_build_object('id', i.id, 'title', i.title, 'severity', i.severity, 'occurredAt', i.occurred_at)
                     ORDER BY i.occurred_at, i.id)
                   FROM non_compliance_incidents li JOIN incidents i ON i.id = li.incident_id
                   WHERE li.report_id = r.id AND ${incidentVisibleSql('i', org)}), '[]') AS incidents,
         coalesce((SELECT json_agg(json_build_object('id', st.id, 'statusFrom', st.status_from, 'statusTo', st.status_to,
                     'note', st.note, 'actorUserId', st.actor_user_id, 'actorOrganisationId', st.actor_organisation_id, 'at', st.at)
                     ORDER BY st.at, st.id)
                   FROM non_compliance_steps st WHERE st.report_id = r.id), '[]') AS steps
  FROM non_compliance_reports r
  JOIN agreements a ON a.id = r.agreement_id
  LEFT JOIN sites s ON s.id = r.site_id
  JOIN users ru ON ru.id = r.reporter_user_id
  JOIN organisations ro ON ro.id = r.reporter_organisation_id`;
}

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

// An anonymous report names its reporter — and the steps its organisation took — only inside the
// reporting organisation.
export function toNonCompliance(r: PgRow, viewerOrganisationId: string): NonComplianceDto {
  const facts = { reporterOrganisationId: r.reporter_organisation_id, anonymous: r.anonymous };
  const reveal = revealsReporter(viewerOrganisationId, facts);
  return {
    id: r.id,
    groupId: r.group_id,
    agreementId: r.agreement_id,
    agreementTitle: r.agreement_title,
    clauseKeys: r.clause_keys,
    obligationId: r.obligation_id ?? null,
    site: r.site_id ? { id: r.site_id, name: r.site_name } : null,
    description: r.description,
    severity: r.severity,
    confidentiality: r.confidentiality,
    sharedWithOrganisations: r.shared,
    anonymous: r.anonymous,
    reporter: reveal
      ? {
          userId: r.reporter_user_id,
          displayName: r.reporter_name,
          organisation: { id: r.reporter_organisation_id, name: r.reporter_organisation_name },
        }
      : null,
    reportedByMyOrganisation: r.reporter_organisation_id === viewerOrganisationId,
    status: r.status,
    incidents: (r.incidents as PgRow[]).map((i) => ({
      id: i.id,
      title: i.title,
      severity: i.severity,
      occurredAt: iso(i.occurredAt)!,
    })),
    recommendationId: r.recommendation_id,
    acknowledgedAt: iso(r.acknowledged_at),
    resolvedAt: iso(r.resolved_at),
    closedAt: iso(r.closed_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    steps: (r.steps as PgRow[]).map((s) => {
      const hidden = !reveal && s.actorOrganisationId === r.reporter_organisation_id;
      return {
        id: s.id,
        statusFrom: s.statusFrom,
        statusTo: s.statusTo,
        note: s.note,
        actorUserId: hidden ? null : s.actorUserId,
        actorOrganisationId: hidden ? null : s.actorOrganisationId,
        at: iso(s.at)!,
      };
    }),
  };
}
