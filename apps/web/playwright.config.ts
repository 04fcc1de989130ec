import { defineConfig } from '@playwright/test';

// Browser tests against the real API and worker (started by e2e/global-setup.ts as separate
// processes on an ephemeral port, with a database and Redis prefix of their own), driving the
// system's Chromium; Playwright never downloads a browser here.
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 240_000, // a whole story per test, on a shared 2-core machine
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    locale: 'en-GB',
    timezoneId: 'Europe/Paris', // not the groups' zone: times must not follow the device
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
