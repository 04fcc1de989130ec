/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { INestApplicationContext } from '@nestjs/common';
import {
  addDays,
  addMonths,
  agreementWorld,
  AgreementWorld,
  agreeVersion,
  mouBody,
  signAll,
  todayIn,
} from './support/agreements';
import { replayEvents } from './support/incidents';
import { createTestWorker, eventually } from './support/realtime';
import {
  createOrganisation,
  createTestApp,
  DocumentedRoute,
  expectDocumentedRoutes,
  expectProblem,
  TestApp,
  TestUser,
} from './support/test-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's index runs a debug script when required
const pdfParse: (b: Uint8Array) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');
// Text as a reader sees it: the renderer wraps long lines, so whitespace runs count as one space.
const pdfText = async (b: Buffer) => (await pdfParse(new Uint8Array(b))).text.replace(/\s+/g, ' ');

describe('agreements', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let w: AgreementWorld;

  const api = () => t.api();
  const get = (path: string, u: TestUser) => api().get(`/api/v1${path}`).set(u.auth);
  const post = (path: string, u: TestUser, body: Record<string, unknown> = {}) =>
    api().post(`/api/v1${path}`).set(u.auth).send(body);
  const put = (path: string, u: TestUser, body: Record<string, unknown>) =>
    api().put(`/api/v1${path}`).set(u.auth).send(body);
  const patch = (path: string, u: TestUser, body: Record<string, unknown>) =>
    api().patch(`/api/v1${path}`).set(u.auth).send(body);
  const create = (u: TestUser, extra: Record<string, unknown> = {}) =>
    post(`/groups/${w.groupId}/agreements`, u, mouBody(w, extra));
  const status = (id: string, u: TestUser, to: string, reason = 'As agreed at the monthly meeting') =>
    post(`/agreements/${id}/status`, u, { to, reason });
  const fields = (res: { body: { errors?: { field: string }[] } }) =>
    [...new Set((res.body.errors ?? []).map((e) => e.field))].sort();
  const notifications = async (type: string, entityId: string): Promise<string[]> =>
    (
      await t.ds.query(
        `SELECT user_id FROM notifications WHERE type = $1 AND entity_id = $2 ORDER BY user_id`,
        [type, entityId],
      )
    ).map((r: { user_id: string }) => r.user_id);
  const binary = (path: string, u: TestUser) =>
    get(path, u)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  const statusOf = async (id: string) =>
    (await t.ds.query(`SELECT status FROM agreements WHERE id = $1`, [id]))[0].status as string;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker({ AGREEMENT_JOBS_INTERVAL_MS: '300' });
    w = await agreementWorld(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  describe('clause catalogue', () => {
    it('lists clauses a)–j) with guidance and the template wording, latest edition by default', async () => {
      const res = await get('/catalogue/agreement-clauses', w.local);
      expect(res.status).toBe(200);
      expect(res.body.edition).toEqual({
        key: '3rd',
        title: 'Toolkit, third edition',
        vpsAnnexRequired: true,
        latest: true,
      });
      expect(res.body.editions.map((e: any) => [e.key, e.vpsAnnexRequired])).toEqual([
        ['2nd', false],
        ['3rd', true],
      ]);
      expect(res.body.items.map((c: any) => c.key)).toEqual([
        'a',
        'b',
        'c',
        'd',
        'e',
        'f',
        'g',
        'h',
        'i',
        'j',
      ]);
      expect(res.body.items[2]).toEqual({
        key: 'c',
        heading: 'Vetting',
        guidance: expect.stringContaining('vets'),
        body: expect.stringContaining('credibly implicated'),
        edition: '3rd',
      });
      expect(res.body.vpsAnnexKey).toBe('vps');
    });

    it('has a second edition worded differently, in English and French', async () => {
      const en3 = (await get('/catalogue/agreement-clauses?edition=3rd', w.local)).body.items;
      const en2 = (await get('/catalogue/agreement-clauses?edition=2nd', w.local)).body.items;
      const fr2 = await get('/catalogue/agreement-clauses?edition=2nd&locale=fr', w.local);
      expect(fr2.status).toBe(200);
      expect(fr2.body.edition).toMatchObject({ key: '2nd', title: 'Boîte à outils, deuxième édition' });
      expect(fr2.body.items[2]).toMatchObject({
        key: 'c',
        heading: 'Vérification des antécédents',
        edition: '2nd',
      });
      expect(en2.map((c: any) => c.heading)).toEqual(en3.map((c: any) => c.heading));
      expect(en2.filter((c: any, i: number) => c.body !== en3[i].body).map((c: any) => c.key)).toEqual([
        'a',
        'b',
        'c',
        'd',
        'e',
        'f',
        'g',
        'h',
        'i',
        'j',
      ]);
    });

    it('rejects an unknown edition or locale, and needs a signed-in user', async () => {
      expectProblem(await get('/catalogue/agreement-clauses?edition=1st', w.local), 400);
      expectProblem(await get('/catalogue/agreement-clauses?locale=sw', w.local), 400);
      expectProblem(await api().get('/api/v1/catalogue/agreement-clauses'), 401);
    });
  });

  describe('sites', () => {
    const site = (extra: Record<string, unknown> = {}) => ({
      name: `Kamoto ${Math.random().toString(36).slice(2, 8)}`,
      kind: 'mine',
      region: 'Lualaba',
      location: { lat: -10.72, lng: 25.4 },
      operatorOrganisationId: w.orgs.mine,
      publicSecurityPresent: true,
      ...extra,
    });

    it('are added by the operator’s members or the focal point, and seen by every member', async () => {
      const res = await post(`/groups/${w.groupId}/sites`, w.mine, site({ name: 'Kamoto underground mine' }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: 'Kamoto underground mine',
        kind: 'mine',
        location: { lat: -10.72, lng: 25.4 },
        operatorOrganisation: { id: w.orgs.mine, kind: 'company' },
        publicSecurityPresent: true,
      });
      expect((await post(`/groups/${w.groupId}/sites`, w.focal, site())).status).toBe(201);
      expectProblem(await post(`/groups/${w.groupId}/sites`, w.police, site()), 403);
      expectProblem(await post(`/groups/${w.groupId}/sites`, w.mineObserver, site()), 403);
      expectProblem(await post(`/groups/${w.groupId}/sites`, w.outsider, site()), 404);
      expectProblem(
        await post(`/groups/${w.groupId}/sites`, w.mine, site({ name: 'kamoto UNDERGROUND mine' })),
        409,
      );
      const list = await get(`/groups/${w.groupId}/sites?publicSecurityPresent=true`, w.local);
      expect(list.status).toBe(200);
      expect(list.body.items.map((s: any) => s.name)).toContain('Kamoto underground mine');
      expect((await get(`/sites/${res.body.id}`, w.police)).status).toBe(200);
      expectProblem(await get(`/sites/${res.body.id}`, w.outsider), 404);
      const events = await replayEvents(t, w.local, w.groupId);
      expect(
        events.items.filter((e) => e.type === 'site.created' && e.entityId === res.body.id),
      ).toHaveLength(1);
    });

    it('change through PATCH; the operator must be represented in the group', async () => {
      const res = await post(`/groups/${w.groupId}/sites`, w.mine, site());
      const changed = await patch(`/sites/${res.body.id}`, w.mine, {
        publicSecurityPresent: false,
        region: null,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ publicSecurityPresent: false, region: null });
      expectProblem(await patch(`/sites/${res.body.id}`, w.police, { name: 'Renamed' }), 403);
      const absent = await createOrganisation(t, w.focal, 'company', 'Absent');
      const bad = await post(
        `/groups/${w.groupId}/sites`,
        w.focal,
        site({ operatorOrganisationId: absent.id }),
      );
      expectProblem(bad, 400);
      expect(fields(bad)).toEqual(['operatorOrganisationId']);
      expectProblem(await post(`/groups/${w.groupId}/sites`, w.mine, site({ kind: 'farm', extra: 1 })), 400);
    });
  });

  describe('a national MoU and a site security agreement under it', () => {
    let national: any;
    let siteId: string;

    it('starts the MoU from the template: clauses a)–j), the Voluntary Principles annexed, full coverage', async () => {
      const res = await create(w.mine);
      expect(res.status).toBe(201);
      national = res.body;
      expect(national).toMatchObject({
        access: 'full',
        isParty: true,
        kind: 'mou',
        level: 'national',
        status: 'draft',
        visibility: 'group',
        templateKey: 'dcaf-2.3',
        sourceLocale: 'en',
        parentAgreementId: null,
        nextReviewOn: null,
        reviewOverdue: false,
        coverage: {
          edition: '3rd',
          covered: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
          missing: [],
        },
        currentVersion: { number: 1, status: 'draft', revision: 1 },
        parties: [
          expect.objectContaining({
            organisation: expect.objectContaining({ id: w.orgs.mine }),
            role: 'company',
            signatureRequired: true,
          }),
          expect.objectContaining({
            organisation: expect.objectContaining({ id: w.orgs.police }),
            unit: 'Police des mines, Lualaba',
          }),
        ],
      });
      const version = await get(`/agreement-versions/${national.currentVersion.id}`, w.police);
      expect(version.status).toBe(200);
      const catalogue = (await get('/catalogue/agreement-clauses', w.police)).body.items;
      expect(version.body.clauses.map((c: any) => [c.key, c.heading, c.body])).toEqual(
        catalogue.map((c: any) => [c.key, c.heading, c.body]),
      );
      expect(version.body.annexes).toEqual([
        expect.objectContaining({
          key: 'vps',
          title: 'The Voluntary Principles on Security and Human Rights',
        }),
      ]);
      // the other party is told; the audit row names no title
      expect(await notifications('agreement.party', national.id)).toEqual([w.police.id]);
      const [audit] = await t.ds.query(
        `SELECT details FROM audit_events WHERE action = 'agreement.created' AND entity_id = $1`,
        [national.id],
      );
      expect(JSON.stringify(audit.details)).not.toContain('Kamoto Mining and the Police');
    });

    it('mirrors it in a site agreement at local level, linked to the national one and to the site', async () => {
      siteId = (
        await post(`/groups/${w.groupId}/sites`, w.mine, {
          name: 'Kamoto open pit',
          kind: 'mine',
          operatorOrganisationId: w.orgs.mine,
          publicSecurityPresent: true,
        })
      ).body.id;
      const res = await create(w.police, {
        title: 'Site security agreement, Kamoto open pit',
        kind: 'site_security_agreement',
        level: 'site',
        parentAgreementId: national.id,
        siteIds: [siteId],
        parties: [
          { organisationId: w.orgs.mine, role: 'company' },
          { organisationId: w.orgs.police, role: 'public_security' },
          { organisationId: w.orgs.local, role: 'local_authority' },
          { organisationId: w.orgs.ngo, role: 'witness' },
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        parentAgreementId: national.id,
        sites: [{ id: siteId, name: 'Kamoto open pit' }],
        parties: [
          expect.objectContaining({ role: 'company', signatureRequired: true }),
          expect.objectContaining({ role: 'public_security' }),
          expect.objectContaining({ role: 'local_authority', signatureRequired: true }),
          expect.objectContaining({ role: 'witness', signatureRequired: false }),
        ],
      });
      const children = await get(`/groups/${w.groupId}/agreements?parentAgreementId=${national.id}`, w.local);
      expect(children.body.items.map((a: any) => a.id)).toEqual([res.body.id]);
      const atSite = await get(`/groups/${w.groupId}/agreements?siteId=${siteId}`, w.local);
      expect(atSite.body.items.map((a: any) => a.id)).toEqual([res.body.id]);
      const byLevel = await get(`/groups/${w.groupId}/agreements?level=national&kind=mou`, w.local);
      expect(byLevel.body.items.map((a: any) => a.id)).toContain(national.id);
      expect(byLevel.body.items.map((a: any) => a.id)).not.toContain(res.body.id);
    });

    it('refuses a parent that is not at a higher level, and an unknown one', async () => {
      const site = await create(w.mine, { level: 'site', kind: 'site_security_agreement' });
      const r1 = await create(w.mine, { level: 'national', parentAgreementId: site.body.id });
      expectProblem(r1, 400);
      expect(fields(r1)).toEqual(['parentAgreementId']);
      expectProblem(
        await create(w.mine, { level: 'local', parentAgreementId: '00000000-0000-4000-8000-000000000000' }),
        400,
      );
      expectProblem(
        await patch(`/agreements/${national.id}`, w.mine, { parentAgreementId: national.id }),
        400,
      );
    });

    it('takes the template in French for a French agreement, and refuses it for a language it lacks', async () => {
      const fr = await create(w.mine, { sourceLocale: 'fr-CD', title: 'Protocole d’accord' });
      expect(fr.status).toBe(201);
      const version = await get(`/agreement-versions/${fr.body.currentVersion.id}`, w.mine);
      expect(version.body.clauses[0].heading).toBe('Respect des normes internationales');
      expect(version.body.annexes[0].title).toBe(
        "Les Principes volontaires sur la sécurité et les droits de l'homme",
      );
      const sw = await create(w.mine, { sourceLocale: 'sw' });
      expectProblem(sw, 400);
      expect(fields(sw)).toEqual(['sourceLocale']);
      const empty = await create(w.mine, { sourceLocale: 'sw', templateKey: undefined });
      expect(empty.status).toBe(201);
      expect(empty.body.coverage.covered).toEqual([]);
    });

    it('counts clause j only with the Voluntary Principles annexed when the edition requires it', async () => {
      for (const [edition, covered] of [
        ['3rd', false],
        ['2nd', true],
      ] as const) {
        const a = (await create(w.mine, { catalogueEdition: edition })).body;
        const v = (await get(`/agreement-versions/${a.currentVersion.id}`, w.mine)).body;
        const saved = await put(`/agreement-versions/${v.id}`, w.mine, {
          clauses: v.clauses.map((c: any) => ({ key: c.key, heading: c.heading, body: c.body })),
          annexes: [],
          expectedRevision: 1,
        });
        expect(saved.status).toBe(200);
        expect(saved.body.coverage.missing).toEqual(covered ? [] : ['j']);
        expect((await get(`/agreements/${a.id}`, w.mine)).body.coverage.missing).toEqual(
          covered ? [] : ['j'],
        );
      }
    });
  });

  describe('validation', () => {
    it('rejects bad bodies with the fields named', async () => {
      const cases: [Record<string, unknown>, string[]][] = [
        [
          {
            parties: [
              { organisationId: w.orgs.police, role: 'public_security' },
              { organisationId: w.orgs.local, role: 'local_authority' },
            ],
          },
          ['parties'],
        ],
        [{ parties: [{ organisationId: w.orgs.mine, role: 'company' }] }, ['parties']],
        [
          {
            parties: [
              { organisationId: w.orgs.mine, role: 'company' },
              { organisationId: w.orgs.mine, role: 'other' },
            ],
          },
          ['parties.1.organisationId'],
        ],
        [
          {
            parties: [
              { organisationId: w.orgs.mine, role: 'company' },
              { organisationId: w.orgs.police, role: 'army' },
            ],
          },
          ['parties.1.role'],
        ],
        [{ kind: 'treaty', level: 'planet', visibility: 'public' }, ['kind', 'level', 'visibility']],
        [{ effectiveFrom: '2027-06-01', expiresOn: '2027-05-31' }, ['expiresOn']],
        [{ effectiveFrom: '2027-02-30' }, ['effectiveFrom']],
        [{ reviewIntervalMonths: 0 }, ['reviewIntervalMonths']],
        [{ sourceLocale: 'English' }, ['sourceLocale']],
        [{ templateKey: 'iso-9001' }, ['templateKey']],
        [{ siteIds: ['00000000-0000-4000-8000-000000000000'] }, ['siteIds.0']],
        [{ colour: 'blue' }, ['colour']],
      ];
      for (const [body, expected] of cases) {
        const res = await create(w.mine, body);
        expectProblem(res, 400);
        expect([JSON.stringify(body), fields(res)]).toEqual([JSON.stringify(body), expected]);
      }
      const absent = await createOrganisation(t, w.focal, 'host_government', 'Absent ministry');
      const res = await create(w.mine, {
        parties: [
          { organisationId: w.orgs.mine, role: 'company' },
          { organisationId: absent.id, role: 'host_government' },
        ],
      });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([
        { field: 'parties.1.organisationId', message: expect.stringContaining('no active members') },
      ]);
    });

    it('is for members who are not observers; others get 403, outsiders 404', async () => {
      expectProblem(await create(w.mineObserver), 403);
      expectProblem(await create(w.outsider), 404);
      expectProblem(await api().post(`/api/v1/groups/${w.groupId}/agreements`).send(mouBody(w)), 401);
      expectProblem(await get(`/agreements/not-a-uuid`, w.mine), 404);
    });
  });

  describe('negotiating the text', () => {
    let a: any;
    let v: any;

    beforeAll(async () => {
      a = (await create(w.mine, { effectiveFrom: '2099-01-01' })).body;
      v = (await get(`/agreement-versions/${a.currentVersion.id}`, w.mine)).body;
    });

    it('saves a draft with optimistic revisions: a stale save is 409 and loses nothing', async () => {
      const clauses = v.clauses.map((c: any) => ({ key: c.key, heading: c.heading, body: c.body }));
      clauses[2] = { ...clauses[2], body: 'The police vet every officer assigned to the site.' };
      const first = await put(`/agreement-versions/${v.id}`, w.mine, { clauses, expectedRevision: 1 });
      expect(first.status).toBe(200);
      expect(first.body.revision).toBe(2);
      // clause ids stay with their keys (translations refer to them)
      expect(first.body.clauses.map((c: any) => c.id)).toEqual(v.clauses.map((c: any) => c.id));
      expect(first.body.annexes.map((x: any) => x.key)).toEqual(['vps']);
      const stale = await put(`/agreement-versions/${v.id}`, w.police, {
        clauses: [{ key: 'a', heading: 'Overwrite', body: 'Everything' }],
        expectedRevision: 1,
      });
      expectProblem(stale, 409);
      expect(stale.body.currentRevision).toBe(2);
      const now = (await get(`/agreement-versions/${v.id}`, w.police)).body;
      expect(now.clauses[2].body).toBe('The police vet every officer assigned to the site.');
      expect(now.clauses).toHaveLength(10);
    });

    it('refuses duplicate keys, non-parties (403) and outsiders (404)', async () => {
      const dup = await put(`/agreement-versions/${v.id}`, w.mine, {
        clauses: [
          { key: 'a', heading: 'A', body: '' },
          { key: 'a', heading: 'B', body: '' },
        ],
        expectedRevision: 2,
      });
      expectProblem(dup, 400);
      expect(fields(dup)).toEqual(['clauses.1.key']);
      const body = { clauses: [{ key: 'a', heading: 'A', body: '' }], expectedRevision: 2 };
      expectProblem(await put(`/agreement-versions/${v.id}`, w.local, body), 403);
      expectProblem(await put(`/agreement-versions/${v.id}`, w.focal, body), 403);
      expectProblem(await put(`/agreement-versions/${v.id}`, w.mineObserver, body), 403);
      expectProblem(await put(`/agreement-versions/${v.id}`, w.outsider, body), 404);
      expectProblem(
        await put(`/agreement-versions/${v.id}`, w.mine, {
          clauses: [{ key: 'A)', heading: 'x', body: '' }],
          expectedRevision: 2,
        }),
        400,
      );
    });

    it('is proposed, accepted by both parties, and then agreed and immutable (409)', async () => {
      expectProblem(await post(`/agreement-versions/${v.id}/accept`, w.police), 409); // not proposed yet
      const proposed = await post(`/agreement-versions/${v.id}/propose`, w.mine);
      expect(proposed.status).toBe(200);
      expect(proposed.body).toMatchObject({ status: 'proposed', proposedAt: expect.any(String) });
      expect((await get(`/agreements/${a.id}`, w.mine)).body.status).toBe('negotiating');
      // every member of the other party, observers included (they read); not the proposer
      expect(await notifications('agreement.version_proposed', a.id)).toEqual(
        [w.police.id, w.mineObserver.id].sort(),
      );

      const mine = await post(`/agreement-versions/${v.id}/accept`, w.mine);
      expect(mine.status).toBe(200);
      expect(mine.body.status).toBe('proposed');
      expect(mine.body.acceptances).toEqual([
        expect.objectContaining({ organisationId: w.orgs.mine, revision: 2 }),
      ]);
      expectProblem(await post(`/agreement-versions/${v.id}/accept`, w.mine), 409);
      expectProblem(await post(`/agreement-versions/${v.id}/accept`, w.local), 403);
      expectProblem(await post(`/agreement-versions/${v.id}/accept`, w.mineObserver), 403);

      const agreed = await post(`/agreement-versions/${v.id}/accept`, w.police);
      expect(agreed.status).toBe(200);
      expect(agreed.body).toMatchObject({ status: 'agreed', agreedAt: expect.any(String) });
      expect(agreed.body.acceptances.map((x: any) => x.organisationId)).toEqual([w.orgs.mine, w.orgs.police]);

      const body = { clauses: [{ key: 'a', heading: 'A', body: 'changed' }], expectedRevision: 2 };
      expectProblem(await put(`/agreement-versions/${v.id}`, w.mine, body), 409);
      expectProblem(await post(`/agreement-versions/${v.id}/propose`, w.mine), 409);
      expectProblem(await post(`/agreement-versions/${v.id}/accept`, w.mine), 409);
      expect((await get(`/agreement-versions/${v.id}`, w.mine)).body.clauses[0].body).not.toBe('changed');

      const types = (await replayEvents(t, w.local, w.groupId)).items
        .filter((e) => e.data.agreementId === a.id)
        .map((e) => e.type);
      expect(types).toEqual(
        expect.arrayContaining([
          'agreement.created',
          'agreement.version_proposed',
          'agreement.version_agreed',
        ]),
      );
    });

    it('takes a proposed version back to draft when it is edited, discarding acceptances', async () => {
      const b = (await create(w.mine)).body;
      const vb = (await get(`/agreement-versions/${b.currentVersion.id}`, w.mine)).body;
      await post(`/agreement-versions/${vb.id}/propose`, w.mine);
      await post(`/agreement-versions/${vb.id}/accept`, w.mine);
      const edited = await put(`/agreement-versions/${vb.id}`, w.police, {
        clauses: [{ key: 'a', heading: 'Adherence', body: 'Shorter.' }],
        expectedRevision: 1,
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ status: 'draft', revision: 2, acceptances: [] });
      expect(edited.body.coverage.covered).toEqual(['a']);
    });
  });

  describe('signing and entry into force', () => {
    it('signs only agreed versions, once per party, not in the future', async () => {
      const a = (await create(w.mine, { effectiveFrom: '2099-01-01' })).body;
      const party = a.parties[1].id;
      const sig = (extra: Record<string, unknown> = {}) => ({
        partyId: party,
        signatoryName: 'Col. J. Mbuyi',
        signatoryTitle: 'Provincial commander',
        signedOn: '2026-01-15',
        method: 'wet_ink',
        ...extra,
      });
      expectProblem(
        await post(`/agreement-versions/${a.currentVersion.id}/signatures`, w.police, sig()),
        409,
      );
      await agreeVersion(t, w, a.currentVersion.id);
      const today = await todayIn(t);
      const bad = await post(
        `/agreement-versions/${a.currentVersion.id}/signatures`,
        w.police,
        sig({ signedOn: addDays(today, 2) }),
      );
      expectProblem(bad, 400);
      expect(fields(bad)).toEqual(['signedOn']);
      expectProblem(
        await post(`/agreement-versions/${a.currentVersion.id}/signatures`, w.police, sig({ partyId: a.id })),
        400,
      );
      // an electronic signature is the signing party's own act
      expectProblem(
        await post(
          `/agreement-versions/${a.currentVersion.id}/signatures`,
          w.mine,
          sig({ method: 'electronic' }),
        ),
        403,
      );
      expectProblem(await post(`/agreement-versions/${a.currentVersion.id}/signatures`, w.local, sig()), 403);
      const first = await post(`/agreement-versions/${a.currentVersion.id}/signatures`, w.mine, sig());
      expect(first.status).toBe(201);
      expect(first.body.signatures).toEqual([
        expect.objectContaining({
          partyId: party,
          signatoryName: 'Col. J. Mbuyi',
          method: 'wet_ink',
          recordedBy: w.mine.id,
        }),
      ]);
      expectProblem(
        await post(`/agreement-versions/${a.currentVersion.id}/signatures`, w.police, sig()),
        409,
      );
      expect(await statusOf(a.id)).toBe('negotiating');
    });

    it('is signed once every required party has signed, and in force on effectiveFrom by the job', async () => {
      const today = await todayIn(t);
      const a = (await create(w.mine, { effectiveFrom: today, expiresOn: addMonths(today, 60) })).body;
      const later = (await create(w.mine, { effectiveFrom: addDays(today, 30) })).body;
      for (const x of [a, later]) {
        await agreeVersion(t, w, x.currentVersion.id);
        await signAll(t, w, x.currentVersion.id, addDays(today, -3));
      }
      const signed = (await get(`/agreements/${a.id}`, w.police)).body;
      expect(signed).toMatchObject({ signedOn: addDays(today, -3), effectiveFrom: today });
      expect(signed.parties.map((p: any) => p.signed)).toEqual([true, true]);
      const inForce = await eventually(
        async () => {
          const res = await get(`/agreements/${a.id}`, w.police);
          return res.body.status === 'in_force' ? res.body : null;
        },
        15_000,
        'entry into force',
      );
      expect(inForce).toMatchObject({
        inForceSince: today,
        nextReviewOn: addMonths(today, 12),
        reviewOverdue: false,
      });
      const types = (await replayEvents(t, w.local, w.groupId)).items
        .filter((e) => e.data.agreementId === a.id)
        .map((e) => [e.type, e.data.to ?? null]);
      expect(types).toEqual(
        expect.arrayContaining([
          ['agreement.status_changed', 'signed'],
          ['agreement.signed', null],
          ['agreement.status_changed', 'in_force'],
        ]),
      );
      expect(types.filter(([, to]) => to === 'in_force')).toHaveLength(1);
      expect(await statusOf(later.id)).toBe('signed');
      expect((await get(`/agreements/${later.id}`, w.local)).body.inForceSince).toBeNull();
    });

    it('expires on expiresOn (the job), and never after', async () => {
      const a = (await create(w.mine, { effectiveFrom: '2020-01-01', expiresOn: '2021-01-01' })).body;
      await agreeVersion(t, w, a.currentVersion.id);
      await signAll(t, w, a.currentVersion.id, '2020-01-01');
      await eventually(async () => (await statusOf(a.id)) === 'expired', 15_000, 'expiry');
      const history = await t.ds.query(
        `SELECT status_from, status_to FROM agreement_status_history WHERE agreement_id = $1 ORDER BY at, id`,
        [a.id],
      );
      expect(history.map((h: any) => h.status_to)).toEqual(['draft', 'negotiating', 'signed', 'expired']);
      expectProblem(await status(a.id, w.mine, 'in_force'), 409);
    });
  });

  describe('lifecycle', () => {
    let inForce: any;

    beforeAll(async () => {
      inForce = (await create(w.mine, { effectiveFrom: '2020-01-01' })).body;
      await agreeVersion(t, w, inForce.currentVersion.id);
      await signAll(t, w, inForce.currentVersion.id, '2020-01-01');
      await eventually(async () => (await statusOf(inForce.id)) === 'in_force', 15_000, 'in force');
    });

    it('refuses illegal transitions with 409, naming what is possible', async () => {
      const draft = (await create(w.mine)).body;
      const r = await status(draft.id, w.mine, 'signed');
      expectProblem(r, 409);
      expect(r.body).toMatchObject({
        detail: 'An agreement cannot go from draft to signed (from draft: negotiating, abandoned)',
        currentStatus: 'draft',
      });
      const negotiating = (await create(w.mine)).body;
      await post(`/agreement-versions/${negotiating.currentVersion.id}/propose`, w.mine);
      const n = await status(negotiating.id, w.mine, 'signed');
      expectProblem(n, 409);
      expect(n.body.detail).toContain('every party whose signature is required');
      expectProblem(await status(draft.id, w.mine, 'in_force'), 409);
      expectProblem(await status(draft.id, w.mine, 'suspended'), 409);
      expectProblem(await status(draft.id, w.mine, 'expired'), 409);
      expectProblem(await status(inForce.id, w.mine, 'negotiating'), 409);
      expectProblem(await status(inForce.id, w.mine, 'abandoned'), 409);
      expectProblem(await status(inForce.id, w.mine, 'in_force'), 409);
      const abandoned = await status(draft.id, w.police, 'abandoned', 'The company left the province');
      expect(abandoned.status).toBe(200);
      expect(abandoned.body.status).toBe('abandoned');
      expectProblem(await status(draft.id, w.mine, 'negotiating'), 409);
      expectProblem(await patch(`/agreements/${draft.id}`, w.mine, { title: 'Revived' }), 409);
      expectProblem(
        await post(`/agreements/${draft.id}/versions`, w.mine, { basedOnVersion: 1, changeSummary: 'x' }),
        409,
      );
    });

    it('suspends and resumes an agreement in force, and terminates it for good', async () => {
      const a = (await create(w.mine, { effectiveFrom: '2020-01-01' })).body;
      await agreeVersion(t, w, a.currentVersion.id);
      await signAll(t, w, a.currentVersion.id, '2020-01-01');
      await eventually(async () => (await statusOf(a.id)) === 'in_force', 15_000, 'in force');
      expectProblem(await status(a.id, w.local, 'suspended'), 403);
      expectProblem(await status(a.id, w.focal, 'suspended'), 403);
      expectProblem(await status(a.id, w.mine, 'suspended', ''), 400);
      expectProblem(await status(a.id, w.mine, 'paused'), 400);
      expect((await status(a.id, w.mine, 'suspended', 'Commander rotation')).body.status).toBe('suspended');
      expect((await status(a.id, w.police, 'in_force')).body.status).toBe('in_force');
      expect((await status(a.id, w.police, 'terminated', 'Mine closed')).body.status).toBe('terminated');
      for (const to of ['in_force', 'suspended', 'under_review', 'draft'])
        expectProblem(await status(a.id, w.mine, to), 409);
      const notified = await notifications('agreement.status_changed', a.id);
      expect(notified).toEqual(expect.arrayContaining([w.mine.id, w.police.id]));
      expect(notified).not.toContain(w.local.id);
    });

    it('revises an agreement in force: a new draft, a clause-by-clause diff, and coverage of the agreed text', async () => {
      expectProblem(
        await post(`/agreements/${inForce.id}/versions`, w.mine, { basedOnVersion: 7, changeSummary: 'x' }),
        400,
      );
      const opened = await post(`/agreements/${inForce.id}/versions`, w.police, {
        basedOnVersion: 1,
        changeSummary: 'Review: vetting after the commander rotation',
      });
      expect(opened.status).toBe(201);
      expect(opened.body).toMatchObject({ number: 2, status: 'draft', basedOnVersion: 1, revision: 1 });
      expectProblem(
        await post(`/agreements/${inForce.id}/versions`, w.mine, { basedOnVersion: 1, changeSummary: 'y' }),
        409,
      );
      const clauses = opened.body.clauses
        .filter((c: any) => c.key !== 'b')
        .map((c: any) =>
          c.key === 'e'
            ? { ...c, body: 'The company transfers no equipment of any kind.' }
            : { key: c.key, heading: c.heading, body: c.body },
        )
        .map(({ key, heading, body }: any) => ({ key, heading, body }));
      clauses.push({
        key: 'k',
        heading: 'Grievance mechanism',
        body: 'Complaints may be lodged at the site office.',
      });
      const saved = await put(`/agreement-versions/${opened.body.id}`, w.police, {
        clauses,
        expectedRevision: 1,
      });
      expect(saved.status).toBe(200);
      expect(saved.body.coverage.missing).toEqual(['b']);
      // the agreement's coverage is that of its current (agreed) text until the revision is agreed
      expect((await get(`/agreements/${inForce.id}`, w.mine)).body.coverage.missing).toEqual([]);

      const diff = await get(
        `/agreement-versions/${opened.body.id}/diff?against=${inForce.currentVersion.id}`,
        w.mine,
      );
      expect(diff.status).toBe(200);
      expect(diff.body.from).toMatchObject({ number: 1, status: 'agreed' });
      expect(diff.body.to).toMatchObject({ number: 2, status: 'draft' });
      const changes = Object.fromEntries(diff.body.clauses.map((c: any) => [c.key, c.change]));
      expect(changes).toEqual({
        a: 'unchanged',
        c: 'unchanged',
        d: 'unchanged',
        e: 'changed',
        f: 'unchanged',
        g: 'unchanged',
        h: 'unchanged',
        i: 'unchanged',
        j: 'unchanged',
        k: 'added',
        b: 'removed',
      });
      const e = diff.body.clauses.find((c: any) => c.key === 'e');
      expect(e).toMatchObject({ headingChanged: false, bodyChanged: true });
      expect(
        e.bodyChanges
          .filter((x: any) => x.op !== 'delete')
          .map((x: any) => x.text)
          .join(''),
      ).toBe('The company transfers no equipment of any kind.');
      expect(e.bodyChanges.some((x: any) => x.op === 'delete')).toBe(true);
      expect(diff.body.annexes).toEqual([expect.objectContaining({ key: 'vps', change: 'unchanged' })]);
      const other = (await create(w.mine)).body;
      expectProblem(
        await get(`/agreement-versions/${opened.body.id}/diff?against=${other.currentVersion.id}`, w.mine),
        400,
      );
      expectProblem(await get(`/agreement-versions/${opened.body.id}/diff`, w.mine), 400);

      // a review asks for the revision; once agreed and signed, the agreement is back in force
      const reviewed = await post(`/agreements/${inForce.id}/reviews`, w.mine, {
        outcome: 'revise',
        note: 'New commander',
      });
      expect(reviewed.status).toBe(201);
      expect(await statusOf(inForce.id)).toBe('under_review');
      await agreeVersion(t, w, opened.body.id);
      const after = (await get(`/agreements/${inForce.id}`, w.mine)).body;
      expect(after).toMatchObject({
        status: 'under_review',
        currentVersion: { number: 2, status: 'agreed' },
      });
      expect(after.coverage.missing).toEqual(['b']);
      expect(after.parties.map((p: any) => p.signed)).toEqual([false, false]);
      expect((await get(`/agreement-versions/${inForce.currentVersion.id}`, w.mine)).body.status).toBe(
        'superseded',
      );
      expectProblem(
        await post(`/agreement-versions/${inForce.currentVersion.id}/signatures`, w.mine, {
          partyId: after.parties[0].id,
          signatoryName: 'x',
          signatoryTitle: 'y',
          signedOn: '2026-01-01',
          method: 'wet_ink',
        }),
        409,
      );
      await signAll(t, w, opened.body.id, await todayIn(t));
      expect(await statusOf(inForce.id)).toBe('in_force');
      const versions = await get(`/agreements/${inForce.id}/versions`, w.mine);
      expect(versions.body.items.map((x: any) => [x.number, x.status])).toEqual([
        [2, 'agreed'],
        [1, 'superseded'],
      ]);
    });
  });

  describe('legal basis and reviews', () => {
    let a: any;
    beforeAll(async () => {
      a = (await create(w.mine, { effectiveFrom: '2020-01-01', reviewIntervalMonths: 6 })).body;
      await agreeVersion(t, w, a.currentVersion.id);
      await signAll(t, w, a.currentVersion.id, '2020-01-01');
      await eventually(async () => (await statusOf(a.id)) === 'in_force', 15_000, 'in force');
    });

    it('records legal references, tied to a clause of the current version', async () => {
      const res = await post(`/agreements/${a.id}/legal-references`, w.police, {
        kind: 'statute',
        citation: 'Loi n° 18/001 portant Code minier, art. 207',
        url: 'https://example.org/code-minier',
        clauseKey: 'e',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'statute', clauseKey: 'e', createdBy: w.police.id });
      const bad = await post(`/agreements/${a.id}/legal-references`, w.police, {
        kind: 'statute',
        citation: 'x',
        clauseKey: 'zz',
      });
      expectProblem(bad, 400);
      expect(fields(bad)).toEqual(['clauseKey']);
      expectProblem(
        await post(`/agreements/${a.id}/legal-references`, w.police, {
          kind: 'custom',
          citation: 'x',
          url: 'ftp://x',
        }),
        400,
      );
      expectProblem(
        await post(`/agreements/${a.id}/legal-references`, w.local, { kind: 'treaty', citation: 'x' }),
        403,
      );
      const list = await get(`/agreements/${a.id}/legal-references`, w.local);
      expect(list.body.items.map((r: any) => r.citation)).toEqual([
        'Loi n° 18/001 portant Code minier, art. 207',
      ]);
    });

    it('shows the overdue review, answers early-review requests with the next review, and moves nextReviewOn', async () => {
      expect((await get(`/agreements/${a.id}`, w.local)).body).toMatchObject({
        nextReviewOn: '2020-07-01',
        reviewOverdue: true,
      });
      const overdue = await get(`/groups/${w.groupId}/agreements?reviewOverdue=true`, w.local);
      expect(overdue.body.items.map((x: any) => x.id)).toContain(a.id);
      const request = await post(`/agreements/${a.id}/review-requests`, w.police, {
        reason: 'A new provincial commander',
      });
      expect(request.status).toBe(201);
      expect(await notifications('agreement.review_requested', a.id)).toEqual(
        [w.mine.id, w.mineObserver.id].sort(),
      );
      expect((await get(`/agreements/${a.id}`, w.mine)).body.openReviewRequests).toBe(1);
      expectProblem(
        await post(`/agreements/${a.id}/reviews`, w.mine, { outcome: 'perfect', note: 'x' }),
        400,
      );
      expectProblem(
        await post(`/agreements/${a.id}/reviews`, w.local, { outcome: 'reaffirmed', note: 'x' }),
        403,
      );
      const review = await post(`/agreements/${a.id}/reviews`, w.mine, {
        outcome: 'reaffirmed',
        note: 'Reviewed in March',
      });
      expect(review.status).toBe(201);
      const today = await todayIn(t);
      expect(review.body).toMatchObject({
        outcome: 'reaffirmed',
        reviewedOn: today,
        nextReviewOn: addMonths(today, 6),
        answeredRequests: 1,
      });
      expect((await get(`/agreements/${a.id}`, w.mine)).body).toMatchObject({
        status: 'in_force',
        nextReviewOn: addMonths(today, 6),
        reviewOverdue: false,
        openReviewRequests: 0,
      });
      const requests = await get(`/agreements/${a.id}/review-requests`, w.mine);
      expect(requests.body.items).toEqual([expect.objectContaining({ reviewId: review.body.id })]);
      // the interval moves the next review from the same anchor
      const changed = await patch(`/agreements/${a.id}`, w.mine, { reviewIntervalMonths: 3 });
      expect(changed.body.nextReviewOn).toBe(addMonths(today, 3));
      const draft = (await create(w.mine)).body;
      expectProblem(
        await post(`/agreements/${draft.id}/reviews`, w.mine, { outcome: 'reaffirmed', note: 'x' }),
        409,
      );
      expectProblem(await post(`/agreements/${draft.id}/review-requests`, w.mine, { reason: 'x' }), 409);
    });
  });

  describe('editing', () => {
    it('changes fields with an optional expectedVersion, and parties only before a proposal', async () => {
      const a = (await create(w.mine)).body;
      expectProblem(
        await patch(`/agreements/${a.id}`, w.mine, { title: 'x', expectedVersion: a.version + 1 }),
        409,
      );
      const res = await patch(`/agreements/${a.id}`, w.police, {
        title: 'Renamed MoU',
        expectedVersion: a.version,
        visibility: 'summary',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ title: 'Renamed MoU', visibility: 'summary', version: a.version + 1 });
      const withLocal = await patch(`/agreements/${a.id}`, w.mine, {
        parties: [
          ...(mouBody(w).parties as any[]),
          { organisationId: w.orgs.local, role: 'local_authority' },
        ],
      });
      expect(withLocal.status).toBe(200);
      expect(withLocal.body.parties).toHaveLength(3);
      expect(await notifications('agreement.party', a.id)).toEqual(
        expect.arrayContaining([w.police.id, w.local.id]),
      );
      const dropSelf = await patch(`/agreements/${a.id}`, w.mine, {
        parties: [
          { organisationId: w.orgs.police, role: 'public_security' },
          { organisationId: w.orgs.local, role: 'local_authority' },
        ],
      });
      expectProblem(dropSelf, 400);
      await post(`/agreement-versions/${a.currentVersion.id}/propose`, w.mine);
      expectProblem(await patch(`/agreements/${a.id}`, w.mine, { parties: mouBody(w).parties }), 409);
      // the new party may now edit
      expect((await patch(`/agreements/${a.id}`, w.local, { effectiveFrom: '2030-01-01' })).status).toBe(200);
    });
  });

  describe('export', () => {
    let a: any;
    beforeAll(async () => {
      a = (await create(w.mine, { effectiveFrom: '2099-01-01' })).body;
      await agreeVersion(t, w, a.currentVersion.id);
      await post(`/agreements/${a.id}/legal-references`, w.mine, {
        kind: 'decree',
        citation: 'Décret n° 038/2003',
        clauseKey: 'a',
      });
      await signAll(t, w, a.currentVersion.id, '2026-01-15');
    });

    it('exports a version as Markdown in its source locale', async () => {
      const res = await binary(`/agreement-versions/${a.currentVersion.id}/export?format=md`, w.police);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/markdown');
      expect(res.headers['content-language']).toBe('en');
      expect(res.headers['content-disposition']).toMatch(
        /attachment; filename="agreement-mou-between-kamoto-mining-and-the-police-des-mines-v1\.md"/,
      );
      const md = res.body.toString('utf8');
      expect(md).toContain('# MoU between Kamoto Mining and the Police des mines');
      expect(md).toContain('**Version:** 1 (agreed on');
      expect(md).toMatch(/- Kamoto Mining [0-9a-f]{8} — company/);
      expect(md).toContain('### a) Adherence to international standards');
      expect(md).toContain('### j) The Voluntary Principles as an annex');
      expect(md).toContain('### Annex vps: The Voluntary Principles on Security and Human Rights');
      expect(md).toContain('- Décret n° 038/2003 (decree, clause a)');
      expect(md).toContain('A. Signatory, Director — signed on 2026-01-15 (wet ink)');
      expect(md).not.toContain('No translation');
    });

    it('says so when asked for a locale it has no translation into, alone or side by side', async () => {
      const res = await binary(`/agreement-versions/${a.currentVersion.id}/export?locale=fr`, w.police);
      expect(res.status).toBe(200);
      expect(res.headers['content-language']).toBe('en');
      expect(res.body.toString('utf8')).toContain(
        'No translation into "fr" exists yet: this is the source text (en).',
      );
      const both = await binary(`/agreement-versions/${a.currentVersion.id}/export?locale=en,fr`, w.police);
      expect(both.status).toBe(200);
      expect(both.headers['content-language']).toBe('en');
      expect(both.body.toString('utf8')).toContain(
        '| en (authentic (original)) | fr (not translated: source text) |',
      );
      const three = await get(`/agreement-versions/${a.currentVersion.id}/export?locale=en,fr,sw`, w.police);
      expectProblem(three, 400);
      expect(fields(three)).toEqual(['locale']);
      expectProblem(
        await get(`/agreement-versions/${a.currentVersion.id}/export?format=docx`, w.police),
        400,
      );
    });

    it('exports a PDF, and a French agreement with French labels', async () => {
      const pdf = await binary(`/agreement-versions/${a.currentVersion.id}/export?format=pdf`, w.mine);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = await pdfText(pdf.body);
      expect(text).toContain('MoU between Kamoto Mining and the Police des mines');
      expect(text).toContain('Adherence to international standards');
      const fr = (await create(w.mine, { sourceLocale: 'fr', title: 'Protocole d’accord sécurité' })).body;
      const md = await binary(`/agreement-versions/${fr.currentVersion.id}/export`, w.mine);
      expect(md.headers['content-language']).toBe('fr');
      const text2 = md.body.toString('utf8');
      expect(text2).toContain('## Parties');
      expect(text2).toContain('**Version:** 1 (non convenue : projet, révision 1)');
      expect(text2).toContain('### c) Vérification des antécédents');
      expect(
        await pdfText(
          (await binary(`/agreement-versions/${fr.currentVersion.id}/export?format=pdf`, w.mine)).body,
        ),
      ).toContain('Vérification des antécédents');
    });
  });

  it('documents every route in OpenAPI', async () => {
    const doc = (await api().get('/api/docs-json')).body;
    const routes: DocumentedRoute[] = [
      ['/api/v1/catalogue/agreement-clauses', 'get', 'ClauseCatalogueDto', null],
      ['/api/v1/groups/{groupId}/sites', 'post', 'SiteDto', 'CreateSiteDto'],
      ['/api/v1/groups/{groupId}/sites', 'get', 'SitePageDto', null],
      ['/api/v1/sites/{siteId}', 'get', 'SiteDto', null],
      ['/api/v1/sites/{siteId}', 'patch', 'SiteDto', 'UpdateSiteDto'],
      ['/api/v1/groups/{groupId}/agreements', 'post', 'AgreementDto', 'CreateAgreementDto'],
      ['/api/v1/groups/{groupId}/agreements', 'get', 'AgreementPageDto', null],
      ['/api/v1/groups/{groupId}/agreements/indicators', 'get', 'AgreementIndicatorsDto', null],
      ['/api/v1/agreements/{agreementId}', 'get', 'AgreementDto', null],
      ['/api/v1/agreements/{agreementId}', 'patch', 'AgreementDto', 'UpdateAgreementDto'],
      ['/api/v1/agreements/{agreementId}/status', 'post', 'AgreementDto', 'AgreementStatusChangeDto'],
      ['/api/v1/agreements/{agreementId}/versions', 'get', 'VersionPageDto', null],
      ['/api/v1/agreements/{agreementId}/versions', 'post', 'VersionDto', 'OpenVersionDto'],
      ['/api/v1/agreement-versions/{versionId}', 'get', 'VersionDto', null],
      ['/api/v1/agreement-versions/{versionId}', 'put', 'VersionDto', 'SaveVersionDto'],
      ['/api/v1/agreement-versions/{versionId}/propose', 'post', 'VersionDto', null],
      ['/api/v1/agreement-versions/{versionId}/accept', 'post', 'VersionDto', null],
      ['/api/v1/agreement-versions/{versionId}/diff', 'get', 'VersionDiffDto', null],
      ['/api/v1/agreement-versions/{versionId}/signatures', 'post', 'VersionDto', 'SignatureInputDto'],
      [
        '/api/v1/agreements/{agreementId}/legal-references',
        'post',
        'LegalReferenceDto',
        'CreateLegalReferenceDto',
      ],
      ['/api/v1/agreements/{agreementId}/legal-references', 'get', 'LegalReferencePageDto', null],
      ['/api/v1/agreements/{agreementId}/reviews', 'post', 'ReviewDto', 'CreateReviewDto'],
      ['/api/v1/agreements/{agreementId}/reviews', 'get', 'ReviewPageDto', null],
      [
        '/api/v1/agreements/{agreementId}/review-requests',
        'post',
        'ReviewRequestDto',
        'CreateReviewRequestDto',
      ],
      ['/api/v1/agreements/{agreementId}/review-requests', 'get', 'ReviewRequestPageDto', null],
      ['/api/v1/agreements/{agreementId}/obligations', 'post', 'ObligationDetailDto', 'CreateObligationDto'],
      ['/api/v1/agreements/{agreementId}/obligations', 'get', 'ObligationPageDto', null],
      ['/api/v1/obligations/{obligationId}', 'get', 'ObligationDetailDto', null],
      [
        '/api/v1/obligations/{obligationId}/progress',
        'post',
        'ObligationDetailDto',
        'ReportObligationProgressDto',
      ],
      [
        '/api/v1/agreements/{agreementId}/non-compliance',
        'post',
        'NonComplianceDto',
        'CreateNonComplianceDto',
      ],
      ['/api/v1/agreements/{agreementId}/non-compliance', 'get', 'NonCompliancePageDto', null],
      ['/api/v1/groups/{groupId}/non-compliance', 'get', 'NonCompliancePageDto', null],
      ['/api/v1/non-compliance/{reportId}', 'get', 'NonComplianceDto', null],
      ['/api/v1/non-compliance/{reportId}', 'patch', 'NonComplianceDto', 'UpdateNonComplianceDto'],
      ['/api/v1/non-compliance/{reportId}/status', 'post', 'NonComplianceDto', 'NonComplianceStepDto'],
    ];
    expectDocumentedRoutes(doc, routes);
    expect(doc.paths['/api/v1/agreement-versions/{versionId}/export'].get).toBeDefined();
  });
});
