import type { Member } from '@/features/groups';
import type { Confidentiality } from './api';

export interface OrganisationAudience {
  id: string;
  name: string;
  people: number;
}

export interface Audience {
  sees: OrganisationAudience[];
  doesNotSee: OrganisationAudience[];
  // The group's officers by name, each with whether they will see it: the people a reporter most
  // needs told about in plain words.
  focalPoints: { name: string; sees: boolean }[];
  coChairs: { name: string; sees: boolean }[];
}

// Who will and will not see an incident, from the group's active members: the same rule the
// server applies (group: every active member; restricted: the reporting organisation and those
// it is shared with, no one else — not the focal point, not a co-chair).
export function audienceOf(
  members: Member[],
  reportingOrganisationId: string | undefined,
  confidentiality: Confidentiality,
  sharedWith: readonly string[],
): Audience {
  const allowed = (orgId: string) =>
    confidentiality === 'group' || orgId === reportingOrganisationId || sharedWith.includes(orgId);
  const byOrg = new Map<string, OrganisationAudience & { sees: boolean }>();
  const focalPoints: Audience['focalPoints'] = [];
  const coChairs: Audience['coChairs'] = [];
  for (const m of members) {
    if (m.status !== 'active') continue;
    const sees = allowed(m.organisation.id);
    const entry = byOrg.get(m.organisation.id) ?? {
      id: m.organisation.id,
      name: m.organisation.name,
      people: 0,
      sees,
    };
    entry.people += 1;
    byOrg.set(m.organisation.id, entry);
    const name = m.displayName ?? m.email ?? '';
    if (m.role === 'focal_point') focalPoints.push({ name, sees });
    if (m.isCoChair) coChairs.push({ name, sees });
  }
  const all = [...byOrg.values()].sort((a, b) => a.name.localeCompare(b.name));
  const strip = ({ id, name, people }: OrganisationAudience) => ({ id, name, people });
  return {
    sees: all.filter((o) => o.sees).map(strip),
    doesNotSee: all.filter((o) => !o.sees).map(strip),
    focalPoints,
    coChairs,
  };
}
