import { Injectable } from '@nestjs/common';
import { ForbiddenProblem, NotFoundProblem } from '@roundtable/core';
import { preparedQuery } from '@roundtable/database';
import { DataSource, EntityManager } from 'typeorm';
import { type GroupActor, type GroupPower, hasPower } from './group-actor';

export type { GroupActor, GroupPower } from './group-actor';
export { hasPower } from './group-actor';
export { type EventScope, scopeKey } from './visibility-sql';
import {
  AGREEMENT_FORBIDDEN_DETAIL,
  AgreementAccessFacts,
  AgreementAction,
  AgreementSight,
  agreementSight,
  mayOnAgreement,
  mayOnNonCompliance,
  NonComplianceAccessFacts,
  NonComplianceAction,
} from './agreement-rules';
import {
  EQUIPMENT_FORBIDDEN_DETAIL,
  EquipmentAction,
  EquipmentRequestAccessFacts,
  mayOnEquipmentRequest,
} from './engagement-rules';
import {
  agreementContentVisibleSql,
  agreementVisibleSql,
  contributionVisibleSql,
  equipmentRequestVisibleSql,
  EVENT_SCOPE_KINDS,
  EventScope,
  EventScopeKind,
  eventVisibleSql,
  incidentVisibleSql,
  nonComplianceVisibleSql,
  SCOPE_AUDIENCES_SQL,
  SCOPE_RULES,
  scopedVisibleSql,
  scopeKey,
} from './visibility-sql';

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

// An active membership counts only while the affiliation it is held through is confirmed: the
// membership names it, and both belong to the same person and organisation. (Ending an
// affiliation ends its memberships in the same transaction; this join is the second line.)
export const CONFIRMED_MEMBERSHIP_JOIN = `JOIN affiliations vis_a ON vis_a.id = m.affiliation_id
  AND vis_a.status = 'active' AND vis_a.user_id = m.user_id AND vis_a.organisation_id = m.organisation_id`;

