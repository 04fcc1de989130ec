import type { Page } from '@playwright/test';
import {
  checkScreen,
  createOrganisation,
  expect,
  PASSWORD,
  registerInBrowser,
  test,
  unique,
} from './support';

// Screens 4–7 of the web client (issue 12): a focal point's month, from the invitation to
// approved minutes, with the focal point and an NGO member (who becomes the civil-society
// co-chair) in two browsers at once; every change made in one appears in the other live.
const ZONE = 'Africa/Lubumbashi';

function dayIn(zone: string, offsetDays: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

async function token(page: Page, email: string): Promise<string> {
  const login = await page.request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  expect(login.status()).toBe(200);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

test('a focal point’s month: series, invitation, RSVP, agenda, minutes merged, circulated and approved', async ({
  browser,
}) => {
  test.setTimeout(720_000); // the whole month, with axe on every screen, on a shared machine
  const focal = await registerInBrowser(browser, 'Focal');
  const ngo = await registerInBrowser(browser, 'Amani');
  const ngoOrganisation = await createOrganisation(ngo.page, 'Haki Madini', 'Civil society');
  await createOrganisation(focal.page, 'Kamoto Mining', 'Company');
  const page = focal.page;

  // The group (its screens are the foundation's; here through the API to keep the story short).
  const bearer = { Authorization: `Bearer ${await token(page, focal.email)}` };
  const me = (await (await page.request.get('/api/v1/me', { headers: bearer })).json()) as {
    affiliations: { organisationId: string }[];
  };
  const groupName = unique('Lubumbashi security and human rights');
  const created = await page.request.post('/api/v1/groups', {
    headers: bearer,
    data: {
      name: groupName,
      organisationId: me.affiliations[0].organisationId,
      timezone: ZONE,
      languages: ['en'],
    },
  });
  expect(created.status()).toBe(201);
  const groupId = ((await created.json()) as { id: string }).id;

  // Invitation, accepted in the other browser.
  await page.goto(`/groups/${groupId}/members`);
  await page.getByRole('button', { name: 'Invite a member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a member' });
  await dialog.getByLabel('E-mail address').fill(ngo.email);
  await dialog.getByLabel('Search organisations by name').fill(ngoOrganisation);
  await dialog
    .getByLabel('Organisation', { exact: true })
    .selectOption({ label: `${ngoOrganisation} (Civil society)` });
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog).toBeHidden();
  await ngo.page.getByRole('button', { name: `Accept the invitation to ${groupName}` }).click();
  await expect(ngo.page.getByRole('link', { name: groupName })).toBeVisible();
  await expect(page.getByText(ngo.name, { exact: true })).toBeVisible();

  // The member watches the meetings screen while the focal point creates the series.
  await ngo.page.goto(`/groups/${groupId}/meetings`);
  await expect(ngo.page.getByRole('heading', { level: 1, name: `Meetings of ${groupName}` })).toBeVisible();
  await expect(ngo.page.getByText('No meeting is scheduled.')).toBeVisible();

  // Series: first Tuesday of the month, 10:00 Lubumbashi, started two months ago.
  await page.getByRole('link', { name: 'Meetings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Meetings of ${groupName}` })).toBeVisible();
  await page.getByRole('link', { name: 'New series' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `New series for ${groupName}` })).toBeVisible();
  const seriesTitle = 'Monthly security and human rights meeting';
  await page.getByLabel('Title').fill(seriesTitle);
  await page.getByLabel('First meeting on').fill(dayIn(ZONE, -60));
  await expect(page.getByLabel('Time zone')).toHaveValue(ZONE);
  await page.getByLabel('Which').selectOption({ label: 'Last' });
  await page.getByLabel('Weekday').selectOption({ label: 'Thursday' });
  await expect(page.getByText('FREQ=MONTHLY;BYDAY=-1TH')).toBeVisible();
  await page.getByLabel('Which').selectOption({ label: 'First' });
  await page.getByLabel('Weekday').selectOption({ label: 'Tuesday' });
  await expect(page.getByText('FREQ=MONTHLY;BYDAY=1TU')).toBeVisible();
  const preview = page.getByRole('list', { name: `Next meetings (${ZONE})` });
  await expect(preview.getByRole('listitem')).toHaveCount(6);
  for (const text of await preview.getByRole('listitem').allTextContents()) {
    expect(text).toMatch(/^Tue, \d{1,2} \w{3} \d{4}, 10:00 \(Africa\/Lubumbashi\)$/);
  }
  const firstPreview = (await preview.getByRole('listitem').first().textContent()) ?? '';
  await page.getByLabel('Place').fill('Lubumbashi, Hôtel Pullman');
  await checkScreen(page, 'series-new');
  await page.getByRole('button', { name: 'Create series' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Meetings of ${groupName}` })).toBeVisible();
  // Materialised by the worker within seconds; the member's screen follows without a reload.
  const upcoming = page.getByRole('region', { name: 'Upcoming meetings' });
  await expect(upcoming.getByText(firstPreview)).toBeVisible({ timeout: 30_000 });
  await expect(
    ngo.page.getByRole('region', { name: 'Upcoming meetings' }).getByText(firstPreview),
  ).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('First Tuesday of every month · at 10:00 (Africa/Lubumbashi)')).toBeVisible();
  await checkScreen(page, 'meetings');

  // RSVP to the next meeting.
  await ngo.page
    .getByRole('region', { name: 'Upcoming meetings' })
    .getByRole('link', { name: seriesTitle })
    .first()
    .click();
  await expect(ngo.page.getByRole('heading', { level: 1, name: seriesTitle })).toBeVisible();
  const yes = ngo.page.getByRole('button', { name: 'Yes' });
  await yes.click();
  await expect(yes).toHaveAttribute('aria-pressed', 'true');
  await expect(ngo.page.getByText('1 yes, 0 maybe, 0 no')).toBeVisible();

  // A meeting already held (a week ago), to minute.
  await page.getByRole('button', { name: 'Add a single meeting' }).click();
  const adHoc = page.getByRole('dialog', { name: 'A single meeting' });
  const pastTitle = 'Extraordinary meeting on the roadblocks';
  await adHoc.getByLabel('Title').fill(pastTitle);
  await adHoc.getByLabel('Date').fill(dayIn(ZONE, -7));
  await adHoc.getByLabel(`Start time (${ZONE})`).fill('10:00');
  await adHoc.getByRole('button', { name: 'Add the meeting' }).click();
  await expect(adHoc).toBeHidden();
  await page.getByRole('region', { name: 'Past meetings' }).getByRole('link', { name: pastTitle }).click();
  await expect(page.getByRole('heading', { level: 1, name: pastTitle })).toBeVisible();
  const meetingPath = new URL(page.url()).pathname;

  // Attendance: both were there.
  await page.getByRole('checkbox', { name: `${focal.name} was present` }).check();
  await page.getByRole('checkbox', { name: `${ngo.name} was present` }).check();
  await page.getByRole('button', { name: 'Save attendance' }).click();
  await expect(page.getByText('Attendance saved.')).toBeVisible();
  await expect(page.getByText('2 members attended.')).toBeVisible();
  await checkScreen(page, 'meeting');

  // Agenda: the member proposes, the focal point accepts (live), reorders by keyboard, publishes.
  await page.getByRole('link', { name: 'Agenda' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Agenda' })).toBeVisible();
  await expect(page.getByText('No proposal waiting.')).toBeVisible();
  await ngo.page.goto(`${meetingPath}/agenda`);
  const itemTitle = 'Roadblocks on the Kolwezi road';
  await ngo.page.getByLabel('Title').fill(itemTitle);
  await ngo.page.getByLabel('Description').fill('Three checkpoints asked drivers for money last month.');
  await ngo.page.getByRole('button', { name: 'Propose' }).click();
  await expect(ngo.page.getByText('Proposed: the focal point or a co-chair will decide.')).toBeVisible();
  await page.getByRole('button', { name: `Accept ${itemTitle}` }).click();
  const agendaList = page.locator('ol.agenda-list > li');
  await expect(agendaList).toHaveCount(3);
  await expect(agendaList.nth(2)).toContainText(itemTitle);
  await page
    .getByRole('button', { name: new RegExp(`^Move ${itemTitle} \\(position 3 of 3\\)`) })
    .press('ArrowUp');
  await expect(agendaList.nth(1)).toContainText(itemTitle);
  await expect(page.getByText(`${itemTitle} is now at position 2 of 3.`)).toBeAttached();
  await page.getByRole('button', { name: `Move ${itemTitle} up` }).click();
  await expect(agendaList.nth(0)).toContainText(itemTitle);
  await page.getByRole('button', { name: 'Publish the agenda' }).click();
  await expect(page.getByText(/^Published on /)).toBeVisible();
  await expect(ngo.page.getByText(/^Published on /)).toBeVisible();
  await expect(ngo.page.locator('ol.agenda-list > li').first()).toContainText(itemTitle);
  await checkScreen(page, 'agenda');

  // The NGO member takes the civil-society co-chair seat (after proposing as a plain member).
  await page.goto(`/groups/${groupId}/co-chairs`);
  await page.getByRole('button', { name: 'Appoint a co-chair' }).click();
  const appoint = page.getByRole('dialog', { name: 'Appoint a co-chair' });
  await appoint
    .getByLabel('Member', { exact: true })
    .selectOption({ label: `${ngo.name} — ${ngoOrganisation}` });
  await appoint.getByLabel('Constituency').selectOption({ label: 'Civil society' });
  await appoint.getByRole('button', { name: 'Appoint' }).click();
  await expect(appoint).toBeHidden();

  await page.goto(`${meetingPath}/minutes`);

  // Minutes: the focal point writes and saves.
  const body = page.getByLabel('Text of the minutes', { exact: true });
  await body.fill('# Minutes\n\nThe roadblocks were discussed.');
  await page.getByLabel('Key issues').fill('Roadblocks\nExtortion at checkpoints');
  await page.getByRole('button', { name: 'Save the minutes' }).click();
  await expect(page.getByText('Saved (version 1).')).toBeVisible();
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(
    page.getByRole('region', { name: 'Preview' }).getByRole('heading', { name: 'Minutes' }),
  ).toBeVisible();
  await checkScreen(page, 'minutes');
  await page.getByRole('button', { name: 'Write' }).click();

  // A stale save: the co-chair types while the focal point saves; nothing typed is lost.
  await ngo.page.goto(`${meetingPath}/minutes`);
  const ngoBody = ngo.page.getByLabel('Text of the minutes', { exact: true });
  await expect(ngoBody).toHaveValue('# Minutes\n\nThe roadblocks were discussed.');
  await ngoBody.fill('# Minutes\n\nThe roadblocks were discussed. The community asked for a hotline.');
  await body.fill('# Minutes\n\nThe roadblocks were discussed. The police commander attended.');
  await page.getByLabel('Decisions').fill('Write to the provincial governor');
  await page.getByRole('button', { name: 'Save the minutes' }).click();
  await expect(page.getByText('Saved (version 2).')).toBeVisible();
  await expect(ngo.page.getByText(/Someone else saved these minutes meanwhile/)).toBeVisible();
  await ngo.page.getByRole('button', { name: 'Save the minutes' }).click();
  await expect(ngo.page.getByRole('heading', { name: 'Your save crossed another one' })).toBeVisible();
  await expect(ngo.page.getByText(/One part was changed by both of you/)).toBeVisible();
  const bodyMerge = ngo.page.getByRole('group', { name: /Text of the minutes — changed by both/ });
  await bodyMerge.getByRole('radio', { name: 'Keep theirs' }).check();
  const merged = bodyMerge.getByLabel('Merged Text of the minutes (you may edit it)');
  await expect(merged).toHaveValue(
    '# Minutes\n\nThe roadblocks were discussed. The police commander attended.',
  );
  await merged.fill(
    '# Minutes\n\nThe roadblocks were discussed. The police commander attended. The community asked for a hotline.',
  );
  await checkScreen(ngo.page, 'minutes-merge');
  await ngo.page.getByRole('button', { name: 'Save the merged minutes' }).click();
  await expect(ngo.page.getByText('Saved (version 3).')).toBeVisible();
  const final =
    '# Minutes\n\nThe roadblocks were discussed. The police commander attended. The community asked for a hotline.';
  await expect(ngoBody).toHaveValue(final);
  await expect(ngo.page.getByLabel('Decisions')).toHaveValue('Write to the provincial governor');
  // The focal point's untouched editor follows live.
  await expect(body).toHaveValue(final);

  // Circulated, commented, approved by the co-chair who attended — each seen live by the other.
  await page.getByRole('button', { name: 'Circulate to members' }).click();
  await expect(ngo.page.getByText('Circulated', { exact: true })).toBeVisible();
  await ngo.page.getByLabel('Your comment').fill('Agreed; the hotline number is 0800 100 200.');
  await ngo.page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.getByText('Agreed; the hotline number is 0800 100 200.')).toBeVisible();
  await ngo.page.getByRole('button', { name: 'Approve the minutes' }).click();
  await expect(ngo.page.getByText(new RegExp(`^Approved by ${ngo.name} on `))).toBeVisible();
  await expect(
    page.getByText(new RegExp(`^Approved by ${ngo.name} on .*\\(Africa/Lubumbashi\\)`)),
  ).toBeVisible();
  await expect(page.getByLabel('Text of the minutes', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 3, name: 'Decisions' })).toBeVisible();
  await checkScreen(page, 'minutes-approved');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download as Markdown' }).click();
  expect((await download).suggestedFilename()).toMatch(/^minutes-\d{4}-\d{2}-\d{2}\.md$/);

  // The focal point's notifications: none for their own acts; the member's: circulated and
  // approved minutes (not their own approval), then all marked read.
  await ngo.page.getByRole('link', { name: 'Notifications' }).click();
  await expect(ngo.page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await expect(ngo.page.getByText('Minutes circulated', { exact: false }).first()).toBeVisible();
  await checkScreen(ngo.page, 'notifications');
  await ngo.page.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(ngo.page.getByText('All read.')).toBeVisible();

  // Preferences: French, stored on the account — a fresh browser signs in in French.
  await ngo.page.getByRole('link', { name: 'Preferences' }).click();
  await expect(ngo.page.getByRole('heading', { level: 1, name: 'Your preferences' })).toBeVisible();
  await ngo.page.getByLabel('Your time zone').fill(ZONE);
  await checkScreen(ngo.page, 'preferences');
  await ngo.page.getByLabel('Language of the interface and of your e-mails').selectOption('fr');
  await ngo.page.getByRole('button', { name: 'Save preferences' }).click();
  await expect(ngo.page.getByRole('heading', { level: 1, name: 'Vos préférences' })).toBeVisible();
  const fresh = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const other = await fresh.newPage();
  await other.goto('/sign-in');
  await other.getByLabel('E-mail address').fill(ngo.email);
  await other.getByLabel('Password').fill(PASSWORD);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByRole('heading', { level: 1, name: 'Accueil' })).toBeVisible();
  await other.goto(`${meetingPath}/minutes`);
  await expect(other.getByRole('link', { name: 'Procès-verbal' })).toBeVisible();
  await checkScreen(other, 'minutes-fr');
  await fresh.close();
});
