import { inflateSync } from 'node:zlib';
import {
  eventsOf,
  GroupFixture,
  groupFixture,
  insertIncident,
  insertMeeting,
  insertRecommendation,
  insertSeries,
} from './support/agenda-fixtures';
import { addMember, createTestApp, expectProblem, registerUser, TestApp, TestUser } from './support/test-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's index runs a debug script when required
const pdfParse: (b: Uint8Array) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');
const pdfText = async (b: Buffer) => (await pdfParse(new Uint8Array(b))).text;

// Every FlateDecode stream of a PDF, inflated (pdfkit compresses content and font maps).
function pdfStreams(pdf: Buffer): string[] {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  for (let at = raw.indexOf('stream\n'); at !== -1; at = raw.indexOf('stream\n', at + 1)) {
    const end = raw.indexOf('\nendstream', at);
    try {
      out.push(inflateSync(pdf.subarray(at + 7, end)).toString('latin1'));
    } catch {
      // not a deflated stream
    }
  }
  return out;
}

const PAST = '2026-11-03T08:00:00.000Z'; // a Tuesday, 10:00 in Lubumbashi, long over
const FUTURE = '2027-01-05T08:00:00.000Z';
const saved = {
  body: 'The police presented the new checkpoint procedure.',
  keyIssues: ['Checkpoint abuses on the Likasi road'],
  decisions: ['Set up a joint patrol review'],
};

