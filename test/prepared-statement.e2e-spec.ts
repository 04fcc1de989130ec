import { DataSource, QueryFailedError } from 'typeorm';
import { dataSourceOptions } from '../libs/database/src/data-source-options';
import { preparedQuery } from '../libs/database/src/prepared-statement';
import { createTestApp, registerUser, TestApp, TestUser } from './support/test-app';

// preparedQuery outside a transaction goes to node-postgres's pool, inside one through TypeORM's
// query runner: both must give the same rows, counts and errors.
describe('preparedQuery', () => {
  let t: TestApp;
  let u: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    u = await registerUser(t, 'prepared');
  });
  afterAll(() => t.close());

  const select = `SELECT id, display_name FROM users WHERE id = $1`;
  const update = `UPDATE users SET display_name = display_name WHERE id = $1`;

  it('reads the same rows from the pool and in a transaction, without a query runner outside one', async () => {
    const runners = jest.spyOn(t.ds, 'createQueryRunner');
    const direct = await preparedQuery(t.ds, select, [u.id]);
    const viaManager = await preparedQuery(t.ds.manager, select, [u.id]);
    expect(runners).not.toHaveBeenCalled();
    runners.mockRestore();
    const inTransaction = await t.ds.transaction((em) => preparedQuery(em, select, [u.id]));
    expect(direct).toEqual([{ id: u.id, display_name: 'prepared' }]);
    expect(viaManager).toEqual(direct);
    expect(inTransaction).toEqual(direct);
  });

  it('runs in the transaction it is given: its uncommitted writes are seen, and rolled back with it', async () => {
    const rename = `UPDATE users SET display_name = $2 WHERE id = $1`;
    await t.ds
      .transaction(async (em) => {
        const runnerQuery = jest.spyOn(em.queryRunner!, 'query');
        expect(await preparedQuery(em, rename, [u.id, 'inside'])).toEqual([[], 1]);
        expect(await em.query(select, [u.id])).toEqual([{ id: u.id, display_name: 'inside' }]);
        expect(await preparedQuery(em, select, [u.id])).toEqual([{ id: u.id, display_name: 'inside' }]);
        // Only the em.query above went through TypeORM's query runner.
        expect(runnerQuery).toHaveBeenCalledTimes(1);
        // Another connection does not see it before COMMIT.
        expect(await preparedQuery(t.ds, select, [u.id])).toEqual([{ id: u.id, display_name: 'prepared' }]);
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    expect(await preparedQuery(t.ds, select, [u.id])).toEqual([{ id: u.id, display_name: 'prepared' }]);
  });

  it('answers UPDATE with [rows, count] as TypeORM does', async () => {
    expect(await preparedQuery(t.ds, update, [u.id])).toEqual([[], 1]);
    expect(await t.ds.transaction((em) => preparedQuery(em, update, [u.id]))).toEqual([[], 1]);
  });

  // Rows arrive as arrays and become objects through a function compiled per column list:
  // values, types, nulls, duplicate and awkward column names must come out as node-postgres
  // itself (em.query) gives them.
  it('builds rows as node-postgres does, whatever the columns are called', async () => {
    const awkward = `SELECT id, display_name, 1 AS x, 'second' AS x, NULL::text AS "nothing",
        ARRAY['a', 'b''c']::text[] AS actors, '{"k": [1, null]}'::jsonb AS doc, true AS flag, 1.5::float8 AS f,
        '2026-12-02T10:00:00.123Z'::timestamptz AS at, 'p' AS "__proto__", 'c' AS "constructor",
        'q' AS "we""ird name", 'u' AS "Lubumbashi é", n
      FROM users, generate_series(1, 3) AS n WHERE id = $1 ORDER BY n`;
    const ours = await preparedQuery(t.ds, awkward, [u.id]);
    const theirs = await t.ds.query(awkward, [u.id]);
    expect(ours).toEqual(theirs);
    expect(ours).toHaveLength(3);
    expect(ours[1]).toMatchObject({
      x: 'second',
      nothing: null,
      actors: ['a', "b'c"],
      doc: { k: [1, null] },
      n: 2,
    });
    expect(ours[0].at).toEqual(new Date('2026-12-02T10:00:00.123Z'));
    // "__proto__" is an own column, not the row's prototype.
    expect(Object.getPrototypeOf(ours[0])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(ours[0], '__proto__')?.value).toBe('p');
    expect(Object.keys(ours[0])).toEqual(Object.keys(theirs[0]));
    // The same in a transaction; no rows is an empty list; UPDATE … RETURNING is [rows, count].
    expect(await t.ds.transaction((em) => preparedQuery(em, awkward, [u.id]))).toEqual(theirs);
    expect(await preparedQuery(t.ds, select, ['00000000-0000-4000-8000-000000000000'])).toEqual([]);
    const returning = `UPDATE users SET display_name = display_name WHERE id = $1 RETURNING id, display_name`;
    expect(await preparedQuery(t.ds, returning, [u.id])).toEqual([
      [{ id: u.id, display_name: 'prepared' }],
      1,
    ]);
  });

  it('throws QueryFailedError with the driver code from both paths', async () => {
    for (const run of [
      () => preparedQuery(t.ds, select, ['not-a-uuid']),
      () => t.ds.transaction((em) => preparedQuery(em, select, ['not-a-uuid'])),
    ]) {
      const e = await run().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(QueryFailedError);
      expect((e as { code?: string }).code).toBe('22P02');
    }
  });

  it('uses a named statement on the connection that ran it', async () => {
    const names = await t.ds.transaction(async (em) => {
      await preparedQuery(em, select, [u.id]);
      return em.query(
        `SELECT name FROM pg_prepared_statements WHERE statement LIKE 'SELECT id, display_name FROM users%'`,
      );
    });
    expect(names).toEqual([{ name: expect.stringMatching(/^rt_[0-9a-f]{24}$/) }]);
  });
  // Outside a transaction the named statements run on sessions that keep one generic plan; TypeORM's
  // own queries, a transaction's statements and the unnamed fallback are planned for their values.
  it('plans its statements once outside a transaction, and leaves every other query as it was', async () => {
    const mode = `SELECT current_setting('plan_cache_mode') AS mode`;
    expect(await preparedQuery(t.ds, mode, [])).toEqual([{ mode: 'force_generic_plan' }]);
    expect(await t.ds.query(mode)).toEqual([{ mode: 'auto' }]);
    expect(await t.ds.transaction((em) => preparedQuery(em, mode, []))).toEqual([{ mode: 'auto' }]);
    // Postgres counts the plans of each statement of a session: one after another, the queries
    // take the same idle client of the pool, which has planned this one generically every time.
    const lookup = `SELECT id FROM users WHERE display_name = $1`;
    for (let i = 0; i < 3; i++) await preparedQuery(t.ds, lookup, [`name ${i}`]);
    const counts = `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements
      WHERE statement = '${lookup.replace(/'/g, "''")}'`;
    expect(await preparedQuery(t.ds, counts, [])).toEqual([{ generic: 3, custom: 0 }]);
    // In a transaction, on TypeORM's pool, the same statement is planned for its values.
    const inTransaction = await t.ds.transaction(async (em) => {
      for (let i = 0; i < 3; i++) await preparedQuery(em, lookup, [`name ${i}`]);
      return em.query(counts);
    });
    expect(inTransaction).toEqual([{ generic: 0, custom: 3 }]);
  });

  it('ends the sessions of that pool with the data source', async () => {
    const ds = new DataSource({
      ...dataSourceOptions(process.env.DATABASE_URL!),
      entities: [],
      logging: false,
    });
    await ds.initialize();
    const [{ pid }] = await preparedQuery(ds, `SELECT pg_backend_pid() AS pid`, []);
    const backend = `SELECT application_name FROM pg_stat_activity WHERE pid = $1`;
    expect(await t.ds.query(backend, [pid])).toEqual([{ application_name: 'roundtable-prepared' }]);
    await ds.destroy();
    for (let i = 0; i < 50 && (await t.ds.query(backend, [pid])).length; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await t.ds.query(backend, [pid])).toEqual([]);
    // A data source initialised again gets a pool again.
    await ds.initialize();
    expect(await preparedQuery(ds, `SELECT current_setting('plan_cache_mode') AS mode`, [])).toEqual([
      { mode: 'force_generic_plan' },
    ]);
    await ds.destroy();
  });
});
