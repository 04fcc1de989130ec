import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

// Each e2e file gets its own database, copied from the migrated template the global setup made,
// and its own Redis prefix. Workers started by one file (outbox relay, e-mail, job schedulers)
// then never pick up another file's rows or jobs, and files run in parallel without crosstalk.
const template = process.env.DATABASE_URL!;
const templateName = new URL(template).pathname.slice(1);
const fileName = `${templateName}_${randomBytes(4).toString('hex')}`;
const fileUrl = new URL(template);
fileUrl.pathname = `/${fileName}`;
const admin = new URL(template);
admin.pathname = '/postgres';

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE "${fileName}" TEMPLATE "${templateName}"`);
      break;
    } catch (e) {
      // 55006: another file is copying the template at this moment.
      if ((e as { code?: string }).code !== '55006' || attempt > 50) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  process.env.DATABASE_URL = fileUrl.toString();
  process.env.REDIS_PREFIX = `${process.env.REDIS_PREFIX}_${fileName.slice(-8)}`;
});

afterAll(async () => {
  if (process.env.KEEP_TEST_DB !== '1')
    await adminQuery(`DROP DATABASE IF EXISTS "${fileName}" WITH (FORCE)`);
});
