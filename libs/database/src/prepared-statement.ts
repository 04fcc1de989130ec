import { createHash } from 'node:crypto';
import type { FieldDef, Pool, PoolConfig, QueryResult } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

// A query run as a named prepared statement: Postgres parses it once per connection and, once it
// has seen that a generic plan is as good as a fresh one, stops planning it — for the queries
// every request runs (access policy, lists, the change recorder), parsing and planning cost more
// database time than executing them.
//
// TypeORM hands the statement to node-postgres as given, and node-postgres prepares a statement
// config `{ name, text }` on first use per connection. The name is derived from the text, so a
// query built from filters gets one statement per shape; parameters are always bound, never part
// of the text (a text with literals in it would make a statement per value: do not use this for
// such queries).
const MAX_STATEMENTS = 500;
type Statement = { name: string; text: string };
const statements = new Map<string, Statement>();

function statement(text: string): Statement | string {
  let found = statements.get(text);
  if (!found) {
    if (statements.size >= MAX_STATEMENTS) return text; // unnamed, planned each time
    found = { name: `rt_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text };
    statements.set(text, found);
  }
  return found;
}

// Rows come from node-postgres as arrays and become objects here, through a function compiled
// once per column list: `(r) => ({ "id": r[0], "title": r[1], … })`. node-postgres's own row
// objects start as a copy of a dictionary-mode object (Object.create(null)) and get their
// columns by keyed stores: every row of every query is a hash table, and once a process has
// run many statements the stores and every later read of a column go megamorphic. An object
// literal per column list gives each statement's rows one hidden class. Column names are our
// own aliases, written into the source as JSON string literals; a list with "__proto__" (which
// a literal would take as the prototype) gets plain assignment instead.
type RowOf = (values: unknown[]) => Record<string, unknown>;
const MAX_ROW_SHAPES = 1000;
const rowShapes = new Map<string, RowOf>();

function rowOfFields(fields: FieldDef[]): RowOf {
  const key = fields.map((f) => f.name).join('\u0000');
  let rowOf = rowShapes.get(key);
  if (!rowOf) {
    rowOf = fields.some((f) => f.name === '__proto__')
      ? (values) => {
          const row: Record<string, unknown> = {};
          fields.forEach((f, i) =>
            Object.defineProperty(row, f.name, {
              value: values[i],
              enumerable: true,
              writable: true,
              configurable: true,
            }),
          );
          return row;
        }
      : // eslint-disable-next-line @typescript-eslint/no-implied-eval -- column names as JSON string literals
        (new Function(
          'r',
          `return {${fields.map((f, i) => `${JSON.stringify(f.name)}: r[${i}]`).join(', ')}};`,
        ) as RowOf);
    if (rowShapes.size < MAX_ROW_SHAPES) rowShapes.set(key, rowOf);
  }
  return rowOf;
}

// Keyed by the column list, not the statement: a migration run in the same process may change
// what a statement's columns are.
function rowsOf(raw: QueryResult<unknown[]>): Record<string, unknown>[] {
  const n = raw.rows.length;
  if (n === 0) return [];
  const rowOf = rowOfFields(raw.fields);
  const rows = new Array<Record<string, unknown>>(n);
  for (let i = 0; i < n; i++) rows[i] = rowOf(raw.rows[i]);
  return rows;
}

// The statement goes to node-postgres directly: outside a transaction to a pool of its own (below),
// inside one to the transaction's connection. Through TypeORM each query also creates (or reuses)
// a query runner, broadcasts before- and after-query events to subscribers (we register none) and
// wraps the result: a dozen promises per query, on every read of every request. The result and
// the errors stay TypeORM's: rows (for UPDATE and DELETE, [rows, rowCount]) and a QueryFailedError
// around the driver's error.
type Connection = Pick<Pool, 'query'>;
function connectionOf(db: EntityManager | DataSource, named: boolean): Connection | undefined {
  const manager = db instanceof DataSource ? db.manager : db;
  const driver = manager.connection.driver as PostgresDriver;
  if (driver.options.type !== 'postgres' || driver.options.replication) return undefined;
  const runner: (QueryRunner & { databaseConnection?: Connection }) | undefined = manager.queryRunner;
  if (!runner) return named ? genericPlanPool(driver) : (driver.master as Pool);
  // A transaction's client, which TypeORM keeps in a protected field once connected; a released
  // runner goes through TypeORM, which refuses it.
  return runner.isReleased ? undefined : runner.databaseConnection;
}

// Postgres plans a prepared statement afresh on every execution (a "custom plan") until a generic
// plan looks no dearer than the custom ones. For the list queries it never does: the generic
// plan's estimate for "shared with the reader's organisation" is coarser, so its cost comes out
// higher although the plan is the same index scan, and every page paid 0.3–0.5 ms of planning
// (docs/SCALING.md). The sessions of this pool plan our named statements once and keep the plan
// (plan_cache_mode = force_generic_plan); TypeORM's own queries, whose parameters are often what
// makes the plan, stay on its pool and are planned for their values. Half the size of TypeORM's
// pool, created on first use, ended when the data source is destroyed.
const genericPools = new WeakMap<PostgresDriver, Pool>();
function genericPlanPool(driver: PostgresDriver): Pool {
  let pool = genericPools.get(driver);
  if (pool) return pool;
  const master = driver.master as Pool & { options: PoolConfig };
  const PoolOf = master.constructor as new (config: PoolConfig) => Pool;
  const config = master.options;
  pool = new PoolOf({
    ...config,
    max: Math.max(2, Math.ceil((config.max ?? 10) / 2)),
    application_name: config.application_name ? `${config.application_name}-prepared` : undefined,
    options: [config.options, '-c plan_cache_mode=force_generic_plan'].filter(Boolean).join(' '),
  });
  // An idle client's error (Postgres restarted, the connection cut) must not end the process;
  // the pool drops that client and the next query opens another.
  pool.on('error', (e) => driver.connection.logger.log('warn', `Postgres pool raised an error. ${e}`));
  genericPools.set(driver, pool);
  const disconnect = driver.disconnect.bind(driver);
  const ending = pool;
  driver.disconnect = async () => {
    genericPools.delete(driver);
    driver.disconnect = disconnect;
    await ending.end();
    return disconnect();
  };
  return pool;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw rows, like EntityManager.query
export async function preparedQuery<T = any>(
  db: EntityManager | DataSource,
  text: string,
  parameters: unknown[],
): Promise<T> {
  const s = statement(text);
  // node-postgres takes a statement config; a fresh object each time, as it writes the
  // parameters into the one it is given.
  const connection = connectionOf(db, typeof s !== 'string');
  if (!connection) return db.query((typeof s === 'string' ? s : { ...s }) as unknown as string, parameters);
  let raw: QueryResult<unknown[]>;
  try {
    raw = await connection.query<unknown[]>(
      typeof s === 'string'
        ? { text: s, values: parameters, rowMode: 'array' }
        : { name: s.name, text: s.text, values: parameters, rowMode: 'array' },
    );
  } catch (e) {
    throw new QueryFailedError(text, parameters, e as Error);
  }
  const rows = rowsOf(raw);
  return (raw.command === 'UPDATE' || raw.command === 'DELETE' ? [rows, raw.rowCount] : rows) as T;
}
