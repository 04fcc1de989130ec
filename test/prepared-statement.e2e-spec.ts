import { QueryFailedError } from 'typeorm';
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
});
