import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { Response } from 'supertest';
import { insertMeeting } from './support/agenda-fixtures';
import { downloadAttachment, jpegWithGps, pdfWithAuthor, startS3Server } from './support/files';
import { replayEvents, reportIncident } from './support/incidents';
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

const MAX_BYTES = 256 * 1024;

// The same tests against both storage back ends: the data directory, and a real S3-compatible
// server (s3rver) reached through @aws-sdk/client-s3.
describe.each(['filesystem', 's3'] as const)('attachments (%s storage)', (backend) => {
  let t: TestApp;
  let dataDir: string;
  let s3: Awaited<ReturnType<typeof startS3Server>> | null = null;
  let groupId: string;
  const u = {} as Record<'reporter' | 'named' | 'police' | 'focal' | 'observer' | 'outsider', TestUser>;
  let groupIncident: string;
  let restrictedIncident: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rt-data-'));
    const env: Record<string, string> = { DATA_DIR: dataDir, FILE_MAX_BYTES: String(MAX_BYTES) };
    if (backend === 's3') {
      s3 = await startS3Server();
      Object.assign(env, s3.env);
    }
    t = await createTestApp(env);
    u.focal = await registerUser(t, 'focal');
    const focalOrg = (await createOrganisation(t, u.focal, 'host_government', 'Governorate')).id;
    groupId = (await createGroup(t, u.focal, focalOrg)).id;
    const ngo = (await createOrganisation(t, u.focal, 'civil_society', 'Justice NGO')).id;
    const company = (await createOrganisation(t, u.focal, 'company', 'Mining Co')).id;
    const police = (await createOrganisation(t, u.focal, 'public_security', 'Mine police')).id;
    const un = (await createOrganisation(t, u.focal, 'international_organisation', 'UN office')).id;
    u.reporter = await registerUser(t, 'reporter');
    await addMember(t, groupId, u.focal, u.reporter, ngo);
    u.named = await registerUser(t, 'named');
    await addMember(t, groupId, u.focal, u.named, company);
    u.police = await registerUser(t, 'police');
    await addMember(t, groupId, u.focal, u.police, police);
    u.observer = await registerUser(t, 'observer');
    await addMember(t, groupId, u.focal, u.observer, un, 'observer');
    u.outsider = await registerUser(t, 'outsider');
    groupIncident = (await reportIncident(t, u.reporter, groupId, { confidentiality: 'group' })).id;
    restrictedIncident = (
      await reportIncident(t, u.reporter, groupId, {
        confidentiality: 'restricted',
        sharedWithOrganisationIds: [company],
      })
    ).id;
  });
  afterAll(async () => {
    await t.close();
    await s3?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (
    user: TestUser,
    ownerPath: string,
    bytes: Buffer,
    filename: string,
    claimed = 'application/octet-stream',
  ) =>
    t
      .api()
      .post(`/api/v1/${ownerPath}/attachments`)
      .set(user.auth)
      .attach('file', bytes, { filename, contentType: claimed });

  const download = (user: TestUser, id: string, suffix = '') => downloadAttachment(t, user, id, suffix);

  async function storedObjectExists(id: string): Promise<boolean> {
    if (backend === 'filesystem') return existsSync(join(dataDir, 'attachments', groupId, id));
    const res = await fetch(`${s3!.env.S3_ENDPOINT}/${s3!.env.S3_BUCKET}/${groupId}/${id}`, {
      method: 'HEAD',
    });
    // s3rver answers unsigned requests to a private object with 403 and a missing one with 404.
    return res.status !== 404;
  }

  it('round-trips a file: sniffed type, sanitised name, safe download headers', async () => {
    const text = Buffer.from('Rapport de la réunion — 5 janvier\nAucun incident signalé.\n');
    const res = await upload(
      u.reporter,
      `incidents/${groupIncident}`,
      text,
      '../../Rapport\u202Efdp.exe',
      'application/pdf',
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      fileName: 'Rapportfdp.exe.txt',
      contentType: 'text/plain; charset=utf-8',
      size: text.length,
      metadataRemoved: [],
      thumbnailUrl: null,
      canDelete: true,
    });
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await storedObjectExists(res.body.id)).toBe(true);

    const got = await download(u.police, res.body.id);
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body as Buffer, text)).toBe(0);
    expect(got.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe('attachment; filename=Rapportfdp.exe.txt');

    const list = await t.api().get(`/api/v1/incidents/${groupIncident}/attachments`).set(u.police.auth);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: string; canDelete: boolean }) => [a.id, a.canDelete])).toEqual([
      [res.body.id, false],
    ]);
  });

  it('gives non-ASCII names an RFC 6266 filename*', async () => {
    const res = await upload(
      u.reporter,
      `incidents/${groupIncident}`,
      Buffer.from('ok\n'),
      'Procès-verbal été.txt',
    );
    expect(res.status).toBe(201);
    const got = await download(u.reporter, res.body.id);
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="Proc?s-verbal ?t?.txt"; filename*=UTF-8''Proc%C3%A8s-verbal%20%C3%A9t%C3%A9.txt`,
    );
  });

  it('removes EXIF (GPS, device) from a photo and serves a thumbnail', async () => {
    const photo = await jpegWithGps();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const res = await upload(u.reporter, `incidents/${groupIncident}`, photo, 'IMG_2041.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    expect(res.body.contentType).toBe('image/jpeg');
    expect(res.body.metadataRemoved).toEqual(expect.arrayContaining(['exif']));
    expect(res.body.thumbnailUrl).toBe(`/api/v1/attachments/${res.body.id}/thumbnail`);

    const got = await download(u.named, res.body.id);
    expect(got.status).toBe(200);
    const bytes = got.body as Buffer;
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.xmp, meta.iptc]).toEqual([
      'jpeg',
      64,
      48,
      undefined,
      undefined,
      undefined,
    ]);
    expect(bytes.includes('WitnessPhone')).toBe(false);
    expect(bytes.includes('GPS')).toBe(false);

    const thumb = await download(u.named, res.body.id, '/thumbnail');
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await sharp(thumb.body as Buffer).metadata()).format).toBe('webp');

    const audit = await t.ds.query(
      `SELECT details FROM audit_events WHERE action = 'attachment.added' AND entity_id = $1`,
      [res.body.id],
    );
    expect(audit[0].details).toMatchObject({
      ownerKind: 'incidents',
      metadataRemoved: expect.arrayContaining(['exif']),
    });
  });

  it('removes the author from a PDF', async () => {
    const res = await upload(
      u.reporter,
      `incidents/${groupIncident}`,
      await pdfWithAuthor(),
      'statement.pdf',
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: 'application/pdf', metadataRemoved: ['pdf-info'] });
    const got = await download(u.reporter, res.body.id);
    const doc = await PDFDocument.load(got.body as Buffer, { updateMetadata: false });
    expect([doc.getAuthor(), doc.getTitle(), doc.getCreator()]).toEqual([undefined, undefined, undefined]);
  });

  it('answers 413 over the size limit and 415 outside the allow-list, as problems', async () => {
    const big = Buffer.alloc(MAX_BYTES + 1024, 'a');
    const tooBig = await upload(u.reporter, `incidents/${groupIncident}`, big, 'big.txt');
    expectProblem(tooBig, 413);
    expect(tooBig.body.detail).toContain('256 kB');

    const exe = Buffer.alloc(1024);
    exe.write('MZ', 0, 'latin1');
    exe.writeUInt32LE(0x80, 0x3c);
    exe.write('PE\0\0', 0x80, 'latin1');
    // Claimed to be a PDF by name and type: the bytes decide.
    const disallowed = await upload(
      u.reporter,
      `incidents/${groupIncident}`,
      exe,
      'minutes.pdf',
      'application/pdf',
    );
    expectProblem(disallowed, 415);
    const json = await t
      .api()
      .post(`/api/v1/incidents/${groupIncident}/attachments`)
      .set(u.reporter.auth)
      .send({ file: 'x' });
    expectProblem(json, 415);
    const empty = await t
      .api()
      .post(`/api/v1/incidents/${groupIncident}/attachments`)
      .set(u.reporter.auth)
      .field('note', 'no file');
    expectProblem(empty, 400);

    const count = await t.ds.query(
      `SELECT count(*)::int AS n FROM attachments WHERE file_name IN ('big.txt', 'minutes.pdf')`,
    );
    expect(count[0].n).toBe(0);
  });

  describe('a restricted incident', () => {
    let attachmentId: string;

    beforeAll(async () => {
      const res = await upload(
        u.reporter,
        `incidents/${restrictedIncident}`,
        await jpegWithGps(),
        'wound.jpg',
      );
      expect(res.status).toBe(201);
      attachmentId = res.body.id;
    });

    it.each(['focal', 'police', 'outsider'] as const)(
      'hides its files from the %s (404, like an unknown id)',
      async (who) => {
        const user = u[who];
        const unknown = await download(user, '00000000-0000-4000-8000-000000000000');
        const answers: Response[] = [
          await download(user, attachmentId),
          await download(user, attachmentId, '/thumbnail'),
          await t.api().get(`/api/v1/attachments/${attachmentId}/info`).set(user.auth),
          await t.api().get(`/api/v1/incidents/${restrictedIncident}/attachments`).set(user.auth),
          await t.api().delete(`/api/v1/attachments/${attachmentId}`).set(user.auth),
          await upload(user, `incidents/${restrictedIncident}`, Buffer.from('x\n'), 'x.txt'),
        ];
        for (const res of answers) expectProblem(res, 404);
        expect(answers[0].body.detail).toBe(unknown.body.detail);
      },
    );

    it('shows them to the organisation it is shared with', async () => {
      const got = await download(u.named, attachmentId);
      expect(got.status).toBe(200);
      const log = await t.ds.query(
        `SELECT action FROM incident_access_log WHERE incident_id = $1 AND user_id = $2`,
        [restrictedIncident, u.named.id],
      );
      expect(log).toEqual([{ action: 'download_attachment' }]);
    });

    it('scopes the event to the incident', async () => {
      const mentions = (items: { type: string; entityId: string | null }[]) =>
        items.some((e) => e.type === 'attachment.added' && e.entityId === attachmentId);
      expect(mentions((await replayEvents(t, u.named, groupId)).items)).toBe(true);
      expect(mentions((await replayEvents(t, u.focal, groupId)).items)).toBe(false);
      expect(mentions((await replayEvents(t, u.police, groupId)).items)).toBe(false);
    });
  });

  it('lets the uploader and the owner’s editors delete, nobody else', async () => {
    const res = await upload(u.named, `incidents/${groupIncident}`, Buffer.from('note\n'), 'note.txt');
    expect(res.status).toBe(201);
    expectProblem(await t.api().delete(`/api/v1/attachments/${res.body.id}`).set(u.police.auth), 403);
    expectProblem(await upload(u.observer, `incidents/${groupIncident}`, Buffer.from('x\n'), 'x.txt'), 403);
    // The reporting organisation edits the incident.
    expect((await t.api().delete(`/api/v1/attachments/${res.body.id}`).set(u.reporter.auth)).status).toBe(
      204,
    );
    expectProblem(await download(u.named, res.body.id), 404);
    expect(await storedObjectExists(res.body.id)).toBe(false);
    const events = await replayEvents(t, u.police, groupId);
    expect(events.items.filter((e) => e.entityId === res.body.id).map((e) => e.type)).toEqual([
      'attachment.added',
      'attachment.deleted',
    ]);
  });

  it('does not name the reporting organisation’s uploader on an anonymous incident', async () => {
    const anonymous = (
      await reportIncident(t, u.reporter, groupId, { confidentiality: 'group', anonymous: true })
    ).id;
    const added = await upload(u.reporter, `incidents/${anonymous}`, Buffer.from('statement\n'), 's.txt');
    expect(added.status).toBe(201);
    expect(added.body.uploadedBy).toBe(u.reporter.id);
    // Everyone outside the reporting organisation sees the file, not who added it.
    for (const viewer of [u.focal, u.named, u.police]) {
      const listed = await t.api().get(`/api/v1/incidents/${anonymous}/attachments`).set(viewer.auth);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((a: { uploadedBy: string | null }) => a.uploadedBy)).toEqual([null]);
      const info = await t.api().get(`/api/v1/attachments/${added.body.id}/info`).set(viewer.auth);
      expect(info.body.uploadedBy).toBeNull();
      expect(JSON.stringify(info.body)).not.toContain(u.reporter.id);
    }
    // Nor the audit trail or the event.
    const [audit] = await t.ds.query(
      `SELECT actor_user_id FROM audit_events WHERE action = 'attachment.added' AND entity_id = $1`,
      [added.body.id],
    );
    expect(audit.actor_user_id).toBeNull();
    const events = await replayEvents(t, u.focal, groupId);
    const event = events.items.find((e) => e.entityId === added.body.id);
    expect(event).toBeDefined();
    expect(JSON.stringify(event)).not.toContain(u.reporter.id);
    // A file another organisation adds is attributed as usual.
    const other = await upload(u.named, `incidents/${anonymous}`, Buffer.from('note\n'), 'n.txt');
    const seen = await t.api().get(`/api/v1/attachments/${other.body.id}/info`).set(u.focal.auth);
    expect(seen.body.uploadedBy).toBe(u.named.id);
  });

  it('attaches to minutes and incident updates through their own rules', async () => {
    const meetingId = await insertMeeting(t, groupId, '2027-01-05T08:00:00.000Z');
    expectProblem(
      await upload(u.reporter, `meetings/${meetingId}`, Buffer.from('annex\n'), 'annex.txt'),
      403,
    );
    const annex = await upload(u.focal, `meetings/${meetingId}`, Buffer.from('annex\n'), 'annex.txt');
    expect(annex.status).toBe(201);
    expect((await download(u.observer, annex.body.id)).status).toBe(200);
    expectProblem(await download(u.outsider, annex.body.id), 404);
    expectProblem(await upload(u.focal, `unknown-kind/${meetingId}`, Buffer.from('x\n'), 'x.txt'), 404);

    const update = await t
      .api()
      .post(`/api/v1/incidents/${restrictedIncident}/updates`)
      .set(u.named.auth)
      .send({ body: 'We met the families.' });
    expect(update.status).toBe(201);
    const onUpdate = await upload(
      u.named,
      `incident-updates/${update.body.id}`,
      Buffer.from('list\n'),
      'list.txt',
    );
    expect(onUpdate.status).toBe(201);
    expectProblem(await download(u.focal, onUpdate.body.id), 404);
    expectProblem(
      await upload(u.focal, `incident-updates/${update.body.id}`, Buffer.from('x\n'), 'x.txt'),
      404,
    );
  });
});
