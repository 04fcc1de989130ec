import type { APIRequestContext } from '@playwright/test';
import { checkScreen, expect, PASSWORD, test, unique, uniqueEmail } from './support';

// A company's security manager (the group's focal point) records a training session for the
// police and attaches its attendance sheet, and decides two equipment requests from them: one
// approved with conditions (handed over, monitored, the logbook attached to the monitoring entry),
// one with a lethal item, which the screen lets only be declined. The setup goes through the public API.
interface Account {
  email: string;
  auth: { Authorization: string };
}

async function account(api: APIRequestContext, label: string): Promise<Account> {
  const email = uniqueEmail(label);
  const reg = await api.post('/api/v1/auth/register', {
    data: { email, password: PASSWORD, displayName: unique(label) },
  });
  expect(reg.status()).toBe(201);
  const login = await api.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  expect(login.status()).toBe(200);
  return {
    email,
    auth: { Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` },
  };
}

async function created(
  api: APIRequestContext,
  path: string,
  who: Account,
  data: unknown,
): Promise<{ id: string }> {
  const res = await api.post(`/api/v1${path}`, { headers: who.auth, data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  return (await res.json()) as { id: string };
}

test('record a training session and decide equipment requests', async ({ browser, request: api }) => {
  const company = await account(api, 'security-manager');
  const police = await account(api, 'police-commander');
  const mine = await created(api, '/organisations', company, {
    name: unique('Kamoto Mining'),
    kind: 'company',
  });
  const policeOrg = await created(api, '/organisations', police, {
    name: unique('Police des mines'),
    kind: 'public_security',
  });
  const group = await created(api, '/groups', company, {
    name: unique('Lualaba security roundtable'),
    organisationId: mine.id,
    timezone: 'Africa/Lubumbashi',
  });
  const invitation = await created(api, `/groups/${group.id}/members`, company, {
    email: police.email,
    organisationId: policeOrg.id,
    role: 'member',
  });
  expect(
    (await api.post(`/api/v1/me/invitations/${invitation.id}/accept`, { headers: police.auth })).status(),
  ).toBe(200);
  const site = await created(api, `/groups/${group.id}/sites`, company, {
    name: unique('Kamoto mine'),
    kind: 'mine',
    operatorOrganisationId: mine.id,
    publicSecurityPresent: true,
  });
  const putForces = await api.put(`/api/v1/sites/${site.id}/assigned-forces`, {
    headers: company.auth,
    data: { agencyOrganisationId: policeOrg.id, headcount: 40, asOf: '2026-03-01' },
  });
  expect(putForces.status()).toBe(200);
  await created(api, `/groups/${group.id}/training-programmes`, company, {
    title: 'Use of force — Kolwezi contingent',
    audience: 'police',
    agencyOrganisationId: policeOrg.id,
    siteIds: [site.id],
    topics: ['use_of_force', 'human_rights_law'],
  });
  const items = (category: string, description: string) => [
    { category, description, quantity: 2, transfer: 'loan' },
  ];
  await created(api, `/groups/${group.id}/equipment-requests`, police, {
    siteId: site.id,
    requestingOrganisationId: policeOrg.id,
    items: items('vehicle', 'Patrol pick-ups'),
    purpose: 'Night patrols of the access road',
  });
  await created(api, `/groups/${group.id}/equipment-requests`, police, {
    siteId: site.id,
    requestingOrganisationId: policeOrg.id,
    items: items('lethal', 'Rifles'),
    purpose: 'Arming the gate post',
  });

  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('E-mail address').fill(company.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();

  // From the group's navigation to the training register.
  await page.goto(`/groups/${group.id}`);
  await page.getByRole('link', { name: 'Public security' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Engagement with public security' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Training programmes' })).toBeVisible();
  const coverage = page.getByRole('table', { name: 'Coverage per programme' });
  await expect(coverage.getByRole('row', { name: /Use of force/ })).toContainText('0%');
  await checkScreen(page, 'engagement-training');

  await page.getByRole('button', { name: 'Record a session' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Held on').fill('2026-04-10');
  await dialog.getByLabel('Place').fill('Kolwezi police camp');
  await dialog.getByLabel('Number of trainees').fill('30');
  await dialog.getByLabel('Of whom women').fill('6');
  await dialog.getByLabel('Pre-test average (%)').fill('52');
  await dialog.getByLabel('Post-test average (%)').fill('81');
  await checkScreen(page, 'engagement-session-dialog');
  await dialog.getByRole('button', { name: 'Record session' }).click();
  await expect(dialog).toBeHidden();
  // 30 trained of 40 assigned.
  await expect(coverage.getByRole('row', { name: /Use of force/ })).toContainText('75%');
  await expect(page.getByText('1 session, 30 trainees of whom 6 women')).toBeVisible();

  // The signed attendance sheet goes on the session (its files, under "Sessions and their files").
  await page.getByText('Sessions and their files').click();
  const session = page
    .getByRole('listitem')
    .filter({ hasText: 'Kolwezi police camp: 30 trainees of whom 6 women' });
  await expect(session.getByText('No files yet.')).toBeVisible();
  await session.getByLabel('Add a file', { exact: true }).setInputFiles({
    name: 'attendance-sheet.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Attendance, 10 April 2026: 30 signatures\n'),
  });
  await expect(session.locator('.attachment', { hasText: 'attendance-sheet.txt' })).toBeVisible();
  await checkScreen(page, 'engagement-session-files');

  await page.getByRole('link', { name: 'Equipment requests' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Equipment requests' })).toBeVisible();
  const vehicles = page.getByRole('listitem').filter({ hasText: 'Night patrols of the access road' });
  const rifles = page.getByRole('listitem').filter({ hasText: 'Arming the gate post' });
  await expect(rifles).toContainText('Includes a lethal item');
  await checkScreen(page, 'engagement-equipment');

  // The lethal request: only "Declined" is offered.
  await rifles.getByRole('button', { name: 'Decide' }).click();
  await expect(dialog.getByText('it can only be declined')).toBeVisible();
  const outcome = dialog.getByLabel('Decision');
  await expect(outcome.locator('option')).toHaveText(['Declined']);
  await dialog.getByLabel('Risks').fill('Lethal force at the gate');
  await dialog.getByLabel('Alternatives considered').fill('Unarmed guards and lighting');
  await dialog.getByLabel('Rationale').fill('Lethal equipment is never transferred');
  await checkScreen(page, 'engagement-decision-dialog');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(rifles).toContainText('Declined');

  // The vehicles: approved with conditions, then handed over.
  await vehicles.getByRole('button', { name: 'Decide' }).click();
  await dialog.getByLabel('Decision').selectOption({ label: 'Approved with conditions' });
  await dialog.getByLabel('Risks').fill('Vehicles could be used to disperse protests');
  await dialog.getByLabel('Alternatives considered').fill('Company-driven escort');
  await dialog.getByLabel('Conditions').fill('Logbook shared monthly');
  await dialog.getByLabel('Rationale').fill('Patrols reduce intrusions');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(vehicles).toContainText('Approved with conditions');
  await vehicles.getByRole('button', { name: 'Record the hand-over' }).click();
  await dialog.getByLabel('Note').fill('Handed over at the camp, logbook signed');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(vehicles).toContainText('Handed over');

  // Monitoring of the vehicles, with its logbook attached to the entry.
  await vehicles.getByRole('button', { name: 'Record monitoring' }).click();
  await dialog.getByLabel('Finding').fill('Logbook up to date');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const entry = vehicles.getByRole('listitem').filter({ hasText: 'Logbook up to date' });
  await entry.getByLabel('Add a file', { exact: true }).setInputFiles({
    name: 'logbook.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Logbook, April: 12 patrols\n'),
  });
  await expect(entry.locator('.attachment', { hasText: 'logbook.txt' })).toBeVisible();

  // The agency sees the decisions too (its own requests).
  const seen = await api.get(`/api/v1/groups/${group.id}/equipment-requests`, { headers: police.auth });
  const statuses = ((await seen.json()) as { items: { status: string }[] }).items.map((r) => r.status).sort();
  expect(statuses).toEqual(['declined', 'monitoring']);
  await context.close();
});
