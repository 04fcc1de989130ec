import {
  checkScreen,
  createOrganisation,
  expect,
  PASSWORD,
  registerInBrowser,
  test,
  unique,
} from './support';

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

test('minutes and an agenda read in French through the language switch, marked courtesy and stale', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const focal = await registerInBrowser(browser, 'Focal');
  const page = focal.page;
  const company = await createOrganisation(page, 'Tenke Mining', 'Company');
  await page.getByRole('link', { name: 'New group' }).click();
  const groupName = unique('Fungurume security and human rights');
  await page.getByLabel('Name', { exact: true }).fill(groupName);
  await page.getByLabel('Search organisations by name').fill(company);
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: `${company} (Company)` });
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('heading', { level: 1, name: groupName })).toBeVisible();
  const groupId = new URL(page.url()).pathname.split('/')[2];

  // The meeting, its minutes, an agenda item and their French translations come from the API
  // (their own screens are tested in month.spec.ts; there is no screen to translate them yet).
  const login = await page.request.post('/api/v1/auth/login', {
    data: { email: focal.email, password: PASSWORD },
  });
  const auth = { Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  const call = async (method: 'post' | 'put', path: string, data: object) => {
    const res = await page.request[method](path, { headers: auth, data });
    expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
    return (await res.json()) as { id: string; version: number };
  };
  const meeting = await call('post', `/api/v1/groups/${groupId}/meetings`, {
    title: 'Monthly meeting',
    startsAt: '2030-02-05T08:00:00.000Z',
    endsAt: '2030-02-05T10:00:00.000Z',
  });
  const minutes = {
    body: 'The guards were trained.',
    keyIssues: ['Checkpoints'],
    decisions: ['Review the patrols'],
  };
  const saved = await call('put', `/api/v1/meetings/${meeting.id}/minutes`, {
    ...minutes,
    expectedVersion: 0,
  });
  await call('put', `/api/v1/translations/minutes/${meeting.id}/fr`, {
    fields: {
      body: 'Les gardes ont été formés.',
      keyIssues: ['Barrages'],
      decisions: ['Revoir les patrouilles'],
    },
    status: 'approved',
  });
  const item = await call('post', `/api/v1/meetings/${meeting.id}/agenda/items`, {
    title: 'Checkpoint review',
    kind: 'other',
  });
  await call('put', `/api/v1/translations/agenda_item/${item.id}/fr`, {
    fields: { title: 'Revue des barrages' },
    status: 'reviewed',
  });

  // Minutes: as written, then in French, a courtesy translation.
  await page.goto(`/groups/${groupId}/meetings/${meeting.id}/minutes`);
  await expect(page.getByLabel('Text of the minutes', { exact: true })).toHaveValue(
    'The guards were trained.',
  );
  await page.getByLabel('Language of the text').selectOption('fr');
  await expect(page.getByText('Les gardes ont été formés.')).toBeVisible();
  await expect(page.getByText('Revoir les patrouilles')).toBeVisible();
  await expect(page.getByText('Courtesy translation', { exact: true })).toBeVisible();
  await expect(page.getByText('Translation into fr of a text written in en.')).toBeVisible();
  await checkScreen(page, 'minutes-courtesy-translation');

  // The source changes: the French minutes are stale, and say so.
  await call('put', `/api/v1/meetings/${meeting.id}/minutes`, {
    ...minutes,
    body: 'The guards were trained twice.',
    expectedVersion: saved.version,
  });
  await page.reload();
  await expect(page.getByText('Les gardes ont été formés.')).toBeVisible();
  await expect(page.getByText('Stale', { exact: true })).toBeVisible();
  await expect(page.getByText(/Stale translation into fr/)).toBeVisible();
  await page.getByLabel('Language of the text').selectOption('en');
  await expect(page.getByLabel('Text of the minutes', { exact: true })).toHaveValue(
    'The guards were trained twice.',
  );

  // The agenda: the item in French.
  await page.goto(`/groups/${groupId}/meetings/${meeting.id}/agenda`);
  await expect(page.getByText('Checkpoint review')).toBeVisible();
  await page.getByLabel('Language of the text').selectOption('fr');
  await expect(page.getByText('Revue des barrages')).toBeVisible();
  await expect(page.getByText('Courtesy translation', { exact: true })).toBeVisible();
  await checkScreen(page, 'agenda-courtesy-translation');
});
