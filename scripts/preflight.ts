import { loadConfig, AppConfig } from '@roundtable/core';
import { migrate } from '@roundtable/database';
import Redis from 'ioredis';
import { Client } from 'pg';

const HOW_TO_START = `
Start them with Docker:            docker compose up -d postgres redis
or, on Debian/Ubuntu without Docker:
  PostgreSQL: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
  Redis:      redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
Then run the command again. DATABASE_URL and REDIS_URL point elsewhere if needed.`;

async function checkPostgres(config: AppConfig): Promise<string | null> {
  const url = new URL(config.databaseUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return `PostgreSQL does not answer at ${url.host} (${(e as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(config: AppConfig): Promise<string | null> {
  const redis = new Redis(config.redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 3000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (e) {
    return `Redis does not answer at ${config.redisUrl} (${(e as Error).message})`;
  } finally {
    redis.disconnect();
  }
}

// Checks the dependencies answer, then applies migrations. Exits with a clear message if not.
export async function preflight(
  log: (m: string) => void = (m) => console.log(`[roundtable] ${m}`),
): Promise<AppConfig> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  const problems = (await Promise.all([checkPostgres(config), checkRedis(config)])).filter(Boolean);
  if (problems.length) {
    console.error(`Roundtable cannot start:\n  - ${problems.join('\n  - ')}\n${HOW_TO_START}`);
    process.exit(1);
  }
  await migrate(config.databaseUrl, log);
  log('database is up to date');
  return config;
}

if (require.main === module) {
  process.env.TZ = 'UTC';
  preflight().then(
    () => process.exit(0),
    (e: Error) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
