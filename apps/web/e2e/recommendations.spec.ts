import { setUpCast } from './cast';
import { checkScreen, expect, test, unique } from './support';

// Issue 13, recommendations: one goes from open to implemented with progress and an impact
// assessment, and the summary changes accordingly; the tracker, the printable report, the audit
// log and the dashboard along the way.
test('a recommendation goes from open to implemented, and the summary follows', async ({ browser }) => {
  test.setTimeout(540_000); // four people in four browsers on a shared 2-core machine
  const cast = await setUpCast(browser, { companyCoChair: true });
  const { focal, ngo, company, police, groupId } = cast;
  const page = focal.page;
  const base = `/groups/${groupId}/recommendations`;

  await page.goto(`${base}/summary`);
  await expect(page.getByTestId('summary-total')).toHaveText('0');
  await expect(page.getByTestId('summary-rate')).toHaveText('—');

  // Created by the focal point: one due later, one already overdue.
  const title = unique('Train mine security guards on the use-of-force protocol');
  const late = unique('Publish the grievance mechanism');
  await page.goto(base);
  await expect(page.getByText('No recommendation matches.')).toBeVisible();
  for (const [name, organisation, due] of [
    [title, ngo.organisation.name, '2030-06-30'],
    [late, police.organisation.name, '2026-01-31'],
  ] as const) {
    await page.getByRole('button', { name: 'New recommendation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New recommendation' });
    await dialog.getByLabel('Recommendation', { exact: true }).fill(name);
    await dialog.getByRole('group', { name: 'Responsible organisations' }).getByLabel(organisation).check();
    await dialog.getByLabel('Due date', { exact: true }).fill(due);
    await dialog.getByLabel('Priority', { exact: true }).selectOption({ label: 'High priority' });
    if (name === title) await checkScreen(page, 'recommendation-new');
    await dialog.getByRole('button', { name: 'Create the recommendation' }).click();
    await expect(dialog).toBeHidden();
  }
  const tracker = page.getByRole('list', { name: 'Recommendations' });
  const lateCard = tracker.locator('li', { hasText: late });
  await expect(lateCard.getByText('Overdue', { exact: true })).toBeVisible();
  await expect(tracker.locator('li', { hasText: title }).getByText('Overdue', { exact: true })).toHaveCount(
    0,
  );
  await page.getByLabel('Overdue', { exact: true }).selectOption({ label: 'Overdue only' });
  await expect(tracker.getByRole('link', { name: late })).toBeVisible();
  await expect(tracker.getByRole('link', { name: title })).toHaveCount(0);
  await page.getByLabel('Overdue', { exact: true }).selectOption({ label: 'Any' });
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: ngo.organisation.name });
  await expect(tracker.getByRole('link', { name: title })).toBeVisible();
  await expect(tracker.getByRole('link', { name: late })).toHaveCount(0);
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Any' });
  await expect(tracker.getByRole('link', { name: late })).toBeVisible();
  await checkScreen(page, 'recommendations');

  await page.getByRole('link', { name: 'Summary and report' }).click();
  await expect(page.getByTestId('summary-total')).toHaveText('2');
  await expect(page.getByTestId('summary-overdue')).toHaveText('1');
  await expect(page.getByTestId('summary-rate')).toHaveText('—');

  // The NGO (responsible) reports progress with evidence, then implementation.
  await ngo.page.goto(base);
  await ngo.page.getByRole('link', { name: title }).click();
  await expect(ngo.page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await ngo.page.getByLabel('Progress note', { exact: true }).fill('Two of four training sessions held.');
  await ngo.page.getByLabel('Status', { exact: true }).selectOption({ label: 'In progress' });
  await ngo.page.getByLabel('Progress (%)', { exact: true }).fill('50');
  await ngo.page
    .getByLabel('Evidence links', { exact: true })
    .fill('https://example.org/training-report.pdf');
  await ngo.page.getByRole('button', { name: 'Report progress' }).click();
  const timeline = ngo.page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByText('Open → In progress')).toBeVisible();
  await expect(timeline.getByText('Progress 0% → 50%')).toBeVisible();
  await expect(timeline.getByRole('link', { name: 'https://example.org/training-report.pdf' })).toBeVisible();
  await checkScreen(ngo.page, 'recommendation-detail');
  await ngo.page
    .getByLabel('Progress note', { exact: true })
    .fill('All four sessions held; attendance lists attached.');
  await ngo.page.getByLabel('Status', { exact: true }).selectOption({ label: 'Implemented' });
  await ngo.page.getByRole('button', { name: 'Report progress' }).click();
  await expect(timeline.getByText('In progress → Implemented')).toBeVisible();
  await expect(ngo.page.getByText(/this recommendation is closed/i)).toBeVisible();
  // Not a co-chair: no impact form.
  await expect(ngo.page.getByRole('button', { name: 'Record the impact' })).toHaveCount(0);

  // The company co-chair assesses the impact (live: the detail refreshed on the event).
  await company.page.goto(`${base}`);
  await company.page.getByRole('link', { name: title }).click();
  await expect(company.page.getByText('Not assessed yet.')).toBeVisible();
  await company.page.getByLabel('Impact', { exact: true }).selectOption({ label: 'High impact' });
  await company.page
    .getByLabel('What changed, and how you know', { exact: true })
    .fill('No use-of-force incident reported since.');
  await company.page.getByRole('button', { name: 'Record the impact' }).click();
  await expect(
    company.page.getByText('Current assessment: High impact — No use-of-force incident reported since.'),
  ).toBeVisible();
  await expect(
    ngo.page.getByText('Current assessment: High impact — No use-of-force incident reported since.'),
  ).toBeVisible();

  // The summary changes: one implemented of one closed.
  await expect(page.getByTestId('summary-rate')).toHaveText('100 %');
  await expect(page.getByTestId('summary-overdue')).toHaveText('1');
  await expect(page.getByTestId('summary-median')).toHaveText(/days$/);
  const byOrg = page.getByTestId('summary-by-organisation');
  await expect(byOrg.getByRole('row', { name: new RegExp(ngo.organisation.name) })).toContainText('100 %');
  await checkScreen(page, 'recommendations-summary');
  // The printable one-page report: navigation hidden, the report's heading shown.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Group' })).toBeHidden();
  await expect(
    page.getByRole('heading', { name: `Follow-up of recommendations — ${cast.groupName}` }),
  ).toBeVisible();
  await checkScreen(page, 'recommendations-report-print');
  await page.emulateMedia({ media: 'screen' });

  // Audit log (focal point and co-chairs only) and the dashboard.
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('cell', { name: 'Recommendation created' }).first()).toBeVisible();
  await checkScreen(page, 'audit');
  await police.page.goto(`/groups/${groupId}`);
  await expect(police.page.getByRole('link', { name: 'Recommendations' })).toBeVisible();
  await expect(police.page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('dashboard-overdue')).toContainText('1');
  await expect(
    page.getByRole('region', { name: 'Overdue and due this month' }).getByRole('link', { name: late }),
  ).toBeVisible();
});
