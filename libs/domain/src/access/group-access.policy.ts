import { Injectable } from '@nestjs/common';
import { ForbiddenProblem, NotFoundProblem } from '@roundtable/core';
import { preparedQuery } from '@roundtable/database';
import { DataSource, EntityManager } from 'typeorm';
import type { MemberRole } from '../members/membership.entity';
import type { OrganisationKind } from '../organisations/organisation.entity';

// The caller's standing in one group: what every permission decision starts from.
export interface GroupActor {
  userId: string;
  groupId: string;
  membershipId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  role: MemberRole;
  isCoChair: boolean;
}

export interface MeetingScope {
  id: string;
  groupId: string;
  seriesId: string | null;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  location: string | null;
  onlineUrl: string | null;
  focus: string | null;
  status: 'scheduled' | 'cancelled' | 'held';
}

export type GroupPower =
  | 'read' // any active member, observers included
  | 'contribute' // members and focal points (not observers): propose, report, comment
  | 'manage' // focal point or sitting co-chair: invite, appoint, accept agenda items, edit minutes
  | 'focal_point' // focal point only: circulate minutes, attendance, series
  | 'co_chair'; // sitting co-chair only: approve minutes, assess impact

export function hasPower(actor: GroupActor, power: GroupPower): boolean {
  switch (power) {
    case 'read':
      return true;
    case 'contribute':
      return actor.role !== 'observer' || actor.isCoChair;
    case 'manage':
      return actor.role === 'focal_point' || actor.isCoChair;
    case 'focal_point':
      return actor.role === 'focal_point';
    case 'co_chair':
      return actor.isCoChair;
  }
}

const ACTOR_SQL = `
  SELECT m.id AS membership_id, m.group_id, m.user_id, m.organisation_id, m.role, o.kind AS organisation_kind,
         EXISTS (SELECT 1 FROM co_chair_terms t WHERE t.membership_id = m.id AND t.ended_at IS NULL) AS is_co_chair
  FROM memberships m JOIN organisations o ON o.id = m.organisation_id
  WHERE m.group_id = $1 AND m.user_id = $2 AND m.status = 'active'`;

// The one place that answers "may this user see / do this in this group".
// Not an active member → 404 (existence is never revealed); a member lacking the power → 403.
@Injectable()
export class GroupAccessPolicy {
  constructor(private readonly ds: DataSource) {}

  async actor(
    userId: string,
    groupId: string,
    em: EntityManager = this.ds.manager,
  ): Promise<GroupActor | null> {
    const rows = await preparedQuery(em, ACTOR_SQL, [groupId, userId]);
    const r = rows[0];
    if (!r) return null;
    return {
      userId,
      groupId: r.group_id,
      membershipId: r.membership_id,
      organisationId: r.organisation_id,
      organisationKind: r.organisation_kind,
      role: r.role,
      isCoChair: r.is_co_chair,
    };
  }

  // Resolves the caller in the group or throws 404; then checks the power (403).
  async require(
    userId: string,
    groupId: string,
    power: GroupPower = 'read',
    em?: EntityManager,
    notFound = 'Group',
  ): Promise<GroupActor> {
    const actor = await this.actor(userId, groupId, em);
    if (!actor) throw new NotFoundProblem(notFound);
    this.assert(actor, power);
    return actor;
  }

  assert(actor: GroupActor, power: GroupPower): void {
    if (!hasPower(actor, power)) throw new ForbiddenProblem(FORBIDDEN_DETAIL[power]);
  }

  // SQL predicate: may a member of organisation `orgParam` see incident row `alias`?
  // A restricted incident is visible only to its reporting organisation and the organisations it
  // is shared with — not to the focal point or co-chairs as such. Callers must also have checked
  // that the caller is an active member of the incident's group (require()).
  incidentVisibilitySql(alias: string, orgParam: string): string {
    return `(${alias}.confidentiality = 'group' OR ${alias}.reporter_organisation_id = ${orgParam}
      OR EXISTS (SELECT 1 FROM incident_shares vis_s WHERE vis_s.incident_id = ${alias}.id AND vis_s.organisation_id = ${orgParam}))`;
  }

  // SQL predicate over group_events aliased `e`: events about an incident follow the incident's
  // current visibility, so narrowing its sharing also hides its past events.
  eventVisibilitySql(orgParam: string): string {
    return `(e.incident_id IS NULL OR EXISTS (SELECT 1 FROM incidents vis_i WHERE vis_i.id = e.incident_id
      AND ${this.incidentVisibilitySql('vis_i', orgParam)}))`;
  }

  // Organisations that may see an incident now (for targeting realtime delivery), or null when
  // every member of the group may.
  async incidentAudience(incidentId: string, em: EntityManager = this.ds.manager): Promise<string[] | null> {
    return (await this.incidentAudiences([incidentId], em)).get(incidentId) ?? [];
  }

  // The same for many incidents in one query (the outbox relay's batches); an unknown id is absent.
  async incidentAudiences(
    incidentIds: string[],
    em: EntityManager = this.ds.manager,
  ): Promise<Map<string, string[] | null>> {
    const audiences = new Map<string, string[] | null>();
    if (incidentIds.length === 0) return audiences;
    const rows: {
      id: string;
      confidentiality: string;
      reporter_organisation_id: string;
      shared: string[];
    }[] = await em.query(
      `SELECT i.id, i.confidentiality, i.reporter_organisation_id,
                coalesce(array_agg(s.organisation_id) FILTER (WHERE s.organisation_id IS NOT NULL), '{}') AS shared
         FROM incidents i LEFT JOIN incident_shares s ON s.incident_id = i.id WHERE i.id = ANY($1::uuid[])
         GROUP BY i.id`,
      [[...new Set(incidentIds)]],
    );
    for (const row of rows) {
      audiences.set(
        row.id,
        row.confidentiality === 'group' ? null : [...new Set([row.reporter_organisation_id, ...row.shared])],
      );
    }
    return audiences;
  }

