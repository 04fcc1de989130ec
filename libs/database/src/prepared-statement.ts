import { createHash } from 'node:crypto';
import type { Pool, QueryResult } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
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

// Outside a transaction the statement goes to node-postgres's pool directly. Through TypeORM a
// query creates a query runner, takes a client, broadcasts before- and after-query events to
// subscribers (we register none), wraps the result and releases the client: a dozen promises
// per query, on every read of every request. The result and the errors are TypeORM's: rows (for
// UPDATE and DELETE, [rows, rowCount]) and a QueryFailedError around the driver's error.
function poolOf(db: EntityManager | DataSource): Pool | undefined {
  const manager = db instanceof DataSource ? db.manager : db;
  if (manager.queryRunner) return undefined; // in a transaction: its own connection
  const driver = manager.connection.driver as PostgresDriver;
  return driver.options.type === 'postgres' && !driver.options.replication
    ? (driver.master as Pool)
    : undefined;
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
  const pool = poolOf(db);
  if (!pool) return db.query((typeof s === 'string' ? s : { ...s }) as unknown as string, parameters);
  let raw: QueryResult;
  try {
    raw = await pool.query(
      typeof s === 'string' ? { text: s, values: parameters } : { ...s, values: parameters },
    );
  } catch (e) {
    throw new QueryFailedError(text, parameters, e as Error);
  }
  return (raw.command === 'UPDATE' || raw.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw.rows) as T;
}
