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

describe('incidents', () => {
  let t: TestApp;
  let focal: TestUser;
  let reporter: TestUser; // reporting organisation "ngo"
  let named: TestUser; // organisation "company", the one restricted incidents get shared with
  let other: TestUser; // organisation "police"
  let groupId: string;
  const org = {} as Record<'focal' | 'ngo' | 'company' | 'police' | 'absent', string>;

  // A fresh group with the same cast, so seeded data sets are exact.
  async function newGroup(): Promise<string> {
    const id = (await createGroup(t, focal, org.focal)).id;
    await addMember(t, id, focal, reporter, org.ngo);
    await addMember(t, id, focal, named, org.company);
    await addMember(t, id, focal, other, org.police);
    return id;
  }
  const post = (u: TestUser, body: Record<string, unknown>, g = groupId) =>
    t.api().post(`/api/v1/groups/${g}/incidents`).set(u.auth).send(body);
  const list = async (u: TestUser, query: string, g = groupId): Promise<string[]> => {
    const res = await t.api().get(`/api/v1/groups/${g}/incidents?limit=200&${query}`).set(u.auth);
    expect(res.status).toBe(200);
    return res.body.items.map((i: { id: string }) => i.id);
  };
  // The fields named in a 400's errors (a field may carry several messages).
  const fields = (res: { body: { errors?: { field: string }[] } }) =>
    [...new Set((res.body.errors ?? []).map((e) => e.field))].sort();

  beforeAll(async () => {
    t = await createTestApp();
    focal = await registerUser(t, 'focal');
    reporter = await registerUser(t, 'reporter');
    named = await registerUser(t, 'named');
    other = await registerUser(t, 'other');
    org.focal = (await createOrganisation(t, focal, 'host_government', 'Province')).id;
    org.ngo = (await createOrganisation(t, focal, 'civil_society', 'NGO')).id;
    org.company = (await createOrganisation(t, focal, 'company', 'Company')).id;
    org.police = (await createOrganisation(t, focal, 'public_security', 'Police')).id;
    org.absent = (await createOrganisation(t, focal, 'womens_group', 'Absent')).id;
    groupId = await newGroup();
  });
  afterAll(() => t.close());

  describe('validation', () => {
    it('reports a valid incident with every field', async () => {
      const res = await post(
        reporter,
        incidentBody({
          actors: ['Police des mines', 'Community members'],
          allegedHumanRightsAbuse: true,
          casualties: { injured: 3, killed: 0 },
          confidentiality: 'restricted',
          sharedWithOrganisationIds: [org.company, org.ngo],
          anonymous: false,
          occurredAt: new Date(Date.now() + 60_000).toISOString(), // within the clock skew
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toEqual(
        expect.objectContaining({
          groupId,
          location: { name: 'Kolwezi, Kasulo', lat: -10.71, lng: 25.47 },
          actors: ['Police des mines', 'Community members'],
          allegedHumanRightsAbuse: true,
          casualties: { injured: 3, killed: 0 },
          confidentiality: 'restricted',
          // The reporting organisation always sees it; it is not listed as a share.
          sharedWithOrganisations: [{ id: org.company, name: expect.any(String), verified: false }],
          status: 'open',
          version: 1,
          updateCount: 0,
          reporter: expect.objectContaining({ userId: reporter.id }),
        }),
      );
    });

    it.each([
      [
        'missing fields',
        {},
        ['category', 'confidentiality', 'description', 'location', 'occurredAt', 'severity', 'title'],
      ],
      [
        'enums',
        { category: 'riot', severity: 'extreme', confidentiality: 'secret' },
        ['category', 'confidentiality', 'severity'],
      ],
      [
        'coordinates',
        { location: { name: 'Likasi', lat: 90.5, lng: -180.01 } },
        ['location.lat', 'location.lng'],
      ],
      ['lat without lng', { location: { name: 'Likasi', lat: 1 } }, ['location.lng']],
      ['location name', { location: { name: '  ' } }, ['location.name']],
      ['location not an object', { location: 'Likasi' }, ['location']],
      [
        'casualties',
        { casualties: { injured: -1, killed: 1.5 } },
        ['casualties.injured', 'casualties.killed'],
      ],
      ['casualties as strings', { casualties: { injured: '3', killed: 0 } }, ['casualties.injured']],
      ['occurredAt not ISO', { occurredAt: 'yesterday' }, ['occurredAt']],
      ['occurredAt a date only', { occurredAt: '2026-01-05' }, ['occurredAt']],
      ['occurredAt impossible', { occurredAt: '2026-02-30T10:00:00Z' }, ['occurredAt']],
      [
        'occurredAt in the future',
        { occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
        ['occurredAt'],
      ],
      ['unknown field', { colour: 'red' }, ['colour']],
      ['unknown nested field', { location: { name: 'Likasi', altitude: 1200 } }, ['location.altitude']],
      ['nulls', { title: null, anonymous: null, actors: null }, ['actors', 'anonymous', 'title']],
      ['blank strings', { title: '   ', actors: [''] }, ['actors', 'title']],
      [
        'booleans',
        { anonymous: 'yes', allegedHumanRightsAbuse: 1 },
        ['allegedHumanRightsAbuse', 'anonymous'],
      ],
      [
        'share ids not UUIDs',
        { confidentiality: 'restricted', sharedWithOrganisationIds: ['police'] },
        ['sharedWithOrganisationIds'],
      ],
    ])('rejects %s with field errors', async (_name, override, expected) => {
      const body = Object.keys(override).length ? incidentBody(override) : {};
      const res = await post(reporter, body);
      expectProblem(res, 400);
      expect(fields(res)).toEqual(expected);
    });

    it('rejects share targets that do not exist, are not in the group, or on a group incident', async () => {
      const unknown = '00000000-0000-4000-8000-000000000001';
      const res = await post(
        reporter,
        incidentBody({
          confidentiality: 'restricted',
          sharedWithOrganisationIds: [org.company, unknown, org.absent],
        }),
      );
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([
        { field: 'sharedWithOrganisationIds.1', message: `no such organisation: ${unknown}` },
        {
          field: 'sharedWithOrganisationIds.2',
          message: `organisation ${org.absent} has no active members in this group`,
        },
      ]);
      const group = await post(
        reporter,
        incidentBody({ confidentiality: 'group', sharedWithOrganisationIds: [org.company] }),
      );
      expectProblem(group, 400);
      expect(fields(group)).toEqual(['sharedWithOrganisationIds']);
    });

    it('rejects bad list queries', async () => {
      for (const [query, field] of [
        ['severity=extreme', 'severity'],
        ['category=riot', 'category'],
        ['status=done', 'status'],
        ['from=last-week', 'from'],
        ['to=2026-02-30', 'to'],
        ['limit=0', 'limit'],
        ['limit=201', 'limit'],
        ['cursor=garbage', 'cursor'],
        ['colour=red', 'colour'],
        ['from=2026-05-01&to=2026-04-01', 'to'],
      ]) {
        const res = await t.api().get(`/api/v1/groups/${groupId}/incidents?${query}`).set(other.auth);
        expect([query, res.status, fields(res)]).toEqual([query, 400, [field]]);
      }
    });

    it('validates patches and updates, and 404s non-UUID ids', async () => {
      const { id } = await reportIncident(t, reporter, groupId);
      const patch = (body: Record<string, unknown>) =>
        t.api().patch(`/api/v1/incidents/${id}`).set(reporter.auth).send(body);
      for (const [body, field] of [
        [{ casualties: { injured: -1, killed: 0 } }, 'casualties.injured'],
        [{ title: null }, 'title'],
        [{ severity: 'extreme' }, 'severity'],
        [{ location: { name: 'X', lat: -91, lng: 0 } }, 'location.lat'],
        [{ anonymous: true }, 'anonymous'], // reported openly: cannot become anonymous
        [{ status: 'closed' }, 'status'], // status moves through updates
        [{ sharedWithOrganisationIds: [org.company] }, 'sharedWithOrganisationIds'], // a group incident
      ] as [Record<string, unknown>, string][]) {
        const res = await patch(body);
        expect([JSON.stringify(body), res.status, fields(res)]).toEqual([JSON.stringify(body), 400, [field]]);
      }
      expectProblem(await patch({ severity: 'high', expectedVersion: 7 }), 409);
      expect((await patch({ severity: 'high', expectedVersion: 1 })).body).toEqual(
        expect.objectContaining({ severity: 'high', version: 2 }),
      );
      const upd = (body: Record<string, unknown>) =>
        t.api().post(`/api/v1/incidents/${id}/updates`).set(reporter.auth).send(body);
      expect(fields(await upd({}))).toEqual(['body']);
      expect(fields(await upd({ body: 'x', status: 'resolved' }))).toEqual(['status']);
      expect(fields(await upd({ body: 'x', mood: 'calm' }))).toEqual(['mood']);
      expectProblem(await t.api().get('/api/v1/incidents/not-a-uuid').set(reporter.auth), 404);
      expectProblem(await t.api().get(`/api/v1/incidents/${id}/updates?cursor=bad`).set(reporter.auth), 400);
    });
  });

  describe('search and filters on a seeded data set', () => {
    let g: string;
    const ids = {} as Record<'A' | 'B' | 'C' | 'D' | 'E', string>;
    beforeAll(async () => {
      g = await newGroup();
      const seed = async (key: keyof typeof ids, body: Record<string, unknown>) => {
        ids[key] = (await reportIncident(t, reporter, g, body)).id;
      };
      await seed('A', {
        title: 'Manifestation devant la mine de Kipushi',
        description: 'Les jeunes ont bloqué la route nationale.',
        category: 'community_protest',
        severity: 'high',
        occurredAt: '2026-03-10T08:00:00Z',
      });
      await seed('B', {
        title: 'Arrestation de trois creuseurs',
        description: 'Creuseurs artisanaux arrêtés par la police des mines à Kipushi.',
        category: 'arrest_or_detention',
        severity: 'medium',
        occurredAt: '2026-04-02T08:00:00Z',
      });
      await seed('C', {
        title: 'Intrusion on the tailings site',
        description: 'Night intrusion; copper cathodes stolen.',
        category: 'theft_or_intrusion',
        severity: 'low',
        occurredAt: '2026-05-20T08:00:00Z',
      });
      await seed('D', {
        title: 'Use of force during an eviction',
        description: 'Private guards used batons at Kipushi; two injured.',
        category: 'use_of_force_private_security',
        severity: 'high',
        occurredAt: '2026-05-25T08:00:00Z',
        confidentiality: 'restricted',
      });
      await seed('E', {
        title: 'Water pollution near Likasi',
        description: 'Dead fish in the river.',
        category: 'environmental',
        severity: 'high',
        occurredAt: '2026-06-15T08:00:00Z',
      });
      await t
        .api()
        .post(`/api/v1/incidents/${ids.E}/updates`)
        .set(other.auth)
        .send({ body: 'Samples sent to the laboratory in Lubumbashi.' })
        .expect(201);
      await t
        .api()
        .post(`/api/v1/incidents/${ids.C}/updates`)
        .set(reporter.auth)
        .send({ body: 'Fence repaired.', status: 'closed' })
        .expect(201);
    });

    const as = (u: () => TestUser, query: string) => list(u(), query, g);
    const pick = (...keys: (keyof typeof ids)[]) => keys.map((k) => ids[k]);

    it('lists newest report first, hiding what the caller may not see', async () => {
      expect(await as(() => other, '')).toEqual(pick('E', 'C', 'B', 'A'));
      expect(await as(() => reporter, '')).toEqual(pick('E', 'D', 'C', 'B', 'A'));
    });

    it.each([
      ['kipushi', ['B', 'A'], ['D', 'B', 'A']], // title, description; case-insensitive
      ['arretes', ['B'], ['B']], // accents ignored: "arrêtés"
      ['laboratory', ['E'], ['E']], // found through an update
      ['"police des mines"', ['B'], ['B']], // phrase
      ['kipushi -arrestation', ['A'], ['D', 'A']],
      ['pollution or intrusion', ['E', 'C'], ['E', 'C']],
      ['batons', [], ['D']], // restricted: never found by those who may not see it
      ['nothingmatches', [], []],
    ])('q=%s', async (q, forOther, forReporter) => {
      expect(await as(() => other, `q=${encodeURIComponent(q)}`)).toEqual(
        pick(...(forOther as (keyof typeof ids)[])),
      );
      expect(await as(() => reporter, `q=${encodeURIComponent(q)}`)).toEqual(
        pick(...(forReporter as (keyof typeof ids)[])),
      );
    });

    it.each([
      ['severity=high', ['E', 'A'], ['E', 'D', 'A']],
      ['category=arrest_or_detention', ['B'], ['B']],
      ['from=2026-04-01&to=2026-06-01', ['C', 'B'], ['D', 'C', 'B']],
      ['from=2026-05-20T08:00:00Z&to=2026-05-25T08:00:00Z', ['C'], ['C']], // from inclusive, to exclusive
      ['status=closed', ['C'], ['C']],
      ['status=open&severity=high&q=kipushi', ['A'], ['D', 'A']],
    ])('%s', async (query, forOther, forReporter) => {
      expect(await as(() => other, query)).toEqual(pick(...(forOther as (keyof typeof ids)[])));
      expect(await as(() => reporter, query)).toEqual(pick(...(forReporter as (keyof typeof ids)[])));
    });

    it('changes status only for the reporting organisation, the focal point and co-chairs (with a reason)', async () => {
      expectProblem(
        await t
          .api()
          .post(`/api/v1/incidents/${ids.A}/updates`)
          .set(other.auth)
          .send({ body: 'Calm now', status: 'closed' }),
        403,
      );
      const noReason = await t
        .api()
        .post(`/api/v1/incidents/${ids.A}/updates`)
        .set(focal.auth)
        .send({ body: 'Mediation under way', status: 'monitoring' });
      expectProblem(noReason, 400);
      expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
      const byFocal = await t
        .api()
        .post(`/api/v1/incidents/${ids.A}/updates`)
        .set(focal.auth)
        .send({ body: 'Mediation under way', status: 'monitoring', reason: 'Agreed at the meeting' });
      expect(byFocal.status).toBe(201);
      expect(byFocal.body).toEqual(
        expect.objectContaining({
          status: 'monitoring',
          statusReason: 'Agreed at the meeting',
          author: expect.objectContaining({ userId: focal.id }),
        }),
      );
      const a = await t.api().get(`/api/v1/incidents/${ids.A}`).set(other.auth);
      expect(a.body).toEqual(expect.objectContaining({ status: 'monitoring', updateCount: 1 }));
      const thread = await t.api().get(`/api/v1/incidents/${ids.E}/updates`).set(named.auth);
      expect(thread.body.items.map((u: { body: string }) => u.body)).toEqual([
        'Samples sent to the laboratory in Lubumbashi.',
      ]);
    });
  });

  it('pages stably while new incidents are reported between page fetches', async () => {
    const g = await newGroup();
    const seeded: string[] = [];
    for (let i = 0; i < 8; i++)
      seeded.push((await reportIncident(t, reporter, g, { title: `Seeded ${i}` })).id);
    // Rows sharing one created_at must still page by id, without skips or repeats.
    await t.ds.query(
      `UPDATE incidents SET created_at = (SELECT created_at FROM incidents WHERE id = $1) WHERE id = ANY($2::uuid[])`,
      [seeded[2], seeded.slice(3, 6)],
    );
    const baseline = await list(other, '', g);
    expect([...baseline].sort()).toEqual([...seeded].sort());
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: import('supertest').Response = await t
        .api()
        .get(`/api/v1/groups/${g}/incidents?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .set(other.auth);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
      pages++;
      await reportIncident(t, reporter, g, { title: `Inserted while paging ${pages}` });
      await reportIncident(t, named, g, { title: `Also inserted ${pages}` });
    } while (cursor && pages < 10);
    expect(seen).toEqual(baseline);
    expect(pages).toBe(3);
  });

  it('widening and narrowing sharing takes effect at once, for the incident, its updates and its events', async () => {
    const g = await newGroup();
    const { id } = await reportIncident(t, reporter, g, {
      confidentiality: 'restricted',
      title: 'Detention of a witness',
    });
    await t
      .api()
      .post(`/api/v1/incidents/${id}/updates`)
      .set(reporter.auth)
      .send({ body: 'Released on bail' })
      .expect(201);
    const state = async (u: TestUser) => {
      const [one, updates, events, listed] = await Promise.all([
        t.api().get(`/api/v1/incidents/${id}`).set(u.auth),
        t.api().get(`/api/v1/incidents/${id}/updates`).set(u.auth),
        replayEvents(t, u, g),
        list(u, '', g),
      ]);
      return {
        get: one.status,
        updates: updates.status,
        events: events.items.some((e) => mentionsIncident(e, id)),
        listed: listed.includes(id),
      };
    };
    const hidden = { get: 404, updates: 404, events: false, listed: false };
    const visible = { get: 200, updates: 200, events: true, listed: true };
    const patch = async (body: Record<string, unknown>) => {
      const res = await t.api().patch(`/api/v1/incidents/${id}`).set(reporter.auth).send(body);
      expect(res.status).toBe(200);
      return res.body;
    };
    expect([await state(named), await state(other), await state(focal)]).toEqual([hidden, hidden, hidden]);

    expect(
      (await patch({ sharedWithOrganisationIds: [org.company] })).sharedWithOrganisations.map(
        (o: { id: string }) => o.id,
      ),
    ).toEqual([org.company]);
    expect([await state(named), await state(other), await state(focal)]).toEqual([visible, hidden, hidden]);

    await patch({ sharedWithOrganisationIds: [org.company, org.police] });
    expect([await state(named), await state(other), await state(focal)]).toEqual([visible, visible, hidden]);

    await patch({ sharedWithOrganisationIds: [org.police] });
    expect([await state(named), await state(other), await state(focal)]).toEqual([hidden, visible, hidden]);

    const open = await patch({ confidentiality: 'group' });
    expect(open.sharedWithOrganisations).toEqual([]);
    expect([await state(named), await state(other), await state(focal)]).toEqual([visible, visible, visible]);

    await patch({ confidentiality: 'restricted' });
    expect([await state(named), await state(other), await state(focal)]).toEqual([hidden, hidden, hidden]);
    expect(await state(reporter)).toEqual(visible);
  });

  it('records every read of a restricted incident and shows the log to the reporting organisation', async () => {
    const g = await newGroup();
    const { id } = await reportIncident(t, reporter, g, {
      confidentiality: 'restricted',
      sharedWithOrganisationIds: [org.company],
    });
    const before = Date.now();
    await t.api().get(`/api/v1/incidents/${id}`).set(named.auth).expect(200);
    await t.api().get(`/api/v1/incidents/${id}/updates`).set(named.auth).expect(200);
    await t.api().get(`/api/v1/groups/${g}/incidents`).set(named.auth).expect(200);
    await t.api().get(`/api/v1/incidents/${id}`).set(other.auth).expect(404); // not a read: nothing was shown
    await t.api().get(`/api/v1/incidents/${id}`).set(reporter.auth).expect(200);

    const log = await t.api().get(`/api/v1/incidents/${id}/access-log`).set(reporter.auth);
    expect(log.status).toBe(200);
    expect(
      log.body.items.map((e: { userId: string; organisation: { id: string }; action: string }) => [
        e.userId,
        e.organisation.id,
        e.action,
      ]),
    ).toEqual([
      [reporter.id, org.ngo, 'view'],
      [named.id, org.company, 'list'],
      [named.id, org.company, 'view_updates'],
      [named.id, org.company, 'view'],
    ]);
    for (const e of log.body.items) {
      expect(Date.parse(e.at)).toBeGreaterThanOrEqual(before - 1000);
      expect(e.displayName).toEqual(expect.any(String));
    }
    // Paged like every list.
    const first = await t.api().get(`/api/v1/incidents/${id}/access-log?limit=3`).set(reporter.auth);
    const rest = await t
      .api()
      .get(`/api/v1/incidents/${id}/access-log?limit=3&cursor=${first.body.nextCursor}`)
      .set(reporter.auth);
    expect([...first.body.items, ...rest.body.items].map((e: { id: string }) => e.id)).toEqual(
      log.body.items.map((e: { id: string }) => e.id),
    );
    expect(rest.body.nextCursor).toBeNull();

    // Reads of a group incident are not logged.
    const open = await reportIncident(t, reporter, g);
    await t.api().get(`/api/v1/incidents/${open.id}`).set(other.auth).expect(200);
    const openLog = await t.api().get(`/api/v1/incidents/${open.id}/access-log`).set(reporter.auth);
    expect(openLog.body).toEqual({ items: [], nextCursor: null });
  });

  it('lets the reporting organisation reveal an anonymous report', async () => {
    const { id } = await reportIncident(t, reporter, groupId, { anonymous: true });
    expect((await t.api().get(`/api/v1/incidents/${id}`).set(other.auth)).body.reporter).toBeNull();
    await t.api().patch(`/api/v1/incidents/${id}`).set(reporter.auth).send({ anonymous: false }).expect(200);
    expect((await t.api().get(`/api/v1/incidents/${id}`).set(other.auth)).body.reporter).toEqual(
      expect.objectContaining({ userId: reporter.id }),
    );
  });

  it('documents every incident route in OpenAPI', async () => {
    const res = await t.api().get('/api/docs-json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<
      string,
      Record<string, { responses: Record<string, { content?: unknown }> }>
    >;
    for (const [path, method, status] of [
      ['/api/v1/groups/{groupId}/incidents', 'post', '201'],
      ['/api/v1/groups/{groupId}/incidents', 'get', '200'],
      ['/api/v1/incidents/{incidentId}', 'get', '200'],
      ['/api/v1/incidents/{incidentId}', 'patch', '200'],
      ['/api/v1/incidents/{incidentId}/updates', 'post', '201'],
      ['/api/v1/incidents/{incidentId}/updates', 'get', '200'],
      ['/api/v1/incidents/{incidentId}/access-log', 'get', '200'],
    ]) {
      expect([path, method, Boolean(paths[path]?.[method]?.responses?.[status]?.content)]).toEqual([
        path,
        method,
        true,
      ]);
    }
  });
});
