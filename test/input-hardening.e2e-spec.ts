import net from 'node:net';
import { GroupFixture, groupFixture, insertMeeting } from './support/agenda-fixtures';
import { incidentBody } from './support/incidents';
import { createTestApp, expectProblem, PASSWORD, TestApp, uniqueEmail } from './support/test-app';

// Issue 11, findings 6, 9 and 10: what a new user typing (or pasting) odd input gets back.
describe('input hardening', () => {
  let t: TestApp;
  let f: GroupFixture;
  let meetingId: string;
  beforeAll(async () => {
    t = await createTestApp();
    f = await groupFixture(t);
    meetingId = await insertMeeting(t, f.group.id, '2027-01-05T08:00:00.000Z');
  });
  afterAll(() => t.close());

  // The field errors of a 400, as [field, message] pairs.
  const errorsOf = (res: { body: { errors?: { field: string; message: string }[] } }) =>
    (res.body.errors ?? []).map((e) => [e.field, e.message]);

  describe('NUL and other control characters (finding 6)', () => {
    const NUL = '\u0000';

    it('are refused in JSON bodies with a field error, signed in or not', async () => {
      const cases: [string, string, Record<string, unknown>, string, boolean][] = [
        ['post', '/api/v1/auth/login', { email: `a${NUL}b@example.org`, password: PASSWORD }, 'email', false],
        [
          'post',
          '/api/v1/auth/register',
          { email: uniqueEmail('nul'), password: PASSWORD, displayName: `Ma${NUL}rie` },
          'displayName',
          false,
        ],
        ['post', '/api/v1/organisations', { name: `Org${NUL}`, kind: 'company' }, 'name', true],
        [
          'post',
          '/api/v1/groups',
          { name: `Group${NUL}`, organisationId: f.orgs.company, timezone: 'Africa/Lubumbashi' },
          'name',
          true,
        ],
        [
          'post',
          `/api/v1/groups/${f.group.id}/incidents`,
          incidentBody({ title: `Raid${NUL}` }),
          'title',
          true,
        ],
        [
          'post',
          `/api/v1/groups/${f.group.id}/incidents`,
          incidentBody({ location: { name: `Kolwezi${NUL}` } }),
          'location.name',
          true,
        ],
        ['post', `/api/v1/meetings/${meetingId}/agenda/items`, { title: `Item${NUL}` }, 'title', true],
        [
          'put',
          `/api/v1/meetings/${meetingId}/minutes`,
          { body: 'ok', keyIssues: ['fine', `bad${NUL}`], decisions: [], expectedVersion: 0 },
          'keyIssues.1',
          true,
        ],
      ];
      for (const [method, path, body, field, signedIn] of cases) {
        const req = t.api()[method as 'post' | 'put'](path);
        const res = await (signedIn ? req.set(f.focal.auth) : req).send(body);
        expectProblem(res, 400);
        expect({ path, errors: errorsOf(res) }).toEqual({
          path,
          errors: [[field, `${field} must not contain a control character (U+0000)`]],
        });
      }
    });

    it('are refused in incident updates, other C0 characters and unpaired surrogates alike', async () => {
      const incident = await t
        .api()
        .post(`/api/v1/groups/${f.group.id}/incidents`)
        .set(f.member.auth)
        .send(incidentBody());
      expect(incident.status).toBe(201);
      const update = await t
        .api()
        .post(`/api/v1/incidents/${incident.body.id}/updates`)
        .set(f.member.auth)
        .send({ body: `Released${NUL}` });
      expectProblem(update, 400);
      expect(errorsOf(update)).toEqual([['body', 'body must not contain a control character (U+0000)']]);

      const bell = await t
        .api()
        .post('/api/v1/organisations')
        .set(f.focal.auth)
        .send({ name: 'Bell\u0007Co', kind: 'company' });
      expectProblem(bell, 400);
      expect(errorsOf(bell)).toEqual([['name', 'name must not contain a control character (U+0007)']]);

      // A lone surrogate can only be written as a JSON escape.
      const surrogate = await t
        .api()
        .post('/api/v1/organisations')
        .set(f.focal.auth)
        .set('Content-Type', 'application/json')
        .send('{"name": "Half \\ud83d emoji", "kind": "company"}');
      expectProblem(surrogate, 400);
      expect(errorsOf(surrogate)).toEqual([['name', 'name must not contain an unpaired surrogate (U+D83D)']]);

      // Tabs, line breaks and whole emoji are text.
      const fine = await t
        .api()
        .put(`/api/v1/meetings/${meetingId}/minutes`)
        .set(f.focal.auth)
        .send({ body: 'Line one\r\n\tLine two 😀', keyIssues: [], decisions: [], expectedVersion: 0 });
      expect(fine.status).toBe(200);
      expect(fine.body.body).toBe('Line one\r\n\tLine two 😀');
    });

    it('are refused in query strings and path parameters', async () => {
      const q = await t.api().get(`/api/v1/groups/${f.group.id}/incidents?q=a%00b`).set(f.member.auth);
      expectProblem(q, 400);
      expect(errorsOf(q)).toEqual([['q', 'q must not contain a control character (U+0000)']]);

      const orgs = await t.api().get('/api/v1/organisations?q=%01').set(f.member.auth);
      expectProblem(orgs, 400);
      expect(errorsOf(orgs)).toEqual([['q', 'q must not contain a control character (U+0001)']]);

      const path = await t.api().get('/api/v1/meetings/%00/minutes').set(f.member.auth);
      expectProblem(path, 400);
      expect(errorsOf(path)).toEqual([
        ['meetingId', 'meetingId must not contain a control character (U+0000)'],
      ]);
    });

    it('in a header gets a 400 problem, not a bare error page', async () => {
      const port = new URL(t.url).port;
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), '127.0.0.1', () =>
          socket.write(
            `GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: fr\u0000en\r\nConnection: close\r\n\r\n`,
          ),
        );
        let data = '';
        socket.on('data', (c) => (data += c.toString()));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      const [head, body] = raw.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 /);
      expect(head).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(body)).toEqual(expect.objectContaining({ status: 400, title: 'Bad Request' }));
      // The server is still up and answers the next request.
      expect((await t.api().get('/health')).status).toBe(200);
    });
  });

  describe('instants and time zones (finding 9)', () => {
    const meeting = (body: Record<string, unknown>) =>
      t
        .api()
        .post(`/api/v1/groups/${f.group.id}/meetings`)
        .set(f.focal.auth)
        .send({
          title: 'Extraordinary meeting',
          startsAt: '2027-01-12T08:00:00Z',
          endsAt: '2027-01-12T10:00:00Z',
          ...body,
        });

    it('refuses an instant without an offset instead of reading it as UTC', async () => {
      const res = await meeting({ startsAt: '2027-01-12T10:00:00' });
      expectProblem(res, 400);
      expect(errorsOf(res)).toEqual([
        ['startsAt', 'startsAt must include a UTC offset (Z or ±hh:mm), such as 2027-01-12T10:00:00+02:00'],
      ]);
      const query = await t
        .api()
        .get(`/api/v1/groups/${f.group.id}/meetings?from=2027-01-01T00:00:00`)
        .set(f.member.auth);
      expectProblem(query, 400);
      expect(errorsOf(query).map(([field]) => field)).toEqual(['from']);
      // With an offset it is the instant the client meant.
      const ok = await meeting({
        startsAt: '2027-01-12T10:00:00+02:00',
        endsAt: '2027-01-12T12:00:00+02:00',
      });
      expect(ok.status).toBe(201);
      expect(ok.body.startsAt).toBe('2027-01-12T08:00:00.000Z');
    });

    it('says a date that does not exist is not a real date', async () => {
      const res = await t
        .api()
        .post(`/api/v1/groups/${f.group.id}/incidents`)
        .set(f.member.auth)
        .send(incidentBody({ occurredAt: '2027-02-30T10:00:00Z' }));
      expectProblem(res, 400);
      expect(errorsOf(res)).toEqual([['occurredAt', 'occurredAt is not a real date']]);
      const meetingRes = await meeting({ endsAt: '2027-02-30T10:00:00Z' });
      expect(errorsOf(meetingRes)).toEqual([['endsAt', 'endsAt is not a real date']]);
    });

    it('matches time zone names case-insensitively and stores them canonical', async () => {
      const created = await meeting({ timezone: 'Africa/lubumbashi' });
      expect(created.status).toBe(201);
      expect(created.body.timezone).toBe('Africa/Lubumbashi');
      const [row] = await t.ds.query(`SELECT timezone FROM meetings WHERE id = $1`, [created.body.id]);
      expect(row.timezone).toBe('Africa/Lubumbashi');

      const group = await t
        .api()
        .post('/api/v1/groups')
        .set(f.focal.auth)
        .send({ name: 'Kolwezi group', organisationId: f.orgs.company, timezone: 'africa/dar_es_salaam' });
      expect(group.status).toBe(201);
      expect(group.body.timezone).toBe('Africa/Dar_es_Salaam');
      const patched = await t
        .api()
        .patch(`/api/v1/groups/${group.body.id}`)
        .set(f.focal.auth)
        .send({ timezone: 'AFRICA/KINSHASA' });
      expect(patched.body.timezone).toBe('Africa/Kinshasa');

      const series = await t
        .api()
        .post(`/api/v1/groups/${f.group.id}/meeting-series`)
        .set(f.focal.auth)
        .send({
          title: 'Monthly meeting',
          rrule: 'FREQ=MONTHLY;BYDAY=1TU',
          startDate: '2027-01-05',
          startTime: '10:00',
          timezone: 'AFRICA/LUBUMBASHI',
          durationMinutes: 120,
        });
      expect(series.status).toBe(201);
      expect(series.body.timezone).toBe('Africa/Lubumbashi');

      const bad = await meeting({ timezone: 'lubumbashi' });
      expect(errorsOf(bad)).toEqual([
        ['timezone', 'timezone must be an IANA time zone such as Africa/Lubumbashi'],
      ]);
    });
  });

  describe('one clear message per field (finding 10)', () => {
    const item = (body: unknown) =>
      t
        .api()
        .post(`/api/v1/meetings/${meetingId}/agenda/items`)
        .set(f.focal.auth)
        .send(body as object);

    it('gives the first rule that failed, in plain words', async () => {
      const missing = await item({ title: null });
      expectProblem(missing, 400);
      expect(missing.body.detail).toBe('title is required');
      expect(errorsOf(missing)).toEqual([['title', 'title is required']]);

      const text = await item({ title: 'Artisanal miners', durationMinutes: '60' });
      expect(errorsOf(text)).toEqual([['durationMinutes', 'durationMinutes must be a whole number']]);

      const tooLong = await item({ title: 'Artisanal miners', durationMinutes: 601 });
      expect(errorsOf(tooLong)).toEqual([['durationMinutes', 'durationMinutes must be at most 600']]);

      const unknown = await item({ title: 'Artisanal miners', colour: 'red' });
      expect(errorsOf(unknown)).toEqual([['colour', 'unknown field']]);

      const lat = await t
        .api()
        .post(`/api/v1/groups/${f.group.id}/incidents`)
        .set(f.member.auth)
        .send(incidentBody({ location: { name: 'Kolwezi', lat: -10.7 } }));
      expect(errorsOf(lat)).toEqual([['location.lng', 'lng is required when lat is given']]);
    });

    it('answers a body that is not JSON with 415', async () => {
      const plain = await t
        .api()
        .post('/api/v1/organisations')
        .set(f.focal.auth)
        .set('Content-Type', 'text/plain')
        .send('name=Mining Co');
      expectProblem(plain, 415);
      expect(plain.body.detail).toMatch(/text\/plain/);
      expect(plain.body.errors).toBeUndefined();

      const form = await t
        .api()
        .post('/api/v1/auth/login')
        .type('form')
        .send({ email: f.focal.email, password: PASSWORD });
      expectProblem(form, 415);
      // A body-less POST needs no Content-Type.
      expect(
        (await t.api().post(`/api/v1/meetings/${meetingId}/agenda/publish`).set(f.focal.auth)).status,
      ).toBe(200);
    });

    it('hands out a calendar feed path that already holds ?token=, as the API docs say', async () => {
      const res = await t.api().get('/api/v1/me/calendar-token').set(f.member.auth);
      expect(res.status).toBe(200);
      expect(res.body.feedPathTemplate).toBe(`/api/v1/groups/{groupId}/calendar.ics?token=${res.body.token}`);
      // Used as given (no header, nothing appended), it is the member's feed.
      const feed = await t.api().get(res.body.feedPathTemplate.replace('{groupId}', f.group.id));
      expect(feed.status).toBe(200);
      expect(feed.text).toContain('BEGIN:VCALENDAR');
      const doc = await t.api().get('/api/docs-json');
      const description: string =
        doc.body.components.schemas.CalendarTokenDto.properties.feedPathTemplate.description;
      expect(description).toMatch(/token included/);
      expect(description).not.toMatch(/add \?token=/);
    });
  });
});
