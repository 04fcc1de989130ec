import { addMember, createGroup, createOrganisation, registerUser, TestApp, TestUser } from './test-app';

// A working group with one person per standing that agendas and minutes care about.
export interface GroupFixture {
  group: { id: string; name: string; timezone: string };
  focal: TestUser;
  coChair: TestUser;
  member: TestUser;
  observer: TestUser;
  outsider: TestUser;
  orgs: { company: string; ngo: string; police: string };
  memberIds: { focal: string; coChair: string; member: string; observer: string };
}

export async function groupFixture(t: TestApp): Promise<GroupFixture> {
  const focal = await registerUser(t, 'focal');
  const coChair = await registerUser(t, 'cochair');
  const member = await registerUser(t, 'member');
  const observer = await registerUser(t, 'observer');
  const outsider = await registerUser(t, 'outsider');
  const company = await createOrganisation(t, focal, 'company', 'Mining Co');
  const ngo = await createOrganisation(t, focal, 'civil_society', 'Rights NGO');
  const police = await createOrganisation(t, focal, 'public_security', 'Police');
  const group = await createGroup(t, focal, company.id);
  const [{ id: focalMemberId }] = await t.ds.query(
    `SELECT id FROM memberships WHERE group_id = $1 AND user_id = $2`,
    [group.id, focal.id],
  );
  const coChairMemberId = await addMember(t, group.id, focal, coChair, ngo.id);
  const memberId = await addMember(t, group.id, focal, member, police.id);
  const observerId = await addMember(t, group.id, focal, observer, police.id, 'observer');
  // The co-chairs API is built on another branch: appoint directly.
  await t.ds.query(
    `INSERT INTO co_chair_terms (group_id, membership_id, organisation_id, constituency) VALUES ($1, $2, $3, 'civil_society')`,
    [group.id, coChairMemberId, ngo.id],
  );
  return {
    group,
    focal,
    coChair,
    member,
    observer,
    outsider,
    orgs: { company: company.id, ngo: ngo.id, police: police.id },
    memberIds: { focal: focalMemberId, coChair: coChairMemberId, member: memberId, observer: observerId },
  };
}

// The meetings API is built on another branch: insert meetings directly.
export async function insertMeeting(
  t: TestApp,
  groupId: string,
  startsAt: string,
  extra: { seriesId?: string; status?: string; title?: string } = {},
): Promise<string> {
  const start = new Date(startsAt);
  const [row] = await t.ds.query(
    `INSERT INTO meetings (group_id, series_id, occurrence_key, title, starts_at, ends_at, timezone, status)
     VALUES ($1, $2, CASE WHEN $2::uuid IS NOT NULL THEN $4::timestamptz END, $3, $4, $5, 'Africa/Lubumbashi', $6) RETURNING id`,
    [
      groupId,
      extra.seriesId ?? null,
      extra.title ?? 'Monthly security and human rights meeting',
      start,
      new Date(start.getTime() + 2 * 3600_000),
      extra.status ?? 'scheduled',
    ],
  );
  return row.id;
}

export async function insertSeries(t: TestApp, groupId: string): Promise<string> {
  const [row] = await t.ds.query(
    `INSERT INTO meeting_series (group_id, title, rrule, start_date, start_time, timezone, duration_minutes)
     VALUES ($1, 'Monthly meeting', 'FREQ=MONTHLY;BYDAY=1TU', '2027-01-05', '10:00', 'Africa/Lubumbashi', 120) RETURNING id`,
    [groupId],
  );
  return row.id;
}

export async function insertIncident(
  t: TestApp,
  groupId: string,
  reporter: TestUser,
  organisationId: string,
  opts: {
    title: string;
    confidentiality?: 'group' | 'restricted';
    createdAt?: string;
    sharedWith?: string[];
  },
): Promise<string> {
  const [row] = await t.ds.query(
    `INSERT INTO incidents (group_id, reporter_user_id, reporter_organisation_id, title, description, occurred_at, location_name,
       category, severity, confidentiality, created_at)
     VALUES ($1, $2, $3, $4, 'Details of ' || $4, now() - interval '1 day', 'Kolwezi', 'community_protest', 'high', $5, coalesce($6::timestamptz, now()))
     RETURNING id`,
    [
      groupId,
      reporter.id,
      organisationId,
      opts.title,
      opts.confidentiality ?? 'group',
      opts.createdAt ?? null,
    ],
  );
  for (const org of opts.sharedWith ?? []) {
    await t.ds.query(`INSERT INTO incident_shares (incident_id, organisation_id) VALUES ($1, $2)`, [
      row.id,
      org,
    ]);
  }
  return row.id;
}

export async function insertRecommendation(
  t: TestApp,
  groupId: string,
  opts: { title: string; dueDate: string; status?: string; meetingId?: string; organisationIds?: string[] },
): Promise<string> {
  const [row] = await t.ds.query(
    // completed_at is set exactly when the status is terminal (a table constraint).
    `INSERT INTO recommendations (group_id, meeting_id, title, due_date, priority, status, completed_at)
     VALUES ($1, $2, $3, $4, 'high', $5, CASE WHEN $5 IN ('open','in_progress') THEN NULL ELSE now() END) RETURNING id`,
    [groupId, opts.meetingId ?? null, opts.title, opts.dueDate, opts.status ?? 'open'],
  );
  for (const org of opts.organisationIds ?? []) {
    await t.ds.query(
      `INSERT INTO recommendation_organisations (recommendation_id, organisation_id) VALUES ($1, $2)`,
      [row.id, org],
    );
  }
  return row.id;
}

export async function eventsOf(
  t: TestApp,
  groupId: string,
  type: string,
): Promise<{ entity_id: string; data: Record<string, unknown> }[]> {
  return t.ds.query(
    `SELECT entity_id, data FROM group_events WHERE group_id = $1 AND type = $2 ORDER BY seq`,
    [groupId, type],
  );
}

export async function auditOf(
  t: TestApp,
  groupId: string,
  action: string,
): Promise<{ entity_id: string; actor_user_id: string }[]> {
  return t.ds.query(
    `SELECT entity_id, actor_user_id FROM audit_events WHERE group_id = $1 AND action = $2 ORDER BY id`,
    [groupId, action],
  );
}
