import { createTestApp, expectProblem, registerUser, TestApp, TestUser } from './support/test-app';

describe('problem details for bad requests', () => {
  let t: TestApp;
  let u: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    u = await registerUser(t, 'errors');
  });
  afterAll(() => t.close());

  it('malformed JSON → 400', async () => {
    const res = await t
      .api()
      .post('/api/v1/organisations')
      .set(u.auth)
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expectProblem(res, 400);
    expect(res.body.detail).toMatch(/not valid JSON/);
  });

  it('a body over 1 MiB → 413', async () => {
    const res = await t
      .api()
      .post('/api/v1/organisations')
      .set(u.auth)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10), kind: 'company' }));
    expectProblem(res, 413);
  });

  it('a body just under 1 MiB is parsed (and then validated)', async () => {
    const res = await t
      .api()
      .post('/api/v1/organisations')
      .set(u.auth)
      .send({ name: 'x'.repeat(1000 * 1000), kind: 'company' });
    expectProblem(res, 400);
    expect(res.body.errors[0].field).toBe('name');
  });

  it('a malformed UUID in a path → 404, never 500', async () => {
    expectProblem(await t.api().get('/api/v1/groups/not-a-uuid').set(u.auth), 404);
    expectProblem(await t.api().get("/api/v1/organisations/1' OR '1'='1").set(u.auth), 404);
  });

  it('a bad query parameter → 400 naming the field', async () => {
    const res = await t.api().get('/api/v1/organisations?limit=5000').set(u.auth);
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
    const cursor = await t.api().get('/api/v1/organisations?cursor=%%%').set(u.auth);
    expectProblem(cursor, 400);
  });

  it('an unknown route → 404 problem', async () => {
    expectProblem(await t.api().get('/api/v1/nothing-here').set(u.auth), 404);
  });

  it('responses never carry stack traces', async () => {
    const res = await t
      .api()
      .post('/api/v1/organisations')
      .set(u.auth)
      .set('Content-Type', 'application/json')
      .send('[[[');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('echoes or assigns a request id', async () => {
    const given = await t.api().get('/health').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const assigned = await t.api().get('/health');
    expect(assigned.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
