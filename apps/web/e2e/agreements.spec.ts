import type { APIRequestContext } from '@playwright/test';
import { checkScreen, expect, PASSWORD, registerInBrowser, test, unique, type Person } from './support';

// Mutations and live updates on a shared, busy machine.
const SLOW = { timeout: 30_000 };

// Issue 14's screens: a focal point (company) and a police commander (public security) negotiate
// a national MoU and a site agreement under it, in two browsers at once.

async function token(request: APIRequestContext, email: string): Promise<string> {
  const login = await request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  expect(login.status()).toBe(200);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

async function post<T>(request: APIRequestContext, bearer: string, path: string, data?: object): Promise<T> {
  const response = await request.post(path, { headers: { Authorization: `Bearer ${bearer}` }, data });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

// The group and its two members come from the API (their screens are tested in foundation.spec.ts).
async function setUp(focal: Person, police: Person) {
  const request = focal.page.request;
  const focalToken = await token(request, focal.email);
  const policeToken = await token(request, police.email);
  const company = await post<{ id: string; name: string }>(request, focalToken, '/api/v1/organisations', {
    name: unique('Kamoto Mining'),
    kind: 'company',
  });
  const pnc = await post<{ id: string; name: string }>(request, policeToken, '/api/v1/organisations', {
    name: unique('Police des mines'),
    kind: 'public_security',
  });
  const group = await post<{ id: string; name: string }>(request, focalToken, '/api/v1/groups', {
    name: unique('Lualaba security and human rights'),
    organisationId: company.id,
    timezone: 'Africa/Lubumbashi',
  });
  const invitation = await post<{ id: string }>(request, focalToken, `/api/v1/groups/${group.id}/members`, {
    email: police.email,
    organisationId: pnc.id,
    role: 'member',
  });
  await post(request, policeToken, `/api/v1/me/invitations/${invitation.id}/accept`);
  return { company, pnc, group };
}

test('a focal point and the police negotiate an MoU and a site agreement, and answer a report', async ({
  browser,
}) => {
  // A whole negotiation with axe on a dozen screens, two browsers, on a shared 2-core machine.
  test.setTimeout(900_000);
  const focal = await registerInBrowser(browser, 'Focal');
  const police = await registerInBrowser(browser, 'Commander');
  const { company, pnc, group } = await setUp(focal, police);
  const page = focal.page;

  // The list, empty; a site with public security.
  await page.goto(`/groups/${group.id}`);
  await page.getByRole('link', { name: 'Agreements' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agreements' })).toBeVisible();
  await expect(page.getByText('No agreement yet.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Add a site' }).click();
  const siteDialog = page.getByRole('dialog', { name: 'Add a site' });
  await siteDialog.getByLabel('Site', { exact: true }).fill('Kolwezi mine');
  await siteDialog.getByLabel('Operator').selectOption({ label: company.name });
  await checkScreen(page, 'agreements-site-new');
  await siteDialog.getByRole('button', { name: 'Add the site' }).click();
  await expect(siteDialog).toBeHidden(SLOW);
  await expect(page.getByRole('cell', { name: 'Kolwezi mine' })).toBeVisible();

  // The national MoU, from the template, with the police as the second party.
  await page.getByRole('link', { name: 'New agreement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New agreement' })).toBeVisible();
  await page.getByLabel('Title').fill('Memorandum of understanding with the Police des mines');
  await expect(page.getByLabel('Party 1: organisation')).toHaveValue(company.id);
  await page.getByRole('button', { name: 'Add a party' }).click();
  await page.getByLabel('Party 2: organisation').selectOption(pnc.id);
  await expect(page.getByLabel('Party 2: role')).toHaveValue('public_security');
  await page.getByLabel('Party 2: unit (optional)').fill('Police des mines, Lualaba');
  await checkScreen(page, 'agreement-new');
  await page.getByRole('button', { name: 'Create agreement' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Memorandum of understanding with the Police des mines' }),
  ).toBeVisible();
  await expect(page.getByText('10 of 10 clauses covered.')).toBeVisible();
  await expect(page.getByText('Police des mines, Lualaba', { exact: false })).toBeVisible();
  await expect(page.getByRole('heading', { level: 4, name: /^c\) / })).toBeVisible();
  await checkScreen(page, 'agreement-mou');

  // A site agreement under it.
  await page.getByRole('link', { name: 'New site agreement mirroring this one' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^New agreement mirroring/ })).toBeVisible();
  await expect(page.getByLabel('Kind')).toHaveValue('site_security_agreement');
  await page.getByLabel('Title').fill('Kolwezi site security agreement');
  await page.getByLabel('Kolwezi mine').check();
  await page.getByRole('button', { name: 'Add a party' }).click();
  await page.getByLabel('Party 2: organisation').selectOption(pnc.id);
  await page.getByRole('button', { name: 'Create agreement' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Kolwezi site security agreement' }),
  ).toBeVisible();
  const agreementUrl = page.url();

  // The list shows it under the MoU.
  await page.getByRole('link', { name: '← All agreements' }).click();
  const mirrored = page.getByRole('list', { name: /^Agreements mirroring Memorandum/ });
  await expect(mirrored.getByRole('link', { name: 'Kolwezi site security agreement' })).toBeVisible();
  await checkScreen(page, 'agreements-list');

  // The commander opens the site agreement; the focal point proposes version 1 — it appears live.
  await police.page.goto(agreementUrl);
  await expect(
    police.page.getByRole('heading', { level: 1, name: 'Kolwezi site security agreement' }),
  ).toBeVisible();
  await expect(police.page.getByText('Version 1 · Draft', { exact: false })).toBeVisible();
  await page.goto(agreementUrl);
  await page.getByRole('button', { name: 'Propose to the parties' }).click();
  await expect(police.page.getByText('Version 1 · Proposed', { exact: false })).toBeVisible(SLOW);
  await expect(police.page.locator('.badge', { hasText: 'Negotiating' })).toBeVisible(SLOW);

  // Both parties accept; the version is agreed.
  await police.page.getByRole('button', { name: `Accept for ${pnc.name}` }).click();
  await expect(page.getByText(/accepted .*\(Africa\/Lubumbashi\)/)).toBeVisible(SLOW);
  await page.getByRole('button', { name: `Accept for ${company.name}` }).click();
  await expect(page.getByText('Version 1 · Agreed', { exact: false })).toBeVisible(SLOW);

  // Signatures (paper acts, recorded by the focal point for both parties).
  for (const [party, signatory] of [
    [company.name, 'Jean Kabila'],
    [pnc.name, 'Colonel Mwamba'],
  ] as const) {
    await page.getByRole('button', { name: 'Record a signature' }).click();
    const sign = page.getByRole('dialog', { name: 'Record a signature' });
    await sign.getByLabel('Signing party').selectOption({ label: party });
    await sign.getByLabel("Signatory's name").fill(signatory);
    await sign.getByLabel("Signatory's title").fill('Representative');
    if (signatory === 'Jean Kabila') await checkScreen(page, 'agreement-sign');
    await sign.getByRole('button', { name: 'Record the signature' }).click();
    await expect(sign).toBeHidden(SLOW);
  }
  // Signed, then in force by the worker (no effectiveFrom: the day of the last signature).
  await expect(police.page.locator('.badge', { hasText: /^(Signed|In force)$/ }).first()).toBeVisible(SLOW);
  await expect(page.locator('.badge', { hasText: 'In force' }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 3, name: 'Reminders to the parties' })).toBeVisible();
  await expect(page.getByText(/^60 days before: .*\(Africa\/Lubumbashi\)/)).toBeVisible();

  // An obligation that recurs, shown in words.
  await page.getByRole('button', { name: 'Add an obligation' }).click();
  const obligation = page.getByRole('dialog', { name: 'Add an obligation' });
  await obligation.getByLabel('From clause').selectOption('d');
  await obligation
    .getByLabel('What must be done')
    .fill('Human rights training for the unit deployed at the mine');
  await obligation.getByLabel('Responsible party').selectOption({ label: company.name });
  await obligation
    .getByLabel('Recurs (RFC 5545 rule, optional)')
    .fill('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1');
  await expect(obligation.getByText('Every 3 months, on day 1')).toBeVisible();
  await obligation.getByRole('button', { name: 'Add' }).click();
  await expect(obligation).toBeHidden(SLOW);
  await expect(page.getByText(/Every 3 months, on day 1 · Next due:/)).toBeVisible();

  // A legal reference.
  await page.getByRole('button', { name: 'Add a legal reference' }).click();
  const legal = page.getByRole('dialog', { name: 'Add a legal reference' });
  await legal.getByLabel('Citation').fill('Loi n° 18/001 du 9 mars 2018 (Code minier)');
  await legal.getByRole('button', { name: 'Add' }).click();
  await expect(legal).toBeHidden(SLOW);
  await expect(page.getByText('Loi n° 18/001 du 9 mars 2018 (Code minier)')).toBeVisible();

  // The export, as a download.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download as Markdown' }).click();
  expect((await download).suggestedFilename()).toMatch(/^Kolwezi site security agreement v1\.md$/);

  // The commander reports non-compliance; the focal point sees it live and acknowledges it.
  await police.page.getByRole('button', { name: 'Report non-compliance' }).click();
  const report = police.page.getByRole('dialog', { name: 'Report non-compliance' });
  await report.getByLabel('Clause c)').check();
  await report.getByLabel('Site').selectOption({ label: 'Kolwezi mine' });
  await report
    .getByLabel('What happened')
    .fill('Two officers deployed at the mine gate had not been vetted as the agreement requires.');
  await report.getByLabel('Severity').selectOption('high');
  await checkScreen(police.page, 'agreement-report');
  await report.getByRole('button', { name: 'Send the report' }).click();
  await expect(report).toBeHidden(SLOW);
  await expect(page.getByText('Two officers deployed at the mine gate', { exact: false })).toBeVisible(SLOW);
  await page.getByRole('button', { name: 'Respond' }).click();
  const respond = page.getByRole('dialog', { name: 'Respond' });
  await respond.getByLabel('Next step').selectOption({ label: 'Acknowledged' });
  await respond.getByLabel('Note').fill('Vetting files requested from the unit; meeting on Monday.');
  await respond.getByRole('button', { name: 'Record the step' }).click();
  await expect(respond).toBeHidden(SLOW);
  await expect(
    police.page.getByText(/^Acknowledged, .*: Vetting files requested from the unit; meeting on Monday\.$/),
  ).toBeVisible(SLOW);
  await checkScreen(page, 'agreement-in-force');

  // Revising: version 2 changes clause c); the diff shows it word by word.
  await page.getByRole('button', { name: 'Open a new version' }).click();
  const open = page.getByRole('dialog', { name: 'New version based on v1' });
  await open.getByLabel('Change summary').fill('Vetting: add a yearly check');
  await open.getByRole('button', { name: 'Open the draft' }).click();
  await expect(open).toBeHidden(SLOW);
  await expect(page.getByText('Version 2 · Draft', { exact: false })).toBeVisible(SLOW);
  await page.getByRole('button', { name: 'Edit clause c)' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit clause c)' });
  const body = edit.getByLabel('Text (Markdown)');
  await body.fill(`${await body.inputValue()} Vetting is repeated every year.`);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden(SLOW);
  const diff = page.locator('.diff');
  await expect(diff.getByText('Changed', { exact: true })).toBeVisible();
  await expect(diff.locator('ins', { hasText: 'Vetting is repeated every year.' })).toBeVisible(SLOW);
  await checkScreen(page, 'agreement-diff');

  // The list: status and indicators (one agreement in force, the site covered).
  await page.getByRole('link', { name: '← All agreements' }).click();
  await expect(page.getByText(/^1 of 1 \(100\s?%\)$/)).toBeVisible();

  // In French.
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Accords' })).toBeVisible();
  await expect(page.getByText('En vigueur', { exact: true }).first()).toBeVisible();
  await checkScreen(page, 'agreements-list-fr');
  await page.getByLabel('Langue').selectOption('en');
});
