import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { applyPretenuring, heapGrowingPercent, limitHeapGrowth } from '@roundtable/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

export async function bootstrapWorker({ shutdownHooks = true } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  if (shutdownHooks) {
    app.enableShutdownHooks();
    // A BullMQ worker closed while Redis is reconnecting may never finish closing
    // (taskforcesh/bullmq#4656): give a graceful shutdown 10 s, then exit anyway. Unpublished
    // events and unsent e-mails stay in Postgres for the next worker.
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => setTimeout(() => process.exit(1), 10_000).unref());
    }
  }
  await app.init();
  app.get(Logger).log('worker started');
  return app;
}

if (require.main === module) {
  process.env.TZ = 'UTC';
  Promise.resolve()
    .then(() => {
      applyPretenuring();
      return heapGrowingPercent();
    })
    .then(async (heapGrowth) => {
      await bootstrapWorker();
      limitHeapGrowth(heapGrowth);
    })
    .catch((e: Error) => {
      console.error(e.message);
      process.exit(1);
    });
}
