import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agreementWorld, AgreementWorld, createAgreement } from './support/agreements';
import { pdfWithAuthor } from './support/files';
import { replayEvents } from './support/incidents';
import { createTestApp, expectProblem, TestApp, TestUser } from './support/test-app';

// Owner kinds beyond incidents and minutes: each follows its owner's own visibility and powers.
describe('attachments on agreement versions and progress reports', () => {
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
});
