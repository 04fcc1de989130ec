import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';

// Creates the database if needed and applies pending migrations; used by `npm start` and tests.
export async function migrate(
  databaseUrl: string,
  log: (m: string) => void = () => undefined,
): Promise<string[]> {
  if (await ensureDatabase(databaseUrl)) log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
  const ds = new DataSource({ ...dataSourceOptions(databaseUrl), entities: [], logging: false });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    for (const m of applied) log(`applied migration ${m.name}`);
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

export async function revertAll(databaseUrl: string): Promise<void> {
  const ds = new DataSource({ ...dataSourceOptions(databaseUrl), entities: [] });
  await ds.initialize();
  try {
    while ((await ds.query(`SELECT count(*)::int AS n FROM migrations`))[0].n > 0)
      await ds.undoLastMigration();
  } finally {
    await ds.destroy();
  }
}