  // Resolves the caller and an incident they may see, or throws 404 — for an unknown incident,
  // one in a group the caller is not in, and a restricted one not shared with their organisation
  // alike. `lock` takes the row lock for a change.
  async requireIncident(
    userId: string,
    incidentId: string,
    em: EntityManager = this.ds.manager,
    lock = false,
  ): Promise<{ actor: GroupActor; incident: IncidentAccessFacts }> {
    const [ref] = await em.query(`SELECT group_id FROM incidents WHERE id = $1`, [incidentId]);
    if (!ref) throw new NotFoundProblem('Incident');
    const actor = await this.require(userId, ref.group_id, 'read', em, 'Incident');
    const [row] = await em.query(
      `SELECT i.id, i.group_id, i.reporter_organisation_id, i.confidentiality, i.anonymous, i.version FROM incidents i
       WHERE i.id = $1 AND ${this.incidentVisibilitySql('i', '$2')} ${lock ? 'FOR UPDATE OF i' : ''}`,
      [incidentId, actor.organisationId],
    );
    if (!row) throw new NotFoundProblem('Incident');
    return {
      actor,
      incident: {
        id: row.id,
        groupId: row.group_id,
        reporterOrganisationId: row.reporter_organisation_id,
        confidentiality: row.confidentiality,
        anonymous: row.anonymous,
        version: row.version,
      },
    };
  }

  // Resolves a meeting and the caller's standing in its group: an unknown meeting and one in a
  // group the caller does not belong to are both 404; a member lacking the power gets 403.
  // `lock` takes the meeting row FOR UPDATE (inside a transaction).
  async requireMeeting(
    userId: string,
    meetingId: string,
    power: GroupPower = 'read',
    em: EntityManager = this.ds.manager,
    { lock = false, notFound = 'Meeting' }: { lock?: boolean; notFound?: string } = {},
  ): Promise<{ actor: GroupActor; meeting: MeetingScope }> {
    const [m] = await em.query(
      `SELECT id, group_id, series_id, title, starts_at, ends_at, timezone, location, online_url, focus, status
       FROM meetings WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [meetingId],
    );
    if (!m) throw new NotFoundProblem(notFound);
    const actor = await this.require(userId, m.group_id, power, em, notFound);
    return {
      actor,
      meeting: {
        id: m.id,
        groupId: m.group_id,
        seriesId: m.series_id,
        title: m.title,
        startsAt: m.starts_at,
        endsAt: m.ends_at,
        timezone: m.timezone,
        location: m.location,
        onlineUrl: m.online_url,
        focus: m.focus,
        status: m.status,
      },
    };
  }

  // 403 unless the caller may do `action` to an incident they can already see.
  assertIncident(actor: GroupActor, incident: IncidentAccessFacts, action: IncidentAction): void {
    if (!mayOnIncident(actor, incident, action))
      throw new ForbiddenProblem(INCIDENT_FORBIDDEN_DETAIL[action]);
  }
}

const FORBIDDEN_DETAIL: Record<GroupPower, string> = {
  read: 'You may not read this group',
  contribute: 'Observers may not do this',
  manage: 'Only the focal point or a co-chair may do this',
  focal_point: 'Only the focal point may do this',
  co_chair: 'Only a sitting co-chair may do this',
};

// What the incident rules need to know about an incident the caller can see.
export interface IncidentAccessFacts {
  id: string;
  groupId: string;
  reporterOrganisationId: string;
  confidentiality: 'group' | 'restricted';
  anonymous: boolean;
  version: number;
}

export type IncidentAction =
  | 'edit' // PATCH: the reporting organisation's contributors (observers are read-only)
  | 'post_update' // any contributor who can see it
  | 'change_status' // the reporting organisation's contributors, the focal point and co-chairs who can see it
  | 'read_access_log'; // any member of the reporting organisation

// Rules for an incident the caller can already see (visibility itself is incidentVisibilitySql).
export function mayOnIncident(
  actor: GroupActor,
  incident: Pick<IncidentAccessFacts, 'reporterOrganisationId'>,
  action: IncidentAction,
): boolean {
  const ownOrganisation = actor.organisationId === incident.reporterOrganisationId;
  switch (action) {
    case 'edit':
      return ownOrganisation && hasPower(actor, 'contribute');
    case 'post_update':
      return hasPower(actor, 'contribute');
    case 'change_status':
      return (ownOrganisation && hasPower(actor, 'contribute')) || hasPower(actor, 'manage');
    case 'read_access_log':
      return ownOrganisation;
  }
}

// An anonymous incident names its reporter (user and organisation) only to the reporting
// organisation; the same holds for updates its members post on it.
export function revealsIncidentReporter(
  viewerOrganisationId: string,
  incident: Pick<IncidentAccessFacts, 'reporterOrganisationId' | 'anonymous'>,
): boolean {
  return !incident.anonymous || viewerOrganisationId === incident.reporterOrganisationId;
}

const INCIDENT_FORBIDDEN_DETAIL: Record<IncidentAction, string> = {
  edit: 'Only the reporting organisation may change this incident',
  post_update: 'Observers may not post incident updates',
  change_status: 'Only the reporting organisation, the focal point or a co-chair may change the status',
  read_access_log: 'Only the reporting organisation may read the access log',
};
