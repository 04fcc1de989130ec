import { randomBytes } from 'node:crypto';
import { incidentBody, mentionsIncident, replayEvents, reportIncident } from './support/incidents';
import {
  addMember,
  createGroup,
  createOrganisation,
  createTestApp,
  expectProblem,
  registerUser,
  TestApp,
  TestUser,
} from './support/test-app';

// Who may do what with an incident, for every role × confidentiality × action. A restricted
// incident is shared with the "named" organisation only; "anonymous" is a group incident
// reported with anonymous: true.
type Role =
  'reporterOrg' | 'named' | 'other' | 'focalPoint' | 'coChair' | 'observer' | 'otherGroup' | 'noToken';
type Kind = 'group' | 'restricted' | 'anonymous';
type Action = 'get' | 'list' | 'search' | 'patch' | 'postUpdate' | 'events' | 'accessLog';
// A number is the expected HTTP status; a boolean whether the incident is in the (200) result.
type Cells = Record<Action, number | boolean>;

const EDIT: Cells = {
  get: 200,
  list: true,
  search: true,
  patch: 200,
  postUpdate: 201,
  events: true,
  accessLog: 200,
};
const POST: Cells = {
  get: 200,
  list: true,
  search: true,
  patch: 403,
  postUpdate: 201,
  events: true,
  accessLog: 403,
};
const READ: Cells = {
  get: 200,
  list: true,
  search: true,
  patch: 403,
  postUpdate: 403,
  events: true,
  accessLog: 403,
};
const HIDDEN: Cells = {
  get: 404,
  list: false,
  search: false,
  patch: 404,
  postUpdate: 404,
  events: false,
  accessLog: 404,
};
const NOT_MEMBER: Cells = {
  get: 404,
  list: 404,
  search: 404,
  patch: 404,
  postUpdate: 404,
  events: 404,
  accessLog: 404,
};
const NO_TOKEN: Cells = {
  get: 401,
  list: 401,
  search: 401,
  patch: 401,
  postUpdate: 401,
  events: 401,
  accessLog: 401,
};

const MATRIX: [Role, Record<Kind, Cells>][] = [
  // Another member of the reporting organisation (not the reporter).
  ['reporterOrg', { group: EDIT, restricted: EDIT, anonymous: EDIT }],
  ['named', { group: POST, restricted: POST, anonymous: POST }],
  ['other', { group: POST, restricted: HIDDEN, anonymous: POST }],
  ['focalPoint', { group: POST, restricted: HIDDEN, anonymous: POST }],
  ['coChair', { group: POST, restricted: HIDDEN, anonymous: POST }],
  ['observer', { group: READ, restricted: HIDDEN, anonymous: READ }],
  ['otherGroup', { group: NOT_MEMBER, restricted: NOT_MEMBER, anonymous: NOT_MEMBER }],
  ['noToken', { group: NO_TOKEN, restricted: NO_TOKEN, anonymous: NO_TOKEN }],
];

