/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { INestApplicationContext } from '@nestjs/common';
import { SMTPServer } from 'smtp-server';
import { GroupFixture, groupFixture, insertIncident, insertMeeting } from './support/agenda-fixtures';
import { agreementWorld, AgreementWorld, createAgreement } from './support/agreements';
import { createTestWorker, eventually } from './support/realtime';
import { Mail, startSmtp } from './support/smtp';
import { MeetingReminders } from '../libs/domain/src';
import { createTestApp, expectProblem, TestApp, TestUser } from './support/test-app';

// The mail as a reader sees it: headers unfolded with their RFC 2047 words decoded, the
// quoted-printable body decoded.
const qp = (v: string) =>
  Buffer.from(
    v.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
function readable(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')),
    );
  return `${headers}\n\n${qp(rest.join('\n\n').replace(/=\r?\n/g, ''))}`;
}

describe('languages', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let smtp: SMTPServer;
  const mails: Mail[] = [];

  beforeAll(async () => {
    const s = await startSmtp(mails);
    smtp = s.server;
    t = await createTestApp();
    worker = await createTestWorker({
      SMTP_URL: `smtp://127.0.0.1:${s.port}`,
      SMTP_FROM: 'Roundtable <roundtable@example.org>',
    });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  const api = () => t.api();
  const putTranslation = (
    u: TestUser,
    type: string,
    id: string,
    locale: string,
    body: Record<string, unknown>,
  ) => api().put(`/api/v1/translations/${type}/${id}/${locale}`).set(u.auth).send(body);
  const setLanguages = (groupId: string, languages: string[]) =>
    t.ds.query(`UPDATE groups SET languages = $2 WHERE id = $1`, [groupId, languages]);

  describe('minutes', () => {
    let f: GroupFixture;
    let meetingId: string;
    const source = {
      body: '## Notes\n\nThe police presented the new checkpoint procedure.',
      keyIssues: ['Checkpoint abuses on the Likasi road'],
      decisions: ['Set up a joint patrol review'],
    };
    const french = {
      body: '## Notes\n\nLa police a présenté la nouvelle procédure aux barrages.',
      keyIssues: ['Abus aux barrages sur la route de Likasi'],
      decisions: ['Mettre en place une revue conjointe des patrouilles'],
    };
    const minutes = (u: TestUser, query = '') =>
      api().get(`/api/v1/meetings/${meetingId}/minutes${query}`).set(u.auth);
    const save = async (body: Record<string, unknown>) => {
      const current = (await minutes(f.focal)).body.version;
      const res = await api()
        .put(`/api/v1/meetings/${meetingId}/minutes`)
        .set(f.focal.auth)
        .send({ ...source, ...body, expectedVersion: current });
      expect(res.status).toBe(200);
      return res;
    };
    const staleList = async (u: TestUser) => {
      const res = await api().get(`/api/v1/groups/${f.group.id}/translations?stale=true`).set(u.auth);
      expect(res.status).toBe(200);
      return res.body.items.filter((i: any) => i.entityId === meetingId);
    };

    beforeEach(async () => {
      f = await groupFixture(t);
      await setLanguages(f.group.id, ['en']);
      meetingId = await insertMeeting(t, f.group.id, '2027-01-05T08:00:00.000Z');
      await save({});
    });

    it('a French translation goes stale after an edit, and not after a minor edit', async () => {
      const put = await putTranslation(f.focal, 'minutes', meetingId, 'fr', {
        fields: french,
        status: 'reviewed',
      });
      expect(put.status).toBe(200);
      expect(put.body).toEqual(
        expect.objectContaining({
          locale: 'fr',
          status: 'reviewed',
          authentic: false,
          stale: false,
          sourceRevision: 1,
        }),
      );

      let fr = await minutes(f.member, '?locale=fr');
      expect(fr.status).toBe(200);
      expect(fr.headers['content-language']).toBe('fr');
      expect(fr.body).toEqual(expect.objectContaining({ ...french, locale: 'fr', translationStale: false }));

      // A typo fixed with minorEdit: the translation stays current.
      await save({ body: `${source.body.replace('procedure', 'procedure')} `, minorEdit: true });
      fr = await minutes(f.member, '?locale=fr');
      expect(fr.body.translationStale).toBe(false);
      expect(await staleList(f.focal)).toEqual([]);

      // A real edit: stale, listed for the focal point, and the editor sees what changed.
      await save({ decisions: [...source.decisions, 'Invite the provincial police commander'] });
      fr = await minutes(f.member, '?locale=fr');
      expect(fr.body).toEqual(
        expect.objectContaining({ locale: 'fr', translationStale: true, body: french.body }),
      );
      expect(await staleList(f.focal)).toEqual([
        expect.objectContaining({
          entityType: 'minutes',
          locale: 'fr',
          stale: true,
          sourceRevision: 1,
          currentRevision: 2,
        }),
      ]);
      const detail = await api().get(`/api/v1/translations/minutes/${meetingId}/fr`).set(f.member.auth);
      expect(detail.status).toBe(200);
      expect(detail.body.sourceFieldsAtRevision.decisions).toEqual(source.decisions);
      expect(detail.body.sourceFields.decisions).toHaveLength(2);
      const list = await api().get(`/api/v1/translations/minutes/${meetingId}`).set(f.observer.auth);
      expect(list.body.items).toEqual([expect.objectContaining({ locale: 'fr', stale: true })]);

      // Updating the translation makes it current again.
      await putTranslation(f.focal, 'minutes', meetingId, 'fr', {
        fields: {
          ...french,
          decisions: [...french.decisions, 'Inviter le commandant provincial de la police'],
        },
        status: 'approved',
      });
      expect((await minutes(f.member, '?locale=fr')).body.translationStale).toBe(false);
      expect(await staleList(f.focal)).toEqual([]);

      // The source language answers with the source, never a translation.
      const en = await minutes(f.member, '?locale=en');
      expect(en.headers['content-language']).toBe('en');
      expect(en.body).toEqual(expect.objectContaining({ locale: 'en', translationStale: false }));
      expect(en.body.decisions).toHaveLength(2);
    });

    it('exports the minutes in French as a courtesy translation', async () => {
      await putTranslation(f.focal, 'minutes', meetingId, 'fr', { fields: french, status: 'approved' });
      const res = await api()
        .get(`/api/v1/meetings/${meetingId}/minutes/export?format=md&locale=fr`)
        .set(f.observer.auth);
      expect(res.status).toBe(200);
      expect(res.headers['content-language']).toBe('fr');
      expect(res.text).toContain('Traduction de courtoisie en fr');
      expect(res.text).toContain('La police a présenté');
      expect(res.text).toContain('## Décisions');
      const sw = await api()
        .get(`/api/v1/meetings/${meetingId}/minutes/export?format=md&locale=sw`)
        .set(f.observer.auth);
      expect(sw.headers['content-language']).toBe('en');
      expect(sw.text).toContain('Hakuna tafsiri kwa sw bado');
      expect(sw.text).toContain('The police presented');
    });

    it('lets only whoever may edit the source translate it', async () => {
      expectProblem(
        await putTranslation(f.member, 'minutes', meetingId, 'fr', { fields: french, status: 'draft' }),
        403,
      );
      expectProblem(
        await putTranslation(f.outsider, 'minutes', meetingId, 'fr', { fields: french, status: 'draft' }),
        404,
      );
      expectProblem(
        await putTranslation(f.focal, 'minutes', meetingId, 'fr', {
          fields: { title: 'x' },
          status: 'draft',
        }),
        400,
      );
      expectProblem(
        await putTranslation(f.focal, 'minutes', meetingId, 'fr', {
          fields: french,
          status: 'draft',
          authentic: true,
        }),
        400,
      );
      expectProblem(
        await putTranslation(f.focal, 'minutes', meetingId, 'en', { fields: french, status: 'draft' }),
        400,
      );
      expectProblem(await api().get(`/api/v1/translations/minutes/${meetingId}`).set(f.outsider.auth), 404);
    });
  });

  describe('documents: locale negotiation', () => {
    let f: GroupFixture;
    let docId: string;
    const read = (u: TestUser, query = '', acceptLanguage?: string) => {
      const req = api().get(`/api/v1/documents/${docId}${query}`).set(u.auth);
      return acceptLanguage ? req.set('Accept-Language', acceptLanguage) : req;
    };
    const localeOf = async (query: string, acceptLanguage?: string) => {
      const res = await read(f.member, query, acceptLanguage);
      expect(res.status).toBe(200);
      expect(res.headers['content-language']).toBe(res.body.locale);
      return res.body.locale;
    };

    beforeAll(async () => {
      f = await groupFixture(t);
      await setLanguages(f.group.id, ['sw', 'fr']);
      const created = await api().post(`/api/v1/groups/${f.group.id}/documents`).set(f.focal.auth).send({
        title: 'Security policy',
        kind: 'policy_statement',
        body: '## Principles\n\nRespect.',
        sourceLocale: 'en',
      });
      expect(created.status).toBe(201);
      docId = created.body.id;
      for (const [locale, title] of [
        ['fr', 'Politique de sécurité'],
        ['sw', 'Sera ya usalama'],
      ])
        expect(
          (
            await putTranslation(f.coChair, 'document', docId, locale, {
              fields: { title },
              status: 'approved',
            })
          ).status,
        ).toBe(200);
    });

    it('follows ?locale=, then Accept-Language, then the group languages, then the source', async () => {
      expect(await localeOf('?locale=fr', 'sw')).toBe('fr');
      expect(await localeOf('?locale=pt-MZ', 'fr')).toBe('fr');
      expect(await localeOf('', 'pt-MZ, fr-CD;q=0.5')).toBe('fr');
      expect(await localeOf('', 'de')).toBe('sw');
      expect(await localeOf('')).toBe('sw');
      expect(await localeOf('', 'en')).toBe('en');
      const fr = await read(f.member, '?locale=fr-CD');
      // A field the translation lacks reads as the source.
      expect(fr.body).toEqual(
        expect.objectContaining({
          title: 'Politique de sécurité',
          body: '## Principles\n\nRespect.',
          locale: 'fr',
        }),
      );
      await setLanguages(f.group.id, ['pt']);
      expect(await localeOf('', 'de')).toBe('en');
      await setLanguages(f.group.id, ['sw', 'fr']);
      const list = await api().get(`/api/v1/groups/${f.group.id}/documents?locale=fr`).set(f.observer.auth);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          id: docId,
          title: 'Politique de sécurité',
          locale: 'fr',
          sourceLocale: 'en',
        }),
      ]);
    });

    it('validates BCP 47 tags', async () => {
      expectProblem(await read(f.member, '?locale=xx'), 400);
      expectProblem(await read(f.member, '?locale=fr-UU'), 400);
      expectProblem(
        await putTranslation(f.focal, 'document', docId, 'qq', { fields: {}, status: 'draft' }),
        400,
      );
      expect(
        (await putTranslation(f.focal, 'document', docId, 'pt-mz', { fields: {}, status: 'draft' })).body
          .locale,
      ).toBe('pt-MZ');
      const bad = await api()
        .post(`/api/v1/groups/${f.group.id}/documents`)
        .set(f.focal.auth)
        .send({ title: 'T', kind: 'other', body: '', sourceLocale: 'klingon' });
      expectProblem(bad, 400);
      const sw = await api()
        .post(`/api/v1/groups/${f.group.id}/documents`)
        .set(f.focal.auth)
        .send({ title: 'T', kind: 'other', body: '', sourceLocale: 'sw-cd' });
      expect(sw.body.sourceLocale).toBe('sw-CD');
      expectProblem(await api().patch('/api/v1/me').set(f.member.auth).send({ locale: 'xx-YY' }), 400);
      expect((await api().patch('/api/v1/me').set(f.member.auth).send({ locale: 'pt-MZ' })).status).toBe(200);
      // An unknown kind is a 404, like an unknown id; editing is for the focal point and co-chairs.
      expectProblem(await api().get(`/api/v1/translations/incident/${docId}`).set(f.member.auth), 404);
      expectProblem(
        await api().patch(`/api/v1/documents/${docId}`).set(f.member.auth).send({ body: 'x' }),
        403,
      );
    });

    it('marks document translations stale after an edit, not after a minor one', async () => {
      const minor = await api()
        .patch(`/api/v1/documents/${docId}`)
        .set(f.focal.auth)
        .send({ body: '## Principles\n\nRespect!', minor: true });
      expect(minor.status).toBe(200);
      expect(minor.body.translations.every((x: any) => !x.stale)).toBe(true);
      const edit = await api()
        .patch(`/api/v1/documents/${docId}`)
        .set(f.focal.auth)
        .send({ title: 'Security and human rights policy' });
      expect(edit.body.translations.filter((x: any) => x.stale).map((x: any) => x.locale)).toEqual([
        'fr',
        'pt-MZ',
        'sw',
      ]);
      expect((await read(f.member, '?locale=sw')).body).toEqual(
        expect.objectContaining({ title: 'Sera ya usalama', translationStale: true }),
      );
    });
  });

  describe('agreements', () => {
    let w: AgreementWorld;
    beforeAll(async () => {
      w = await agreementWorld(t);
    });

    const versionOf = async (versionId: string) =>
      (await api().get(`/api/v1/agreement-versions/${versionId}`).set(w.mine.auth)).body;
    const translateAll = async (version: any, opts: { authentic: boolean; status: string }) => {
      for (const c of version.clauses)
        expect(
          (
            await putTranslation(w.mine, 'agreement_clause', c.id, 'fr', {
              fields: {
                heading: `FR ${c.heading}`,
                body: `Texte français de la clause ${c.key}.\n\nDeuxième alinéa.`,
              },
              ...opts,
            })
          ).status,
        ).toBe(200);
      for (const a of version.annexes)
        await putTranslation(w.mine, 'agreement_annex', a.id, 'fr', {
          fields: { title: `FR ${a.title}`, body: 'Annexe en français.' },
          ...opts,
        });
    };
    const exportMd = (versionId: string, locale: string, u: TestUser = w.mine) =>
      api()
        .get(`/api/v1/agreement-versions/${versionId}/export?format=md&locale=${encodeURIComponent(locale)}`)
        .set(u.auth);

    it('exports two authentic languages side by side', async () => {
      const a = await createAgreement(t, w, w.mine);
      const versionId = a.body.currentVersion.id;
      const version = await versionOf(versionId);
      await translateAll(version, { authentic: true, status: 'approved' });

      const both = await exportMd(versionId, 'en,fr');
      expect(both.status).toBe(200);
      expect(both.headers['content-language']).toBe('en, fr');
      expect(both.text).toContain('| en (authentic (original)) | fr (authentic) |');
      const clauseA = version.clauses.find((c: any) => c.key === 'a');
      expect(both.text).toContain(`| **${clauseA.heading}** | **FR ${clauseA.heading}** |`);
      expect(both.text).toMatch(/\| [^|\n]+ \| Texte français de la clause a\. \|/);
      expect(both.text).not.toContain('courtesy');

      const fr = await exportMd(versionId, 'fr');
      expect(fr.headers['content-language']).toBe('fr');
      expect(fr.text).toContain(`FR ${clauseA.heading}`);
      expect(fr.text).not.toMatch(/courtoisie|Aucune traduction/);

      // One clause only a draft: the French text is a courtesy translation, and says so.
      await putTranslation(w.mine, 'agreement_clause', clauseA.id, 'fr', {
        fields: { heading: `FR ${clauseA.heading}`, body: 'Brouillon.' },
        status: 'draft',
        authentic: false,
      });
      const courtesy = await exportMd(versionId, 'en,fr');
      expect(courtesy.text).toContain(
        '| en (authentic (original)) | fr (courtesy translation, no legal force) |',
      );
      expect((await exportMd(versionId, 'fr')).text).toContain('Traduction de courtoisie en « fr »');

      const missing = await exportMd(versionId, 'pt-MZ');
      expect(missing.headers['content-language']).toBe('en');
      expect(missing.text).toContain('No translation into "pt-MZ" exists yet');
      expectProblem(await exportMd(versionId, 'en,fr,sw'), 400);
      expectProblem(await exportMd(versionId, 'en,xx'), 400);
    });

    it('reads a version with ?locale= in translated clauses, never more visible than the clause', async () => {
      const a = await createAgreement(t, w, w.mine, { title: 'Partners MoU', visibility: 'parties' });
      const versionId = a.body.currentVersion.id;
      const version = await versionOf(versionId);
      const [first, second] = version.clauses;
      expect(
        (
          await putTranslation(w.mine, 'agreement_clause', first.id, 'fr', {
            fields: { heading: `FR ${first.heading}`, body: 'Texte français.' },
            status: 'approved',
            authentic: true,
          })
        ).status,
      ).toBe(200);
      const read = (u: TestUser, query = '') =>
        api().get(`/api/v1/agreement-versions/${versionId}${query}`).set(u.auth);

      const fr = await read(w.police, '?locale=fr');
      expect(fr.status).toBe(200);
      expect(fr.headers['content-language']).toBe('fr, en');
      expect(fr.body.sourceLocale).toBe('en');
      expect(fr.body.locales).toEqual(['fr', 'en']);
      expect(fr.body.clauses[0]).toEqual(
        expect.objectContaining({
          id: first.id,
          heading: `FR ${first.heading}`,
          body: 'Texte français.',
          locale: 'fr',
          translationStale: false,
        }),
      );
      // Untranslated clauses read as written.
      expect(fr.body.clauses[1]).toEqual(
        expect.objectContaining({ id: second.id, heading: second.heading, locale: 'en' }),
      );
      const source = await read(w.police);
      expect(source.headers['content-language']).toBe('en');
      expect(source.body.clauses[0]).toEqual(
        expect.objectContaining({ heading: first.heading, locale: 'en' }),
      );
      const header = await api()
        .get(`/api/v1/agreement-versions/${versionId}`)
        .set(w.police.auth)
        .set('Accept-Language', 'fr-CD');
      expect(header.body.clauses[0].locale).toBe('fr');
      expectProblem(await read(w.police, '?locale=fr-UU'), 400);

      // The source changes: the translation is stale.
      const saved = await api()
        .put(`/api/v1/agreement-versions/${versionId}`)
        .set(w.mine.auth)
        .set('Accept-Language', 'fr')
        .send({
          expectedRevision: version.revision,
          clauses: version.clauses.map((c: any, n: number) => ({
            key: c.key,
            heading: c.heading,
            body: n === 0 ? `${c.body} (amended)` : c.body,
          })),
          annexes: version.annexes.map((x: any) => ({ key: x.key, title: x.title, body: x.body })),
        });
      expect(saved.status).toBe(200);
      expect(saved.body.clauses[0]).toEqual(
        expect.objectContaining({ locale: 'en', translationStale: false }),
      );
      expect((await read(w.police, '?locale=fr')).body.clauses[0]).toEqual(
        expect.objectContaining({ locale: 'fr', translationStale: true, body: 'Texte français.' }),
      );

      // A parties agreement: its translated text is as hidden as its text.
      for (const u of [w.local, w.focal, w.ngo, w.outsider]) {
        const res = await read(u, '?locale=fr');
        expectProblem(res, 404);
        expect(JSON.stringify(res.body)).not.toContain('Texte français');
      }
    });

    it('a translation of agreement content is exactly as visible as that content', async () => {
      const a = await createAgreement(t, w, w.mine, { title: 'Confidential MoU', visibility: 'parties' });
      const version = await versionOf(a.body.currentVersion.id);
      const clause = version.clauses[0];
      await translateAll(version, { authentic: false, status: 'draft' });
      const summary = await createAgreement(t, w, w.mine, { title: 'Summary MoU', visibility: 'summary' });
      const summaryClause = (await versionOf(summary.body.currentVersion.id)).clauses[0];
      expect(
        (
          await putTranslation(w.mine, 'agreement_clause', summaryClause.id, 'fr', {
            fields: { body: 'Texte confidentiel' },
            status: 'draft',
          })
        ).status,
      ).toBe(200);

      for (const u of [w.local, w.focal, w.ngo, w.outsider]) {
        for (const id of [clause.id, summaryClause.id]) {
          expectProblem(await api().get(`/api/v1/translations/agreement_clause/${id}`).set(u.auth), 404);
          expectProblem(await api().get(`/api/v1/translations/agreement_clause/${id}/fr`).set(u.auth), 404);
          expectProblem(
            await putTranslation(u, 'agreement_clause', id, 'fr', { fields: {}, status: 'draft' }),
            404,
          );
        }
      }
      const listed = async (u: TestUser) => {
        const res = await api()
          .get(`/api/v1/groups/${w.groupId}/translations?entityType=agreement_clause`)
          .set(u.auth);
        return res.status === 200 ? res.body.items.map((i: any) => i.entityId) : res.status;
      };
      expect(await listed(w.local)).not.toEqual(expect.arrayContaining([clause.id]));
      expect(await listed(w.local)).not.toEqual(expect.arrayContaining([summaryClause.id]));
      expect(await listed(w.focal)).not.toEqual(expect.arrayContaining([clause.id]));
      expect(await listed(w.outsider)).toBe(404);
      expect(await listed(w.police)).toEqual(expect.arrayContaining([clause.id, summaryClause.id]));
      const detail = await api()
        .get(`/api/v1/translations/agreement_clause/${clause.id}/fr`)
        .set(w.police.auth);
      expect(detail.status).toBe(200);
      // The event of the change follows the agreement content's visibility.
      const [event] = await t.ds.query(
        `SELECT scope_kind, scope_id, data FROM group_events WHERE type = 'translation.updated' AND data->>'entityId' = $1`,
        [clause.id],
      );
      expect(event).toEqual(expect.objectContaining({ scope_kind: 'agreement_content', scope_id: a.id }));
      const replay = await api().get(`/api/v1/groups/${w.groupId}/events?limit=500`).set(w.local.auth);
      expect(JSON.stringify(replay.body)).not.toContain(clause.id);
    });
  });

  describe('recommendations: locale negotiation', () => {
    it('reads a recommendation in French via Accept-Language, stale after an edit, and lists in one locale', async () => {
      const f = await groupFixture(t);
      await setLanguages(f.group.id, ['en']);
      const created = await api()
        .post(`/api/v1/groups/${f.group.id}/recommendations`)
        .set(f.focal.auth)
        .send({
          title: 'Train the guards on the use-of-force protocol',
          description: 'Two sessions before June.',
          responsibleOrganisationIds: [f.orgs.police],
          dueDate: '2027-06-30',
          priority: 'high',
        });
      expect(created.status).toBe(201);
      expect(created.body).toEqual(
        expect.objectContaining({ sourceLocale: 'en', locale: 'en', translationStale: false }),
      );
      const id = created.body.id;
      expect(
        (
          await putTranslation(f.focal, 'recommendation', id, 'fr', {
            fields: { title: 'Former les gardes au protocole sur l’usage de la force' },
            status: 'approved',
          })
        ).status,
      ).toBe(200);
      const read = (u: TestUser, headers: Record<string, string> = {}, query = '') =>
        api().get(`/api/v1/recommendations/${id}${query}`).set(u.auth).set(headers);

      const fr = await read(f.member, { 'Accept-Language': 'fr-CD;q=0.9, en;q=0.5' });
      expect(fr.status).toBe(200);
      expect(fr.headers['content-language']).toBe('fr');
      expect(fr.body).toEqual(
        expect.objectContaining({
          title: 'Former les gardes au protocole sur l’usage de la force',
          // A field left out of the translation reads as the source.
          description: 'Two sessions before June.',
          sourceLocale: 'en',
          locale: 'fr',
          translationStale: false,
        }),
      );
      const en = await read(f.member, { 'Accept-Language': 'sw, en;q=0.8' });
      expect(en.headers['content-language']).toBe('en');
      expect(en.body.title).toBe('Train the guards on the use-of-force protocol');
      // ?locale= wins over the header.
      expect((await read(f.member, { 'Accept-Language': 'fr' }, '?locale=en')).body.locale).toBe('en');
      expectProblem(await read(f.member, {}, '?locale=xx'), 400);

      const patched = await api()
        .patch(`/api/v1/recommendations/${id}`)
        .set(f.focal.auth)
        .set('Accept-Language', 'fr')
        .send({ title: 'Train every guard on the use-of-force protocol' });
      expect(patched.status).toBe(200);
      // Writes answer in the source language.
      expect(patched.body).toEqual(expect.objectContaining({ locale: 'en', translationStale: false }));
      const stale = await read(f.member, { 'Accept-Language': 'fr' });
      expect(stale.headers['content-language']).toBe('fr');
      expect(stale.body).toEqual(
        expect.objectContaining({
          title: 'Former les gardes au protocole sur l’usage de la force',
          locale: 'fr',
          translationStale: true,
        }),
      );

      const list = await api()
        .get(`/api/v1/groups/${f.group.id}/recommendations?locale=fr`)
        .set(f.observer.auth);
      expect(list.status).toBe(200);
      expect(list.body.items.find((r: any) => r.id === id)).toEqual(
        expect.objectContaining({
          locale: 'fr',
          translationStale: true,
          title: expect.stringContaining('Former'),
        }),
      );
      const other = await api()
        .get(`/api/v1/groups/${f.group.id}/recommendations`)
        .set(f.observer.auth)
        .set('Accept-Language', 'sw');
      expect(other.body.items.find((r: any) => r.id === id)).toEqual(
        expect.objectContaining({ locale: 'en', title: 'Train every guard on the use-of-force protocol' }),
      );
      expectProblem(await read(f.outsider, { 'Accept-Language': 'fr' }), 404);
    });
  });

  describe('agenda items linked to a restricted incident', () => {
    it('are translated without revealing the incident to anyone outside the restriction', async () => {
      const f = await groupFixture(t);
      await setLanguages(f.group.id, ['en']);
      const meetingId = await insertMeeting(t, f.group.id, '2027-02-05T08:00:00.000Z');
      const incidentId = await insertIncident(t, f.group.id, f.member, f.orgs.police, {
        title: 'Secret shooting at the checkpoint',
        confidentiality: 'restricted',
      });
      const item = await api()
        .post(`/api/v1/meetings/${meetingId}/agenda/items`)
        .set(f.member.auth)
        .send({ title: 'Checkpoint review', kind: 'other', incidentIds: [incidentId] });
      expect(item.status).toBe(201);
      expect(
        (
          await putTranslation(f.focal, 'agenda_item', item.body.id, 'fr', {
            fields: { title: 'Revue des barrages' },
            status: 'approved',
          })
        ).status,
      ).toBe(200);
      const agenda = async (u: TestUser) => {
        const res = await api().get(`/api/v1/meetings/${meetingId}/agenda?locale=fr`).set(u.auth);
        expect(res.status).toBe(200);
        return res.body.items.find((i: any) => i.id === item.body.id);
      };
      const seen = await agenda(f.member);
      expect(seen).toEqual(expect.objectContaining({ title: 'Revue des barrages', locale: 'fr' }));
      expect(JSON.stringify(seen)).toContain(incidentId);
      const hidden = await agenda(f.coChair);
      expect(hidden).toEqual(expect.objectContaining({ title: 'Revue des barrages', locale: 'fr' }));
      expect(JSON.stringify(hidden)).not.toContain(incidentId);
      expect(JSON.stringify(hidden)).not.toContain('Secret shooting');
      const translation = await api()
        .get(`/api/v1/translations/agenda_item/${item.body.id}/fr`)
        .set(f.coChair.auth);
      expect(JSON.stringify(translation.body)).not.toMatch(new RegExp(`${incidentId}|Secret shooting`));
      expectProblem(
        await api().get(`/api/v1/translations/agenda_item/${item.body.id}/fr`).set(f.outsider.auth),
        404,
      );
    });
  });

  describe('notification e-mails', () => {
    it('sends a meeting reminder in French and in Swahili, in the meeting’s named time zone', async () => {
      const f = await groupFixture(t);
      await api().patch('/api/v1/me').set(f.member.auth).send({ locale: 'sw' });
      await api().patch('/api/v1/me').set(f.coChair.auth).send({ locale: 'fr-CD' });
      await api().patch('/api/v1/me').set(f.observer.auth).send({ locale: 'pt-MZ' });
      const meetingId = await insertMeeting(t, f.group.id, '2027-06-16T08:00:00.000Z', {
        title: 'Réunion de juin',
      });
      // 23 hours before: the one-day reminder is the closest due slot.
      await worker.get(MeetingReminders, { strict: false }).sendDue(new Date('2027-06-15T09:00:00.000Z'));

      const mailTo = (u: TestUser) =>
        mails.find((m) => m.to.includes(u.email) && readable(m.raw).includes('Réunion de juin'));
      await eventually(
        () => Boolean(mailTo(f.member) && mailTo(f.coChair) && mailTo(f.observer)),
        20_000,
        'reminder e-mails',
      );
      const fr = readable(mailTo(f.coChair)!.raw);
      expect(fr).toMatch(/^Subject: Rappel : Réunion de juin — demain/m);
      expect(fr).toContain('Début : mercredi 16 juin 2027 à 10:00 (Africa/Lubumbashi)');
      expect(fr).toContain('Ouvrez Roundtable pour le consulter');
      expect(fr).toMatch(/^Content-Language: fr-CD/m);
      const sw = readable(mailTo(f.member)!.raw);
      expect(sw).toMatch(/^Subject: Kikumbusho: Réunion de juin — kesho/m);
      expect(sw).toContain('Unaanza Jumatano, 16 Juni 2027');
      expect(sw).toContain('10:00 (Africa/Lubumbashi)');
      expect(sw).toContain('Fungua Roundtable kuiona');
      // A language without a catalogue reads English.
      const en = readable(mailTo(f.observer)!.raw);
      expect(en).toMatch(/^Subject: Reminder: Réunion de juin — tomorrow/m);
      expect(en).toContain('Starts Wednesday, 16 June 2027 at 10:00 (Africa/Lubumbashi)');

      const inApp = await api().get('/api/v1/me/notifications').set(f.member.auth);
      expect(inApp.body.items.find((n: any) => n.entityId === meetingId)).toEqual(
        expect.objectContaining({ type: 'meeting.reminder', title: 'Kikumbusho: Réunion de juin — kesho' }),
      );
    });

    it('words status notifications from the catalogue in each recipient’s language', async () => {
      const f = await groupFixture(t);
      await api().patch('/api/v1/me').set(f.member.auth).send({ locale: 'fr' });
      const created = await api()
        .post(`/api/v1/groups/${f.group.id}/recommendations`)
        .set(f.focal.auth)
        .send({
          title: 'Patrouilles conjointes',
          responsibleOrganisationIds: [f.orgs.police],
          dueDate: '2027-01-31',
          priority: 'medium',
        });
      expect(created.status).toBe(201);
      const titles = async (u: TestUser) =>
        (await api().get('/api/v1/me/notifications').set(u.auth)).body.items
          .filter((n: any) => n.entityId === created.body.id)
          .map((n: any) => n.title);
      expect(await titles(f.member)).toEqual([
        'Une recommandation a été attribuée à votre organisation : Patrouilles conjointes',
      ]);
      expect(await titles(f.observer)).toEqual([
        'A recommendation was assigned to your organisation: Patrouilles conjointes',
      ]);
    });

    it('reach a user whose locale is sw in Swahili', async () => {
      const f = await groupFixture(t);
      expect((await api().patch('/api/v1/me').set(f.member.auth).send({ locale: 'sw' })).status).toBe(200);
      expect((await api().patch('/api/v1/me').set(f.coChair.auth).send({ locale: 'fr-CD' })).status).toBe(
        200,
      );
      const meetingId = await insertMeeting(t, f.group.id, '2027-03-05T08:00:00.000Z', {
        title: 'Mkutano wa Machi',
      });
      await api()
        .put(`/api/v1/meetings/${meetingId}/minutes`)
        .set(f.focal.auth)
        .send({ body: 'Notes', keyIssues: [], decisions: [], expectedVersion: 0 });
      expect(
        (await api().post(`/api/v1/meetings/${meetingId}/minutes/circulate`).set(f.focal.auth)).status,
      ).toBe(200);

      const mailTo = (u: TestUser) =>
        mails.find((m) => m.to.includes(u.email) && readable(m.raw).includes('Mkutano wa Machi'));
      await eventually(() => Boolean(mailTo(f.member) && mailTo(f.coChair)), 20_000, 'minutes e-mails');
      const sw = readable(mailTo(f.member)!.raw);
      expect(sw).toMatch(/^Subject: Kumbukumbu za mkutano zimesambazwa kwa maoni: Mkutano wa Machi/m);
      expect(sw).toContain('Kumbukumbu za “Mkutano wa Machi” ziko tayari kwa maoni yako.');
      expect(sw).toContain('Fungua Roundtable kuiona');
      expect(sw).toMatch(/^Content-Language: sw/m);
      const fr = readable(mailTo(f.coChair)!.raw);
      expect(fr).toContain('Procès-verbal diffusé pour commentaires : Mkutano wa Machi');

      const inApp = await api().get('/api/v1/me/notifications').set(f.member.auth);
      expect(inApp.body.items.find((n: any) => n.entityId === meetingId).title).toBe(
        'Kumbukumbu za mkutano zimesambazwa kwa maoni: Mkutano wa Machi',
      );
      const observer = await api().get('/api/v1/me/notifications').set(f.observer.auth);
      expect(observer.body.items.find((n: any) => n.entityId === meetingId).title).toBe(
        'Minutes circulated for comment: Mkutano wa Machi',
      );
    });
  });
});
