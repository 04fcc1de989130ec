import type { Page } from '@playwright/test';
import { setUpCast } from './cast';
import { checkScreen, expect, test, unique } from './support';

const incidentsOf = (page: Page) => page.getByRole('list', { name: 'Incidents' });

// Issue 13, incidents: a restricted report reaches exactly the organisations it names — live, on
// the map — and never the focal point or the police (list, search, map, agenda link, dashboard
// counts); an anonymous report names no reporter outside its organisation.
test('a restricted incident reaches the company it is shared with, and no one else', async ({ browser }) => {
  test.setTimeout(540_000); // four people in four browsers on a shared 2-core machine
  const cast = await setUpCast(browser);
  const { ngo, company, focal, police, groupId } = cast;
  const incidentsUrl = `/groups/${groupId}/incidents`;
  for (const m of [company, focal, police]) {
    await m.page.goto(incidentsUrl);
    await expect(m.page.getByText('No incident matches.')).toBeVisible();
  }
  await checkScreen(focal.page, 'incidents-empty');

  // The NGO reports, restricted to the company: the form says who will not see it.
  const word = `Zebra${Date.now().toString(36)}`;
  const restrictedTitle = `${word} detention of artisanal miners at the Kasulo gate`;
  const page = ngo.page;
  await page.goto(incidentsUrl);
  await page.getByRole('link', { name: 'Report an incident' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'The incident' })).toBeVisible();
  await page.getByLabel('Title', { exact: true }).fill(restrictedTitle);
  await page
    .getByLabel('What happened', { exact: true })
    .fill('Six young men were held overnight by mine security.');
  await expect(page.getByText("Date and time in the group's zone (Africa/Lubumbashi).")).toBeVisible();
  await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Arrest or detention' });
  await page.getByLabel('Severity', { exact: true }).selectOption({ label: 'High' });
  await page.getByLabel('Actors involved', { exact: true }).fill('Mine security\nCommunity members');
  await page.getByLabel('Alleged human-rights abuse', { exact: true }).check();
  await page.getByLabel('Injured', { exact: true }).fill('2');
  await page.getByLabel('Place', { exact: true }).fill('Kolwezi, Kasulo quarter');
  // Location by picking on the (offline) map.
  const picker = page.getByRole('application', { name: /Map for placing the incident/ });
  await expect(page.locator('.incident-map-land').first()).toBeAttached();
  await picker.click({ position: { x: 300, y: 260 } });
  await expect(page.getByLabel('Latitude', { exact: true })).not.toHaveValue('');
  await expect(page.getByLabel('Longitude', { exact: true })).not.toHaveValue('');
  await page.getByLabel('Only named organisations', { exact: true }).check();
  await page
    .getByRole('group', { name: 'Share with' })
    .getByLabel(company.organisation.name, { exact: true })
    .check();
  const audience = page.locator('.audience');
  await expect(audience).toContainText(`The focal point (${focal.name}) will not see this.`);
  const willNotSee = audience.locator('strong', { hasText: 'Will not see it' });
  await expect(willNotSee).toContainText(police.organisation.name);
  await expect(willNotSee).toContainText(focal.organisation.name);
  await expect(audience).toContainText(company.organisation.name);
  await checkScreen(page, 'incident-report');
  await page.getByRole('button', { name: 'Report the incident' }).click();
  await expect(page.getByRole('heading', { level: 2, name: restrictedTitle })).toBeVisible();
  const restrictedId = new URL(page.url()).pathname.split('/').pop()!;

  // The company sees it live (no reload), and on the map.
  await expect(incidentsOf(company.page).getByRole('link', { name: restrictedTitle })).toBeVisible();
  await company.page.getByRole('button', { name: 'Map' }).click();
  await expect(company.page.locator(`svg circle[data-incident-id="${restrictedId}"]`)).toBeAttached();
  await expect(
    company.page.getByRole('list', { name: 'On the map' }).getByRole('link', { name: restrictedTitle }),
  ).toBeVisible();
  await checkScreen(company.page, 'incidents-map');
  await company.page.getByRole('button', { name: 'List' }).click();
  await company.page.getByLabel('Search incidents', { exact: true }).fill(word);
  await company.page.getByRole('button', { name: 'Search' }).click();
  await expect(incidentsOf(company.page).getByRole('link', { name: restrictedTitle })).toBeVisible();
  // The search text stays out of the address bar.
  expect(company.page.url()).not.toContain(word);

  // A group-wide, anonymous report: everyone gets it live — the proof that the focal point's and
  // the police's lists are live, so the restricted one's absence is not a stale screen.
  const openTitle = unique('Protest at the Lubumbashi road block');
  await page.goto(`${incidentsUrl}/new`);
  await page.getByLabel('Title', { exact: true }).fill(openTitle);
  await page
    .getByLabel('What happened', { exact: true })
    .fill('About two hundred people blocked the road for three hours.');
  await page.getByLabel('Place', { exact: true }).fill('Lubumbashi, route Kasumbalesa');
  await page.getByLabel('Latitude', { exact: true }).fill('-11.6');
  await page.getByLabel('Longitude', { exact: true }).fill('27.5');
  await page.getByLabel('The whole group', { exact: true }).check();
  await expect(page.locator('.audience')).toContainText('Every active member of the group will see it');
  await page.getByLabel('Report anonymously', { exact: true }).check();
  await page.getByRole('button', { name: 'Report the incident' }).click();
  await expect(page.getByRole('heading', { level: 2, name: openTitle })).toBeVisible();
  const openId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(
    page.getByText(`Anonymous: only your organisation sees that ${ngo.name} reported it`),
  ).toBeVisible();
  await page.getByLabel('Update', { exact: true }).fill('The road is open again.');
  await page.getByRole('button', { name: 'Post the update' }).click();
  await expect(page.getByText('The road is open again.')).toBeVisible();

  for (const m of [focal, police]) {
    const list = incidentsOf(m.page);
    await expect(list.getByRole('link', { name: openTitle })).toBeVisible();
    await expect(list.getByRole('link', { name: restrictedTitle })).toHaveCount(0);
    await expect(m.page.getByText(word)).toHaveCount(0);
    // Search, map.
    await m.page.getByLabel('Search incidents', { exact: true }).fill(word);
    await m.page.getByRole('button', { name: 'Search' }).click();
    await expect(m.page.getByText('No incident matches.')).toBeVisible();
    await m.page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(list.getByRole('link', { name: openTitle })).toBeVisible();
    await m.page.getByRole('button', { name: 'Map' }).click();
    await expect(m.page.locator(`svg circle[data-incident-id="${openId}"]`)).toBeAttached();
    await expect(m.page.locator(`svg circle[data-incident-id="${restrictedId}"]`)).toHaveCount(0);
    await expect(m.page.getByText(word)).toHaveCount(0);
    // The anonymous report names no one outside the NGO.
    await m.page.getByRole('button', { name: 'List' }).click();
    const card = list.locator(`[data-incident-id="${openId}"]`);
    await expect(card).toContainText('Reported anonymously');
    await card.getByRole('link', { name: openTitle }).click();
    await expect(m.page.getByRole('heading', { level: 2, name: openTitle })).toBeVisible();
    await expect(m.page.getByText('Anonymous (hidden outside the reporting organisation)')).toBeVisible();
    await expect(m.page.getByText('The road is open again.')).toBeVisible();
    await expect(m.page.getByText('The reporting organisation', { exact: false }).first()).toBeVisible();
    await expect(m.page.getByText(ngo.name)).toHaveCount(0);
    await expect(m.page.getByText(ngo.organisation.name)).toHaveCount(0);
    // No sharing controls or access log for those outside the reporting organisation.
    await expect(m.page.getByRole('heading', { name: 'Sharing' })).toHaveCount(0);
  }
  await checkScreen(police.page, 'incident-detail');

  // Agenda link: the NGO links both incidents to an agenda item; the focal point's agenda lists
  // only the group one, and the restricted incident's address is "not found" in their browser.
  const meeting = (await cast.call(focal, 'POST', `/api/v1/groups/${groupId}/meetings`, {
    title: 'Monthly security and human rights meeting',
    startsAt: '2030-01-08T08:00:00.000Z',
    endsAt: '2030-01-08T10:00:00.000Z',
  })) as { id: string };
  await cast.call(ngo, 'POST', `/api/v1/meetings/${meeting.id}/agenda/items`, {
    title: 'Incidents of the month',
    incidentIds: [restrictedId, openId],
  });
  type Agenda = { items: { title: string; incidents: { id: string; title: string }[] }[] };
  const linked = async (m: typeof focal) =>
    ((await cast.call(m, 'GET', `/api/v1/meetings/${meeting.id}/agenda`)) as Agenda).items
      .filter((i) => i.title === 'Incidents of the month')
      .flatMap((i) => i.incidents.map((x) => x.id));
  expect((await linked(company)).sort()).toEqual([openId, restrictedId].sort());
  for (const m of [focal, police]) {
    expect(await linked(m)).toEqual([openId]);
    await m.page.goto(`${incidentsUrl}/${restrictedId}`);
    await expect(m.page.getByText('This was not found, or you may not see it.')).toBeVisible();
    await expect(m.page.getByText(word)).toHaveCount(0);
  }

  // Dashboard counts: the focal point counts one open incident, the company two.
  await focal.page.goto(`/groups/${groupId}/dashboard`);
  await expect(focal.page.getByTestId('dashboard-incidents')).toContainText('1');
  await checkScreen(focal.page, 'dashboard');
  await company.page.goto(`/groups/${groupId}/dashboard`);
  await expect(company.page.getByTestId('dashboard-incidents')).toContainText('2');

  // The company reads and answers; the NGO sees who read it and may widen the sharing.
  await company.page.goto(`${incidentsUrl}/${restrictedId}`);
  await expect(company.page.getByRole('heading', { level: 2, name: restrictedTitle })).toBeVisible();
  await company.page.getByLabel('Update', { exact: true }).fill('Our security manager is looking into it.');
  await company.page.getByRole('button', { name: 'Post the update' }).click();
  await expect(company.page.getByText('Our security manager is looking into it.')).toBeVisible();
  await page.goto(`${incidentsUrl}/${restrictedId}`);
  await expect(page.getByText('Our security manager is looking into it.')).toBeVisible();
  const log = page.getByRole('table', { name: 'Who read it' });
  await expect(log.getByText(`${company.name}, ${company.organisation.name}`).first()).toBeVisible();
  await expect(log.getByText(focal.name)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: 'Sharing' })).toBeVisible();
  await checkScreen(page, 'incident-detail-reporter');

  // Nothing about incidents was written to the device.
  for (const m of [ngo, company]) {
    const stored = await m.page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toContain(word);
    expect(await m.page.evaluate(() => Object.keys(localStorage).sort())).toEqual(
      expect.arrayContaining(['roundtable.refreshToken']),
    );
    const databases = await m.page.evaluate(async () => (await indexedDB.databases()).length);
    expect(databases).toBe(0);
  }
});
