import { randomUUID } from 'node:crypto';
import { agreementWorld, AgreementWorld, createAgreement } from './agreements';
import { insertRecommendation } from './agenda-fixtures';
import { incidentBody } from './incidents';
import { addMember, createGroup, registerUser, TestApp, TestUser, uniqueEmail } from './test-app';

// The six standings every route is tried as (permission matrix, fuzz).
export const ROLES = ['outsider', 'observer', 'otherOrg', 'member', 'focal', 'coChair'] as const;
export type Role = (typeof ROLES)[number];

export interface PermissionWorld extends AgreementWorld {
  users: Record<Role, TestUser>;
  /** Ids of the seeded group's objects, by path parameter name. */
  ids: Record<string, string>;
}

async function ok<T = Record<string, unknown>>(
  res: Promise<{ status: number; body: unknown }>,
  what: string,
): Promise<T> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

// The agreement world's cast as the matrix's roles: `member` is a member of a party to the
// agreement and the reporter of a restricted incident; `otherOrg` a member through another
// organisation; `coChair` the civil-society co-chair; the focal point administers every
// organisation (it created them).
export async function permissionWorld(t: TestApp): Promise<PermissionWorld> {
  const w = await agreementWorld(t);
  const users: Record<Role, TestUser> = {
    outsider: w.outsider,
    observer: w.mineObserver,
    otherOrg: w.local,
    member: w.mine,
    focal: w.focal,
    coChair: w.ngo,
  };
  const ids = await leafFixtures(t, w, { groupId: w.groupId, organisationId: w.orgs.mine });
  return { ...w, users, ids };
}

export const FUTURE = '2031-03-04T08:00:00.000Z';

type Factory = (
  t: TestApp,
  w: AgreementWorld,
  ids: Record<string, string>,
) => Promise<Record<string, string>>;

