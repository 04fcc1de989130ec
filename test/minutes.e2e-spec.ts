import {
  auditOf,
  eventsOf,
  GroupFixture,
  groupFixture,
  insertIncident,
  insertMeeting,
  insertRecommendation,
} from './support/agenda-fixtures';
import { createTestApp, expectProblem, TestApp, TestUser } from './support/test-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's index runs a debug script when required
const pdfParse: (b: Uint8Array) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');
// pdf-parse's pdf.js reads the whole ArrayBuffer behind its input and ignores byteOffset, so a
// small Buffer sliced from Node's shared pool must be copied into an array of its own first.
const pdfText = async (b: Buffer) => (await pdfParse(new Uint8Array(b))).text;

const saved = {
  body: '## Notes\n\nThe police presented the new checkpoint procedure.',
  keyIssues: ['Checkpoint abuses on the Likasi road'],
  decisions: ['Set up a joint patrol review'],
};

describe('minutes', () => {
  let t: TestApp;
  let f: GroupFixture;
  let meetingId: string;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    f = await groupFixture(t);
    meetingId = await insertMeeting(t, f.group.id, '2027-01-05T08:00:00.000Z');
  });

  const minutes = (u: TestUser, id = meetingId) => t.api().get(`/api/v1/meetings/${id}/minutes`).set(u.auth);
  const save = (u: TestUser, body: Record<string, unknown>, id = meetingId) =>
    t.api().put(`/api/v1/meetings/${id}/minutes`).set(u.auth).send(body);
  const action = (u: TestUser, what: 'circulate' | 'approve', id = meetingId) =>
    t.api().post(`/api/v1/meetings/${id}/minutes/${what}`).set(u.auth);
  const comment = (u: TestUser, body: unknown, id = meetingId) =>
    t.api().post(`/api/v1/meetings/${id}/minutes/comments`).set(u.auth).send({ body });
  const exportAs = (u: TestUser, format: string, id = meetingId) =>
    t
      .api()
      .get(`/api/v1/meetings/${id}/minutes/export?format=${format}`)
      .set(u.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  const notifications = async (u: TestUser, type: string) => {
    const res = await t.api().get('/api/v1/me/notifications').set(u.auth);
    expect(res.status).toBe(200);
    return res.body.items.filter(
      (n: { type: string; entityId: string }) => n.type === type && n.entityId === meetingId,
    );
  };
  const circulated = async () => {
    expect((await save(f.focal, { ...saved, expectedVersion: 0 })).status).toBe(200);
    expect((await action(f.focal, 'circulate')).status).toBe(200);
  };

  it('exists from the start as an empty draft at version 0', async () => {
    const res = await minutes(f.observer);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        meetingId,
        status: 'draft',
        version: 0,
        body: '',
        keyIssues: [],
        decisions: [],
        approvedBy: null,
        approvedAt: null,
        circulatedAt: null,
      }),
    );
    expect(Array.isArray(res.body.attendance)).toBe(true);
    expectProblem(await minutes(f.outsider), 404);
    expectProblem(await minutes(f.focal, '00000000-0000-4000-8000-000000000000'), 404);
    expect(await eventsOf(t, f.group.id, 'minutes.updated')).toEqual([]);
  });

  it('is edited by the focal point and co-chairs with an expected version; each save is a revision', async () => {
    expectProblem(await save(f.member, { ...saved, expectedVersion: 0 }), 403);
    expectProblem(await save(f.observer, { ...saved, expectedVersion: 0 }), 403);
    expectProblem(await save(f.outsider, { ...saved, expectedVersion: 0 }), 404);
    const first = await save(f.focal, { ...saved, expectedVersion: 0 });
    expect(first.status).toBe(200);
    expect(first.body).toEqual(
      expect.objectContaining({
        version: 1,
        status: 'draft',
        ...saved,
        updatedBy: expect.objectContaining({ userId: f.focal.id }),
      }),
    );
    const second = await save(f.coChair, {
      ...saved,
      decisions: ['Joint patrol review by March'],
      expectedVersion: 1,
    });
    expect(second.body.version).toBe(2);

    const stale = await save(f.focal, { ...saved, keyIssues: ['lost edit?'], expectedVersion: 1 });
    expectProblem(stale, 409);
    expect(stale.body.currentVersion).toBe(2);
    expect((await minutes(f.member)).body).toEqual(
      expect.objectContaining({ version: 2, decisions: ['Joint patrol review by March'] }),
    );

    const revisions = await t
      .api()
      .get(`/api/v1/meetings/${meetingId}/minutes/revisions`)
      .set(f.observer.auth);
    expect(revisions.status).toBe(200);
    expect(
      revisions.body.items.map((r: { version: number; author: { userId: string } }) => [
        r.version,
        r.author.userId,
      ]),
    ).toEqual([
      [2, f.coChair.id],
      [1, f.focal.id],
    ]);
    expect(revisions.body.items[1]).toEqual(
      expect.objectContaining({ ...saved, status: 'draft', createdAt: expect.any(String) }),
    );
    const page1 = await t
      .api()
      .get(`/api/v1/meetings/${meetingId}/minutes/revisions?limit=1`)
      .set(f.focal.auth);
    expect(page1.body.items.map((r: { version: number }) => r.version)).toEqual([2]);
    const page2 = await t
      .api()
      .get(`/api/v1/meetings/${meetingId}/minutes/revisions?limit=1&cursor=${page1.body.nextCursor}`)
      .set(f.focal.auth);
    expect(page2.body).toEqual({ items: [expect.objectContaining({ version: 1 })], nextCursor: null });
    expectProblem(
      await t.api().get(`/api/v1/meetings/${meetingId}/minutes/revisions`).set(f.outsider.auth),
      404,
    );

    const events = await eventsOf(t, f.group.id, 'minutes.updated');
    expect(events.map((e) => [e.entity_id, e.data.version])).toEqual([
      [meetingId, 1],
      [meetingId, 2],
    ]);
    expect(await auditOf(t, f.group.id, 'minutes.updated')).toHaveLength(2);
  });

  it('rejects malformed saves with field errors', async () => {
    for (const [body, field] of [
      [{ ...saved }, 'expectedVersion'],
      [{ ...saved, expectedVersion: -1 }, 'expectedVersion'],
      [{ ...saved, expectedVersion: '0' }, 'expectedVersion'],
      [{ ...saved, keyIssues: 'one', expectedVersion: 0 }, 'keyIssues'],
      [{ ...saved, decisions: ['  '], expectedVersion: 0 }, 'decisions'],
      [{ ...saved, body: 5, expectedVersion: 0 }, 'body'],
      [{ ...saved, status: 'approved', expectedVersion: 0 }, 'status'],
    ] as const) {
      const res = await save(f.focal, body);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });

  it('lets exactly one of two concurrent saves with the same expected version win', async () => {
    // On fresh minutes (racing the lazy creation too) and on existing ones.
    for (const expectedVersion of [0, 1]) {
      const results = await Promise.all([
        save(f.focal, { ...saved, keyIssues: ['from the focal point'], expectedVersion }),
        save(f.coChair, { ...saved, keyIssues: ['from the co-chair'], expectedVersion }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200)!;
      expect(winner.body.version).toBe(expectedVersion + 1);
      expect((await minutes(f.member)).body.keyIssues).toEqual(winner.body.keyIssues);
    }
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM minutes_revisions WHERE meeting_id = $1`,
      [meetingId],
    );
    expect(n).toBe(2);
  });

  it('is circulated by the focal point only, notifying the members', async () => {
    expectProblem(await action(f.focal, 'circulate'), 409); // nothing written yet
    await save(f.focal, { ...saved, expectedVersion: 0 });
    expectProblem(await action(f.coChair, 'circulate'), 403);
    expectProblem(await action(f.member, 'circulate'), 403);
    expectProblem(await action(f.outsider, 'circulate'), 404);
    const res = await action(f.focal, 'circulate');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ status: 'circulated', version: 1 }));
    expect(Date.parse(res.body.circulatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expectProblem(await action(f.focal, 'circulate'), 409);

    for (const u of [f.member, f.observer, f.coChair])
      expect(await notifications(u, 'minutes.circulated')).toHaveLength(1);
    expect(await notifications(f.focal, 'minutes.circulated')).toHaveLength(0);
    expect(await notifications(f.outsider, 'minutes.circulated')).toHaveLength(0);
    expect(await eventsOf(t, f.group.id, 'minutes.circulated')).toEqual([
      expect.objectContaining({ entity_id: meetingId }),
    ]);
    expect(await auditOf(t, f.group.id, 'minutes.circulated')).toEqual([
      expect.objectContaining({ actor_user_id: f.focal.id }),
    ]);

    // Edits after circulation (taking comments into account) are allowed and keep it circulated.
    const edited = await save(f.focal, {
      ...saved,
      decisions: ['Amended after comments'],
      expectedVersion: 1,
    });
    expect(edited.body).toEqual(expect.objectContaining({ status: 'circulated', version: 2 }));
  });

  it('takes comments from members (not observers) while circulated', async () => {
    expectProblem(await comment(f.member, 'too early'), 409);
    await circulated();
    const res = await comment(f.member, '  The second issue should name the checkpoint.  ');
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({
        body: 'The second issue should name the checkpoint.',
        minutesVersion: 1,
        author: expect.objectContaining({ userId: f.member.id, memberId: f.memberIds.member }),
        organisation: expect.objectContaining({ id: f.orgs.police }),
      }),
    );
    expect((await comment(f.focal, 'Noted')).status).toBe(201);
    expectProblem(await comment(f.observer, 'observer view'), 403);
    expectProblem(await comment(f.outsider, 'hello'), 404);
    const empty = await comment(f.member, '   ');
    expectProblem(empty, 400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);

    const list = await t.api().get(`/api/v1/meetings/${meetingId}/minutes/comments`).set(f.observer.auth);
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { body: string }) => c.body)).toEqual([
      'The second issue should name the checkpoint.',
      'Noted',
    ]);
    const page = await t
      .api()
      .get(`/api/v1/meetings/${meetingId}/minutes/comments?limit=1`)
      .set(f.member.auth);
    const rest = await t
      .api()
      .get(`/api/v1/meetings/${meetingId}/minutes/comments?limit=1&cursor=${page.body.nextCursor}`)
      .set(f.member.auth);
    expect([...page.body.items, ...rest.body.items].map((c: { body: string }) => c.body)).toEqual([
      'The second issue should name the checkpoint.',
      'Noted',
    ]);
    expect(rest.body.nextCursor).toBeNull();
    const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    expectProblem(
      await t.api().get(`/api/v1/meetings/${meetingId}/minutes/comments?cursor=${forged}`).set(f.member.auth),
      400,
    );
    expectProblem(
      await t.api().get(`/api/v1/meetings/${meetingId}/minutes/comments`).set(f.outsider.auth),
      404,
    );
  });

  it('is approved by a sitting co-chair once circulated, and is immutable afterwards', async () => {
    // Minutes are approved once the meeting has taken place (minutes-approval.e2e-spec.ts).
    meetingId = await insertMeeting(t, f.group.id, '2026-11-03T08:00:00.000Z');
    await save(f.focal, { ...saved, expectedVersion: 0 });
    expectProblem(await action(f.coChair, 'approve'), 409); // not circulated yet
    await action(f.focal, 'circulate');
    expectProblem(await action(f.focal, 'approve'), 403);
    expectProblem(await action(f.member, 'approve'), 403);
    expectProblem(await action(f.outsider, 'approve'), 404);
    const res = await action(f.coChair, 'approve');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        status: 'approved',
        version: 1,
        approvedBy: { userId: f.coChair.id, memberId: f.memberIds.coChair, displayName: 'cochair' },
      }),
    );
    expect(Date.parse(res.body.approvedAt)).toBeGreaterThan(Date.now() - 60_000);

    const put = await save(f.focal, { ...saved, expectedVersion: 1 });
    expectProblem(put, 409);
    expect(put.body.detail).toMatch(/approved/i);
    expectProblem(await comment(f.member, 'late comment'), 409);
    expectProblem(await action(f.coChair, 'approve'), 409);
    expectProblem(await action(f.focal, 'circulate'), 409);
    expect((await minutes(f.focal)).body).toEqual(
      expect.objectContaining({ status: 'approved', version: 1, ...saved }),
    );

    for (const u of [f.member, f.observer, f.focal])
      expect(await notifications(u, 'minutes.approved')).toHaveLength(1);
    expect(await notifications(f.coChair, 'minutes.approved')).toHaveLength(0);
    expect(await eventsOf(t, f.group.id, 'minutes.approved')).toEqual([
      expect.objectContaining({ entity_id: meetingId }),
    ]);
    expect(await auditOf(t, f.group.id, 'minutes.approved')).toEqual([
      expect.objectContaining({ actor_user_id: f.coChair.id }),
    ]);

    // A co-chair whose term has ended may no longer approve.
    const other = await insertMeeting(t, f.group.id, '2026-11-17T08:00:00.000Z');
    await save(f.focal, { ...saved, expectedVersion: 0 }, other);
    await action(f.focal, 'circulate', other);
    await t.ds.query(`UPDATE co_chair_terms SET ended_at = now() WHERE membership_id = $1`, [
      f.memberIds.coChair,
    ]);
    expectProblem(await action(f.coChair, 'approve', other), 403);
  });

  it('shows attendance recorded on the meeting', async () => {
    const [{ present }] = await t.ds.query(`SELECT to_regclass('meeting_attendance') IS NOT NULL AS present`);
    if (!present) {
      // meeting_attendance is created by the meetings feature (another branch). Until it is
      // merged there is nothing to record attendance in, and the minutes show none.
      expect((await minutes(f.focal)).body.attendance).toEqual([]);
      return;
    }
    await t.ds.query(
      `INSERT INTO meeting_attendance (meeting_id, membership_id, attended, recorded_by, recorded_at) VALUES ($1, $2, true, $4, now()), ($1, $3, false, $4, now())`,
      [meetingId, f.memberIds.member, f.memberIds.coChair, f.focal.id],
    );
    const res = await minutes(f.observer);
    expect(res.body.attendance).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          memberId: f.memberIds.member,
          attended: true,
          displayName: 'member',
          organisation: expect.objectContaining({ id: f.orgs.police }),
        }),
        expect.objectContaining({ memberId: f.memberIds.coChair, attended: false }),
      ]),
    );
    const md = (await exportAs(f.focal, 'md')).body.toString('utf8');
    expect(md).toMatch(/Police [0-9a-f]{8}: member/);
    expect(md).toContain('Absent: cochair');
  });

  describe('export', () => {
    let restrictedTitle: string;
    let recTitle: string;
    beforeEach(async () => {
      restrictedTitle = 'Detention of the village chief';
      const restricted = await insertIncident(t, f.group.id, f.member, f.orgs.police, {
        title: restrictedTitle,
        confidentiality: 'restricted',
        createdAt: '2026-12-20T00:00:00Z',
      });
      await insertIncident(t, f.group.id, f.focal, f.orgs.company, {
        title: 'Road blockade at the mine gate',
        createdAt: '2026-12-21T00:00:00Z',
      });
      const proposal = await t
        .api()
        .post(`/api/v1/meetings/${meetingId}/agenda/items`)
        .set(f.member.auth)
        .send({ title: 'Follow-up of the detention', incidentIds: [restricted] });
      expect(proposal.status).toBe(201);
      expect(
        (await t.api().post(`/api/v1/agenda-items/${proposal.body.id}/accept`).set(f.focal.auth)).status,
      ).toBe(200);
      recTitle = 'Publish the checkpoint code of conduct';
      await insertRecommendation(t, f.group.id, {
        title: recTitle,
        dueDate: '2027-03-01',
        meetingId,
        organisationIds: [f.orgs.police],
      });
      await insertRecommendation(t, f.group.id, {
        title: 'Raised at another meeting',
        dueDate: '2027-03-01',
      });
      await save(f.focal, { ...saved, expectedVersion: 0 });
    });

    it('renders Markdown with the group, the local date, key issues, decisions and recommendations', async () => {
      const res = await exportAs(f.focal, 'md');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/markdown/);
      expect(res.headers['content-disposition']).toBe('attachment; filename="minutes-2027-01-05.md"');
      const md = res.body.toString('utf8');
      expect(md).toContain(f.group.name);
      // 08:00 UTC is 10:00 in Lubumbashi.
      expect(md).toContain('Tuesday, 5 January 2027 at 10:00 (Africa/Lubumbashi)');
      expect(md).toContain('- Checkpoint abuses on the Likasi road');
      expect(md).toContain('- Set up a joint patrol review');
      expect(md).toMatch(new RegExp(`${recTitle} \\(responsible: Police [0-9a-f]{8}; due 2027-03-01`));
      // Recommendations raised in this meeting; the agenda's review item lists all open ones.
      const raised = md.slice(md.indexOf('## Recommendations'));
      expect(raised).toContain(recTitle);
      expect(raised).not.toContain('Raised at another meeting');
      expect(md).toContain('Road blockade at the mine gate');
      expect(md).toContain('Follow-up of the detention');
      expect(md).not.toContain(restrictedTitle);
      expect(md).not.toContain('Detention of');

      // The reporting organisation sees its own incident in its export.
      const own = (await exportAs(f.member, 'md')).body.toString('utf8');
      expect(own).toContain(restrictedTitle);
      // Observers may export too.
      expect((await exportAs(f.observer, 'md')).status).toBe(200);
    });

    it('uses the date in the group time zone even across midnight', async () => {
      const late = await insertMeeting(t, f.group.id, '2027-01-04T23:30:00.000Z');
      const md = (await exportAs(f.focal, 'md', late)).body.toString('utf8');
      expect(md).toContain('Tuesday, 5 January 2027 at 01:30');
    });

    it('renders a PDF whose text holds the key issues and never restricted content', async () => {
      const res = await exportAs(f.focal, 'pdf');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf: Buffer = res.body;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = await pdfText(pdf);
      expect(text).toContain('Checkpoint abuses on the Likasi road');
      expect(text).toContain('Set up a joint patrol review');
      expect(text).toContain(f.group.name);
      expect(text).toContain(recTitle);
      expect(text).not.toContain(restrictedTitle);
      expect(await pdfText((await exportAs(f.member, 'pdf')).body)).toContain(restrictedTitle);
    });

    it('refuses unknown formats and outsiders', async () => {
      const bad = await t
        .api()
        .get(`/api/v1/meetings/${meetingId}/minutes/export?format=docx`)
        .set(f.focal.auth);
      expectProblem(bad, 400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'format' })]);
      expectProblem(
        await t.api().get(`/api/v1/meetings/${meetingId}/minutes/export?format=pdf`).set(f.outsider.auth),
        404,
      );
    });
  });

  it('documents every minutes route in OpenAPI', async () => {
    const res = await t.api().get('/api/docs-json');
    for (const p of ['', '/revisions', '/circulate', '/approve', '/comments', '/export']) {
      expect(Object.keys(res.body.paths)).toContain(`/api/v1/meetings/{meetingId}/minutes${p}`);
    }
    expect(res.body.paths['/api/v1/meetings/{meetingId}/minutes'].put.requestBody).toBeDefined();
    expect(res.body.components.schemas.MinutesDto.properties.keyIssues).toBeDefined();
  });
});
