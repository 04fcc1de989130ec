import { BadRequestProblem, FieldError } from '@roundtable/core';
import { EntityManager } from 'typeorm';
import { groupSourceLocale } from '../translations/translation-sources';
import type { RecommendationDto, TimelineEntryDto } from './dto/recommendation.dto';

// "Overdue": the due date has passed in the group's time zone and the work is not closed.
export const OVERDUE_SQL = `(r.status IN ('open','in_progress') AND (now() AT TIME ZONE g.timezone)::date > r.due_date)`;

export const RECOMMENDATION_SELECT = `
  SELECT r.id, r.group_id, r.meeting_id, r.agenda_item_id, r.title, r.description, r.due_date::text AS due_date,
         r.priority, r.status, r.progress, r.created_by, r.created_at, r.updated_at, r.completed_at,
         r.impact_rating, r.impact_note, r.impact_assessed_by, r.impact_assessed_at,
         ${OVERDUE_SQL} AS overdue, g.languages AS group_languages,
         coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'kind', o.kind, 'verified', o.verified) ORDER BY lower(o.name), o.id)
                   FROM recommendation_organisations ro JOIN organisations o ON o.id = ro.organisation_id
                   WHERE ro.recommendation_id = r.id), '[]'::json) AS organisations
  FROM recommendations r JOIN groups g ON g.id = r.group_id`;

export const TIMELINE_SELECT = `
  SELECT e.id, e.kind, e.author_user_id, u.display_name AS author_name, e.author_organisation_id, e.note, e.status_from,
         e.status_to, e.progress_from, e.progress_to, e.evidence_urls, e.details, e.created_at
  FROM recommendation_timeline e LEFT JOIN users u ON u.id = e.author_user_id`;

export interface TimelineInsert {
  recommendationId: string;
  kind: 'created' | 'progress' | 'edited' | 'impact';
  authorUserId: string | null;
  authorOrganisationId: string | null;
  note?: string | null;
  statusFrom?: string | null;
  statusTo?: string | null;
  progressFrom?: number | null;
  progressTo?: number | null;
  evidenceUrls?: string[];
  details?: Record<string, unknown>;
}

export async function addTimelineEntry(em: EntityManager, e: TimelineInsert): Promise<string> {
  const [row] = await em.query(
    `INSERT INTO recommendation_timeline (recommendation_id, kind, author_user_id, author_organisation_id, note, status_from,
       status_to, progress_from, progress_to, evidence_urls, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      e.recommendationId,
      e.kind,
      e.authorUserId,
      e.authorOrganisationId,
      e.note ?? null,
      e.statusFrom ?? null,
      e.statusTo ?? null,
      e.progressFrom ?? null,
      e.progressTo ?? null,
      e.evidenceUrls ?? [],
      JSON.stringify(e.details ?? {}),
    ],
  );
  return row.id;
}

// Responsible organisations must have active members in the group (400 naming each that has not).
export async function assertResponsibleOrganisations(
  em: EntityManager,
  groupId: string,
  orgIds: string[],
): Promise<void> {
  const rows: { organisation_id: string }[] = await em.query(
    `SELECT DISTINCT organisation_id FROM memberships WHERE group_id = $1 AND status = 'active' AND organisation_id = ANY($2::uuid[])`,
    [groupId, orgIds],
  );
  const present = new Set(rows.map((r) => r.organisation_id));
  const errors: FieldError[] = orgIds
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !present.has(id.toLowerCase()))
    .map(({ id, i }) => ({
      field: `responsibleOrganisationIds.${i}`,
      message: `organisation ${id} has no active member in this group`,
    }));
  if (errors.length)
    throw new BadRequestProblem('Responsible organisations must have active members in the group', errors);
}

export async function assertMeetingOfGroup(
  em: EntityManager,
  groupId: string,
  meetingId: string,
): Promise<void> {
  const [m] = await em.query(`SELECT 1 FROM meetings WHERE id = $1 AND group_id = $2`, [meetingId, groupId]);
  if (!m)
    throw new BadRequestProblem('meetingId: no such meeting in this group', [
      { field: 'meetingId', message: 'no such meeting in this group' },
    ]);
}

// Agenda items belong to another feature: the id is stored as a plain uuid, and checked only
// when that feature's table exists (via its group_id, or its meeting's group).
export async function assertAgendaItemOfGroup(
  em: EntityManager,
  groupId: string,
  itemId: string,
): Promise<void> {
  const cols: { column_name: string }[] = await em.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'agenda_items'`,
  );
  if (cols.length === 0) return;
  const names = new Set(cols.map((c) => c.column_name));
  let sql = `SELECT 1 FROM agenda_items ai WHERE ai.id = $1`;
  if (names.has('group_id')) sql += ` AND ai.group_id = $2`;
  else if (names.has('meeting_id'))
    sql += ` AND EXISTS (SELECT 1 FROM meetings m WHERE m.id = ai.meeting_id AND m.group_id = $2)`;
  else sql += ` AND $2::uuid IS NOT NULL`;
  const [found] = await em.query(sql, [itemId, groupId]);
  if (!found)
    throw new BadRequestProblem('agendaItemId: no such agenda item in this group', [
      { field: 'agendaItemId', message: 'no such agenda item in this group' },
    ]);
}

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
export function toRecommendation(r: any): RecommendationDto {
  return {
    id: r.id,
    groupId: r.group_id,
    meetingId: r.meeting_id,
    agendaItemId: r.agenda_item_id,
    title: r.title,
    description: r.description,
    // The source as stored; the service's reads localize title and description.
    sourceLocale: groupSourceLocale(r.group_languages),
    locale: groupSourceLocale(r.group_languages),
    translationStale: false,
    responsibleOrganisations: r.organisations,
    dueDate: r.due_date,
    priority: r.priority,
    status: r.status,
    progress: r.progress,
    overdue: r.overdue,
    impact: r.impact_rating
      ? {
          rating: r.impact_rating,
          note: r.impact_note,
          assessedBy: r.impact_assessed_by,
          assessedAt: iso(r.impact_assessed_at)!,
        }
      : null,
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    completedAt: iso(r.completed_at),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
export function toTimelineEntry(e: any): TimelineEntryDto {
  return {
    id: e.id,
    kind: e.kind,
    authorUserId: e.author_user_id,
    authorName: e.author_name ?? null,
    authorOrganisationId: e.author_organisation_id,
    note: e.note,
    statusFrom: e.status_from,
    statusTo: e.status_to,
    progressFrom: e.progress_from,
    progressTo: e.progress_to,
    evidenceUrls: e.evidence_urls ?? [],
    details: e.details ?? {},
    at: iso(e.created_at)!,
  };
}
