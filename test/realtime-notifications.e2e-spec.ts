import { INestApplicationContext } from '@nestjs/common';
import { NotificationsService } from '@roundtable/domain';
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { NotificationMailer } from '../apps/worker/src/email/notification-mailer.service';
import { createTestWorker, eventually } from './support/realtime';
import { Mail, startSmtp } from './support/smtp';
import {
  createGroup,
  createOrganisation,
  createTestApp,
  expectProblem,
  registerUser,
  TestApp,
  TestUser,
} from './support/test-app';

describe('notifications: in-app list and e-mail', () => {
  let t: TestApp;
  let workers: INestApplicationContext[] = [];
  let smtp: SMTPServer;
  const mails: Mail[] = [];
  let focal: TestUser;
  let invitee: TestUser;
  let groupId: string;
  let orgId: string;

  const invite = async (user: TestUser) => {
    const res = await t
      .api()
      .post(`/api/v1/groups/${groupId}/members`)
      .set(focal.auth)
      .send({ email: user.email, organisationId: orgId, role: 'member' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const notificationsOf = async (user: TestUser, query = '') => {
    const res = await t.api().get(`/api/v1/me/notifications${query}`).set(user.auth);
    expect(res.status).toBe(200);
    return res.body.items as {
      id: string;
      type: string;
      title: string;
      readAt: string | null;
      entityId: string;
    }[];
  };
  const mailsFor = (id: string) => mails.filter((m) => m.notificationId === id);

  beforeAll(async () => {
    const s = await startSmtp(mails);
    smtp = s.server;
    t = await createTestApp();
    const env = { SMTP_URL: `smtp://127.0.0.1:${s.port}`, SMTP_FROM: 'Roundtable <roundtable@example.org>' };
    workers = [await createTestWorker(env), await createTestWorker(env)];
    focal = await registerUser(t, 'focal');
    invitee = await registerUser(t, 'invitee');
    orgId = (await createOrganisation(t, focal, 'company')).id;
    groupId = (await createGroup(t, focal, orgId)).id;
  });

  afterAll(async () => {
    for (const w of workers) await w.close();
    await t?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('lists unread notifications and marks one read (only the owner may)', async () => {
    const membershipId = await invite(invitee);
    const [n] = (await notificationsOf(invitee, '?unread=true')).filter((x) => x.entityId === membershipId);
    expect(n).toEqual(
      expect.objectContaining({
        type: 'member.invited',
        readAt: null,
        title: expect.stringContaining('invited'),
      }),
    );

    const other = await t.api().post(`/api/v1/me/notifications/${n.id}/read`).set(focal.auth);
    expectProblem(other, 404);
    expectProblem(await t.api().post(`/api/v1/me/notifications/not-a-uuid/read`).set(invitee.auth), 404);
    expectProblem(await t.api().post(`/api/v1/me/notifications/${randomUUID()}/read`).set(invitee.auth), 404);
    expectProblem(await t.api().get(`/api/v1/me/notifications?unread=maybe`).set(invitee.auth), 400);
    expectProblem(await t.api().get(`/api/v1/me/notifications`), 401);

    const read = await t.api().post(`/api/v1/me/notifications/${n.id}/read`).set(invitee.auth);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(expect.objectContaining({ id: n.id, readAt: expect.any(String) }));
    const again = await t.api().post(`/api/v1/me/notifications/${n.id}/read`).set(invitee.auth);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await notificationsOf(invitee, '?unread=true')).map((x) => x.id)).not.toContain(n.id);
    expect((await notificationsOf(invitee)).map((x) => x.id)).toContain(n.id);
  });

  it('e-mails each notification exactly once through the SMTP server', async () => {
    const user = await registerUser(t, 'mailed');
    const membershipId = await invite(user);
    const [n] = (await notificationsOf(user)).filter((x) => x.entityId === membershipId);
    await eventually(() => mailsFor(n.id).length > 0, 20_000, 'invitation e-mail');
    const [mail] = mailsFor(n.id);
    expect(mail.to).toEqual([user.email]);
    expect(mail.from).toBe('roundtable@example.org');
    expect(mail.raw).toMatch(/^Subject: You are invited to join /m);
    // Marked once the SMTP server has accepted it.
    await eventually(
      async () =>
        (await t.ds.query(`SELECT emailed_at FROM notifications WHERE id = $1`, [n.id]))[0].emailed_at,
      10_000,
      'emailed_at',
    );

    // Later sweeps (proved to have run by a later notification's e-mail) do not send it again.
    const next = await registerUser(t, 'next');
    const nextId = await invite(next);
    const [m] = (await notificationsOf(next)).filter((x) => x.entityId === nextId);
    await eventually(() => mailsFor(m.id).length > 0, 20_000, 'second e-mail');
    expect(mailsFor(n.id)).toHaveLength(1);
  });

  it('never sends the same notification twice when workers sweep concurrently', async () => {
    const users = await Promise.all([1, 2, 3].map((i) => registerUser(t, `bulk${i}`)));
    const ids = await t.ds.transaction((em) =>
      t.app.get(NotificationsService).notify(em, {
        userIds: users.map((u) => u.id),
        type: 'minutes.circulated',
        groupId,
        message: {
          title: 'notification.minutes.circulated.title',
          params: { title: 'Minutes circulated for review' },
        },
        body: 'Please read the minutes of the last meeting.',
        dedupeKey: `test:${randomUUID()}`,
      }),
    );
    expect(ids).toHaveLength(3);
    await Promise.all(
      workers.flatMap((w) => [w.get(NotificationMailer).sweep(), w.get(NotificationMailer).sweep()]),
    );
    await eventually(() => ids.every((id) => mailsFor(id).length > 0), 20_000, 'bulk e-mails');
    const [more] = await t.ds.transaction((em) =>
      t.app.get(NotificationsService).notify(em, {
        userIds: [users[0].id],
        type: 'x',
        message: { title: 'notification.minutes.circulated.title', params: { title: 'Sentinel' } },
        dedupeKey: `test:${randomUUID()}`,
      }),
    );
    await eventually(() => mailsFor(more).length > 0, 20_000, 'sentinel e-mail');
    for (const id of ids) expect(mailsFor(id)).toHaveLength(1);
    expect(mailsFor(ids[0])[0].raw).toContain('Please read the minutes of the last meeting.');
  });

  it('does not e-mail old notifications, and records a refusal without marking it sent', async () => {
    const refused = await registerUser(t, 'refused', `refused.${randomUUID().slice(0, 8)}@example.org`);
    const [old] = await t.ds.transaction((em) =>
      t.app.get(NotificationsService).notify(em, {
        userIds: [invitee.id],
        type: 'x',
        message: { title: 'notification.minutes.circulated.title', params: { title: 'Old news' } },
        dedupeKey: `test:${randomUUID()}`,
      }),
    );
    await t.ds.query(`UPDATE notifications SET created_at = now() - interval '3 days' WHERE id = $1`, [old]);
    const [bounce] = await t.ds.transaction((em) =>
      t.app.get(NotificationsService).notify(em, {
        userIds: [refused.id],
        type: 'x',
        message: { title: 'notification.minutes.circulated.title', params: { title: 'Refused' } },
        dedupeKey: `test:${randomUUID()}`,
      }),
    );
    const [sentinel] = await t.ds.transaction((em) =>
      t.app.get(NotificationsService).notify(em, {
        userIds: [invitee.id],
        type: 'x',
        message: { title: 'notification.minutes.circulated.title', params: { title: 'Sentinel' } },
        dedupeKey: `test:${randomUUID()}`,
      }),
    );
    await eventually(() => mailsFor(sentinel).length > 0, 20_000, 'sentinel e-mail');
    const row = await eventually(async () => {
      const [r] = await t.ds.query(
        `SELECT emailed_at, email_error, email_attempts FROM notifications WHERE id = $1`,
        [bounce],
      );
      return r.email_error ? r : null;
    });
    expect(row).toEqual(
      expect.objectContaining({
        emailed_at: null,
        email_attempts: 5,
        email_error: expect.stringContaining('mailbox unavailable'),
      }),
    );
    expect(mailsFor(old)).toEqual([]);
    expect(mailsFor(bounce)).toEqual([]);
    const [o] = await t.ds.query(`SELECT emailed_at FROM notifications WHERE id = $1`, [old]);
    expect(o.emailed_at).toBeNull();
  });
});
