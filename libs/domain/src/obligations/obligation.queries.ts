import { PgRow } from '@roundtable/core';
import { createdKey } from '../agreements/keyset';
import { ObligationDto, ObligationProgressEntryDto } from './dto/obligation.dto';

// "Overdue": the running due date has passed in the group's time zone and the work is not closed.
export const OBLIGATION_OVERDUE_SQL = `(o.status IN ('open','in_progress') AND o.next_due_on IS NOT NULL
  AND (now() AT TIME ZONE g.timezone)::date > o.next_due_on)`;

const d = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

export const OBLIGATION_SELECT = `
  SELECT o.id, o.agreement_id, o.clause_key, o.title, o.rrule, o.status, o.progress, o.created_by, o.created_at,
         o.updated_at, o.completed_at, ${d('o.due_date')} AS due_date, ${d('o.next_due_on')} AS next_due_on,
         ${d('o.last_fulfilled_on')} AS last_fulfilled_on, ${OBLIGATION_OVERDUE_SQL} AS overdue, ${createdKey('o')},
         ro.id AS org_id, ro.name AS org_name, ro.kind AS org_kind
  FROM obligations o
  JOIN agreements a ON a.id = o.agreement_id
  JOIN groups g ON g.id = a.group_id
  JOIN organisations ro ON ro.id = o.responsible_organisation_id`;

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

export function toObligation(r: PgRow): ObligationDto {
  return {
    id: r.id,
    agreementId: r.agreement_id,
    clauseKey: r.clause_key,
    title: r.title,
    responsibleOrganisation: { id: r.org_id, name: r.org_name, kind: r.org_kind },
    dueDate: r.due_date,
    rrule: r.rrule,
    nextDueOn: r.next_due_on,
    lastFulfilledOn: r.last_fulfilled_on,
    status: r.status,
    progress: r.progress,
    overdue: r.overdue,
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    completedAt: iso(r.completed_at),
  };
}

export function toProgressEntry(r: PgRow): ObligationProgressEntryDto {
  return {
    id: r.id,
    authorUserId: r.author_user_id,
    authorOrganisationId: r.author_organisation_id,
    note: r.note,
    statusFrom: r.status_from,
    statusTo: r.status_to,
    progressFrom: r.progress_from,
    progressTo: r.progress_to,
    fulfilledDueOn: r.fulfilled_due_on,
    evidenceUrls: r.evidence_urls ?? [],
    at: iso(r.created_at)!,
  };
}
