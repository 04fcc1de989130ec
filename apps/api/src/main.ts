import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import {
  APP_CONFIG,
  AppConfig,
  applyPretenuring,
  heapGrowingPercent,
  limitHeapGrowth,
} from '@roundtable/core';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

// A clear one-line reason instead of Node's EADDRINUSE stack.
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is already in use: stop the process using it or set PORT to another port`);
  }
}

// shutdownHooks: false when a launcher running several apps in one process handles signals.
export async function bootstrapApi(
  port?: number,
  { shutdownHooks = true } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app);
  if (shutdownHooks) app.enableShutdownHooks();
  const config = app.get<AppConfig>(APP_CONFIG);
  const listenOn = port ?? config.port;
  try {
    await app.listen(listenOn);
  } catch (e) {
    await app.close().catch(() => undefined);
    if ((e as { code?: string }).code === 'EADDRINUSE') throw new PortInUseError(listenOn);
    throw e;
  }
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
      await bootstrapApi();
      limitHeapGrowth(heapGrowth);
    })
    .catch((e: Error) => {
      console.error(e.message);
      process.exit(1);
    });
}
