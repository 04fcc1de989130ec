import { createHash } from 'node:crypto';
import type { Pool, QueryResult } from 'pg';
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
const statements = new Map<string, { name: string; text: string }>();

function statement(text: string): { name: string; text: string } | string {
  let found = statements.get(text);
  if (!found) {
    if (statements.size >= MAX_STATEMENTS) return text; // unnamed, planned each time
    found = { name: `rt_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text };
    statements.set(text, found);
  }
  return found;
}

// The statement goes to node-postgres directly: outside a transaction to its pool, inside one to
// the transaction's connection. Through TypeORM each query also creates (or reuses) a query
// runner, broadcasts before- and after-query events to subscribers (we register none) and wraps
// the result: a dozen promises per query, on every read of every request. The result and the
// errors stay TypeORM's: rows (for UPDATE and DELETE, [rows, rowCount]) and a QueryFailedError
// around the driver's error.
type Connection = Pick<Pool, 'query'>;
function connectionOf(db: EntityManager | DataSource): Connection | undefined {
  const manager = db instanceof DataSource ? db.manager : db;
  const driver = manager.connection.driver as PostgresDriver;
  if (driver.options.type !== 'postgres' || driver.options.replication) return undefined;
  const runner: (QueryRunner & { databaseConnection?: Connection }) | undefined = manager.queryRunner;
  if (!runner) return driver.master as Pool;
  // A transaction's client, which TypeORM keeps in a protected field once connected; a released
  // runner goes through TypeORM, which refuses it.
  return runner.isReleased ? undefined : runner.databaseConnection;
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
  const connection = connectionOf(db);
  if (!connection) return db.query((typeof s === 'string' ? s : { ...s }) as unknown as string, parameters);
  let raw: QueryResult;
  try {
    raw = await connection.query(
      typeof s === 'string' ? { text: s, values: parameters } : { ...s, values: parameters },
    );
  } catch (e) {
    throw new QueryFailedError(text, parameters, e as Error);
  }
  return (raw.command === 'UPDATE' || raw.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw.rows) as T;
}
