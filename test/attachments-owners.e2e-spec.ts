import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agreementWorld, AgreementWorld, createAgreement } from './support/agreements';
import { downloadAttachment, pdfWithAuthor } from './support/files';
import { replayEvents } from './support/incidents';
import { createTestApp, expectProblem, TestApp, TestUser } from './support/test-app';

// Owner kinds beyond incidents and minutes: each follows its owner's own visibility and powers.
describe('attachments on agreement versions, progress reports, training sessions and equipment monitoring', () => {
  let t: TestApp;
  let w: AgreementWorld;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rt-data-'));
    t = await createTestApp({ DATA_DIR: dataDir });
    w = await agreementWorld(t);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (user: TestUser, ownerPath: string, bytes: Buffer, filename: string) =>
    t.api().post(`/api/v1/${ownerPath}/attachments`).set(user.auth).attach('file', bytes, { filename });
  const info = (user: TestUser, id: string) => t.api().get(`/api/v1/attachments/${id}/info`).set(user.auth);
  const download = (user: TestUser, id: string) => downloadAttachment(t, user, id);
  const list = (user: TestUser, ownerPath: string) =>
    t.api().get(`/api/v1/${ownerPath}/attachments`).set(user.auth);
  const post = (user: TestUser, path: string, body: Record<string, unknown>) =>
    t.api().post(`/api/v1${path}`).set(user.auth).send(body);
  const site = async () => {
    const res = await post(w.mine, `/groups/${w.groupId}/sites`, {
      name: `Kamoto ${Math.random().toString(36).slice(2, 8)}`,
      kind: 'mine',
      operatorOrganisationId: w.orgs.mine,
      publicSecurityPresent: true,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('keeps the signed copy of a parties-only agreement to the parties', async () => {
    const agreement = await createAgreement(t, w, w.mine, { visibility: 'parties' });
    const versionId = agreement.body.currentVersion.id;
    const copy = await upload(
      w.mine,
      `agreement-versions/${versionId}`,
      await pdfWithAuthor(),
      'signed-mou.pdf',
    );
    expect(copy.status).toBe(201);
    expect(copy.body.metadataRemoved).toContain('pdf-info');
    expect((await info(w.police, copy.body.id)).status).toBe(200);
    // Neither the focal point, the civil-society co-chair nor another member is a party.
    for (const u of [w.focal, w.ngo, w.local, w.outsider]) expectProblem(await info(u, copy.body.id), 404);
    expectProblem(
      await upload(w.mineObserver, `agreement-versions/${versionId}`, Buffer.from('x\n'), 'x.txt'),
      403,
    );
    const sees = async (u: TestUser) =>
      (await replayEvents(t, u, w.groupId)).items.some(
        (e) => e.type === 'attachment.added' && e.entityId === copy.body.id,
      );
    expect([await sees(w.police), await sees(w.focal), await sees(w.ngo)]).toEqual([true, false, false]);
    const [audit] = await t.ds.query(
      `SELECT scope_kind, scope_id FROM audit_events WHERE action = 'attachment.added' AND entity_id = $1`,
      [copy.body.id],
    );
    expect(audit).toEqual({ scope_kind: 'agreement_content', scope_id: agreement.id });
  });

  it('lets the author of a progress report attach evidence and the focal point remove it', async () => {
    const rec = await t
      .api()
      .post(`/api/v1/groups/${w.groupId}/recommendations`)
      .set(w.focal.auth)
      .send({
        title: 'Vet the officers deployed at the gate',
        responsibleOrganisationIds: [w.orgs.mine],
        dueDate: '2099-06-30',
        priority: 'high',
      });
    expect(rec.status).toBe(201);
    const progress = await t
      .api()
      .post(`/api/v1/recommendations/${rec.body.id}/progress`)
      .set(w.mine.auth)
      .send({ note: 'Two of four sessions held', progress: 50 });
    expect(progress.status).toBe(201);
    const entryId = progress.body.timeline.at(-1).id;
    const evidence = await upload(
      w.mine,
      `recommendation-progress/${entryId}`,
      Buffer.from('attendance\n'),
      'attendance.txt',
    );
    expect(evidence.status).toBe(201);
    expectProblem(
      await upload(w.police, `recommendation-progress/${entryId}`, Buffer.from('x\n'), 'x.txt'),
      403,
    );
    expect((await info(w.local, evidence.body.id)).body.canDelete).toBe(false);
    expect((await info(w.focal, evidence.body.id)).body.canDelete).toBe(true);
    expect((await t.api().delete(`/api/v1/attachments/${evidence.body.id}`).set(w.focal.auth)).status).toBe(
      204,
    );
    // The created entry is not a progress report.
    const created = progress.body.timeline[0].id;
    expectProblem(
      await upload(w.mine, `recommendation-progress/${created}`, Buffer.from('x\n'), 'x.txt'),
      404,
    );
  });

  it('keeps the signed attendance sheet of a training session with the session', async () => {
    const programme = await post(w.police, `/groups/${w.groupId}/training-programmes`, {
      title: 'Use of force — Kolwezi contingent',
      audience: 'police',
      agencyOrganisationId: w.orgs.police,
      siteIds: [await site()],
      topics: ['use_of_force'],
    });
    expect(programme.status).toBe(201);
    const session = await post(w.police, `/training-programmes/${programme.body.id}/sessions`, {
      heldOn: '2026-03-01',
      location: 'Kolwezi police camp',
      language: 'fr',
      topics: ['use_of_force'],
      trainees: { total: 12, women: 3 },
    });
    expect(session.status).toBe(201);
    const ownerPath = `training-sessions/${session.body.id}`;
    const sheet = await pdfWithAuthor();
    const added = await upload(w.police, ownerPath, sheet, 'feuille de présence.pdf');
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ contentType: 'application/pdf', canDelete: true });
    expect(added.body.metadataRemoved).toContain('pdf-info');
    // Every member sees a session and its files; the bytes are the cleaned PDF.
    const got = await download(w.local, added.body.id);
    expect(got.status).toBe(200);
    expect((got.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(got.body.length).toBe(added.body.size);
    expect((await list(w.mineObserver, ownerPath)).body.items.map((a: { id: string }) => a.id)).toEqual([
      added.body.id,
    ]);
    // Those who may record sessions may attach (the agency, the focal point); not another member
    // nor an observer; an outsider and an unknown session get 404.
    expect((await upload(w.focal, ownerPath, Buffer.from('ok\n'), 'notes.txt')).status).toBe(201);
    expectProblem(await upload(w.local, ownerPath, Buffer.from('x\n'), 'x.txt'), 403);
    expectProblem(await upload(w.mineObserver, ownerPath, Buffer.from('x\n'), 'x.txt'), 403);
    expectProblem(await upload(w.outsider, ownerPath, Buffer.from('x\n'), 'x.txt'), 404);
    expectProblem(await list(w.outsider, ownerPath), 404);
    expectProblem(await info(w.outsider, added.body.id), 404);
    expectProblem(
      await upload(w.police, `training-sessions/${programme.body.id}`, Buffer.from('x\n'), 'x.txt'),
      404,
    );
    expect((await info(w.local, added.body.id)).body.canDelete).toBe(false);
    expect((await t.api().delete(`/api/v1/attachments/${added.body.id}`).set(w.focal.auth)).status).toBe(204);
  });

  it('keeps the files of a monitoring entry to those who see the equipment request', async () => {
    const request = await post(w.police, `/groups/${w.groupId}/equipment-requests`, {
      siteId: await site(),
      requestingOrganisationId: w.orgs.police,
      items: [{ category: 'fuel', description: 'Diesel for patrols', quantity: 100, transfer: 'donation' }],
      purpose: 'Patrols of the access road',
    });
    expect(request.status).toBe(201);
    const id = request.body.id;
    expect(
      (
        await post(w.mine, `/equipment-requests/${id}/decision`, {
          outcome: 'approved',
          risks: 'Misuse of fuel',
          alternativesConsidered: 'Company escort',
          rationale: 'Patrols reduce intrusions',
        })
      ).status,
    ).toBe(200);
    expect(
      (await post(w.mine, `/equipment-requests/${id}/status`, { to: 'handed_over', note: 'Signed' })).status,
    ).toBe(200);
    const monitored = await post(w.police, `/equipment-requests/${id}/monitoring`, {
      method: 'inspection',
      finding: 'Fuel logbook up to date',
    });
    expect(monitored.status).toBe(201);
    const entryId: string = monitored.body.monitoring[0].id;
    expect(entryId).toMatch(/^[0-9a-f-]{36}$/);
    const ownerPath = `equipment-monitoring/${entryId}`;
    const logbook = Buffer.from('Logbook, March: 4 patrols, 96 litres\n');
    const added = await upload(w.police, ownerPath, logbook, 'logbook.txt');
    expect(added.status).toBe(201);
    // The deciding company and the requester see it, and the bytes round-trip.
    for (const u of [w.mine, w.police]) {
      const got = await download(u, added.body.id);
      expect(got.status).toBe(200);
      expect(Buffer.compare(got.body as Buffer, logbook)).toBe(0);
      expect((await list(u, ownerPath)).status).toBe(200);
    }
    // Another member, the focal point (not a party to the request) and an outsider: 404 for the
    // entry's list, the file and its record, and an upload; an observer of the company sees but
    // may not add.
    for (const u of [w.local, w.focal, w.ngo, w.outsider]) {
      expectProblem(await list(u, ownerPath), 404);
      expectProblem(await info(u, added.body.id), 404);
      expectProblem(await download(u, added.body.id), 404);
      expectProblem(await upload(u, ownerPath, Buffer.from('x\n'), 'x.txt'), 404);
    }
    expect((await info(w.mineObserver, added.body.id)).status).toBe(200);
    expectProblem(await upload(w.mineObserver, ownerPath, Buffer.from('x\n'), 'x.txt'), 403);
    // Its events and audit row follow the request's visibility.
    const sees = async (u: TestUser) =>
      (await replayEvents(t, u, w.groupId)).items.some(
        (e) => e.type === 'attachment.added' && e.entityId === added.body.id,
      );
    expect([await sees(w.police), await sees(w.mine), await sees(w.local), await sees(w.focal)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    const [audit] = await t.ds.query(
      `SELECT scope_kind, scope_id FROM audit_events WHERE action = 'attachment.added' AND entity_id = $1`,
      [added.body.id],
    );
    expect(audit).toEqual({ scope_kind: 'equipment_request', scope_id: id });
    // Shared with the civil-society organisation: now it sees the file and the event.
    const shared = await t
      .api()
      .patch(`/api/v1/equipment-requests/${id}`)
      .set(w.mine.auth)
      .send({ sharedWithOrganisationIds: [w.orgs.ngo] });
    expect(shared.status).toBe(200);
    expect((await info(w.ngo, added.body.id)).status).toBe(200);
    expect(await sees(w.ngo)).toBe(true);
    expectProblem(await info(w.local, added.body.id), 404);

    // The request itself (`equipment-requests`, DESIGN's kind): the signed handover receipt, as
    // visible as the request — now shared with the NGO too, still 404 to the other member.
    const receipt = Buffer.from('Handover receipt: 200 litres of diesel, signed by both parties\n');
    const onRequest = await upload(w.police, `equipment-requests/${id}`, receipt, 'receipt.txt');
    expect(onRequest.status).toBe(201);
    const got = await download(w.mine, onRequest.body.id);
    expect(Buffer.compare(got.body as Buffer, receipt)).toBe(0);
    expect((await list(w.ngo, `equipment-requests/${id}`)).status).toBe(200);
    expectProblem(await upload(w.ngo, `equipment-requests/${id}`, receipt, 'receipt.txt'), 403);
    for (const u of [w.local, w.focal, w.outsider]) {
      expectProblem(await list(u, `equipment-requests/${id}`), 404);
      expectProblem(await download(u, onRequest.body.id), 404);
    }
    const [requestAudit] = await t.ds.query(
      `SELECT scope_kind, scope_id FROM audit_events WHERE action = 'attachment.added' AND entity_id = $1`,
      [onRequest.body.id],
    );
    expect(requestAudit).toEqual({ scope_kind: 'equipment_request', scope_id: id });
  });
});