// Issue 11, finding 3 (approved minutes are a frozen record) and finding 8 (the PDF).
describe('approved minutes', () => {
  let t: TestApp;
  let f: GroupFixture;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    f = await groupFixture(t);
  });

  const api = () => t.api();
  const minutes = (u: TestUser, id: string) => api().get(`/api/v1/meetings/${id}/minutes`).set(u.auth);
  const save = (u: TestUser, id: string, body: Record<string, unknown>) =>
    api().put(`/api/v1/meetings/${id}/minutes`).set(u.auth).send(body);
  const action = (u: TestUser, id: string, what: 'circulate' | 'approve') =>
    api().post(`/api/v1/meetings/${id}/minutes/${what}`).set(u.auth);
  const exportAs = (u: TestUser, id: string, format: 'md' | 'pdf') =>
    api()
      .get(`/api/v1/meetings/${id}/minutes/export?format=${format}`)
      .set(u.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  const circulated = async (id: string, body: Record<string, unknown> = saved) => {
    expect((await save(f.focal, id, { ...body, expectedVersion: 0 })).status).toBe(200);
    expect((await action(f.focal, id, 'circulate')).status).toBe(200);
  };
  const attendance = (id: string, records: { memberId: string; attended: boolean }[]) =>
    api().put(`/api/v1/meetings/${id}/attendance`).set(f.focal.auth).send({ records });

  describe('who may approve, and when', () => {
    it('only once the meeting has taken place', async () => {
      const ahead = await insertMeeting(t, f.group.id, FUTURE);
      await circulated(ahead);
      const early = await action(f.coChair, ahead, 'approve');
      expectProblem(early, 409);
      expect(early.body.detail).toMatch(/once the meeting has taken place/);
      expect((await minutes(f.member, ahead)).body.status).toBe('circulated');

      const cancelled = await insertMeeting(t, f.group.id, PAST, { status: 'cancelled' });
      await circulated(cancelled);
      expectProblem(await action(f.coChair, cancelled, 'approve'), 409);

      const held = await insertMeeting(t, f.group.id, PAST);
      await circulated(held);
      expect((await action(f.coChair, held, 'approve')).status).toBe(200);
    });

    it('not by a co-chair recorded absent, or who said no and no attendance was recorded', async () => {
      const missed = await insertMeeting(t, f.group.id, PAST);
      expect(
        (
          await attendance(missed, [
            { memberId: f.memberIds.coChair, attended: false },
            { memberId: f.memberIds.member, attended: true },
          ])
        ).status,
      ).toBe(200);
      await circulated(missed);
      const absent = await action(f.coChair, missed, 'approve');
      expectProblem(absent, 403);
      expect(absent.body.detail).toBe(
        'You were recorded as absent from this meeting, so you may not approve its minutes',
      );

      const declined = await insertMeeting(t, f.group.id, PAST);
      expect(
        (await api().put(`/api/v1/meetings/${declined}/rsvp`).set(f.coChair.auth).send({ response: 'no' }))
          .status,
      ).toBe(200);
      await circulated(declined);
      const no = await action(f.coChair, declined, 'approve');
      expectProblem(no, 403);
      expect(no.body.detail).toMatch(/you would not attend this meeting/);
      // Once attendance shows them present, the RSVP no longer counts.
      await attendance(declined, [{ memberId: f.memberIds.coChair, attended: true }]);
      expect((await action(f.coChair, declined, 'approve')).status).toBe(200);
    });

    it('by every sitting co-chair who attended when the group asks for all of them', async () => {
      const second = await registerUser(t, 'cochair2');
      const secondId = await addMember(t, f.group.id, f.focal, second, f.orgs.company);
      await t.ds.query(
        `INSERT INTO co_chair_terms (group_id, membership_id, organisation_id, constituency) VALUES ($1, $2, $3, 'company')`,
        [f.group.id, secondId, f.orgs.company],
      );
      const bad = await api()
        .patch(`/api/v1/groups/${f.group.id}`)
        .set(f.focal.auth)
        .send({ minutesApproval: 'majority' });
      expectProblem(bad, 400);
      expect(bad.body.errors).toEqual([
        { field: 'minutesApproval', message: 'minutesApproval must be one of: one_co_chair, all_co_chairs' },
      ]);
      const patched = await api()
        .patch(`/api/v1/groups/${f.group.id}`)
        .set(f.focal.auth)
        .send({ minutesApproval: 'all_co_chairs' });
      expect(patched.status).toBe(200);
      expect(patched.body.minutesApproval).toBe('all_co_chairs');

      const id = await insertMeeting(t, f.group.id, PAST);
      await circulated(id);
      const before = (await minutes(f.member, id)).body;
      expect(before.approvalRule).toBe('all_co_chairs');
      expect(before.awaitingApprovalFrom.map((p: { userId: string }) => p.userId).sort()).toEqual(
        [f.coChair.id, second.id].sort(),
      );

      const first = await action(f.coChair, id, 'approve');
      expect(first.status).toBe(200);
      expect(first.body).toEqual(
        expect.objectContaining({
          status: 'circulated',
          approvals: [expect.objectContaining({ userId: f.coChair.id, version: 1 })],
          awaitingApprovalFrom: [expect.objectContaining({ userId: second.id })],
        }),
      );
      const again = await action(f.coChair, id, 'approve');
      expectProblem(again, 409);
      expect(again.body.detail).toMatch(
        /already approved version 1; the minutes await the approval of cochair2/,
      );

      // An edit after an approval asks every co-chair again.
      const edited = await save(f.focal, id, { ...saved, decisions: ['Amended'], expectedVersion: 1 });
      expect(edited.body.approvals).toEqual([]);
      expect((await action(f.coChair, id, 'approve')).body.status).toBe('circulated');
      const last = await action(second, id, 'approve');
      expect(last.status).toBe(200);
      expect(last.body).toEqual(
        expect.objectContaining({
          status: 'approved',
          version: 2,
          approvedBy: expect.objectContaining({ userId: second.id }),
          approvals: [
            expect.objectContaining({ userId: f.coChair.id, version: 2 }),
            expect.objectContaining({ userId: second.id, version: 2 }),
          ],
          awaitingApprovalFrom: [],
        }),
      );
      const recorded = (await eventsOf(t, f.group.id, 'minutes.updated')).filter(
        (e) => e.data.action === 'approval_recorded',
      );
      expect(recorded.map((e) => e.data.version)).toEqual([1, 2]);
      expect(await eventsOf(t, f.group.id, 'minutes.approved')).toHaveLength(1);
      const md = (await exportAs(f.observer, id, 'md')).body.toString('utf8');
      expect(md).toContain('Approved by cochair, cochair2 on');

      // A co-chair recorded absent is not waited for.
      const other = await insertMeeting(t, f.group.id, '2026-11-17T08:00:00.000Z');
      await attendance(other, [
        { memberId: f.memberIds.coChair, attended: true },
        { memberId: secondId, attended: false },
      ]);
      await circulated(other);
      expect((await action(f.coChair, other, 'approve')).body.status).toBe('approved');
    });
  });

  describe('the frozen record', () => {
    let meetingId: string;
    let seriesId: string;
    let restricted: string;
    let proposedItem: string;
    const restrictedTitle = 'Detention of the village chief';

    beforeEach(async () => {
      seriesId = await insertSeries(t, f.group.id);
      meetingId = await insertMeeting(t, f.group.id, PAST, { seriesId, title: 'November meeting' });
      await t.ds.query(`UPDATE meetings SET location = 'Governor’s office' WHERE id = $1`, [meetingId]);
      // Reported by the police, shared with the co-chair's NGO; the focal point's company is outside.
      restricted = await insertIncident(t, f.group.id, f.member, f.orgs.police, {
        title: restrictedTitle,
        confidentiality: 'restricted',
        createdAt: '2026-10-20T00:00:00Z',
        sharedWith: [f.orgs.ngo],
      });
      await insertIncident(t, f.group.id, f.focal, f.orgs.company, {
        title: 'Road blockade at the mine gate',
        createdAt: '2026-10-21T00:00:00Z',
      });
      await insertRecommendation(t, f.group.id, { title: 'Train the guards', dueDate: '2026-12-31' });
      await insertRecommendation(t, f.group.id, {
        title: 'Publish the checkpoint code of conduct',
        dueDate: '2027-03-01',
        meetingId,
        organisationIds: [f.orgs.police],
      });
      const item = await api()
        .post(`/api/v1/meetings/${meetingId}/agenda/items`)
        .set(f.focal.auth)
        .send({ title: 'Artisanal miners on the concession' });
      expect(item.status).toBe(201);
      const proposal = await api()
        .post(`/api/v1/meetings/${meetingId}/agenda/items`)
        .set(f.member.auth)
        .send({ title: 'A proposal nobody decided on' });
      proposedItem = proposal.body.id;
      await attendance(meetingId, [
        { memberId: f.memberIds.focal, attended: true },
        { memberId: f.memberIds.coChair, attended: true },
        { memberId: f.memberIds.member, attended: true },
      ]);
      await circulated(meetingId);
      // The approver sees the restricted incident (their organisation is on its share list).
      const approved = await action(f.coChair, meetingId, 'approve');
      expect(approved.status).toBe(200);
    });

    const standingIncidents = (body: {
      record: { agenda: { standing: boolean; kind: string; incidents: { title: string }[] }[] };
    }) =>
      body.record.agenda
        .find((i) => i.standing && i.kind === 'incident_roundtable')!
        .incidents.map((i) => i.title)
        .sort();

    it('holds the meeting, attendance, agenda, body and version as approved', async () => {
      const res = await minutes(f.coChair, meetingId);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        expect.objectContaining({
          status: 'approved',
          version: 1,
          ...saved,
          approvals: [expect.any(Object)],
        }),
      );
      expect(res.body.record.meeting).toEqual({
        title: 'November meeting',
        startsAt: PAST,
        endsAt: '2026-11-03T10:00:00.000Z',
        timezone: 'Africa/Lubumbashi',
        location: 'Governor’s office',
        onlineUrl: null,
        focus: null,
      });
      expect(res.body.attendance.map((a: { memberId: string }) => a.memberId).sort()).toEqual(
        [f.memberIds.focal, f.memberIds.coChair, f.memberIds.member].sort(),
      );
      expect(res.body.record.agenda.map((i: { title: string }) => i.title)).toEqual([
        'Security incident updates',
        'Follow-up of recommendations',
        'Artisanal miners on the concession',
      ]);
      expect(standingIncidents(res.body)).toEqual([
        'Detention of the village chief',
        'Road blockade at the mine gate',
      ]);
      expect(res.body.record.recommendations.map((r: { title: string }) => r.title)).toEqual([
        'Publish the checkpoint code of conduct',
      ]);
    });

    it('shows each reader only the incidents they may see, now', async () => {
      expect(standingIncidents((await minutes(f.focal, meetingId)).body)).toEqual([
        'Road blockade at the mine gate',
      ]);
      expect(standingIncidents((await minutes(f.member, meetingId)).body)).toEqual([
        'Detention of the village chief',
        'Road blockade at the mine gate',
      ]);
      const focalMd = (await exportAs(f.focal, meetingId, 'md')).body.toString('utf8');
      expect(focalMd).toContain('Road blockade at the mine gate');
      expect(focalMd).not.toContain(restrictedTitle);
      expect((await exportAs(f.member, meetingId, 'md')).body.toString('utf8')).toContain(restrictedTitle);
      expect(await pdfText((await exportAs(f.focal, meetingId, 'pdf')).body)).not.toContain(restrictedTitle);
      const stored = JSON.stringify((await minutes(f.focal, meetingId)).body);
      expect(stored).not.toContain(restricted);
      expect(stored).not.toContain('Detention');

      // Narrowing the sharing later hides it from the record too.
      await t.ds.query(`DELETE FROM incident_shares WHERE incident_id = $1 AND organisation_id = $2`, [
        restricted,
        f.orgs.ngo,
      ]);
      expect(standingIncidents((await minutes(f.coChair, meetingId)).body)).toEqual([
        'Road blockade at the mine gate',
      ]);
    });

    it('does not follow later changes to the meeting, incidents or recommendations', async () => {
      await insertIncident(t, f.group.id, f.focal, f.orgs.company, {
        title: 'Reported after the approval',
        createdAt: '2026-10-25T00:00:00Z',
      });
      await insertRecommendation(t, f.group.id, {
        title: 'Added to the meeting later',
        dueDate: '2027-03-01',
        meetingId,
      });
      await t.ds.query(
        `UPDATE recommendations SET status = 'dropped', completed_at = now() WHERE title = 'Train the guards' AND group_id = $1`,
        [f.group.id],
      );
      await t.ds.query(
        `UPDATE meetings SET location = 'Moved elsewhere', starts_at = starts_at + interval '1 hour' WHERE id = $1`,
        [meetingId],
      );
      // The live agenda moves on…
      const live = await api().get(`/api/v1/meetings/${meetingId}/agenda`).set(f.focal.auth);
      expect(JSON.stringify(live.body)).toContain('Reported after the approval');
      // …the record does not.
      const res = (await minutes(f.focal, meetingId)).body;
      expect(res.record.meeting.location).toBe('Governor’s office');
      expect(res.record.meeting.startsAt).toBe(PAST);
      expect(standingIncidents(res)).toEqual(['Road blockade at the mine gate']);
      const review = res.record.agenda.find((i: { kind: string }) => i.kind === 'recommendation_review');
      expect(review.recommendations).toEqual([
        expect.objectContaining({ title: 'Train the guards', status: 'open' }),
        expect.objectContaining({ title: 'Publish the checkpoint code of conduct' }),
      ]);
      const md = (await exportAs(f.focal, meetingId, 'md')).body.toString('utf8');
      expect(md).toContain('Governor’s office');
      expect(md).toContain('Tuesday, 3 November 2026 at 10:00 (Africa/Lubumbashi)');
      expect(md).not.toContain('Moved elsewhere');
      expect(md).not.toContain('Reported after the approval');
      expect(md).not.toContain('Added to the meeting later');
      expect(md).toContain('Approved by cochair on');
    });

    it('freezes the agenda and the meeting: every change is a 409', async () => {
      const [item] = (await minutes(f.focal, meetingId)).body.record.agenda.filter(
        (i: { standing: boolean }) => !i.standing,
      );
      const attempts = [
        api()
          .post(`/api/v1/meetings/${meetingId}/agenda/items`)
          .set(f.focal.auth)
          .send({ title: 'Late item' }),
        api().patch(`/api/v1/agenda-items/${item.id}`).set(f.focal.auth).send({ title: 'Renamed' }),
        api().delete(`/api/v1/agenda-items/${item.id}`).set(f.focal.auth),
        api().post(`/api/v1/agenda-items/${item.id}/defer`).set(f.focal.auth),
        api().post(`/api/v1/agenda-items/${proposedItem}/accept`).set(f.focal.auth),
        api().post(`/api/v1/agenda-items/${proposedItem}/reject`).set(f.focal.auth).send({ reason: 'late' }),
        api().put(`/api/v1/meetings/${meetingId}/agenda/order`).set(f.focal.auth).send({ itemIds: [] }),
        api().post(`/api/v1/meetings/${meetingId}/agenda/publish`).set(f.focal.auth),
        api().patch(`/api/v1/meetings/${meetingId}`).set(f.focal.auth).send({ location: 'Elsewhere' }),
        api().post(`/api/v1/meetings/${meetingId}/cancel`).set(f.focal.auth).send({ reason: 'Too late' }),
        attendance(meetingId, [{ memberId: f.memberIds.observer, attended: true }]),
      ];
      for (const res of await Promise.all(attempts)) {
        expectProblem(res, 409);
        // (Recording attendance made the meeting held, which already closes cancelling.)
        expect(res.body.detail).toMatch(/minutes of this meeting are approved|This meeting is held/);
      }
      // A later meeting of the group still takes deferred items, and the record is unchanged.
      const record = (await minutes(f.focal, meetingId)).body.record;
      expect(record.agenda).toHaveLength(3);
      expect((await api().get(`/api/v1/meetings/${meetingId}`).set(f.focal.auth)).body.location).toBe(
        'Governor’s office',
      );
    });

    it('is what minutes approved before records existed get on their first read', async () => {
      await t.ds.query(`UPDATE minutes SET approved_record = NULL WHERE meeting_id = $1`, [meetingId]);
      const first = (await minutes(f.coChair, meetingId)).body;
      expect(first.record.meeting.location).toBe('Governor’s office');
      await t.ds.query(`UPDATE meetings SET location = 'Moved elsewhere' WHERE id = $1`, [meetingId]);
      expect((await minutes(f.coChair, meetingId)).body.record.meeting.location).toBe('Governor’s office');
    });
  });

  it('series edits never move or cancel a meeting whose minutes are approved', async () => {
    // Minutes approved ahead of their meeting (as the old code allowed) are left where they are.
    const seriesId = await insertSeries(t, f.group.id); // first Tuesday, 10:00 Lubumbashi
    const approved = await insertMeeting(t, f.group.id, FUTURE, { seriesId });
    const other = await insertMeeting(t, f.group.id, '2027-02-02T08:00:00.000Z', { seriesId });
    await t.ds.query(
      `INSERT INTO minutes (meeting_id, group_id, status, version, approved_at) VALUES ($1, $2, 'approved', 1, now())`,
      [approved, f.group.id],
    );
    const patched = await api()
      .patch(`/api/v1/groups/${f.group.id}/meeting-series/${seriesId}`)
      .set(f.focal.auth)
      .send({ startTime: '11:00' });
    expect(patched.status).toBe(200);
    const startsAt = async (id: string) =>
      (await api().get(`/api/v1/meetings/${id}`).set(f.focal.auth)).body as {
        startsAt: string;
        status: string;
      };
    expect((await startsAt(other)).startsAt).toBe('2027-02-02T09:00:00.000Z');
    expect((await startsAt(approved)).startsAt).toBe(FUTURE);
    expect(
      (await api().delete(`/api/v1/groups/${f.group.id}/meeting-series/${seriesId}`).set(f.focal.auth))
        .status,
    ).toBe(200);
    expect((await startsAt(other)).status).toBe('cancelled');
    expect((await startsAt(approved)).status).toBe('scheduled');
  });

  describe('in the group language, as a PDF that renders the Markdown (finding 8)', () => {
    it('labels, standing items and the body come out as written', async () => {
      expect(
        (
          await api()
            .patch(`/api/v1/groups/${f.group.id}`)
            .set(f.focal.auth)
            .send({ languages: ['fr', 'sw'] })
        ).status,
      ).toBe(200);
      const id = await insertMeeting(t, f.group.id, PAST, { title: 'Réunion de novembre' });
      const agenda = await api().get(`/api/v1/meetings/${id}/agenda`).set(f.member.auth);
      expect(agenda.body.items.map((i: { title: string }) => i.title)).toEqual([
        'Point sur les incidents de sécurité',
        'Suivi des recommandations',
      ]);
      await circulated(id, {
        body: [
          '## Points discutés',
          '',
          '- La **police** a présenté *la nouvelle procédure* aux creuseurs',
          '- Lingala : mbɔtɛ na bínó, ɛ ɔ Ɛ Ɔ',
          '- Kiswahili: Habari za asubuhi; Português: ação; Español: niño',
          '',
          '| Organisation | Présents |',
          '| --- | --- |',
          '| Police des mines | 3 |',
          '',
          'Voir le [rapport complet](https://example.org/rapport). Accord ✅ 😀 🥰',
        ].join('\n'),
        keyIssues: ['Barrières routières à Likasi — accès des creuseurs'],
        decisions: ['Réunion conjointe en décembre'],
      });
      expect((await action(f.coChair, id, 'approve')).status).toBe(200);

      const res = await exportAs(f.observer, id, 'pdf');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = await pdfText(res.body);
      for (const expected of [
        'Procès-verbal : Réunion de novembre',
        'Présences',
        'Ordre du jour',
        'Point sur les incidents de sécurité',
        'Questions clés',
        'Barrières routières à Likasi — accès des creuseurs',
        'Décisions',
        'Approuvé par cochair le',
        'mardi 3 novembre 2026 à 10:00',
        'Points discutés',
        'La police a présenté la nouvelle procédure aux creuseurs',
        'mbɔtɛ na bínó, ɛ ɔ Ɛ Ɔ',
        'Português: ação; Español: niño',
        'Police des mines',
        'Voir le rapport complet.',
        'Accord ✅',
        '□', // 🥰: no bundled font has it, so the clean fallback box
      ])
        expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
      // Markdown markup is rendered, not printed.
      for (const raw of ['**', '## ', '| ---', '](https', '*la nouvelle'])
        expect({ raw, found: text.includes(raw) }).toEqual({ raw, found: false });
      // Bundled fonts are embedded (no standard 14 font), the link is a link, and the emoji
      // outside the Basic Multilingual Plane maps back to its code point for text extraction.
      const raw = res.body.toString('latin1');
      expect(raw).toContain('/FontFile2');
      expect(raw).toMatch(/DejaVuSans/);
      expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
      expect(raw).toContain('/URI (https://example.org/rapport)');
      expect(pdfStreams(res.body).some((s) => s.includes('<d83d de00>'))).toBe(true);

      const sw = await api()
        .patch(`/api/v1/groups/${f.group.id}`)
        .set(f.focal.auth)
        .send({ languages: ['sw'] });
      expect(sw.status).toBe(200);
      const md = (await exportAs(f.observer, id, 'md')).body.toString('utf8');
      expect(md).toContain('## Masuala muhimu');
      expect(md).toContain('## Mahudhurio');
      expect(md).toContain('Imeidhinishwa na cochair tarehe');
    });
  });

  it('documents the record and the approval rule in OpenAPI', async () => {
    const doc = (await api().get('/api/docs-json')).body;
    const props = doc.components.schemas.MinutesDto.properties;
    for (const p of ['record', 'approvals', 'approvalRule', 'awaitingApprovalFrom'])
      expect(props[p]).toBeDefined();
    expect(doc.components.schemas.MinutesRecordDto.properties.agenda).toBeDefined();
    expect(doc.components.schemas.GroupDto.properties.minutesApproval.enum).toEqual([
      'one_co_chair',
      'all_co_chairs',
    ]);
    expect(doc.components.schemas.UpdateGroupDto.properties.minutesApproval).toBeDefined();
  });
});
