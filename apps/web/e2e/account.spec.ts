import { checkScreen, devMailHeaders, expect, PASSWORD, registerInBrowser, test } from './support';

const NEW_PASSWORD = 'a brand new passphrase 42';

// docs/SESSIONS.md: forgot password → e-mail → reset → sign in; the account page's sessions.
test('forgot password, reset from the e-mailed link, sign in; sessions on the account page', async ({
  browser,
}) => {
  const person = await registerInBrowser(browser, 'Forgetful');
  // A second session of the same person, in another browser.
  const other = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const otherPage = await other.newPage();
  await otherPage.goto('/sign-in');
  await otherPage.getByLabel('E-mail address').fill(person.email);
  await otherPage.getByLabel('Password').fill(PASSWORD);
  await otherPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(otherPage.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();

  // The account page lists both sessions; sign the other one out.
  const page = person.page;
  await page.getByRole('link', { name: 'My account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  await expect(page.getByText('This session', { exact: true })).toBeVisible();
  const end = page.getByRole('button', { name: /^Sign out this session \(/ });
  await expect(end).toHaveCount(1);
  await checkScreen(page, 'account');
  await end.click();
  await expect(end).toHaveCount(0);
  // The other browser is signed out at its next request.
  await otherPage.reload();
  await expect(otherPage.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

  // Signed out in this browser too, then "Forgot your password?".
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Forgot your password?' })).toBeVisible();
  await checkScreen(page, 'forgot-password');
  await page.getByLabel('E-mail address').fill(person.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(
    page.getByRole('status').getByText(/a link to choose a new password is on its way/),
  ).toBeVisible();

  // The e-mail, from the development inbox (no SMTP_URL in the e2e setup).
  let link = '';
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/v1/dev/mail?to=${encodeURIComponent(person.email)}`, {
        headers: devMailHeaders(),
      });
      const body = (await res.json()) as { items: { subject: string; text: string }[] };
      const mail = body.items.find((m) => m.subject === 'Reset your Roundtable password');
      link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail?.text ?? '')?.[0] ?? '';
      return link;
    })
    .not.toBe('');
  const url = new URL(link);
  await page.goto(`${url.pathname}${url.search}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  // The token left the address bar.
  await expect.poll(() => new URL(page.url()).search).toBe('');
  await checkScreen(page, 'reset-password');
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByText('Your password is changed. Sign in with the new one.')).toBeVisible();

  // The link worked once.
  await page.goto(`${url.pathname}${url.search}`);
  await page.getByLabel('New password').fill('yet another passphrase 7');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByRole('alert').getByText(/not valid any more/)).toBeVisible();

  // Sign in with the new password.
  await page.goto('/sign-in');
  await page.getByLabel('E-mail address').fill(person.email);
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await other.close();
});
