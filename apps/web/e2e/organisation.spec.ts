import type { APIRequestContext } from '@playwright/test';
import {
  checkScreen,
  createOrganisation,
  devMailHeaders,
  expect,
  PASSWORD,
  registerInBrowser,
  test,
  unique,
  uniqueEmail,
} from './support';

interface ApiUser {
  id: string;
  email: string;
  headers: { Authorization: string };
}

async function apiUser(request: APIRequestContext, label: string): Promise<ApiUser> {
  const email = uniqueEmail(label);
  const reg = await request.post('/api/v1/auth/register', {
    data: { email, password: PASSWORD, displayName: label },
  });
  expect(reg.status()).toBe(201);
  return { ...(await signIn(request, email)), id: ((await reg.json()) as { id: string }).id };
}

async function signIn(request: APIRequestContext, email: string): Promise<ApiUser> {
  const login = await request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  expect(login.status()).toBe(200);
  return {
    id: '',
    email,
    headers: { Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` },
  };
}

async function verifyEmail(request: APIRequestContext, email: string): Promise<void> {
  const res = await request.get(`/api/v1/dev/mail?to=${encodeURIComponent(email)}`, {
    headers: devMailHeaders(),
  });
  const mail = ((await res.json()) as { items: { subject: string; text: string }[] }).items.find((m) =>
    m.subject.startsWith('Confirm your e-mail'),
  );
  const token = /^ {4}(\S+)$/m.exec(mail?.text ?? '')?.[1];
  expect((await request.post('/api/v1/auth/verify-email', { data: { token } })).status()).toBe(200);
}

// Issue 12, screen 3 (part): an organisation's admin confirms who speaks for it and sees every
// group membership in its name.
test('an organisation admin approves who speaks for it and the memberships held in its name', async ({
  browser,
}) => {
  const admin = await registerInBrowser(browser, 'Admin');
  const orgName = await createOrganisation(admin.page, 'Haki Madini', 'Civil society');
  const request = admin.page.request;
  const adminApi = await signIn(request, admin.email);
  const me = (await (await request.get('/api/v1/me', { headers: adminApi.headers })).json()) as {
    affiliations: { organisationName: string; organisationId: string }[];
  };
  const orgId = me.affiliations.find((a) => a.organisationName === orgName)!.organisationId;

  // Someone asks to speak for it.
  const asker = await apiUser(request, 'Asker');
  expect(
    (
      await request.post(`/api/v1/organisations/${orgId}/affiliation-requests`, {
        headers: asker.headers,
        data: { message: 'I coordinate our Kolwezi office.' },
      })
    ).status(),
  ).toBe(201);
  // A focal point of another organisation's group invites someone in its name: that waits for it.
  const focal = await apiUser(request, 'Focal');
  const company = (await (
    await request.post('/api/v1/organisations', {
      headers: focal.headers,
      data: { name: unique('Kamoto'), kind: 'company' },
    })
  ).json()) as { id: string };
  const group = (await (
    await request.post('/api/v1/groups', {
      headers: focal.headers,
      data: {
        name: unique('Lualaba working group'),
        organisationId: company.id,
        timezone: 'Africa/Lubumbashi',
      },
    })
  ).json()) as { id: string; name: string };
  const invitee = await apiUser(request, 'Invitee');
  await verifyEmail(request, invitee.email);
  const invitation = await request.post(`/api/v1/groups/${group.id}/members`, {
    headers: focal.headers,
    data: { email: invitee.email, organisationId: orgId, role: 'member' },
  });
  const invited = (await invitation.json()) as { id: string; status: string };
  expect(invited.status).toBe('pending_organisation');

  // The admin's account page leads to the organisation page.
  const page = admin.page;
  await page.goto('/account');
  await page.getByRole('link', { name: orgName }).click();
  await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
  await expect(page.getByText('I coordinate our Kolwezi office.')).toBeVisible();
  await expect(page.getByText(`${group.name} · Member`)).toBeVisible();
  await checkScreen(page, 'organisation');

  await page.getByRole('button', { name: 'Approve Asker' }).click();
  await expect(page.getByText('No open requests.')).toBeVisible();
  await page.getByRole('button', { name: `Approve Invitee in ${group.name}` }).click();
  await expect(page.getByText('Nothing waits for your approval.')).toBeVisible();

  // The invitee accepts: they now speak for the organisation, with that group membership.
  const accept = await request.post(`/api/v1/me/invitations/${invited.id}/accept`, {
    headers: invitee.headers,
  });
  expect(accept.status()).toBe(200);
  await page.reload();
  const people = page.getByRole('table', {
    name: `People who speak for ${orgName} and their group memberships in its name`,
  });
  await expect(people.getByRole('row', { name: /Asker/ })).toContainText('None');
  await expect(people.getByRole('row', { name: /Invitee/ })).toContainText(`${group.name} · Member (active)`);
  await expect(people.getByRole('row', { name: /Admin/ })).toContainText('Admin');
  await checkScreen(page, 'organisation-people');

  // Someone who does not administer it is told so.
  const outsider = await registerInBrowser(browser, 'Outsider');
  await outsider.page.goto(`/organisations/${orgId}`);
  await expect(outsider.page.getByRole('alert').first()).toBeVisible();
  await expect(outsider.page.getByText('I coordinate our Kolwezi office.')).toHaveCount(0);
});
