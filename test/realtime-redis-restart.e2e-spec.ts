import { INestApplicationContext } from '@nestjs/common';
import { GroupEventPayload } from '@roundtable/core';
import { EventCursors } from '@roundtable/domain';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { connectedClient, createTestWorker, eventually, RealtimeClient } from './support/realtime';
import { freePort, startRedis, stopRedis } from './support/redis-server';
import {
  addMember,
  createGroup,
  createOrganisation,
  createTestApp,
  registerUser,
  TestApp,
  TestUser,
} from './support/test-app';

// Connections other clients hold to the Redis on `port` (the probe's own excluded).
async function redisConnections(port: number): Promise<number> {
  const probe = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    const list = (await probe.client('LIST')) as string;
    return list.split('\n').filter(Boolean).length - 1;
  } finally {
    probe.disconnect();
  }
}


// A client that follows docs/REALTIME.md: events by id (duplicates dropped), and on `resync` a
// catch-up through GET /events?after= from the cursor of the last event it took.
function followProtocol(t: TestApp, user: TestUser, groupId: string, c: RealtimeClient) {
  const byId = new Map<string, GroupEventPayload>();
  let replays = 0;
  const errors: string[] = [];
  let lastCursor: string | undefined;
  const take = (e: GroupEventPayload) => {
    if (e.groupId !== groupId) return;
    byId.set(e.id, e);
    lastCursor = e.cursor;
  };
  const catchUp = async () => {
    replays++;
    let after = lastCursor ?? '0';
    for (;;) {
      const res = await t
        .api()
        .get(`/api/v1/groups/${groupId}/events?after=${after}&limit=50`)
        .set(user.auth);
      if (res.status !== 200) throw new Error(`replay ${res.status}`);
      (res.body.items as GroupEventPayload[]).forEach(take);
      if (!res.body.nextCursor) return;
      after = res.body.nextCursor;
    }
  };
  c.socket.onAny((name: string, payload: GroupEventPayload) => {
    if (name === 'resync') catchUp().catch((e: Error) => errors.push(e.message));
    else if (name !== 'notification.created') take(payload);
  });
  return {
    ids: () => new Set(byId.keys()),
    has: (pred: (e: GroupEventPayload) => boolean) => [...byId.values()].some(pred),
    replays: () => replays,
    errors,
  };
}

describe('realtime while Redis restarts', () => {
  let redis: ChildProcess;
  let port: number;
  let a: TestApp;
  let b: TestApp;
  let worker: INestApplicationContext;
  const clients: RealtimeClient[] = [];

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const env = { REDIS_URL: `redis://127.0.0.1:${port}` };
    a = await createTestApp(env);
    b = await createTestApp(env);
    worker = await createTestWorker(env);
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await worker?.close();
    await a?.close();
    await b?.close();
    if (redis) await stopRedis(redis);
  });

  it('keeps accepting writes while Redis is down and delivers every event once it is back', async () => {
    const focal = await registerUser(a, 'focal');
    const member = await registerUser(a, 'member');
    const company = await createOrganisation(a, focal, 'company');
    const ngo = await createOrganisation(a, member, 'civil_society');
    const groupId = (await createGroup(a, focal, company.id)).id;
    await addMember(a, groupId, focal, member, ngo.id);
    const patch = async (description: string) => {
      const res = await a.api().patch(`/api/v1/groups/${groupId}`).set(focal.auth).send({ description });
      expect(res.status).toBe(200);
    };

    const onB = await connectedClient(b, member.token);
    const onA = await connectedClient(a, focal.token);
    clients.push(onB, onA);
    const views = [followProtocol(b, member, groupId, onB), followProtocol(a, focal, groupId, onA)];
    await patch('before the outage');
    for (const v of views) await eventually(() => v.has((e) => e.data.description === 'before the outage'));

    const connectionsBefore = await redisConnections(port);
    await stopRedis(redis);
    const during: string[] = [];
    for (let i = 0; i < 5; i++) {
      during.push(`during the outage ${i} ${randomUUID()}`);
      await patch(during[i]);
    }
    // Written to Postgres, not relayed: Redis is gone.
    const pending = await a.ds.query(
      `SELECT count(*)::int AS n FROM group_events WHERE group_id = $1 AND published_at IS NULL AND data->>'description' LIKE 'during the outage%'`,
      [groupId],
    );
    expect(pending[0].n).toBe(5);
    const health = await a.api().get('/health');
    expect(health.status).toBe(503);
    expect(health.body.checks.redis).toBe('down');

    redis = await startRedis(port);
    // The relay retries and publishes the backlog.
    await eventually(
      async () => {
        const [row] = await a.ds.query(
          `SELECT count(*)::int AS n FROM group_events WHERE group_id = $1 AND published_at IS NULL`,
          [groupId],
        );
        return row.n === 0;
      },
      20_000,
      'outbox drained',
    );
    await patch('after the outage');
    // Every event from 'before the outage' to the last, by the id clients see.
    const codec = await a.app.get(EventCursors).get();
    const rows: { id: string; description: string | null }[] = await a.ds.query(
      `SELECT id, data->>'description' AS description FROM group_events WHERE group_id = $1 ORDER BY seq`,
      [groupId],
    );
    const from = rows.findIndex((r) => r.description === 'before the outage');
    const expected = new Set(rows.slice(from).map((r) => codec.id(r.id)));
    for (const v of views) {
      await eventually(
        () => v.has((e) => e.data.description === 'after the outage'),
        20_000,
        'event after the outage',
      );
      for (const d of during) expect(v.has((e) => e.data.description === d)).toBe(true);
      // Every event from the first one received to the last (each once: by id).
      await eventually(() => [...expected].every((id) => v.ids().has(id)));
      expect(v.errors).toEqual([]);
    }
    // Each instance noticed that its subscription was interrupted and told its clients.
    expect(onA.resyncs).toBeGreaterThanOrEqual(1);
    expect(onB.resyncs).toBeGreaterThanOrEqual(1);
    expect(onA.socket.connected && onB.socket.connected).toBe(true);
    // Let every client (BullMQ's blocking ones included) reconnect before the apps close: a
    // BullMQ worker closed while its connection is still reconnecting never finishes closing
    // (taskforcesh/bullmq#4656).
    await eventually(
      async () => (await redisConnections(port)) >= connectionsBefore,
      30_000,
      'clients reconnected',
    );
  });
});
