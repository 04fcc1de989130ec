import { checkScreen, createOrganisation, expect, registerInBrowser, test, unique } from './support';

test('a focal point translates a document, edits the source and sees the translation stale', async ({
  browser,
}) => {
  // Four screens checked by axe on a machine shared with other runs: more than the default.
  test.setTimeout(480_000);
  const focal = await registerInBrowser(browser, 'Focal');
  const page = focal.page;
  const company = await createOrganisation(page, 'Kamoto Mining', 'Company');
  await page.getByRole('link', { name: 'New group' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New working group' })).toBeVisible();
  const groupName = unique('Kolwezi security and human rights');
  await page.getByLabel('Name', { exact: true }).fill(groupName);
  await page.getByLabel('Search organisations by name').fill(company);
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: `${company} (Company)` });
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('heading', { level: 1, name: groupName })).toBeVisible();

  // The library: a new policy statement, written in English.
  await page.getByRole('link', { name: 'Documents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
  await expect(page.getByText('No document yet.')).toBeVisible();
  await page.getByLabel('Title').fill('Security and human rights policy');
  await page.getByLabel('Kind').selectOption({ label: 'Policy statement' });
  await page.getByLabel('Written in').fill('en');
  await page.getByLabel('Text', { exact: true }).fill('We respect human rights.\n\nWe train our guards.');
  await checkScreen(page, 'documents-library');
  await page.getByRole('button', { name: 'Create document' }).click();
  await page.getByRole('link', { name: 'Security and human rights policy' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Security and human rights policy' }),
  ).toBeVisible();

  // Translate it into French, side by side with the source.
  await page.getByLabel('Translate into').fill('fr');
  await page.getByRole('button', { name: 'Translate' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Source (en)' })).toBeVisible();
  await expect(page.getByText('We train our guards.')).toBeVisible();
  await page.getByLabel('Translated title').fill('Politique de sécurité et de droits humains');
  await page
    .getByLabel('Translated text')
    .fill('Nous respectons les droits humains.\n\nNous formons nos gardes.');
  await page.getByLabel('Status').selectOption({ label: 'approved' });
  await page.getByRole('button', { name: 'Save the translation' }).click();
  await expect(page.getByText('Up to date with the source.')).toBeVisible();
  await checkScreen(page, 'documents-translation-editor');

  // The language switch shows the French text.
  await page.getByRole('link', { name: 'Back to the document' }).click();
  await page.getByLabel('Language of the text').selectOption('fr');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Politique de sécurité et de droits humains' }),
  ).toBeVisible();
  await expect(page.getByText('Nous formons nos gardes.')).toBeVisible();

  // Edit the source (not a minor edit): the French translation goes stale.
  await page
    .getByRole('textbox', { name: 'Text', exact: true })
    .fill('We respect human rights.\n\nWe train our guards every year.');
  await page.getByRole('button', { name: 'Save the text' }).click();
  await expect(page.getByText(/Stale translation into fr/)).toBeVisible();
  await expect(page.getByText('fr · approved · stale')).toBeVisible();
  await checkScreen(page, 'documents-document-stale');

  // The editor shows what changed in the source since the translation was made.
  await page.getByRole('link', { name: 'Edit the translation into fr' }).click();
  await expect(page.getByText(/Stale: made from revision 1 of the source/)).toBeVisible();
  await expect(page.locator('.diff ins')).toContainText('every year');
  await checkScreen(page, 'documents-translation-stale');

  // And the library marks it too.
  await page.goto(page.url().replace(/\/documents\/.*$/, '/documents'));
  await expect(page.getByText('fr · approved · stale')).toBeVisible();
});
