import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const test = base.extend({
  // Set by global-setup once the API answers (after the config was read).
  baseURL: async ({}, use) => use(process.env.E2E_BASE_URL),
});
export { expect };

export const PASSWORD = 'correct horse battery staple';

// GET /dev/mail with the token e2e/global-setup.ts gave the API: the mail of someone who is not
// signed in (a password reset, a code to confirm).
export const devMailHeaders = (): Record<string, string> => ({
  'X-Dev-Mail-Token': process.env.DEV_MAIL_TOKEN ?? '',
});
const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');

export function unique(label: string): string {
  return `${label} ${randomUUID().slice(0, 6)}`;
}

export function uniqueEmail(label: string): string {
  return `${label}.${randomUUID().slice(0, 8)}@example.org`;
}

// Zero axe violations (WCAG 2.1 A and AA rules), then the screenshot when SCREENSHOTS=1.
export async function checkScreen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(
    result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })),
    `axe violations on ${name}`,
  ).toEqual([]);
  if (process.env.SCREENSHOTS === '1') {
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: resolve(screenshots, `${name}.png`), fullPage: true });
  }
}

export interface Person {
  name: string;
  email: string;
  page: Page;
}

// A person in a browser context of their own, registered through the UI.
export async function registerInBrowser(
  browser: Browser,
  label: string,
  screenshot?: string,
): Promise<Person> {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const page = await context.newPage();
  const person = { name: unique(label), email: uniqueEmail(label.toLowerCase()), page };
  await page.goto('/register');
  await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
  if (screenshot) await checkScreen(page, screenshot);
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('E-mail address').fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  return person;
}

// Through the new-organisation screen; returns its name.
export async function createOrganisation(page: Page, label: string, kind: string): Promise<string> {
  const name = unique(label);
  await page.goto('/organisations/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New organisation' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Kind').selectOption({ label: kind });
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  return name;
}