describe('incident permissions', () => {
  let t: TestApp;
  let groupId: string;
  let reporter: TestUser;
  const users = {} as Record<Exclude<Role, 'noToken'>, TestUser>;
  const orgs = {} as Record<'reporting' | 'named' | 'other' | 'focal' | 'coChair' | 'observer', string>;
  const incidents = {} as Record<Kind, { id: string; token: string; title: string; description: string }>;

  beforeAll(async () => {
    t = await createTestApp();
    const focal = await registerUser(t, 'focal');
    orgs.focal = (await createOrganisation(t, focal, 'host_government', 'Governorate')).id;
    groupId = (await createGroup(t, focal, orgs.focal)).id;
    users.focalPoint = focal;
    orgs.reporting = (await createOrganisation(t, focal, 'civil_society', 'Justice NGO')).id;
    orgs.named = (await createOrganisation(t, focal, 'company', 'Mining Co')).id;
    orgs.other = (await createOrganisation(t, focal, 'public_security', 'Mine police')).id;
    orgs.coChair = (await createOrganisation(t, focal, 'company', 'Other Mining Co')).id;
    orgs.observer = (await createOrganisation(t, focal, 'international_organisation', 'UN office')).id;

    reporter = await registerUser(t, 'reporter');
    await addMember(t, groupId, focal, reporter, orgs.reporting);
    users.reporterOrg = await registerUser(t, 'reporter-colleague');
    await addMember(t, groupId, focal, users.reporterOrg, orgs.reporting);
    users.named = await registerUser(t, 'named');
    await addMember(t, groupId, focal, users.named, orgs.named);
    users.other = await registerUser(t, 'other');
    await addMember(t, groupId, focal, users.other, orgs.other);
    users.coChair = await registerUser(t, 'cochair');
    const coChairMembership = await addMember(t, groupId, focal, users.coChair, orgs.coChair);
    // The co-chair API belongs to another feature: appoint directly.
    await t.ds.query(
      `INSERT INTO co_chair_terms (group_id, membership_id, organisation_id, constituency) VALUES ($1, $2, $3, 'company')`,
      [groupId, coChairMembership, orgs.coChair],
    );
    users.observer = await registerUser(t, 'observer');
    await addMember(t, groupId, focal, users.observer, orgs.observer, 'observer');
    users.otherGroup = await registerUser(t, 'elsewhere');
    const elsewhereOrg = await createOrganisation(t, users.otherGroup, 'civil_society', 'Elsewhere NGO');
    await createGroup(t, users.otherGroup, elsewhereOrg.id);

    const make = async (kind: Kind, extra: Record<string, unknown>) => {
      const token = `tok${randomBytes(5).toString('hex')}`;
      const title = `Arrest of youths ${token} ${kind}`;
      const description = `Secret witness account ${kind} ${token}`;
      const body = await reportIncident(t, reporter, groupId, { title, description, ...extra });
      incidents[kind] = { id: body.id, token, title, description };
    };
    await make('group', { confidentiality: 'group' });
    await make('restricted', {
      confidentiality: 'restricted',
      sharedWithOrganisationIds: [orgs.named],
      category: 'sexual_violence',
    });
    await make('anonymous', { confidentiality: 'group', anonymous: true });
  });
  afterAll(() => t.close());

  async function perform(role: Role, kind: Kind): Promise<Cells> {
    const user = role === 'noToken' ? null : users[role];
    const auth = (req: import('supertest').Test) => (user ? req.set(user.auth) : req);
    const { id, token } = incidents[kind];
    const inList = async (query: string) => {
      const res = await auth(t.api().get(`/api/v1/groups/${groupId}/incidents?limit=200${query}`));
      return res.status === 200 ? res.body.items.some((i: { id: string }) => i.id === id) : res.status;
    };
    const events = await replayEvents(t, user, groupId);
    return {
      get: (await auth(t.api().get(`/api/v1/incidents/${id}`))).status,
      list: await inList(''),
      search: await inList(`&q=${token}`),
      patch: (await auth(t.api().patch(`/api/v1/incidents/${id}`)).send({ severity: 'high' })).status,
      postUpdate: (
        await auth(t.api().post(`/api/v1/incidents/${id}/updates`)).send({ body: `Note from ${role}` })
      ).status,
      events: events.status === 200 ? events.items.some((e) => mentionsIncident(e, id)) : events.status,
      accessLog: (await auth(t.api().get(`/api/v1/incidents/${id}/access-log`))).status,
    };
  }

  describe.each(MATRIX)('%s', (role, expected) => {
    it.each(['group', 'restricted', 'anonymous'] as Kind[])('%s incident', async (kind) => {
      expect(await perform(role, kind)).toEqual(expected[kind]);
    });
  });

  it('denied answers are problem details that do not reveal existence', async () => {
    const res = await t.api().get(`/api/v1/incidents/${incidents.restricted.id}`).set(users.focalPoint.auth);
    expectProblem(res, 404);
    const unknown = await t
      .api()
      .get(`/api/v1/incidents/00000000-0000-4000-8000-000000000000`)
      .set(users.focalPoint.auth);
    expect(unknown.body.detail).toBe(res.body.detail);
    expectProblem(
      await t.api().post(`/api/v1/groups/${groupId}/incidents`).set(users.observer.auth).send(incidentBody()),
      403,
    );
  });

  describe('anonymity', () => {
    const outsiders: Role[] = ['named', 'other', 'focalPoint', 'coChair', 'observer'];

    it('hides the reporter from everyone outside the reporting organisation, in get and list', async () => {
      const { id } = incidents.anonymous;
      for (const role of outsiders) {
        const u = users[role as Exclude<Role, 'noToken'>];
        const one = await t.api().get(`/api/v1/incidents/${id}`).set(u.auth);
        expect([role, one.status, one.body.reporter, one.body.reportedByMyOrganisation]).toEqual([
          role,
          200,
          null,
          false,
        ]);
        expect([
          role,
          JSON.stringify(one.body).includes(reporter.id),
          JSON.stringify(one.body).includes(orgs.reporting),
        ]).toEqual([role, false, false]);
        const list = await t.api().get(`/api/v1/groups/${groupId}/incidents?limit=200`).set(u.auth);
        const item = list.body.items.find((i: { id: string }) => i.id === id);
        expect([role, item.reporter, JSON.stringify(item).includes(reporter.id)]).toEqual([
          role,
          null,
          false,
        ]);
      }
      const own = await t.api().get(`/api/v1/incidents/${id}`).set(users.reporterOrg.auth);
      expect(own.body.reporter).toEqual({
        userId: reporter.id,
        displayName: 'reporter',
        organisation: { id: orgs.reporting, name: expect.any(String), verified: false },
      });
      expect(own.body.reportedByMyOrganisation).toBe(true);
      // A non-anonymous incident names its reporter to everyone who sees it.
      const open = await t.api().get(`/api/v1/incidents/${incidents.group.id}`).set(users.other.auth);
      expect(open.body.reporter).toEqual(
        expect.objectContaining({
          userId: reporter.id,
          organisation: expect.objectContaining({ id: orgs.reporting }),
        }),
      );
    });

    it("hides the reporting organisation's own updates' authors from outsiders", async () => {
      const { id } = incidents.anonymous;
      const posted = await t
        .api()
        .post(`/api/v1/incidents/${id}/updates`)
        .set(reporter.auth)
        .send({ body: 'Reporter follow-up' });
      expect(posted.status).toBe(201);
      expect(posted.body.author).toEqual(expect.objectContaining({ userId: reporter.id }));
      const seenBy = async (u: TestUser) => {
        const res = await t.api().get(`/api/v1/incidents/${id}/updates?limit=200`).set(u.auth);
        return res.body.items.find((x: { id: string }) => x.id === posted.body.id).author;
      };
      expect(await seenBy(users.focalPoint)).toBeNull();
      expect(await seenBy(users.named)).toBeNull();
      expect(await seenBy(users.reporterOrg)).toEqual(expect.objectContaining({ userId: reporter.id }));
      // Updates by other organisations stay attributed.
      const res = await t.api().get(`/api/v1/incidents/${id}/updates?limit=200`).set(users.named.auth);
      const fromOther = res.body.items.find((x: { body: string }) => x.body === 'Note from other');
      expect(fromOther.author).toEqual(
        expect.objectContaining({
          userId: users.other.id,
          organisation: expect.objectContaining({ id: orgs.other }),
        }),
      );
    });

    it('event payloads of an anonymous incident never carry reporter ids — for anyone', async () => {
      for (const u of [users.focalPoint, users.reporterOrg]) {
        const { items } = await replayEvents(t, u, groupId);
        const about = items.filter((e) => mentionsIncident(e, incidents.anonymous.id));
        expect(about.map((e) => e.type)).toEqual(
          expect.arrayContaining(['incident.reported', 'incident.updated']),
        );
        const text = JSON.stringify(about);
        expect([
          text.includes(reporter.id),
          text.includes(users.reporterOrg.id),
          text.includes(orgs.reporting),
        ]).toEqual([false, false, false]);
      }
      // The open incident's report event does name its reporter.
      const { items } = await replayEvents(t, users.other, groupId);
      const reported = items.find((e) => e.type === 'incident.reported' && e.entityId === incidents.group.id);
      expect(reported?.data).toEqual(
        expect.objectContaining({ reporterUserId: reporter.id, reporterOrganisationId: orgs.reporting }),
      );
    });

    it('the audit trail neither attributes anonymous reports nor holds restricted content', async () => {
      const res = await t.api().get(`/api/v1/groups/${groupId}/audit?limit=200`).set(users.focalPoint.auth);
      expect(res.status).toBe(200);
      const about = (id: string) => res.body.items.filter((a: { entityId: string }) => a.entityId === id);
      const anonymous = JSON.stringify(about(incidents.anonymous.id));
      expect(about(incidents.anonymous.id).length).toBeGreaterThan(0);
      expect([
        anonymous.includes(reporter.id),
        anonymous.includes(users.reporterOrg.id),
        anonymous.includes(orgs.reporting),
      ]).toEqual([false, false, false]);
      // The focal point may not see the restricted incident, so not its audit entries either.
      expect(about(incidents.restricted.id)).toEqual([]);
      expect(JSON.stringify(res.body)).not.toContain(incidents.restricted.token);
    });
  });

  it('creates no notification about a restricted incident for those outside it', async () => {
    for (const u of [users.focalPoint, users.coChair, users.other]) {
      const res = await t.api().get('/api/v1/me/notifications?limit=200').set(u.auth);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(incidents.restricted.id);
    }
  });
});
