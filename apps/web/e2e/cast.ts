import type { APIRequestContext, Browser } from '@playwright/test';
import { expect, PASSWORD, registerInBrowser, unique, type Person } from './support';

// A working group with its cast, set up through the API (the set-up screens are proven by
// foundation.spec.ts), each person signed in in a browser of their own.
export interface Member extends Person {
  token: string;
  organisation: { id: string; name: string };
}

export interface Cast {
  groupId: string;
  groupName: string;
  focal: Member; // focal point, of the secretariat (host government)
  ngo: Member; // civil society
  company: Member; // a company; appointed co-chair when asked
  police: Member; // public security
  call: (
    who: Member,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    path: string,
    data?: unknown,
  ) => Promise<unknown>;
}

async function login(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export async function setUpCast(browser: Browser, { companyCoChair = false } = {}): Promise<Cast> {
  const call: Cast['call'] = async (who, method, path, data) => {
    const res = await who.page.request.fetch(path, {
      method,
      headers: { Authorization: `Bearer ${who.token}` },
      ...(data === undefined ? {} : { data }),
    });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
    return res.status() === 204 ? null : res.json();
  };
  const person = async (label: string, kind: string): Promise<Member> => {
    const p = await registerInBrowser(browser, label);
    const token = await login(p.page.request, p.email);
    const m = { ...p, token, organisation: { id: '', name: unique(`${label} org`) } };
    const org = (await call(m, 'POST', '/api/v1/organisations', { name: m.organisation.name, kind })) as {
      id: string;
    };
    m.organisation.id = org.id;
    return m;
  };
  const focal = await person('Focal', 'host_government');
  const ngo = await person('Haki', 'civil_society');
  const company = await person('Kamoto', 'company');
  const police = await person('Police', 'public_security');
  const groupName = unique('Lubumbashi security and human rights');
  const group = (await call(focal, 'POST', '/api/v1/groups', {
    name: groupName,
    organisationId: focal.organisation.id,
    timezone: 'Africa/Lubumbashi',
  })) as { id: string };
  for (const m of [ngo, company, police]) {
    const invite = (await call(focal, 'POST', `/api/v1/groups/${group.id}/members`, {
      email: m.email,
      organisationId: m.organisation.id,
      role: 'member',
    })) as { id: string };
    await call(m, 'POST', `/api/v1/me/invitations/${invite.id}/accept`);
  }
  if (companyCoChair) {
    const members = (await call(focal, 'GET', `/api/v1/groups/${group.id}/members?limit=200`)) as {
      items: { id: string; organisation: { id: string } }[];
    };
    const memberId = members.items.find((x) => x.organisation.id === company.organisation.id)?.id;
    await call(focal, 'POST', `/api/v1/groups/${group.id}/co-chairs`, { memberId, constituency: 'company' });
  }
  return { groupId: group.id, groupName, focal, ngo, company, police, call };
}
