import type { CoChairPolicy } from '../groups/group.entity';
import type { OrganisationKind } from '../organisations/organisation.entity';

export const CONSTITUENCIES = ['company', 'civil_society'] as const;
export type Constituency = (typeof CONSTITUENCIES)[number];

// Organisation kinds that may hold each seat under company_and_civil_society.
export const CONSTITUENCY_KINDS: Record<Constituency, readonly OrganisationKind[]> = {
  company: ['company'],
  civil_society: ['civil_society', 'womens_group', 'indigenous_peoples', 'community'],
};

export const MAX_SITTING_CO_CHAIRS = 2;

export interface SittingTerm {
  id: string;
  membershipId: string;
  organisationId: string;
  constituency: Constituency;
  startsOn: string;
  createdAt: string;
}

export interface Candidate {
  membershipId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  constituency: Constituency;
}

export type AppointmentPlan =
  { ok: true; endTermIds: string[] } | { ok: false; status: 400 | 409; detail: string; field?: string };

// Decides an appointment against the sitting terms (pure: the service runs it under a group row
// lock, and unique indexes back it up). With `replace`, the plan ends the terms that block the
// appointment — a handover in the same transaction:
//   - a sitting term held through the same organisation (never two from one organisation);
//   - under company_and_civil_society, the sitting term of the same constituency;
//   - under any_two_organisations, if two would still be sitting, the term of the same
//     constituency (the longest-serving if both are), otherwise the longest-serving term.
export function planAppointment(
  policy: CoChairPolicy,
  candidate: Candidate,
  sitting: SittingTerm[],
  replace: boolean,
): AppointmentPlan {
  if (sitting.some((t) => t.membershipId === candidate.membershipId)) {
    return { ok: false, status: 409, detail: 'This member is already a sitting co-chair' };
  }
  if (
    policy === 'company_and_civil_society' &&
    !CONSTITUENCY_KINDS[candidate.constituency].includes(candidate.organisationKind)
  ) {
    return {
      ok: false,
      status: 400,
      field: 'constituency',
      detail: `A ${candidate.organisationKind} organisation cannot hold the ${candidate.constituency} seat (allowed: ${CONSTITUENCY_KINDS[candidate.constituency].join(', ')})`,
    };
  }
  const blocking = new Set<string>();
  const sameOrg = sitting.filter((t) => t.organisationId === candidate.organisationId);
  sameOrg.forEach((t) => blocking.add(t.id));
  if (policy === 'company_and_civil_society') {
    sitting.filter((t) => t.constituency === candidate.constituency).forEach((t) => blocking.add(t.id));
  } else {
    const remaining = bySeniority(sitting.filter((t) => !blocking.has(t.id)));
    if (remaining.length >= MAX_SITTING_CO_CHAIRS) {
      const excess = remaining.length - MAX_SITTING_CO_CHAIRS + 1;
      const sameSeat = remaining.filter((t) => t.constituency === candidate.constituency);
      const others = remaining.filter((t) => t.constituency !== candidate.constituency);
      [...sameSeat, ...others].slice(0, excess).forEach((t) => blocking.add(t.id));
    }
  }
  if (blocking.size === 0) return { ok: true, endTermIds: [] };
  if (replace) return { ok: true, endTermIds: sitting.filter((t) => blocking.has(t.id)).map((t) => t.id) };
  if (sameOrg.length)
    return {
      ok: false,
      status: 409,
      detail: 'This organisation already holds a sitting co-chair term; pass replace: true for a handover',
    };
  if (policy === 'company_and_civil_society') {
    return {
      ok: false,
      status: 409,
      detail: `The ${candidate.constituency} seat is held by a sitting co-chair; pass replace: true for a handover`,
    };
  }
  return {
    ok: false,
    status: 409,
    detail: `The group already has ${MAX_SITTING_CO_CHAIRS} sitting co-chairs; pass replace: true for a handover`,
  };
}

function bySeniority(terms: SittingTerm[]): SittingTerm[] {
  return [...terms].sort(
    (a, b) => a.startsOn.localeCompare(b.startsOn) || a.createdAt.localeCompare(b.createdAt),
  );
}
