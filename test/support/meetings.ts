import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Temporal } from '@js-temporal/polyfill';
import { QueueName } from '@roundtable/core';
import { Queue } from 'bullmq';
import { WorkerModule } from '../../apps/worker/src/worker.module';

// Boots a real worker (processors + schedulers) in this process, like apps/worker does.
export async function startWorker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries({ MEETING_JOBS_INTERVAL_MS: '1000', ...env })) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  try {
    const ctx = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await ctx.init();
    return ctx;
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

// A producer-side queue handle with the prefix the platform uses.
export function testQueue(name: QueueName): Queue {
  return new Queue(name, {
    connection: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', maxRetriesPerRequest: null },
    prefix: `${process.env.REDIS_PREFIX}:bull`,
  });
}

// Polls until `check` returns a value that satisfies `done`, or fails with the last value.
export async function waitFor<T>(
  check: () => Promise<T>,
  done: (v: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await check();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await check();
  }
  return last;
}

// A daily series starting about six hours from now (local time in `tz`), so that neither end of
// the materialisation window lies near an occurrence while a test runs.
export function dailySeriesBody(
  tz = 'Africa/Lubumbashi',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const at = Temporal.Now.instant().add({ hours: 6 }).toZonedDateTimeISO(tz);
  const today = Temporal.Now.instant().toZonedDateTimeISO(tz).toPlainDate();
  return {
    title: 'Monthly security and human rights meeting',
    rrule: 'FREQ=DAILY',
    startDate: today.toString(),
    startTime: `${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`,
    timezone: tz,
    durationMinutes: 120,
    location: 'Governor’s office',
    horizonDays: 5,
    ...extra,
  };
}
