import { Injectable } from '@nestjs/common';
import { groupSourceLocale } from '../translations/translation-sources';
import { groupLocale, translate } from '@roundtable/core';
import { EntityManager } from 'typeorm';
import { GroupAccessPolicy, GroupActor, MeetingScope } from '../access/group-access.policy';
import {
  AgendaDto,
  AgendaIncidentLinkDto,
  AgendaItemDto,
  AgendaRecommendationLinkDto,
} from './dto/agenda.dto';

export const TERMINAL_RECOMMENDATION_STATUSES = [
  'implemented',
  'partially_implemented',
  'not_implemented',
  'dropped',
];

const UNFILTERED = Symbol('unfiltered');

const INCIDENT_COLUMNS = `i.id, i.title, i.category, i.severity, i.status, i.occurred_at, i.created_at`;
const RECOMMENDATION_COLUMNS = `r.id, r.title, r.status, r.priority, to_char(r.due_date, 'YYYY-MM-DD') AS due_date,
  (r.due_date < (now() AT TIME ZONE g.timezone)::date AND r.status <> ALL ($TERMINAL)) AS overdue`;

// Builds the agenda as one caller sees it. Links are resolved per caller at read time: incidents
// go through the access policy's visibility predicate, so a restricted incident never shows up
// (not even as a count) for someone outside it.
@Injectable()
export class AgendaReader {
  constructor(private readonly access: GroupAccessPolicy) {}

  // Creates the agenda and its two standing items on first access; a no-op afterwards. The
  // standing items are titled in the group's language (its first `languages` entry).
  async ensure(em: EntityManager, meeting: MeetingScope): Promise<void> {
    const created = await em.query(
      `INSERT INTO agendas (meeting_id, group_id) VALUES ($1, $2) ON CONFLICT (meeting_id) DO NOTHING RETURNING meeting_id`,
      [meeting.id, meeting.groupId],
    );
    if (created.length === 0) return;
    const [group] = await em.query(`SELECT languages FROM groups WHERE id = $1`, [meeting.groupId]);
    const locale = groupLocale(group?.languages);
    await em.query(
      `INSERT INTO agenda_items (meeting_id, group_id, kind, standing, title, status, position)
       VALUES ($1, $2, 'incident_roundtable', true, $3, 'accepted', 1),
              ($1, $2, 'recommendation_review', true, $4, 'accepted', 2)`,
      [
        meeting.id,
        meeting.groupId,
        translate(locale, 'agenda.standing.incident_roundtable'),
        translate(locale, 'agenda.standing.recommendation_review'),
      ],
    );
  }

  async agenda(em: EntityManager, actor: GroupActor, meeting: MeetingScope): Promise<AgendaDto> {
    const [agenda] = await em.query(`SELECT status, published_at FROM agendas WHERE meeting_id = $1`, [
      meeting.id,
    ]);
    const rows = await em.query(
      `SELECT * FROM agenda_items WHERE meeting_id = $1
       ORDER BY (status = 'accepted') DESC, (status = 'proposed') DESC, position, created_at, id`,
      [meeting.id],
    );
    const items = await this.items(em, actor, meeting, rows);
    return {
      meetingId: meeting.id,
      status: agenda.status,
      publishedAt: agenda.published_at ? new Date(agenda.published_at).toISOString() : null,
      items,
    };
  }

  async item(
    em: EntityManager,
    actor: GroupActor,
    meeting: MeetingScope,
    itemId: string,
  ): Promise<AgendaItemDto> {
    const rows = await em.query(`SELECT * FROM agenda_items WHERE id = $1`, [itemId]);
    const [item] = await this.items(em, actor, meeting, rows);
    return item;
  }

  // The accepted items in order with everything linked to them, restricted incidents included,
  // for the frozen record of approved minutes ONLY: every read of that record filters the
  // incidents again through the access policy (MinutesRecords.present).
  async unfilteredForRecord(em: EntityManager, meeting: MeetingScope): Promise<AgendaItemDto[]> {
    const rows = await em.query(
      `SELECT * FROM agenda_items WHERE meeting_id = $1 AND status = 'accepted' ORDER BY position, created_at, id`,
      [meeting.id],
    );
    return this.items(em, UNFILTERED, meeting, rows);
  }

  // Incidents reported since the previous (not cancelled) meeting of the group, up to this one.
  incidentWindowSql(): string {
    return `i.created_at >= coalesce((SELECT max(p.starts_at) FROM meetings p WHERE p.group_id = $1 AND p.status <> 'cancelled'
              AND p.starts_at < $2 AND p.id <> $3), '-infinity'::timestamptz)
            AND i.created_at < $2`;
  }

