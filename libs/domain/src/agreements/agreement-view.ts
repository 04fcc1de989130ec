import { PgRow } from '@roundtable/core';
import { agreementSight } from '../access/agreement-rules';
import { agreementVisibleSql } from '../access/visibility-sql';
import { AgreementDto } from './dto/agreement.dto';
import { storedCoverage } from './versions/coverage';

// "Review overdue": past nextReviewOn in the group's time zone while the agreement binds.
export const REVIEW_OVERDUE_SQL = `(a.status IN ('in_force','under_review','suspended') AND a.next_review_on IS NOT NULL
  AND (now() AT TIME ZONE g.timezone)::date > a.next_review_on)`;

const dateText = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

// Columns of an agreement as the API shows it, for a viewer in organisation `orgParam`. Callers add
// the visibility predicate (access.agreementVisibilitySql) to WHERE. The parent is named only when
// the viewer may see it. created_key keeps microseconds for the keyset cursor.
export function agreementSelect(orgParam: string): string {
  return `
  SELECT a.id, a.group_id, a.title, a.kind, a.level, a.visibility, a.status, a.status_changed_at, a.template_key,
         a.catalogue_edition, a.source_locale, a.review_interval_months, a.version, a.created_at, a.updated_at,
         ${dateText('a.effective_from')} AS effective_from, ${dateText('a.expires_on')} AS expires_on,
         ${dateText('a.signed_on')} AS signed_on, ${dateText('a.in_force_since')} AS in_force_since,
         ${dateText('a.next_review_on')} AS next_review_on,
         ${REVIEW_OVERDUE_SQL} AS review_overdue,
         to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key,
         CASE WHEN EXISTS (SELECT 1 FROM agreements pa WHERE pa.id = a.parent_agreement_id AND ${agreementVisibleSql('pa', orgParam)})
              THEN a.parent_agreement_id END AS parent_agreement_id,
         coalesce((SELECT json_agg(json_build_object('id', p.id, 'organisationId', o.id, 'name', o.name, 'kind', o.kind,
                     'role', p.role, 'unit', p.unit, 'signatureRequired', p.signature_required,
                     'signed', EXISTS (SELECT 1 FROM agreement_signatures sg WHERE sg.version_id = a.current_version_id AND sg.party_id = p.id))
                     ORDER BY p.position)
                   FROM agreement_parties p JOIN organisations o ON o.id = p.organisation_id WHERE p.agreement_id = a.id), '[]') AS parties,
         coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY lower(s.name), s.id)
                   FROM agreement_sites x JOIN sites s ON s.id = x.site_id WHERE x.agreement_id = a.id), '[]') AS sites,
         cv.id AS cv_id, cv.number AS cv_number, cv.status AS cv_status, cv.revision AS cv_revision,
         coalesce(cv.coverage, '{}') AS coverage,
         ov.id AS ov_id, ov.number AS ov_number, ov.status AS ov_status, ov.revision AS ov_revision,
         (SELECT count(*) FROM agreement_review_requests rr WHERE rr.agreement_id = a.id AND rr.review_id IS NULL)::int AS open_requests
  FROM agreements a
  JOIN groups g ON g.id = a.group_id
  LEFT JOIN agreement_versions cv ON cv.id = a.current_version_id
  LEFT JOIN agreement_versions ov ON ov.agreement_id = a.id AND ov.status IN ('draft','proposed')`;
}

const iso = (v: unknown): string => new Date(v as string).toISOString();

// One agreement for a viewer from organisation `viewerOrganisationId` (who may see it: the query
// carried the predicate). Non-party members of a `summary` agreement get the summary only.
export function toAgreement(r: PgRow, viewerOrganisationId: string): AgreementDto {
  const parties: PgRow[] = r.parties;
  const partyOrganisationIds = parties.map((p) => p.organisationId as string);
  const sight =
    agreementSight(
      { organisationId: viewerOrganisationId },
      { visibility: r.visibility, partyOrganisationIds },
    ) ?? 'summary';
  const dto: AgreementDto = {
    id: r.id,
    groupId: r.group_id,
    access: sight,
    isParty: partyOrganisationIds.includes(viewerOrganisationId),
    title: r.title,
    kind: r.kind,
    level: r.level,
    visibility: r.visibility,
    status: r.status,
    statusChangedAt: iso(r.status_changed_at),
    parentAgreementId: r.parent_agreement_id ?? null,
    sites: r.sites,
    parties: parties.map((p) => ({
      id: p.id,
      organisation: { id: p.organisationId, name: p.name, kind: p.kind },
      role: p.role,
      unit: p.unit ?? null,
      signatureRequired: p.signatureRequired,
      signed: p.signed,
    })),
    effectiveFrom: r.effective_from,
    expiresOn: r.expires_on,
    signedOn: r.signed_on,
    inForceSince: r.in_force_since,
    reviewIntervalMonths: r.review_interval_months,
    nextReviewOn: r.next_review_on,
    reviewOverdue: r.review_overdue,
    coverage: storedCoverage(r.coverage, r.catalogue_edition),
    sourceLocale: r.source_locale,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    version: r.version,
  };
  if (sight === 'full') {
    dto.templateKey = r.template_key;
    dto.currentVersion = r.cv_id
      ? { id: r.cv_id, number: r.cv_number, status: r.cv_status, revision: r.cv_revision }
      : null;
    dto.openVersion = r.ov_id
      ? { id: r.ov_id, number: r.ov_number, status: r.ov_status, revision: r.ov_revision }
      : null;
    dto.openReviewRequests = r.open_requests;
  }
  return dto;
}
