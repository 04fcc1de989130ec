import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '@roundtable/core';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

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
  await app.listen(port ?? config.port);
  return app;
}

if (require.main === module) {
  process.env.TZ = 'UTC';
  bootstrapApi().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
}
