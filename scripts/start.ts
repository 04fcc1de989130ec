import 'reflect-metadata';
import { applyPretenuring, ConfigError, heapGrowingPercent, limitHeapGrowth } from '@roundtable/core';
import { bootstrapApi, PortInUseError } from '../apps/api/src/main';
import { bootstrapWorker } from '../apps/worker/src/main';
import { preflight } from './preflight';

// One machine, one command: check dependencies, migrate, then run the API and the worker.
async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  applyPretenuring();
  const heapGrowth = heapGrowingPercent();
  const config = await preflight();
  const worker = await bootstrapWorker({ shutdownHooks: false });
  const api = await bootstrapApi(config.port, { shutdownHooks: false }).catch(async (e: Error) => {
    await worker.close().catch(() => undefined);
    throw e;
  });
  limitHeapGrowth(heapGrowth);
  console.log(
    `[roundtable] web client on http://localhost:${config.port}/ — API on http://localhost:${config.port}/api/v1 — docs at http://localhost:${config.port}/api/docs`,
  );

  // Graceful shutdown: stop taking requests, let in-flight requests and jobs finish, then exit.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[roundtable] ${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    api
      .close()
      .then(() => worker.close())
      .then(
        () => process.exit(0),
        (e: Error) => {
          console.error(e.message);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: Error) => {
  // Problems the operator can fix get one clear line; anything else its stack.
  const known = e instanceof PortInUseError || e instanceof ConfigError;
  console.error(known ? `[roundtable] ${e.message}` : (e.stack ?? e.message));
  process.exit(1);
});