  private async items(
    em: EntityManager,
    viewer: Pick<GroupActor, 'organisationId'> | typeof UNFILTERED,
    meeting: MeetingScope,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg rows
    rows: any[],
  ): Promise<AgendaItemDto[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [group] = await em.query(`SELECT languages FROM groups WHERE id = $1`, [meeting.groupId]);
    const sourceLocale = groupSourceLocale(group?.languages);
    // Only the frozen record passes UNFILTERED; a viewer always gets the visibility predicate.
    const unfiltered = viewer === UNFILTERED;
    const organisationId = viewer === UNFILTERED ? null : viewer.organisationId;
    const visible = (orgParam: string, allParam: string) =>
      `(${allParam}::boolean OR ${this.access.incidentVisibilitySql('i', orgParam)})`;
    const linkedIncidents = await em.query(
      `SELECT l.item_id, ${INCIDENT_COLUMNS} FROM agenda_item_incidents l JOIN incidents i ON i.id = l.incident_id
       WHERE l.item_id = ANY ($1::uuid[]) AND ${visible('$2::uuid', '$3')} ORDER BY i.created_at, i.id`,
      [ids, organisationId, unfiltered],
    );
    const linkedRecommendations = await em.query(
      `SELECT l.item_id, ${RECOMMENDATION_COLUMNS.replace('$TERMINAL', '$2')}
       FROM agenda_item_recommendations l JOIN recommendations r ON r.id = l.recommendation_id JOIN groups g ON g.id = r.group_id
       WHERE l.item_id = ANY ($1::uuid[]) ORDER BY r.due_date, r.id`,
      [ids, TERMINAL_RECOMMENDATION_STATUSES],
    );
    const standingKinds = new Set(rows.filter((r) => r.standing).map((r) => r.kind));
    const windowIncidents = standingKinds.has('incident_roundtable')
      ? await em.query(
          `SELECT ${INCIDENT_COLUMNS} FROM incidents i
           WHERE i.group_id = $1 AND ${this.incidentWindowSql()} AND ${visible('$4::uuid', '$5')}
           ORDER BY i.created_at, i.id`,
          [meeting.groupId, meeting.startsAt, meeting.id, organisationId, unfiltered],
        )
      : [];
    const openRecommendations = standingKinds.has('recommendation_review')
      ? await em.query(
          `SELECT ${RECOMMENDATION_COLUMNS.replace('$TERMINAL', '$2')} FROM recommendations r JOIN groups g ON g.id = r.group_id
           WHERE r.group_id = $1 AND r.status <> ALL ($2) ORDER BY r.due_date, r.id`,
          [meeting.groupId, TERMINAL_RECOMMENDATION_STATUSES],
        )
      : [];

    return rows.map((r) => {
      const incidents = dedupe([
        ...(r.standing && r.kind === 'incident_roundtable' ? windowIncidents : []),
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg rows
        ...linkedIncidents.filter((l: any) => l.item_id === r.id),
      ]).map(toIncidentLink);
      const recommendations = dedupe([
        ...(r.standing && r.kind === 'recommendation_review' ? openRecommendations : []),
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg rows
        ...linkedRecommendations.filter((l: any) => l.item_id === r.id),
      ]).map(toRecommendationLink);
      return {
        id: r.id,
        meetingId: r.meeting_id,
        kind: r.kind,
        standing: r.standing,
        title: r.title,
        description: r.description,
        locale: sourceLocale,
        translationStale: false,
        durationMinutes: r.duration_minutes,
        presenterMemberId: r.presenter_membership_id,
        status: r.status,
        position: r.position,
        proposedByMemberId: r.proposed_by_membership_id,
        rejectReason: r.reject_reason,
        changedAfterPublish: r.changed_after_publish,
        deferredFromItemId: r.deferred_from_item_id,
        deferredToMeetingId: r.deferred_to_meeting_id,
        incidentIds: incidents.map((i) => i.id),
        recommendationIds: recommendations.map((x) => x.id),
        incidents,
        recommendations,
        createdAt: new Date(r.created_at).toISOString(),
        updatedAt: new Date(r.updated_at).toISOString(),
      };
    });
  }
}

function dedupe<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
function toIncidentLink(r: any): AgendaIncidentLinkDto {
  return {
    id: r.id,
    title: r.title,
    category: r.category,
    severity: r.severity,
    status: r.status,
    occurredAt: new Date(r.occurred_at).toISOString(),
    reportedAt: new Date(r.created_at).toISOString(),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
function toRecommendationLink(r: any): AgendaRecommendationLinkDto {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    priority: r.priority,
    dueDate: r.due_date,
    overdue: r.overdue,
  };
}
