import 'reflect-metadata';
import { bootstrapApi } from '../apps/api/src/main';
import { bootstrapWorker } from '../apps/worker/src/main';
import { preflight } from './preflight';

// One machine, one command: check dependencies, migrate, then run the API and the worker.
async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  const config = await preflight();
  await bootstrapWorker();
  await bootstrapApi(config.port);
  console.log(`[roundtable] API on http://localhost:${config.port}/api/v1 — docs at http://localhost:${config.port}/api/docs`);
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
