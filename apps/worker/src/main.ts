import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

export async function bootstrapWorker({ shutdownHooks = true } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  if (shutdownHooks) app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log('worker started');
  return app;
}

if (require.main === module) {
  process.env.TZ = 'UTC';
  bootstrapWorker().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
}
