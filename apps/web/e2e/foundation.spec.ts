import {
  checkScreen,
  createOrganisation,
  expect,
  PASSWORD,
  registerInBrowser,
  test,
  unique,
} from './support';

// Screens 1–3 of the web client (issue 12): register, sign in and out, invitations, home,
// a group's members, co-chairs and stakeholder map — with two browsers at once.
test('a focal point sets up a group and sees a new member arrive live', async ({ browser }) => {
  const focal = await registerInBrowser(browser, 'Focal', 'register');
  const ngo = await registerInBrowser(browser, 'Amani');
  const ngoOrganisation = await createOrganisation(ngo.page, 'Haki Madini', 'Civil society');
  await checkScreen(ngo.page, 'home-empty');

  // Focal point: an organisation from the new-group form, then the group.
  const page = focal.page;
  await page.getByRole('link', { name: 'New group' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New working group' })).toBeVisible();
  await page.getByRole('link', { name: /Create it/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New organisation' })).toBeVisible();
  const company = unique('Kamoto Mining');
  await page.getByLabel('Name', { exact: true }).fill(company);
  await page.getByLabel('Kind').selectOption({ label: 'Company' });
  await checkScreen(page, 'organisation-new');
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New working group' })).toBeVisible();
  await expect(page.getByLabel('Organisation', { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
  const groupName = unique('Lubumbashi security and human rights');
  await page.getByLabel('Name', { exact: true }).fill(groupName);
  await page.getByLabel('Region').fill('Haut-Katanga');
  await expect(page.getByLabel('Time zone')).toHaveValue('Africa/Lubumbashi');
  await checkScreen(page, 'group-new');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('heading', { level: 1, name: groupName })).toBeVisible();
  await expect(page.getByText('Focal point', { exact: true })).toBeVisible();
  await checkScreen(page, 'group-overview');

  // Invite the NGO member through their organisation.
  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Members' })).toBeVisible();
  await expect(page.getByText(focal.name, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Invite a member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a member' });
  await dialog.getByLabel('E-mail address').fill(ngo.email);
  await dialog.getByLabel('Search organisations by name').fill(ngoOrganisation);
  await dialog
    .getByLabel('Organisation', { exact: true })
    .selectOption({ label: `${ngoOrganisation} (Civil society)` });
  await checkScreen(page, 'group-invite');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog).toBeHidden();

  // The invitee's home shows the invitation without a reload (notification.created).
  await expect(
    ngo.page.getByText(`You are invited to ${groupName} as Member, representing ${ngoOrganisation}.`),
  ).toBeVisible();
  await checkScreen(ngo.page, 'home-invitation');
  await ngo.page.getByRole('button', { name: `Accept the invitation to ${groupName}` }).click();
  await expect(ngo.page.getByRole('link', { name: groupName })).toBeVisible();

  // …and the focal point's member list gains them live.
  await expect(page.getByText(ngo.name, { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: new RegExp(ngoOrganisation) })).toBeVisible();
  await checkScreen(page, 'group-members');

  // Co-chairs: the focal point's company takes the company seat.
  await page.getByRole('link', { name: 'Co-chairs' }).click();
  await expect(page.getByText('No co-chair sits at the moment.')).toBeVisible();
  await page.getByRole('button', { name: 'Appoint a co-chair' }).click();
  const appoint = page.getByRole('dialog', { name: 'Appoint a co-chair' });
  await appoint.getByLabel('Member', { exact: true }).selectOption({ label: `${focal.name} — ${company}` });
  await appoint.getByLabel('Constituency').selectOption({ label: 'Companies' });
  await appoint.getByRole('button', { name: 'Appoint' }).click();
  await expect(appoint).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: 'Sitting co-chairs' })).toBeVisible();
  await expect(page.getByText(/Companies, since/)).toBeVisible();
  await checkScreen(page, 'group-co-chairs');

  // Stakeholder map: two kinds at the table, the others listed as missing.
  await page.getByRole('link', { name: 'Stakeholder map' }).click();
  await expect(page.getByText('2 active members.')).toBeVisible();
  const missing = page.getByRole('list', { name: 'Kinds still missing' });
  await expect(missing.getByText('Public security')).toBeVisible();
  await expect(missing.getByText('Company', { exact: true })).toHaveCount(0);
  await checkScreen(page, 'group-stakeholder-map');

  // The NGO member's home: the group, live indicator, notifications; a meeting scheduled
  // meanwhile (through the API, as the meetings screens come later) appears with its RSVP, in
  // the meeting's zone although this browser runs in Europe/Paris.
  await ngo.page.goto('/');
  await expect(ngo.page.getByText('Live', { exact: true })).toBeVisible();
  await expect(ngo.page.getByText('No meeting scheduled yet.')).toBeVisible();
  const groupId = new URL(page.url()).pathname.split('/')[2];
  const login = await page.request.post('/api/v1/auth/login', {
    data: { email: focal.email, password: PASSWORD },
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const meeting = await page.request.post(`/api/v1/groups/${groupId}/meetings`, {
    headers: { Authorization: `Bearer ${accessToken}` },
    data: {
      title: 'Monthly security and human rights meeting',
      startsAt: '2030-01-08T08:00:00.000Z',
      endsAt: '2030-01-08T10:00:00.000Z',
      location: 'Lubumbashi, Hôtel Pullman',
    },
  });
  expect(meeting.status()).toBe(201);
  await expect(ngo.page.getByText('Tue, 8 Jan 2030, 10:00 (Africa/Lubumbashi)')).toBeVisible();
  const yes = ngo.page.getByRole('button', { name: 'Yes' });
  await expect(yes).toHaveAttribute('aria-pressed', 'false');
  await yes.click();
  await expect(yes).toHaveAttribute('aria-pressed', 'true');
  await checkScreen(ngo.page, 'home');

  // Language: French, then Swahili, from the picker.
  await ngo.page.getByLabel('Language').selectOption('fr');
  await expect(ngo.page.getByRole('heading', { level: 1, name: 'Accueil' })).toBeVisible();
  await expect(ngo.page.locator('html')).toHaveAttribute('lang', 'fr');
  await checkScreen(ngo.page, 'home-fr');
  await ngo.page.getByLabel('Langue').selectOption('sw');
  await expect(ngo.page.getByRole('heading', { level: 1, name: 'Mwanzo' })).toBeVisible();
  await ngo.page.getByLabel('Lugha').selectOption('en');

  // Sign out, and back in.
  await ngo.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(ngo.page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await ngo.page.goto('/');
  await expect(ngo.page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await checkScreen(ngo.page, 'sign-in');
  await ngo.page.getByLabel('E-mail address').fill(ngo.email);
  await ngo.page.getByLabel('Password').fill('not the password at all');
  await ngo.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(
    ngo.page.getByRole('alert').getByText('The e-mail address or password is not correct.'),
  ).toBeVisible();
  await ngo.page.getByLabel('Password').fill(PASSWORD);
  await ngo.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(ngo.page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(ngo.page.getByRole('link', { name: groupName })).toBeVisible();
});

test('a deep link survives a reload: the session refreshes silently from the stored token', async ({
  browser,
}) => {
  const person = await registerInBrowser(browser, 'Reload');
  await createOrganisation(person.page, 'Reload Org', 'Company');
  await person.page.goto('/invitations');
  await expect(person.page.getByRole('heading', { level: 1, name: 'Invitations' })).toBeVisible();
  await person.page.reload();
  await expect(person.page.getByRole('heading', { level: 1, name: 'Invitations' })).toBeVisible();
  await expect(person.page.getByText('You have no pending invitations.')).toBeVisible();
  await checkScreen(person.page, 'invitations');
  // Nothing but the refresh token (and the chosen language) is kept on the device.
  const stored = await person.page.evaluate(() => Object.keys(localStorage).sort());
  expect(stored.every((k) => ['roundtable.language', 'roundtable.refreshToken'].includes(k))).toBe(true);
});
