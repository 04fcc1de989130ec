import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw rows, like EntityManager.query
export function preparedQuery<T = any>(
  db: EntityManager | DataSource,
  text: string,
  parameters: unknown[],
): Promise<T> {
  const s = statement(text);
  // EntityManager.query is typed for a string; node-postgres also takes a statement config (a
  // fresh object: node-postgres writes the parameters into the one it is given).
  return db.query((typeof s === 'string' ? s : { ...s }) as unknown as string, parameters);
}