const ACTOR_SQL = `
  SELECT m.id AS membership_id, m.group_id, m.user_id, m.organisation_id, m.role, o.kind AS organisation_kind,
         EXISTS (SELECT 1 FROM co_chair_terms t WHERE t.membership_id = m.id AND t.ended_at IS NULL) AS is_co_chair
  FROM memberships m JOIN organisations o ON o.id = m.organisation_id ${CONFIRMED_MEMBERSHIP_JOIN}
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

  // Every group the user is an active member of, with the organisation they represent there
  // (the socket rooms, GET /me).
  async memberships(
    userId: string,
    em: EntityManager = this.ds.manager,
  ): Promise<{ groupId: string; organisationId: string; membershipId: string }[]> {
    const rows: { id: string; group_id: string; organisation_id: string }[] = await em.query(
      `SELECT m.id, m.group_id, m.organisation_id FROM memberships m ${CONFIRMED_MEMBERSHIP_JOIN}
       WHERE m.user_id = $1 AND m.status = 'active' ORDER BY m.group_id`,
      [userId],
    );
    return rows.map((r) => ({ groupId: r.group_id, organisationId: r.organisation_id, membershipId: r.id }));
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
    return incidentVisibleSql(alias, orgParam);
  }

  // SQL predicate: may a member of `orgParam` see agreement row `alias` (at least its summary)?
  // `parties` agreements: party organisations only — the focal point and co-chairs as such not.
  agreementVisibilitySql(alias: string, orgParam: string): string {
    return agreementVisibleSql(alias, orgParam);
  }

  // SQL predicate: may a member of `orgParam` see the content of agreement `alias` (clause text,
  // versions, obligations, legal references, reviews)? Party organisations, or all for `group`.
  agreementContentVisibilitySql(alias: string, orgParam: string): string {
    return agreementContentVisibleSql(alias, orgParam);
  }

  // SQL predicate over non_compliance_reports `alias`: its agreement is visible, and a restricted
  // report is the reporting organisation's and the organisations it is shared with.
  nonComplianceVisibilitySql(alias: string, orgParam: string): string {
    return nonComplianceVisibleSql(alias, orgParam);
  }

  // SQL predicate over equipment_requests `alias`: the deciding company, the requesting
  // organisation and the organisations it is shared with — not the focal point or co-chairs.
  equipmentRequestVisibilitySql(alias: string, orgParam: string): string {
    return equipmentRequestVisibleSql(alias, orgParam);
  }

  // SQL predicate over contributions `alias`: `group` entries for every member, `parties` entries
  // for the contributing and the receiving organisation only.
  contributionVisibilitySql(alias: string, orgParam: string): string {
    return contributionVisibleSql(alias, orgParam);
  }

  // Resolves the caller and an equipment request they may see, or throws 404.
  async requireEquipmentRequest(
    userId: string,
    requestId: string,
    em: EntityManager = this.ds.manager,
    { lock = false }: { lock?: boolean } = {},
  ): Promise<{ actor: GroupActor; request: EquipmentRequestAccessFacts }> {
    const [ref] = await em.query(`SELECT group_id FROM equipment_requests WHERE id = $1`, [requestId]);
    if (!ref) throw new NotFoundProblem('Equipment request');
    const actor = await this.require(userId, ref.group_id, 'read', em, 'Equipment request');
    const [row] = await em.query(
      `SELECT r.id, r.group_id, r.requesting_organisation_id, r.deciding_organisation_id, r.status,
              ARRAY(SELECT s.organisation_id FROM equipment_request_shares s WHERE s.request_id = r.id ORDER BY s.organisation_id) AS shares
       FROM equipment_requests r
       WHERE r.id = $1 AND ${this.equipmentRequestVisibilitySql('r', '$2')} ${lock ? 'FOR UPDATE OF r' : ''}`,
      [requestId, actor.organisationId],
    );
    if (!row) throw new NotFoundProblem('Equipment request');
    return {
      actor,
      request: {
        id: row.id,
        groupId: row.group_id,
        requestingOrganisationId: row.requesting_organisation_id,
        decidingOrganisationId: row.deciding_organisation_id,
        status: row.status,
        sharedWithOrganisationIds: row.shares,
      },
    };
  }

  // 403 unless the caller may do `action` to an equipment request they can already see.
  assertEquipmentRequest(
    actor: GroupActor,
    request: EquipmentRequestAccessFacts,
    action: EquipmentAction,
  ): void {
    if (!mayOnEquipmentRequest(actor, request, action))
      throw new ForbiddenProblem(EQUIPMENT_FORBIDDEN_DETAIL[action]);
  }

  // SQL predicate over group_events aliased `e`: events about a scoped object (incident,
  // agreement, agreement content, non-compliance report) follow its current visibility.
  eventVisibilitySql(orgParam: string): string {
    return eventVisibleSql(orgParam);
  }

  // SQL predicate over audit_events aliased `a`: an entry about a scoped object (an incident's
  // reporter, sharing and status changes; a restricted agreement or report) is shown only to those
  // who may see that object now, like its events.
  auditVisibilitySql(orgParam: string): string {
    return scopedVisibleSql('a', orgParam);
  }

  // Organisations that may see a scoped object now (for targeting realtime delivery), or null when
  // every member of the group may. An unknown object has no audience.
  async audience(scope: EventScope, em: EntityManager = this.ds.manager): Promise<string[] | null> {
    return (await this.audiences([scope], em)).get(scopeKey(scope)) ?? [];
  }

  // The same for many scoped objects, of any kinds, in one query (the outbox relay's batches),
  // keyed by scopeKey(). An unknown object — or a kind this code does not know — is absent:
  // default-deny, it reaches nobody.
  async audiences(
    scopes: EventScope[],
    em: EntityManager = this.ds.manager,
  ): Promise<Map<string, string[] | null>> {
    const audiences = new Map<string, string[] | null>();
    const ids = new Map<EventScopeKind, Set<string>>(
      EVENT_SCOPE_KINDS.map((kind) => [kind, new Set<string>()]),
    );
    let any = false;
    for (const scope of scopes) {
      const set = ids.get(scope.kind);
      if (set && scope.id) {
        set.add(scope.id);
        any = true;
      }
    }
    if (!any) return audiences;
    const rows: { kind: EventScopeKind; id: string; whole: boolean; orgs: string[] }[] = await preparedQuery(
      em,
      SCOPE_AUDIENCES_SQL,
      EVENT_SCOPE_KINDS.map((kind) => [...(ids.get(kind) ?? [])]),
    );
    for (const row of rows) audiences.set(scopeKey(row), row.whole ? null : row.orgs);
    return audiences;
  }

  // Active members (with an account) who may see a scoped object, limited to the members of
  // `organisationIds` and/or, with `managers`, the focal point and sitting co-chairs: the
  // recipients of a notification about it. Nobody outside the object's audience is ever named.
  async audienceMembers(
    em: EntityManager,
    groupId: string,
    scope: EventScope,
    who: { organisationIds?: string[]; managers?: boolean; excludeUserId?: string | null },
  ): Promise<string[]> {
    const rule = SCOPE_RULES[scope.kind] as (typeof SCOPE_RULES)[EventScopeKind] | undefined;
    if (!rule) return [];
    const rows: { user_id: string }[] = await em.query(
      `SELECT DISTINCT m.user_id FROM memberships m
       WHERE m.group_id = $1 AND m.status = 'active' AND m.user_id IS NOT NULL
         AND m.user_id IS DISTINCT FROM $5::uuid
         AND EXISTS (SELECT 1 FROM ${rule.table} x WHERE x.id = $2 AND x.group_id = m.group_id AND ${rule.visible('x', 'm.organisation_id')})
         AND (m.organisation_id = ANY($3::uuid[])
              OR ($4::boolean AND (m.role = 'focal_point'
                  OR EXISTS (SELECT 1 FROM co_chair_terms t WHERE t.membership_id = m.id AND t.ended_at IS NULL))))`,
      [groupId, scope.id, who.organisationIds ?? [], who.managers ?? false, who.excludeUserId ?? null],
    );
    return rows.map((r) => r.user_id);
  }

  // Resolves the caller and an agreement they may see, or throws 404 — an unknown agreement, one
  // in another group and a `parties` agreement the caller's organisation is not party to alike.
  // `need: 'full'` also makes the summary-only view a 404 (content endpoints: versions, diff,
  // export, obligations, legal references, reviews). `lock` takes the agreement row FOR UPDATE.
  async requireAgreement(
    userId: string,
    agreementId: string,
    need: AgreementSight = 'summary',
    em: EntityManager = this.ds.manager,
    { lock = false, notFound = 'Agreement' }: { lock?: boolean; notFound?: string } = {},
  ): Promise<{ actor: GroupActor; agreement: AgreementAccessFacts; sight: AgreementSight }> {
    const [ref] = await em.query(`SELECT group_id FROM agreements WHERE id = $1`, [agreementId]);
    if (!ref) throw new NotFoundProblem(notFound);
    const actor = await this.require(userId, ref.group_id, 'read', em, notFound);
    const [row] = await em.query(
      `SELECT a.id, a.group_id, a.title, a.visibility, a.status, a.source_locale, a.catalogue_edition, a.current_version_id,
              ARRAY(SELECT p.organisation_id FROM agreement_parties p WHERE p.agreement_id = a.id ORDER BY p.position) AS party_orgs
       FROM agreements a WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [agreementId],
    );
    const agreement: AgreementAccessFacts = {
      id: row.id,
      groupId: row.group_id,
      title: row.title,
      visibility: row.visibility,
      status: row.status,
      sourceLocale: row.source_locale,
      catalogueEdition: row.catalogue_edition,
      currentVersionId: row.current_version_id,
      partyOrganisationIds: row.party_orgs,
    };
    const sight = agreementSight(actor, agreement);
    if (!sight || (need === 'full' && sight !== 'full')) throw new NotFoundProblem(notFound);
    return { actor, agreement, sight };
  }

  // 403 unless the caller may do `action` to an agreement they can already see.
  assertAgreement(actor: GroupActor, agreement: AgreementAccessFacts, action: AgreementAction): void {
    if (!mayOnAgreement(actor, agreement, action))
      throw new ForbiddenProblem(AGREEMENT_FORBIDDEN_DETAIL[action]);
  }

  // Resolves the caller and a non-compliance report they may see, or throws 404.
  async requireNonCompliance(
    userId: string,
    reportId: string,
    em: EntityManager = this.ds.manager,
    { lock = false }: { lock?: boolean } = {},
  ): Promise<{ actor: GroupActor; report: NonComplianceAccessFacts }> {
    const [ref] = await em.query(`SELECT group_id FROM non_compliance_reports WHERE id = $1`, [reportId]);
    if (!ref) throw new NotFoundProblem('Non-compliance report');
    const actor = await this.require(userId, ref.group_id, 'read', em, 'Non-compliance report');
    const [row] = await em.query(
      `SELECT r.id, r.group_id, r.agreement_id, r.reporter_organisation_id, r.confidentiality, r.anonymous, r.status,
              ARRAY(SELECT p.organisation_id FROM agreement_parties p WHERE p.agreement_id = r.agreement_id ORDER BY p.position) AS party_orgs
       FROM non_compliance_reports r
       WHERE r.id = $1 AND ${this.nonComplianceVisibilitySql('r', '$2')} ${lock ? 'FOR UPDATE OF r' : ''}`,
      [reportId, actor.organisationId],
    );
    if (!row) throw new NotFoundProblem('Non-compliance report');
    return {
      actor,
      report: {
        id: row.id,
        groupId: row.group_id,
        agreementId: row.agreement_id,
        reporterOrganisationId: row.reporter_organisation_id,
        confidentiality: row.confidentiality,
        anonymous: row.anonymous,
        status: row.status,
        partyOrganisationIds: row.party_orgs,
      },
    };
  }

  assertNonCompliance(
    actor: GroupActor,
    report: NonComplianceAccessFacts,
    action: NonComplianceAction,
  ): void {
    if (!mayOnNonCompliance(actor, report, action))
      throw new ForbiddenProblem(
        'Only members of a party organisation, the focal point or a co-chair may move a non-compliance report on',
      );
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
  // the reporting organisation's contributors; on a group incident also the focal point and
  // co-chairs (who must give a reason, statusChangeNeedsReason). A restricted incident's status is
  // its reporting organisation's alone: an organisation it is shared with may be what it is about.
  | 'change_status'
  // the reporting organisation's contributors (members, admins, its co-chairs). Not its observers:
  // the log names everyone who read the incident, which is more than the incident itself shows.
  // No one outside the reporting organisation, co-chairs included (design: "shows the reporting
  // organisation"); outsiders who cannot see a restricted incident get 404 before this.
  | 'read_access_log';

// Rules for an incident the caller can already see (visibility itself is incidentVisibilitySql).
export function mayOnIncident(
  actor: GroupActor,
  incident: Pick<IncidentAccessFacts, 'reporterOrganisationId' | 'confidentiality'>,
  action: IncidentAction,
): boolean {
  const ownOrganisation = actor.organisationId === incident.reporterOrganisationId;
  switch (action) {
    case 'edit':
      return ownOrganisation && hasPower(actor, 'contribute');
    case 'post_update':
      return hasPower(actor, 'contribute');
    case 'change_status':
      if (ownOrganisation) return hasPower(actor, 'contribute');
      return incident.confidentiality === 'group' && hasPower(actor, 'manage');
    case 'read_access_log':
      return ownOrganisation && hasPower(actor, 'contribute');
  }
}

// Someone outside the reporting organisation who changes an incident's status says why; the
// reason is shown in the incident's thread.
export function statusChangeNeedsReason(
  actor: Pick<GroupActor, 'organisationId'>,
  incident: Pick<IncidentAccessFacts, 'reporterOrganisationId'>,
): boolean {
  return actor.organisationId !== incident.reporterOrganisationId;
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
  change_status:
    'Only the reporting organisation may change the status of a restricted incident; of a group incident, also the focal point or a co-chair',
  read_access_log: 'Only members of the reporting organisation (not its observers) may read the access log',
};
