import { INestApplicationContext } from '@nestjs/common';
import { AccessTokenService, GroupEventPayload } from '@roundtable/core';
import { ChangeRecorder, EventCursors } from '@roundtable/domain';
import { randomUUID } from 'node:crypto';
import {
  connectClient,
  connected,
  connectedClient,
  createTestWorker,
  eventually,
  RealtimeClient,
} from './support/realtime';
import {
  addMember,
  createGroup,
  affiliate,
  createOrganisation,
  createTestApp,
  registerUser,
  TestApp,
  TestUser,
} from './support/test-app';

const ALLOWED_ORIGIN = 'https://app.roundtable.example';

// Two API instances (A and B) and a worker against the shared test Postgres and Redis.
describe('realtime across instances', () => {
  let a: TestApp;
  let b: TestApp;
  let worker: INestApplicationContext;
  const clients: RealtimeClient[] = [];
  let focal: TestUser; // company, focal point
  let ngo: TestUser; // civil society member
  let police: TestUser; // public security member
  let orgs: { company: string; ngo: string; police: string };
  let groupId: string;

  const client = async (t: TestApp, user: TestUser) => {
    const c = await connectedClient(t, user.token);
    clients.push(c);
    return c;
  };
  const patchGroup = async (t: TestApp, user: TestUser, gid: string, description: string) => {
    const res = await t.api().patch(`/api/v1/groups/${gid}`).set(user.auth).send({ description });
    expect(res.status).toBe(200);
    return description;
  };
  const groupUpdate = (c: RealtimeClient, description: string) => () =>
    c.received.find((e) => e.type === 'group.updated' && e.data.description === description);

  beforeAll(async () => {
    a = await createTestApp({ CORS_ORIGINS: ALLOWED_ORIGIN });
    b = await createTestApp({ CORS_ORIGINS: ALLOWED_ORIGIN });
    worker = await createTestWorker();
    focal = await registerUser(a, 'focal');
    ngo = await registerUser(a, 'ngo');
    police = await registerUser(a, 'police');
    orgs = {
      company: (await createOrganisation(a, focal, 'company')).id,
      ngo: (await createOrganisation(a, ngo, 'civil_society')).id,
      police: (await createOrganisation(a, police, 'public_security')).id,
    };
    groupId = (await createGroup(a, focal, orgs.company)).id;
    await addMember(a, groupId, focal, ngo, orgs.ngo);
    await addMember(a, groupId, focal, police, orgs.police);
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await worker?.close();
    await a?.close();
    await b?.close();
  });

  it('delivers an event caused through instance A to a socket on instance B, as {id, cursor, type, groupId, entityId, at, data}', async () => {
    const onB = await client(b, ngo);
    const onA = await client(a, police);
    const description = await patchGroup(a, focal, groupId, `agenda ${randomUUID()}`);
    const event = await eventually(groupUpdate(onB, description));
    expect(event).toEqual({
      id: expect.stringMatching(/^[\w-]{22}$/),
      cursor: expect.stringMatching(/^[\w-]+$/),
      type: 'group.updated',
      groupId,
      entityId: groupId,
      at: expect.any(String),
      data: { description },
    });
    expect(new Date(event.at).toISOString()).toBe(event.at);
    await eventually(groupUpdate(onA, description));
    // The outbox row is marked published once relayed.
    const [row] = await a.ds.query(`SELECT published_at FROM group_events WHERE id = $1`, [
      await rowIdOf(a, groupId, event.id),
    ]);
    expect(row.published_at).not.toBeNull();
  });

  it('delivers concurrent changes from both instances in commit order, and replay has the same ones', async () => {
    const c = await client(b, police);
    const mark = await patchGroup(a, focal, groupId, `mark ${randomUUID()}`);
    const start = await eventually(groupUpdate(c, mark));
    const run = randomUUID();
    const descriptions = Array.from({ length: 20 }, (_, i) => `concurrent ${run} ${i}`);
    await Promise.all(descriptions.map((d, i) => patchGroup(i % 2 ? a : b, focal, groupId, d)));
    await eventually(
      () => descriptions.every((d) => c.received.some((e) => e.data.description === d)),
      20_000,
      'all concurrent events',
    );
    const mine = c.received.filter((e) => e.groupId === groupId);
    const arrived = mine.slice(mine.findIndex((e) => e.id === start.id) + 1).map((e) => e.id);
    expect(new Set(arrived).size).toBe(arrived.length);
    const replay = await a
      .api()
      .get(`/api/v1/groups/${groupId}/events?after=${start.cursor}&limit=200`)
      .set(police.auth);
    // Replay is in commit order (seq); the socket delivered the same events in the same order.
    const replayed = replay.body.items.map((e: GroupEventPayload) => e.id);
    expect(arrived).toEqual(replayed.slice(0, arrived.length));
    expect(await seqOrder(a, groupId, replayed)).toBe(true);
    expect(replay.body.items.map((e: GroupEventPayload) => e.data.description)).toEqual(
      expect.arrayContaining(descriptions),
    );
  });

  it('delivers events written while no worker was running once a worker starts', async () => {
    const c = await client(b, ngo);
    await worker.close();
    const description = await patchGroup(a, focal, groupId, `while the worker was down ${randomUUID()}`);
    const [row] = await a.ds.query(
      `SELECT id, published_at FROM group_events WHERE group_id = $1 AND data->>'description' = $2`,
      [groupId, description],
    );
    expect(row.published_at).toBeNull();
    worker = await createTestWorker();
    const e = await eventually(groupUpdate(c, description));
    expect(e.id).toBe((await a.app.get(EventCursors).get()).id(row.id));
  });

  it('does not deliver events of another group', async () => {
    const outsider = await registerUser(a, 'outsider');
    const otherOrg = await createOrganisation(a, outsider, 'company');
    const otherGroup = (await createGroup(a, outsider, otherOrg.id)).id;
    const out = await client(b, outsider);
    const mine = await client(a, ngo);
    const secret = await patchGroup(a, focal, groupId, `not for outsiders ${randomUUID()}`);
    await eventually(groupUpdate(mine, secret));
    // The relay publishes in id order: once the later event of the outsider's group arrives, the
    // earlier one would have too, had it been routed there.
    const sentinel = await patchGroup(a, outsider, otherGroup, `sentinel ${randomUUID()}`);
    await eventually(groupUpdate(out, sentinel));
    expect(out.received.map((e) => e.groupId)).not.toContain(groupId);
    expect(mine.received.map((e) => e.groupId)).not.toContain(otherGroup);
  });

  it('ignores client attempts to join rooms', async () => {
    const outsider = await registerUser(a, 'intruder');
    const c = await client(a, outsider);
    const answer = await c.socket.timeout(5000).emitWithAck('join', `group:${groupId}`);
    expect(answer).toEqual(expect.objectContaining({ error: 'forbidden' }));
    await patchGroup(a, focal, groupId, `after join attempt ${randomUUID()}`);
    const member = await client(a, police);
    const sentinel = await patchGroup(a, focal, groupId, `sentinel ${randomUUID()}`);
    await eventually(groupUpdate(member, sentinel));
    expect(c.received.filter((e) => e.groupId === groupId)).toEqual([]);
  });

  it('sends restricted incident events only to the sockets of entitled organisations', async () => {
    const onFocal = await client(a, focal);
    const onNgo = await client(b, ngo);
    const onPolice = await client(b, police);
    const restricted = await insertIncident(a, groupId, ngo, orgs.ngo, 'restricted', [orgs.police]);
    const groupWide = await insertIncident(a, groupId, police, orgs.police, 'group', []);
    const r = await recordIncidentEvent(a, groupId, restricted, ngo.id);
    const g = await recordIncidentEvent(a, groupId, groupWide, police.id);
    const has = (c: RealtimeClient, id: string) => () => c.received.some((e) => e.id === id);
    await eventually(has(onNgo, r.id));
    await eventually(has(onPolice, r.id));
    // The group-wide incident's event comes later (higher id): once the focal point has it, the
    // restricted one would already have arrived if it had been sent to the whole group.
    await eventually(has(onFocal, g.id));
    await eventually(has(onNgo, g.id));
    expect(onFocal.received.map((e) => e.id)).not.toContain(r.id);
    expect(onFocal.received.filter((e) => e.entityId === restricted)).toEqual([]);
    // The same rule holds for replay.
    const replayFocal = await a
      .api()
      .get(`/api/v1/groups/${groupId}/events?after=${await cursorBefore(a, groupId, r.seq)}`)
      .set(focal.auth);
    expect(replayFocal.body.items.map((e: GroupEventPayload) => e.id)).toEqual([g.id]);
    const replayNgo = await b
      .api()
      .get(`/api/v1/groups/${groupId}/events?after=${await cursorBefore(a, groupId, r.seq)}`)
      .set(ngo.auth);
    expect(replayNgo.body.items.map((e: GroupEventPayload) => e.id)).toEqual([r.id, g.id]);
  });

  it('lets a client disconnected while events happen recover all of them, in order, through replay', async () => {
    const c = await client(b, police);
    const first = await patchGroup(a, focal, groupId, `before disconnect ${randomUUID()}`);
    const last = await eventually(groupUpdate(c, first));
    c.close();
    const missed: string[] = [];
    for (let i = 0; i < 5; i++)
      missed.push(await patchGroup(a, focal, groupId, `missed ${i} ${randomUUID()}`));
    // Catch up page by page, as a reconnecting client does.
    const got: GroupEventPayload[] = [];
    let after = last.cursor;
    for (;;) {
      const res = await b
        .api()
        .get(`/api/v1/groups/${groupId}/events?after=${after}&limit=2`)
        .set(police.auth);
      expect(res.status).toBe(200);
      got.push(...res.body.items);
      if (!res.body.nextCursor) break;
      after = res.body.nextCursor;
    }
    expect(got.map((e) => e.data.description)).toEqual(missed);

    // A reconnected socket receives what happens next.
    const again = await client(b, police);
    const next = await patchGroup(a, focal, groupId, `after reconnect ${randomUUID()}`);
    const e = await eventually(groupUpdate(again, next));
    expect(e.data.description).toBe(next);
    expect(got.map((x) => x.id)).not.toContain(e.id);
  });

  it("stops delivering a group's events to a member as soon as the membership ends, and starts when one joins", async () => {
    const leaver = await registerUser(a, 'leaver');
    const memberId = await addMember(a, groupId, focal, leaver, orgs.ngo);
    const onLeaver = await client(b, leaver);
    const onFocal = await client(a, focal);
    const before = await patchGroup(a, focal, groupId, `still a member ${randomUUID()}`);
    await eventually(groupUpdate(onLeaver, before));
    // A restricted incident of the leaver's organisation: its events go to the organisation room.
    const incident = await insertIncident(a, groupId, ngo, orgs.ngo, 'restricted', []);
    const end = await a.api().delete(`/api/v1/groups/${groupId}/members/${memberId}`).set(focal.auth);
    expect(end.status).toBe(200);
    const after = await patchGroup(a, focal, groupId, `no longer a member ${randomUUID()}`);
    const r = await recordIncidentEvent(a, groupId, incident, ngo.id);
    const onNgo = await client(a, ngo);
    const sentinel = await patchGroup(a, focal, groupId, `sentinel ${randomUUID()}`);
    await eventually(groupUpdate(onFocal, after));
    await eventually(groupUpdate(onFocal, sentinel));
    await eventually(groupUpdate(onNgo, sentinel));
    expect(onLeaver.socket.connected).toBe(true);
    const seen = onLeaver.received
      .filter((e) => e.groupId === groupId)
      .map((e) => e.data.description ?? e.type);
    expect(seen).toContain(before);
    expect(seen).not.toContain(after);
    expect(seen).not.toContain(sentinel);
    expect(onLeaver.received.map((e) => e.id)).not.toContain(r.id);

    // Joining: a socket connected before accepting starts receiving without reconnecting.
    const joiner = await registerUser(a, 'joiner');
    const onJoiner = await client(b, joiner);
    await addMember(a, groupId, focal, joiner, orgs.police);
    await eventually(() =>
      onJoiner.received.find((e) => e.type === 'member.joined' && e.data.userId === joiner.id),
    );
    const welcome = await patchGroup(a, focal, groupId, `welcome ${randomUUID()}`);
    await eventually(groupUpdate(onJoiner, welcome));
  });

  it("pushes a new notification to its user's sockets only, on any instance", async () => {
    const invitee = await registerUser(a, 'invitee');
    // The invitee speaks for the police (whose admin is not watching), so the invitation is one.
    await affiliate(a, orgs.police, invitee);
    const onB = await client(b, invitee);
    const onA = await client(a, invitee);
    const bystander = await client(b, ngo);
    const res = await a
      .api()
      .post(`/api/v1/groups/${groupId}/members`)
      .set(focal.auth)
      .send({ email: invitee.email, organisationId: orgs.police, role: 'member' });
    expect(res.status).toBe(201);
    for (const c of [onA, onB]) {
      const n = await eventually(() => c.notifications.find((x) => x.entityId === res.body.id));
      expect(n).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          type: 'member.invited',
          title: expect.stringContaining('invited'),
        }),
      );
    }
    // The bystander gets the group's member.invited event, but not the invitee's notification.
    await eventually(() =>
      bystander.received.find((e) => e.type === 'member.invited' && e.entityId === res.body.id),
    );
    expect(bystander.notifications).toEqual([]);
    // The relay marks the push in the transaction that published it: the socket can be faster
    // than that commit.
    await eventually(async () => {
      const [row] = await a.ds.query(`SELECT pushed_at FROM notifications WHERE entity_id = $1`, [
        res.body.id,
      ]);
      return row.pushed_at !== null;
    });
  });

  it('refuses a bad, missing or expired token with connect_error "unauthorized"', async () => {
    const expired = a.app
      .get(AccessTokenService)
      .sign({ id: focal.id, email: focal.email, sid: randomUUID() }, -60);
    const refresh = focal.refreshToken;
    for (const token of ['not-a-token', undefined, expired, refresh, focal.token.slice(0, -2) + 'xx']) {
      const c = connectClient(b, token);
      clients.push(c);
      await expect(connected(c)).rejects.toThrow('unauthorized');
      expect(c.socket.connected).toBe(false);
    }
  });

  it('disconnects a socket when its access token expires', async () => {
    const shortLived = a.app
      .get(AccessTokenService)
      .sign({ id: ngo.id, email: ngo.email, sid: randomUUID() }, 2);
    const c = connectClient(b, shortLived);
    clients.push(c);
    const reason = new Promise<string>((resolve) => c.socket.once('disconnect', (r) => resolve(r)));
    await connected(c);
    await expect(reason).resolves.toBe('io server disconnect');
  });

  it('refuses a browser origin that is not allowed and accepts an allowed one', async () => {
    const evil = connectClient(a, focal.token, { origin: 'https://evil.example' });
    clients.push(evil);
    await expect(connected(evil)).rejects.toThrow();
    expect(evil.socket.connected).toBe(false);
    const good = connectClient(a, focal.token, { origin: ALLOWED_ORIGIN });
    clients.push(good);
    await connected(good);
    expect(good.socket.connected).toBe(true);
  });

  it('drops a client that sends an oversized packet', async () => {
    const c = await client(a, focal);
    const closed = new Promise<string>((resolve) => c.socket.once('disconnect', (reason) => resolve(reason)));
    c.socket.emit('message', 'x'.repeat(100 * 1024));
    await expect(closed).resolves.toEqual(expect.any(String));
    expect(c.socket.connected).toBe(false);
  });
});

