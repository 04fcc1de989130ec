import { randomBytes } from 'node:crypto';
import { migrate } from '../../libs/database/src/migrate';

// Each `npm test` run gets a database and Redis prefix of its own, so parallel runs (and the
// developer's `roundtable` database) never interfere. Workers inherit these variables.
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const base = process.env.TEST_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
  process.env.DATABASE_URL = `${base}/roundtable_test_${id}`;
  process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  process.env.REDIS_PREFIX = `rt_test_${id}`;
  process.env.NODE_ENV = 'test';
  await migrate(process.env.DATABASE_URL);
}
