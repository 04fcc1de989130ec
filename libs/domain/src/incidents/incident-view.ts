import { preparedQuery } from '@roundtable/database';
import { EntityManager } from 'typeorm';
import { IncidentAccessFacts, revealsIncidentReporter } from '../access/group-access.policy';
import { IncidentDto, IncidentUpdateDto } from './dto/incident.dto';
import { IncidentAccessAction } from './incident.entity';

// An instant as the API writes it (ISO 8601, UTC, milliseconds — what Date#toISOString gives), formatted
// by Postgres: a list page then parses and re-formats no dates in Node.
const isoSql = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Columns of an incident as the API shows it. Callers add the visibility predicate to WHERE.
// Only restricted incidents are shared with named organisations (going to "group" drops the
// list), so the share list is read for those alone; the update count is a column its trigger
// keeps (migration 1764000023000). Both spare a subquery per listed row.
// created_key is created_at at full (microsecond) precision: the keyset cursor must not lose
// precision, or rows sharing a millisecond would be skipped or repeated between pages.
const INCIDENT_COLUMNS = `
         i.id, i.group_id, i.reporter_user_id, i.reporter_organisation_id, i.title, i.description,
         ${isoSql('i.occurred_at')} AS occurred_at,
         i.location_name, i.lat, i.lng, i.category, i.severity, i.actors, i.alleged_human_rights_abuse, i.injured,
         i.killed, i.confidentiality, i.anonymous, i.status, i.version,
         ${isoSql('i.created_at')} AS created_at, ${isoSql('i.updated_at')} AS updated_at,
         to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key,
         ru.display_name AS reporter_display_name, ro.name AS reporter_organisation_name,
         ro.verified AS reporter_organisation_verified,
         CASE WHEN i.confidentiality = 'restricted' THEN
           coalesce((SELECT json_agg(json_build_object('id', so.id, 'name', so.name, 'verified', so.verified)
                               ORDER BY lower(so.name), so.id)
                     FROM incident_shares s JOIN organisations so ON so.id = s.organisation_id WHERE s.incident_id = i.id), '[]')
         ELSE '[]' END AS shared,
         i.update_count`;
const INCIDENT_JOINS = `
  JOIN users ru ON ru.id = i.reporter_user_id
  JOIN organisations ro ON ro.id = i.reporter_organisation_id`;
export const INCIDENT_SELECT = `
  SELECT ${INCIDENT_COLUMNS}
  FROM incidents i${INCIDENT_JOINS}`;

// The same view of a row just inserted, in the INSERT's own statement (one round trip less for a
// report): `insert` is an INSERT INTO incidents … RETURNING *. Shares and updates are read from
// their tables, so a report with shares must insert them first and read it with INCIDENT_SELECT.
export function insertedIncidentSelect(insert: string): string {
  return `WITH i AS (${insert})
  SELECT ${INCIDENT_COLUMNS}
  FROM i${INCIDENT_JOINS}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
export function toIncident(r: any, viewerOrganisationId: string): IncidentDto {
  const facts = { reporterOrganisationId: r.reporter_organisation_id, anonymous: r.anonymous };
  return {
    id: r.id,
    groupId: r.group_id,
    title: r.title,
    description: r.description,
    occurredAt: r.occurred_at,
    location: { name: r.location_name, lat: r.lat ?? null, lng: r.lng ?? null },
    category: r.category,
    severity: r.severity,
    actors: r.actors ?? [],
    allegedHumanRightsAbuse: r.alleged_human_rights_abuse,
    casualties: { injured: r.injured, killed: r.killed },
    confidentiality: r.confidentiality,
    sharedWithOrganisations: r.shared,
    anonymous: r.anonymous,
    reporter: revealsIncidentReporter(viewerOrganisationId, facts)
      ? {
          userId: r.reporter_user_id,
          displayName: r.reporter_display_name,
          organisation: {
            id: r.reporter_organisation_id,
            name: r.reporter_organisation_name,
            verified: r.reporter_organisation_verified,
          },
        }
      : null,
    reportedByMyOrganisation: r.reporter_organisation_id === viewerOrganisationId,
    status: r.status,
    updateCount: r.update_count,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export const INCIDENT_UPDATE_SELECT = `
  SELECT iu.id, iu.incident_id, iu.body, iu.status, iu.status_reason, iu.author_user_id, iu.author_organisation_id, iu.created_at,
         to_char(iu.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key,
         au.display_name AS author_display_name, ao.name AS author_organisation_name,
         ao.verified AS author_organisation_verified
  FROM incident_updates iu
  JOIN users au ON au.id = iu.author_user_id
  JOIN organisations ao ON ao.id = iu.author_organisation_id`;

// An update posted by the reporting organisation of an anonymous incident would name it:
// its author is hidden from outsiders like the reporter.
export function toIncidentUpdate(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
  r: any,
  incident: Pick<IncidentAccessFacts, 'reporterOrganisationId' | 'anonymous'>,
  viewerOrganisationId: string,
): IncidentUpdateDto {
  const hidden =
    r.author_organisation_id === incident.reporterOrganisationId &&
    !revealsIncidentReporter(viewerOrganisationId, incident);
  return {
    id: r.id,
    incidentId: r.incident_id,
    body: r.body,
    status: r.status ?? null,
    statusReason: r.status_reason ?? null,
    author: hidden
      ? null
      : {
          userId: r.author_user_id,
          displayName: r.author_display_name,
          organisation: {
            id: r.author_organisation_id,
            name: r.author_organisation_name,
            verified: r.author_organisation_verified,
          },
        },
    createdAt: new Date(r.created_at).toISOString(),
  };
}

// Records reads of restricted incidents (group incidents are not logged). One row per incident.
export async function logIncidentReads(
  em: EntityManager,
  reads: { incidentId: string; confidentiality: string }[],
  reader: { userId: string; organisationId: string },
  action: IncidentAccessAction,
): Promise<void> {
  const ids = [...new Set(reads.filter((r) => r.confidentiality === 'restricted').map((r) => r.incidentId))];
  if (ids.length === 0) return;
  await preparedQuery(
    em,
    `INSERT INTO incident_access_log (incident_id, user_id, organisation_id, action)
     SELECT x, $2, $3, $4 FROM unnest($1::uuid[]) AS x`,
    [ids, reader.userId, reader.organisationId, action],
  );
}