// The incidents API belongs to another feature; rows are written directly.
async function insertIncident(
  t: TestApp,
  groupId: string,
  reporter: TestUser,
  orgId: string,
  confidentiality: string,
  sharedWith: string[],
): Promise<string> {
  const [row] = await t.ds.query(
    `INSERT INTO incidents (group_id, reporter_user_id, reporter_organisation_id, title, description, occurred_at, location_name, category, severity, confidentiality)
     VALUES ($1, $2, $3, 'Roadblock at the mine gate', 'details', now(), 'Kolwezi', 'community_protest', 'high', $4) RETURNING id`,
    [groupId, reporter.id, orgId, confidentiality],
  );
  for (const org of sharedWith)
    await t.ds.query(`INSERT INTO incident_shares (incident_id, organisation_id) VALUES ($1, $2)`, [
      row.id,
      org,
    ]);
  return row.id;
}

// The event as a client sees it (opaque id), with its internal seq for the replay cursor below.
async function recordIncidentEvent(
  t: TestApp,
  groupId: string,
  incidentId: string,
  actor: string,
): Promise<{ id: string; seq: number }> {
  const codec = await t.app.get(EventCursors).get();
  const recorded = await t.ds.transaction((em) =>
    t.app.get(ChangeRecorder).record(em, {
      groupId,
      type: 'incident.reported',
      entityType: 'incident',
      entityId: incidentId,
      actorUserId: actor,
      data: { incidentId, title: 'Roadblock at the mine gate' },
      incidentId,
    }),
  );
  return { id: codec.id(recorded.id), seq: recorded.seq };
}

// A replay cursor just before the event with this seq (made by the server's own codec).
async function cursorBefore(t: TestApp, groupId: string, seq: number): Promise<string> {
  return (await t.app.get(EventCursors).get()).cursor(groupId, seq - 1);
}

async function rowIdOf(t: TestApp, groupId: string, eventId: string): Promise<string | undefined> {
  const codec = await t.app.get(EventCursors).get();
  const rows: { id: string }[] = await t.ds.query(`SELECT id FROM group_events WHERE group_id = $1`, [
    groupId,
  ]);
  return rows.find((r) => codec.id(r.id) === eventId)?.id;
}

// Whether these client-visible ids are in strictly increasing seq order, with none left out.
async function seqOrder(t: TestApp, groupId: string, ids: string[]): Promise<boolean> {
  const codec = await t.app.get(EventCursors).get();
  const rows: { id: string; seq: string }[] = await t.ds.query(
    `SELECT id, seq FROM group_events WHERE group_id = $1 ORDER BY seq`,
    [groupId],
  );
  const all = rows.map((r) => codec.id(r.id));
  const first = all.indexOf(ids[0]);
  return first >= 0 && all.slice(first, first + ids.length).join() === ids.join();
}
