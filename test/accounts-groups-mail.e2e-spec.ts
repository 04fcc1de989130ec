import { INestApplicationContext } from '@nestjs/common';
import { LegacyRouteConverter } from '@nestjs/core/router/legacy-route-converter';
import { createServer, Server } from 'node:net';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { bootstrapApi } from '../apps/api/src/main';
import { reportIncident } from './support/incidents';
import { createTestWorker, eventually } from './support/realtime';
import { Mail, startSmtp } from './support/smtp';
import {
  addMember,
  createGroup,
  createOrganisation,
  createTestApp,
  expectProblem,
  mailsTo,
  PASSWORD,
  registerUser,
  TestApp,
  TestUser,
  uniqueEmail,
} from './support/test-app';

// Finding 12: the smaller gaps a new user met.
describe('accounts, groups and mail', () => {
  let t: TestApp;
  let focal: TestUser;
  let member: TestUser;
  let orgId: string;
  let groupId: string;
  const warnings: string[] = [];

  beforeAll(async () => {
    jest
      .spyOn((LegacyRouteConverter as unknown as { logger: { warn: (m: string) => void } }).logger, 'warn')
      .mockImplementation((m: string) => void warnings.push(m));
    t = await createTestApp();
    focal = await registerUser(t, 'focal');
    member = await registerUser(t, 'member');
    orgId = (await createOrganisation(t, focal, 'company')).id;
    groupId = (await createGroup(t, focal, orgId)).id;
    await addMember(t, groupId, focal, member, orgId);
  });
  afterAll(() => t.close());

  it('starts without LegacyRouteConverter warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('pages /me/invitations', async () => {
    const invitee = await registerUser(t, 'invitee');
    const ids: string[] = [];
    for (const name of ['first', 'second', 'third']) {
      const g = await createGroup(t, focal, orgId, { name: `Group ${name}` });
      const res = await t
        .api()
        .post(`/api/v1/groups/${g.id}/members`)
        .set(focal.auth)
        .send({ email: invitee.email, organisationId: orgId, role: 'member' });
      ids.push(res.body.id);
    }
    const p1 = await t.api().get('/api/v1/me/invitations?limit=2').set(invitee.auth);
    expect(p1.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
    expect(p1.body.nextCursor).toEqual(expect.any(String));
    const p2 = await t
      .api()
      .get(`/api/v1/me/invitations?limit=2&cursor=${p1.body.nextCursor}`)
      .set(invitee.auth);
    expect(p2.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expectProblem(await t.api().get('/api/v1/me/invitations?cursor=garbage').set(invitee.auth), 400);
  });

  it('PATCH /me changes the display name, locale (BCP 47, canonical) and time zone (IANA)', async () => {
    const res = await t
      .api()
      .patch('/api/v1/me')
      .set(member.auth)
      .send({ displayName: '  Amani  ', locale: 'fr-cd', timeZone: 'Africa/Lubumbashi' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({ displayName: 'Amani', locale: 'fr-CD', timeZone: 'Africa/Lubumbashi' }),
    );
    const bad = await t
      .api()
      .patch('/api/v1/me')
      .set(member.auth)
      .send({ locale: 'fr_CD', timeZone: 'Mars/Olympus' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['locale', 'timeZone']);
    expectProblem(await t.api().patch('/api/v1/me').set(member.auth).send({ email: 'x@example.org' }), 400);
    expectProblem(await t.api().patch('/api/v1/me').set(member.auth).send({ displayName: '' }), 400);
    const cleared = await t.api().patch('/api/v1/me').set(member.auth).send({ locale: null });
    expect(cleared.body).toEqual(expect.objectContaining({ locale: null, timeZone: 'Africa/Lubumbashi' }));
  });

  it('an archived group is read-only until its focal point unarchives it', async () => {
    const g = await createGroup(t, focal, orgId);
    await addMember(t, g.id, focal, member, orgId);
    expectProblem(await t.api().post(`/api/v1/groups/${g.id}/archive`).set(member.auth), 403);
    const archived = await t.api().post(`/api/v1/groups/${g.id}/archive`).set(focal.auth);
    expect(archived.body).toEqual(
      expect.objectContaining({ archived: true, archivedAt: expect.any(String) }),
    );
    expectProblem(await t.api().post(`/api/v1/groups/${g.id}/archive`).set(focal.auth), 409);
    const list = await t.api().get('/api/v1/groups?limit=200').set(member.auth);
    expect(list.body.items.find((x: { id: string }) => x.id === g.id)).toEqual(
      expect.objectContaining({ archived: true }),
    );
    // Reads work, writes are 409 — and nothing is half-written.
    expect((await t.api().get(`/api/v1/groups/${g.id}/members`).set(member.auth)).status).toBe(200);
    expectProblem(
      await t.api().patch(`/api/v1/groups/${g.id}`).set(focal.auth).send({ name: 'Renamed' }),
      409,
    );
    expect((await t.api().get(`/api/v1/groups/${g.id}`).set(focal.auth)).body.name).toBe(g.name);
    const before = await t.ds.query(`SELECT count(*)::int AS n FROM incidents WHERE group_id = $1`, [g.id]);
    await expect(reportIncident(t, member, g.id)).rejects.toThrow(/409/);
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM incidents WHERE group_id = $1`, [g.id])).toEqual(
      before,
    );
    expectProblem(
      await t
        .api()
        .post(`/api/v1/groups/${g.id}/members`)
        .set(focal.auth)
        .send({ email: uniqueEmail(), organisationId: orgId, role: 'member' }),
      409,
    );
    const un = await t.api().post(`/api/v1/groups/${g.id}/unarchive`).set(focal.auth);
    expect(un.body).toEqual(expect.objectContaining({ archived: false }));
    expect((await reportIncident(t, member, g.id)).id).toEqual(expect.any(String));
  });

  it('e-mails a group invitation to an address without an account (once the organisation approves it)', async () => {
    // The focal point speaks for the organisation as its admin: an invitation at once, e-mailed.
    const direct = uniqueEmail('direct');
    const inv = await t
      .api()
      .post(`/api/v1/groups/${groupId}/members`)
      .set(focal.auth)
      .send({ email: direct, organisationId: orgId, role: 'member' });
    expect(inv.body.status).toBe('invited');
    expect(await mailsTo(t, direct)).toEqual([
      expect.objectContaining({ subject: expect.stringContaining('invited to join') }),
    ]);
    // As another organisation: nothing is sent until that organisation's admin approves.
    const ngoAdmin = await registerUser(t, 'ngo-admin');
    const ngo = await createOrganisation(t, ngoAdmin, 'civil_society');
    const waiting = uniqueEmail('waiting');
    const pending = await t
      .api()
      .post(`/api/v1/groups/${groupId}/members`)
      .set(focal.auth)
      .send({ email: waiting, organisationId: ngo.id, role: 'member' });
    expect(pending.body.status).toBe('pending_organisation');
    expect(await mailsTo(t, waiting)).toEqual([]);
    await t
      .api()
      .post(`/api/v1/organisations/${ngo.id}/memberships/${pending.body.id}/approve`)
      .set(ngoAdmin.auth)
      .expect(200);
    expect(await mailsTo(t, waiting)).toEqual([
      expect.objectContaining({ subject: expect.stringContaining('invited to join') }),
    ]);
  });

  it('verifies an e-mail address with a single-use mailed code', async () => {
    const u = await registerUser(t, 'verify');
    expect((await t.api().get('/api/v1/me').set(u.auth)).body.emailVerified).toBe(false);
    const [mail] = await mailsTo(t, u.email);
    const token = /^ {4}(\S+)$/m.exec(mail.text)![1];
    const ok = await t.api().post('/api/v1/auth/verify-email').send({ token });
    expect(ok.body).toEqual({ email: u.email, verifiedAt: expect.any(String) });
    expectProblem(await t.api().post('/api/v1/auth/verify-email').send({ token }), 400);
    expectProblem(await t.api().post('/api/v1/auth/verify-email').send({ token: 'made-up' }), 400);
    expect((await t.api().get('/api/v1/me').set(u.auth)).body.emailVerified).toBe(true);
    expectProblem(await t.api().post('/api/v1/me/email-verification').set(u.auth), 409);
  });
});

describe('development inbox and mail delivery', () => {
  it('GET /dev/mail does not exist in production', async () => {
    const prod = await createTestApp({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-for-this-test',
    });
    try {
      expectProblem(await prod.api().get('/api/v1/dev/mail'), 404);
    } finally {
      await prod.close();
    }
  });

  it('GET /dev/mail shows a signed-in caller only their own mail; all of it needs DEV_MAIL_TOKEN', async () => {
    const t = await createTestApp();
    try {
      const [amani, bisimwa] = [await registerUser(t, 'amani'), await registerUser(t, 'bisimwa')];
      const inbox = (query = '') => t.api().get(`/api/v1/dev/mail${query}`);
      // Nobody signed in and no token: not even whether mail exists.
      expectProblem(await inbox(), 401);
      expectProblem(await inbox(`?to=${encodeURIComponent(bisimwa.email)}`), 401);
      expectProblem(await inbox().set('X-Dev-Mail-Token', 'a-guess-of-the-token'), 401);
      // Signed in: one's own verification mail, nobody else's.
      const own = await inbox().set(amani.auth);
      expect(own.status).toBe(200);
      expect(own.body.items.length).toBeGreaterThan(0);
      expect(new Set(own.body.items.map((m: { to: string }) => m.to))).toEqual(new Set([amani.email]));
      expect((await inbox(`?to=${encodeURIComponent(amani.email.toUpperCase())}`).set(amani.auth)).status).toBe(
        200,
      );
      expectProblem(await inbox(`?to=${encodeURIComponent(bisimwa.email)}`).set(amani.auth), 403);
      // With the token (as the suites send it, test/setup/env.ts): anyone's, or everyone's.
      const token = process.env.DEV_MAIL_TOKEN ?? '';
      const theirs = await inbox(`?to=${encodeURIComponent(bisimwa.email)}`).set('X-Dev-Mail-Token', token);
      expect(theirs.status).toBe(200);
      expect(theirs.body.items).toEqual([expect.objectContaining({ to: bisimwa.email })]);
      const all = await inbox('?limit=200').set('X-Dev-Mail-Token', token);
      expect(all.body.items.map((m: { to: string }) => m.to)).toEqual(
        expect.arrayContaining([amani.email, bisimwa.email]),
      );
    } finally {
      await t.close();
    }
  });

  describe('the worker', () => {
    let t: TestApp;
    let worker: INestApplicationContext | undefined;
    let smtp: SMTPServer | undefined;
    const mails: Mail[] = [];
    afterEach(async () => {
      await worker?.close();
      worker = undefined;
      await t?.close();
    });
    afterAll(() => new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve())));

    it('logs mail without SMTP_URL and keeps it for /dev/mail', async () => {
      t = await createTestApp();
      worker = await createTestWorker();
      const email = uniqueEmail('logged');
      await t
        .api()
        .post('/api/v1/auth/register')
        .send({ email, password: PASSWORD, displayName: 'L' })
        .expect(201);
      const [row] = await eventually(async () => {
        const rows = await t.ds.query(
          `SELECT delivery, sent_at FROM mail_outbox WHERE to_address = $1 AND sent_at IS NOT NULL`,
          [email],
        );
        return rows.length ? rows : null;
      });
      expect(row.delivery).toBe('log');
      expect(await mailsTo(t, email)).toEqual([
        expect.objectContaining({ delivery: 'log', sentAt: expect.any(String) }),
      ]);
    });

    it('delivers the outbox over SMTP when SMTP_URL is set, and then /dev/mail is gone', async () => {
      const s = await startSmtp(mails);
      smtp = s.server;
      const env = {
        SMTP_URL: `smtp://127.0.0.1:${s.port}`,
        SMTP_FROM: 'Roundtable <roundtable@example.org>',
      };
      t = await createTestApp(env);
      worker = await createTestWorker(env);
      const email = uniqueEmail('smtp');
      await t
        .api()
        .post('/api/v1/auth/register')
        .send({ email, password: PASSWORD, displayName: 'S' })
        .expect(201);
      const mail = await eventually(
        () => mails.find((m) => m.to.includes(email)),
        20_000,
        'verification e-mail',
      );
      expect(mail.raw).toMatch(/Subject: Confirm your e-mail address/);
      // The worker marks the row after the SMTP conversation ends: wait for that commit.
      const delivery = await eventually(
        async () =>
          (await t.ds.query(`SELECT delivery FROM mail_outbox WHERE to_address = $1`, [email]))[0]?.delivery,
        20_000,
        'outbox row marked delivered',
      );
      expect(delivery).toBe('smtp');
      expectProblem(await t.api().get('/api/v1/dev/mail'), 404);
    });
  });
});

describe('a busy port', () => {
  let blocker: Server;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, () => resolve()));
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('stops the API with one clear line instead of an EADDRINUSE stack', async () => {
    const port = (blocker.address() as AddressInfo).port;
    const failure = await bootstrapApi(port, { shutdownHooks: false }).then(
      () => null,
      (e: Error) => e,
    );
    expect(failure?.message).toBe(
      `Port ${port} is already in use: stop the process using it or set PORT to another port`,
    );
  });
});
