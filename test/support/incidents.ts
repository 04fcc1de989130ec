import { TestApp, TestUser } from './test-app';

// A valid incident report; override any field.
export function incidentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Protest at the Kasulo gate',
    description: 'About two hundred people blocked the gate; the police dispersed them.',
    occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
    location: { name: 'Kolwezi, Kasulo', lat: -10.71, lng: 25.47 },
    category: 'community_protest',
    severity: 'medium',
    confidentiality: 'group',
    ...overrides,
  };
}

export async function reportIncident(
  t: TestApp,
  user: TestUser,
  groupId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; [k: string]: unknown }> {
  const res = await t
    .api()
    .post(`/api/v1/groups/${groupId}/incidents`)
    .set(user.auth)
    .send(incidentBody(overrides));
  if (res.status !== 201) throw new Error(`report failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

// Every event of the group the user may replay (all pages), or the error status.
export async function replayEvents(
  t: TestApp,
  user: TestUser | null,
  groupId: string,
): Promise<{
  status: number;
  items: { type: string; entityId: string | null; data: Record<string, unknown> }[];
}> {
  const items: { type: string; entityId: string | null; data: Record<string, unknown> }[] = [];
  let after = '0';
  for (;;) {
    const req = t.api().get(`/api/v1/groups/${groupId}/events?after=${after}&limit=200`);
    const res = user ? await req.set(user.auth) : await req;
    if (res.status !== 200) return { status: res.status, items: [] };
    items.push(...res.body.items);
    if (!res.body.nextCursor) return { status: 200, items };
    after = res.body.nextCursor;
  }
}

export function mentionsIncident(
  e: { entityId: string | null; data: Record<string, unknown> },
  incidentId: string,
): boolean {
  return e.entityId === incidentId || e.data?.incidentId === incidentId;
}
