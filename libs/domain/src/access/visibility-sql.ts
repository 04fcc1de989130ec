// SQL visibility predicates: "may a member of organisation `org` see row `alias`?". `org` is any
// SQL expression (a parameter such as $2, or m.organisation_id to ask it of every member at once).
// Callers must also have checked that the caller is an active member of the row's group.
// GroupAccessPolicy exposes these; nothing else should spell out a visibility rule.

// A restricted incident is visible only to its reporting organisation and the organisations it is
// shared with — not to the focal point or co-chairs as such.
export function incidentVisibleSql(alias: string, org: string): string {
  return `(${alias}.confidentiality = 'group' OR ${alias}.reporter_organisation_id = ${org}
      OR EXISTS (SELECT 1 FROM incident_shares vis_s WHERE vis_s.incident_id = ${alias}.id AND vis_s.organisation_id = ${org}))`;
}

function isPartySql(agreementAlias: string, org: string): string {
  return `EXISTS (SELECT 1 FROM agreement_parties vis_ap WHERE vis_ap.agreement_id = ${agreementAlias}.id AND vis_ap.organisation_id = ${org})`;
}

// An agreement is visible (at least its summary) to every member unless its visibility is
// `parties`: then only to members of party organisations — focal point and co-chairs included.
export function agreementVisibleSql(alias: string, org: string): string {
  return `(${alias}.visibility <> 'parties' OR ${isPartySql(alias, org)})`;
}

// Its content (clause text, versions, obligations, legal references, reviews): members of party
// organisations, and everyone when its visibility is `group`.
export function agreementContentVisibleSql(alias: string, org: string): string {
  return `(${alias}.visibility = 'group' OR ${isPartySql(alias, org)})`;
}

// A non-compliance report: whoever may see its agreement, narrowed like an incident when the
// report is restricted (reporting organisation and the organisations it is shared with).
export function nonComplianceVisibleSql(alias: string, org: string): string {
  return `(EXISTS (SELECT 1 FROM agreements vis_na WHERE vis_na.id = ${alias}.agreement_id AND ${agreementVisibleSql('vis_na', org)})
      AND (${alias}.confidentiality = 'group' OR ${alias}.reporter_organisation_id = ${org}
           OR EXISTS (SELECT 1 FROM non_compliance_shares vis_ns WHERE vis_ns.report_id = ${alias}.id AND vis_ns.organisation_id = ${org})))`;
}

// An equipment request: the deciding company, the requesting organisation and the organisations
// it is shared with — nobody else (not the focal point, not co-chairs).
export function equipmentRequestVisibleSql(alias: string, org: string): string {
  return `(${alias}.deciding_organisation_id = ${org} OR ${alias}.requesting_organisation_id = ${org}
      OR EXISTS (SELECT 1 FROM equipment_request_shares vis_es WHERE vis_es.request_id = ${alias}.id AND vis_es.organisation_id = ${org}))`;
}

// A contribution disclosed to `parties`: the contributing and the receiving organisation only.
export function contributionVisibleSql(alias: string, org: string): string {
  return `(${alias}.disclosure = 'group' OR ${alias}.contributing_organisation_id = ${org} OR ${alias}.recipient_organisation_id = ${org})`;
}

// Objects with a visibility of their own that events (and notifications) can be about.
// `agreement`: the agreement record (summary fields); `agreement_content`: its content.
export const EVENT_SCOPE_KINDS = [
  'incident',
  'agreement',
  'agreement_content',
  'non_compliance',
  'equipment_request',
  'contribution',
] as const;
export type EventScopeKind = (typeof EVENT_SCOPE_KINDS)[number];

export interface EventScope {
  kind: EventScopeKind;
  id: string;
}

interface ScopeRule {
  table: string;
  visible: (alias: string, org: string) => string;
  // True when every active member of the group may see it (realtime then uses the group room).
  wholeGroup: (alias: string) => string;
}

export const SCOPE_RULES: Record<EventScopeKind, ScopeRule> = {
  incident: {
    table: 'incidents',
    visible: incidentVisibleSql,
    wholeGroup: (a) => `${a}.confidentiality = 'group'`,
  },
  agreement: {
    table: 'agreements',
    visible: agreementVisibleSql,
    wholeGroup: (a) => `${a}.visibility <> 'parties'`,
  },
  agreement_content: {
    table: 'agreements',
    visible: agreementContentVisibleSql,
    wholeGroup: (a) => `${a}.visibility = 'group'`,
  },
  non_compliance: {
    table: 'non_compliance_reports',
    visible: nonComplianceVisibleSql,
    wholeGroup: (a) =>
      `(${a}.confidentiality = 'group' AND EXISTS (SELECT 1 FROM agreements vis_wa WHERE vis_wa.id = ${a}.agreement_id AND vis_wa.visibility <> 'parties'))`,
  },
  equipment_request: {
    table: 'equipment_requests',
    visible: equipmentRequestVisibleSql,
    wholeGroup: () => 'false',
  },
  contribution: {
    table: 'contributions',
    visible: contributionVisibleSql,
    wholeGroup: (a) => `${a}.disclosure = 'group'`,
  },
};

// Over a row aliased `alias` with (scope_kind, scope_id) — group events and audit entries: a row
// about a scoped object follows that object's current visibility (narrowing an incident's sharing
// or an agreement's visibility hides past events and audit entries too).
export function scopedVisibleSql(alias: string, org: string): string {
  const cases = Object.entries(SCOPE_RULES).map(
    ([kind, rule], n) =>
      `(${alias}.scope_kind = '${kind}' AND EXISTS (SELECT 1 FROM ${rule.table} vis_${alias}${n} WHERE vis_${alias}${n}.id = ${alias}.scope_id AND ${rule.visible(`vis_${alias}${n}`, org)}))`,
  );
  return `(${alias}.scope_kind IS NULL OR ${cases.join('\n      OR ')})`;
}

// Over group_events aliased `e`.
export function eventVisibleSql(org: string): string {
  return scopedVisibleSql('e', org);
}

// Key of a scoped object in maps of audiences.
export function scopeKey(scope: EventScope): string {
  return `${scope.kind}:${scope.id}`;
}

// The audiences of scoped objects of every kind in one statement (fixed text, so it can be a
// prepared statement): parameter $n is the uuid[] of the ids of the n-th kind of
// EVENT_SCOPE_KINDS. Per object found: `whole` (every active member may see it) and `orgs`, the
// organisations of the active members who may.
export const SCOPE_AUDIENCES_SQL = EVENT_SCOPE_KINDS.map((kind, n) => {
  const rule = SCOPE_RULES[kind];
  return `SELECT '${kind}'::text AS kind, x.id, ${rule.wholeGroup('x')} AS whole,
         ARRAY(SELECT DISTINCT m.organisation_id FROM memberships m
               WHERE m.group_id = x.group_id AND m.status = 'active' AND ${rule.visible('x', 'm.organisation_id')}
               ORDER BY m.organisation_id) AS orgs
  FROM ${rule.table} x WHERE x.id = ANY($${n + 1}::uuid[])`;
}).join('\nUNION ALL\n');
