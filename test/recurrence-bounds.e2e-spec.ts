import { dailySeriesBody } from './support/meetings';
import {
  createGroup,
  createOrganisation,
  createTestApp,
  expectProblem,
  registerUser,
  TestApp,
  TestUser,
} from './support/test-app';

// Issue 11, finding 2: `FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30` held the event loop for 34 s (and
// /health for 13.8 s). Rules that can never occur are refused at once by a static check, the rest
// of the expansion is bounded, and the process keeps answering while such rules arrive.
const NEVER = [
  'FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30', // the rule of the report
  'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31',
  'FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31',
  'FREQ=YEARLY;BYWEEKNO=20;BYMONTH=1',
  'FREQ=YEARLY;BYYEARDAY=60;BYMONTH=1',
  'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6',
  'FREQ=MONTHLY;BYDAY=6MO',
  'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29', // from 2027 every fourth year is not a leap year
];

describe('recurrence bounds: rules that never occur (issue 11, finding 2)', () => {
  let t: TestApp;
  let focal: TestUser;
  let groupId: string;

  beforeAll(async () => {
    t = await createTestApp();
    focal = await registerUser(t, 'focal');
    const company = await createOrganisation(t, focal, 'company', 'Mining company');
    groupId = (await createGroup(t, focal, company.id)).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  const body = (rrule: string) => ({ ...dailySeriesBody(), rrule, startDate: '2027-01-01' });
  const post = (rrule: string) =>
    t
      .api()
      .post(`/api/v1/groups/${groupId}/meeting-series`)
      .set(focal.auth)
      .send(body(rrule))
      .timeout(20_000);

  it.each(NEVER)('POST %s → 400 saying it never occurs', async (rrule) => {
    const res = await post(rrule);
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([
      { field: 'rrule', message: expect.stringMatching(/never occur|no occurrence/) },
    ]);
    expect(res.body.detail).toMatch(/^rrule: /);
  });

  it('names the month that lacks the day', async () => {
    const res = await post('FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30');
    expect(res.body.errors[0].message).toBe(
      'the rule can never occur: BYMONTHDAY=30 never falls in February',
    );
  });

  it('PATCH with such a rule → 400 and the series is unchanged', async () => {
    const created = await t
      .api()
      .post(`/api/v1/groups/${groupId}/meeting-series`)
      .set(focal.auth)
      .send(body('FREQ=MONTHLY;BYDAY=1TU'));
    expect(created.status).toBe(201);
    for (const rrule of NEVER) {
      const res = await t
        .api()
        .patch(`/api/v1/groups/${groupId}/meeting-series/${created.body.id}`)
        .set(focal.auth)
        .send({ rrule })
        .timeout(20_000);
      expectProblem(res, 400);
      expect(res.body.errors[0].field).toBe('rrule');
    }
    const after = await t
      .api()
      .get(`/api/v1/groups/${groupId}/meeting-series/${created.body.id}`)
      .set(focal.auth);
    expect(after.body).toEqual(
      expect.objectContaining({ rrule: 'FREQ=MONTHLY;BYDAY=1TU', version: created.body.version }),
    );
  });

  it('keeps answering /health and other requests while the rules are being refused', async () => {
    const created = await t
      .api()
      .post(`/api/v1/groups/${groupId}/meeting-series`)
      .set(focal.auth)
      .send(body('FREQ=WEEKLY;BYDAY=TU'));
    expect(created.status).toBe(201);
    const seriesPath = `/api/v1/groups/${groupId}/meeting-series/${created.body.id}`;
    // Everything is issued at once; each request must complete within a generous timeout (on the
    // old code the first pathological rule alone held the process for half a minute).
    const pathological = NEVER.flatMap((rrule) => [
      post(rrule),
      t.api().patch(seriesPath).set(focal.auth).send({ rrule }).timeout(20_000),
    ]);
    const health = Array.from({ length: 10 }, () => t.api().get('/health').timeout(20_000));
    const reads = Array.from({ length: 5 }, () => t.api().get(seriesPath).set(focal.auth).timeout(20_000));
    const [p, h, r] = await Promise.all([Promise.all(pathological), Promise.all(health), Promise.all(reads)]);
    expect(p.map((res) => res.status)).toEqual(pathological.map(() => 400));
    expect(h.map((res) => res.status)).toEqual(health.map(() => 200));
    expect(r.map((res) => res.status)).toEqual(reads.map(() => 200));
    expect(r[0].body.nextOccurrences).toHaveLength(12);
  });
});