// How to make each object the routes take by id (each may use the ids made before it). All of
// them once for the shared world; one again when a route changes its object (`fresh`).
export const FACTORIES: Record<string, Factory> = {
  meetingId: async (t, w) => {
    const m = await ok<{ id: string }>(
      t
        .api()
        .post(`/api/v1/groups/${w.groupId}/meetings`)
        .set(w.focal.auth)
        .send({ title: 'Matrix meeting', startsAt: FUTURE, endsAt: '2031-03-04T10:00:00.000Z' }),
      'meeting',
    );
    return { meetingId: m.id };
  },
  itemId: async (t, w, ids) => {
    const item = await ok<{ id: string }>(
      t
        .api()
        .post(`/api/v1/meetings/${ids.meetingId}/agenda/items`)
        .set(w.mine.auth)
        .send({ title: 'Matrix item' }),
      'agenda item',
    );
    return { itemId: item.id };
  },
  seriesId: async (t, w) => {
    const series = await ok<{ id: string }>(
      t.api().post(`/api/v1/groups/${w.groupId}/meeting-series`).set(w.focal.auth).send({
        title: 'Matrix series',
        rrule: 'FREQ=MONTHLY;BYDAY=1TU',
        startDate: '2031-01-07',
        startTime: '10:00',
        timezone: 'Africa/Lubumbashi',
        durationMinutes: 60,
      }),
      'series',
    );
    return { seriesId: series.id };
  },
  incidentId: async (t, w) => {
    const incident = await ok<{ id: string }>(
      t
        .api()
        .post(`/api/v1/groups/${w.groupId}/incidents`)
        .set(w.mine.auth)
        .send(incidentBody({ confidentiality: 'restricted' })),
      'incident',
    );
    return { incidentId: incident.id };
  },
  agreementId: async (t, w) => {
    const agreement = await createAgreement(t, w, w.mine);
    return { agreementId: agreement.id, versionId: agreement.body.currentVersion.id };
  },
  recommendationId: async (t, w) => ({
    recommendationId: await insertRecommendation(t, w.groupId, {
      title: 'Matrix recommendation',
      dueDate: '2031-06-30',
      organisationIds: [w.orgs.mine],
    }),
  }),
  siteId: async (t, w) => {
    const site = await ok<{ id: string }>(
      t
        .api()
        .post(`/api/v1/groups/${w.groupId}/sites`)
        .set(w.mine.auth)
        .send({
          name: `Matrix site ${randomUUID().slice(0, 6)}`,
          kind: 'mine',
          operatorOrganisationId: w.orgs.mine,
          publicSecurityPresent: true,
        }),
      'site',
    );
    return { siteId: site.id };
  },
  // A recorded session of a programme the company set up for the police (every member sees it).
  trainingSessionId: async (t, w, ids) => {
    const programme = await ok<{ id: string }>(
      t
        .api()
        .post(`/api/v1/groups/${w.groupId}/training-programmes`)
        .set(w.mine.auth)
        .send({
          title: 'Matrix programme',
          audience: 'police',
          agencyOrganisationId: w.orgs.police,
          siteIds: [ids.siteId],
          topics: ['use_of_force'],
        }),
      'training programme',
    );
    const session = await ok<{ id: string }>(
      t
        .api()
        .post(`/api/v1/training-programmes/${programme.id}/sessions`)
        .set(w.mine.auth)
        .send({
          heldOn: '2026-03-01',
          location: 'Matrix camp',
          language: 'fr',
          topics: ['use_of_force'],
          trainees: { total: 10, women: 2 },
        }),
      'training session',
    );
    return { trainingSessionId: session.id };
  },
  // A monitoring entry of a police request to the company's site: seen by the company (member,
  // observer) and the police only.
  monitoringEntryId: async (t, w, ids) => {
    const request = await ok<{ id: string }>(
      t
        .api()
        .post(`/api/v1/groups/${w.groupId}/equipment-requests`)
        .set(w.police.auth)
        .send({
          siteId: ids.siteId,
          requestingOrganisationId: w.orgs.police,
          items: [{ category: 'fuel', description: 'Diesel', quantity: 10, transfer: 'donation' }],
          purpose: 'Matrix patrols',
        }),
      'equipment request',
    );
    const step = (path: string, body: object) =>
      ok(t.api().post(`/api/v1/equipment-requests/${request.id}/${path}`).set(w.mine.auth).send(body), path);
    await step('decision', {
      outcome: 'approved',
      risks: 'Misuse',
      alternativesConsidered: 'Escort',
      rationale: 'Patrols help',
    });
    await step('status', { to: 'handed_over', note: 'Signed' });
    const monitored = await step('monitoring', { method: 'inspection', finding: 'In order' });
    return {
      equipmentRequestId: request.id,
      monitoringEntryId: (monitored as { monitoring: { id: string }[] }).monitoring[0].id,
    };
  },
  termId: async (t, w) => {
    const [term] = await t.ds.query(
      `SELECT id FROM co_chair_terms WHERE group_id = $1 AND ended_at IS NULL LIMIT 1`,
      [w.groupId],
    );
    return { termId: term?.id ?? randomUUID() };
  },
  memberId: async (t, w) => {
    const newcomer = await registerUser(t, 'newcomer');
    // Through the company: a member the company co-chair seat may go to.
    const memberId = await addMember(t, w.groupId, w.focal, newcomer, w.orgs.mine);
    const [affiliation] = await t.ds.query(
      `SELECT id FROM affiliations WHERE user_id = $1 AND status = 'active' LIMIT 1`,
      [newcomer.id],
    );
    return { memberId, affiliationId: affiliation.id };
  },
  membershipId: async (t, w) => {
    const invited = await ok<{ id: string }>(
      t
        .api()
        .post(`/api/v1/groups/${w.groupId}/members`)
        .set(w.focal.auth)
        .send({ email: uniqueEmail('invitee'), organisationId: w.orgs.local, role: 'member' }),
      'invitation',
    );
    return { membershipId: invited.id };
  },
  // Objects the seeded world has none of: every standing gets the unknown-id answer.
  obligationId: async () => ({ obligationId: randomUUID() }),
  reportId: async () => ({ reportId: randomUUID() }),
  id: async () => ({ id: randomUUID() }),
  domain: async () => ({ domain: 'example.org' }),
};

export async function leafFixtures(
  t: TestApp,
  w: AgreementWorld,
  ids: Record<string, string> = {},
  only?: string[],
): Promise<Record<string, string>> {
  const out = { ...ids };
  for (const [name, make] of Object.entries(FACTORIES)) {
    if (only && !only.includes(name)) continue;
    Object.assign(out, await make(t, w, out));
  }
  return out;
}

// A group of its own with the same cast, for routes that change the whole group (archive).
export async function freshGroup(t: TestApp, w: AgreementWorld): Promise<string> {
  const group = await createGroup(t, w.focal, w.orgs.host);
  await addMember(t, group.id, w.focal, w.mine, w.orgs.mine);
  await addMember(t, group.id, w.focal, w.mineObserver, w.orgs.mine, 'observer');
  await addMember(t, group.id, w.focal, w.local, w.orgs.local);
  const ngo = await addMember(t, group.id, w.focal, w.ngo, w.orgs.ngo);
  await ok(
    t
      .api()
      .post(`/api/v1/groups/${group.id}/co-chairs`)
      .set(w.focal.auth)
      .send({ memberId: ngo, constituency: 'civil_society' }),
    'co-chair',
  );
  return group.id;
}
