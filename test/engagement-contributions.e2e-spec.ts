/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { INestApplicationContext } from '@nestjs/common';
import { agreementWorld, AgreementWorld } from './support/agreements';
import { replayEvents } from './support/incidents';
import { connectedClient, createTestWorker, eventually, RealtimeClient } from './support/realtime';
import { createTestApp, expectProblem, TestApp, TestUser } from './support/test-app';

// The contributions register: `parties` entries are seen only by the contributing and the
// receiving organisation; lists, summaries and events count only what the caller may see.
describe('engagement: contributions', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let w: AgreementWorld;
  let ids: Record<string, string>;

  const get = (path: string, u: TestUser) => t.api().get(`/api/v1${path}`).set(u.auth);
  const contribute = (u: TestUser, body: Record<string, unknown>) =>
    t
      .api()
      .post(`/api/v1/groups/${w.groupId}/contributions`)
      .set(u.auth)
      .send({
        recipientOrganisationId: w.orgs.police,
        kind: 'allowance',
        description: 'Food allowance for 40 officers at the Kasulo camp',
        periodFrom: '2026-01-01',
        periodTo: '2026-03-31',
        disclosure: 'group',
        ...body,
      });
  const listed = async (u: TestUser) => {
    const res = await get(`/groups/${w.groupId}/contributions?limit=200`, u);
    return res.status === 200 ? res.body.items.map((c: any) => c.id).sort() : res.status;
  };
  const summary = async (u: TestUser) =>
    (await get(`/groups/${w.groupId}/contributions/summary`, u)).body.items.map((r: any) => [
      r.recipientOrganisation.id === w.orgs.police ? 'police' : 'local',
      r.year,
      r.count,
      r.totals,
    ]);

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker();
    w = await agreementWorld(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  describe('a seeded register', () => {
    let sockets: Record<'police' | 'ngo', RealtimeClient>;

    beforeAll(async () => {
      sockets = {
        police: await connectedClient(t, w.police.token),
        ngo: await connectedClient(t, w.ngo.token),
      };
      const made = async (key: string, u: TestUser, body: Record<string, unknown>) => {
        const res = await contribute(u, body);
        expect(res.status).toBe(201);
        return [key, res.body.id] as const;
      };
      ids = Object.fromEntries([
        await made('allowance', w.mine, { amount: 2400, currency: 'USD', disclosure: 'parties' }),
        await made('fuel', w.mine, {
          kind: 'fuel',
          amount: 1000,
          currency: 'USD',
          quantity: 800,
          periodFrom: '2026-04-01',
          periodTo: '2026-04-30',
        }),
        await made('goods', w.mine, {
          kind: 'goods',
          description: 'Two tents',
          quantity: 2,
          periodFrom: '2026-06-01',
          periodTo: '2026-06-01',
        }),
        await made('perDiem', w.mine, {
          kind: 'per_diem',
          amount: 500,
          currency: 'USD',
          periodFrom: '2025-11-01',
          periodTo: '2025-11-30',
        }),
        await made('francs', w.mine, {
          kind: 'per_diem',
          amount: 150000,
          currency: 'CDF',
          periodFrom: '2026-02-01',
          periodTo: '2026-02-28',
        }),
        await made('local', w.mine, {
          recipientOrganisationId: w.orgs.local,
          kind: 'services',
          amount: 300,
          currency: 'USD',
          disclosure: 'parties',
        }),
      ]);
    });
    afterAll(() => Object.values(sockets ?? {}).forEach((c) => c.close()));

    it('shows parties entries only to the contributing and the receiving organisation', async () => {
      const all = Object.values(ids).sort();
      const groupOnes = [ids.fuel, ids.goods, ids.perDiem, ids.francs];
      expect(await listed(w.mine)).toEqual(all);
      expect(await listed(w.police)).toEqual([...groupOnes, ids.allowance].sort());
      expect(await listed(w.local)).toEqual([...groupOnes, ids.local].sort());
      expect(await listed(w.ngo)).toEqual(groupOnes.sort());
      expect(await listed(w.focal)).toEqual(groupOnes.sort());
      expect(await listed(w.outsider)).toBe(404);
      const one = await get(`/groups/${w.groupId}/contributions?year=2025`, w.ngo);
      expect(one.body.items).toEqual([
        expect.objectContaining({
          id: ids.perDiem,
          kind: 'per_diem',
          amount: 500,
          currency: 'USD',
          contributingOrganisation: expect.objectContaining({ id: w.orgs.mine }),
          recipientOrganisation: expect.objectContaining({ id: w.orgs.police }),
          periodFrom: '2025-11-01',
        }),
      ]);
    });

    it('sums per recipient and year over what the caller may see', async () => {
      const usd = (amount: number) => ({ currency: 'USD', amount });
      const cdf = { currency: 'CDF', amount: 150000 };
      expect(await summary(w.mine)).toEqual([
        ['local', 2026, 1, [usd(300)]],
        ['police', 2026, 4, [cdf, usd(3400)]],
        ['police', 2025, 1, [usd(500)]],
      ]);
      expect(await summary(w.police)).toEqual([
        ['police', 2026, 4, [cdf, usd(3400)]],
        ['police', 2025, 1, [usd(500)]],
      ]);
      expect(await summary(w.ngo)).toEqual([
        ['police', 2026, 3, [cdf, usd(1000)]],
        ['police', 2025, 1, [usd(500)]],
      ]);
      expectProblem(await get(`/groups/${w.groupId}/contributions/summary`, w.outsider), 404);
    });

    it('sends events of parties entries only to the two organisations', async () => {
      await eventually(() => sockets.police.received.some((e) => e.entityId === ids.allowance));
      // A group entry recorded afterwards: once it has arrived, the others would have too.
      const sentinel = (await contribute(w.mine, { kind: 'other', description: 'Sentinel' })).body.id;
      for (const c of Object.values(sockets))
        await eventually(() => c.received.some((e) => e.entityId === sentinel));
      const seen = (c: RealtimeClient) =>
        c.received.filter((e) => e.type === 'contribution.recorded').map((e) => e.entityId);
      expect(seen(sockets.police)).toContain(ids.allowance);
      expect(seen(sockets.police)).not.toContain(ids.local);
      expect(seen(sockets.ngo)).not.toContain(ids.allowance);
      expect(seen(sockets.ngo)).not.toContain(ids.local);
      expect(seen(sockets.ngo)).toContain(ids.fuel);
      const replayed = (await replayEvents(t, w.focal, w.groupId)).items.map((e) => e.entityId);
      expect(replayed).toContain(ids.fuel);
      expect(replayed).not.toContain(ids.allowance);
      expect(replayed).not.toContain(ids.local);
      const audit = (await get(`/groups/${w.groupId}/audit?limit=200`, w.focal)).body.items.map(
        (a: any) => a.entityId,
      );
      expect(audit).toContain(ids.fuel);
      expect(audit).not.toContain(ids.allowance);
    });
  });

  it('rejects invalid entries and observers', async () => {
    const fields = (res: any) => (res.body.errors ?? []).map((e: any) => e.field).sort();
    const money = await contribute(w.mine, { amount: 10 });
    expectProblem(money, 400);
    expect(fields(money)).toEqual(['currency']);
    const period = await contribute(w.mine, {
      periodFrom: '2026-05-01',
      periodTo: '2026-04-01',
      disclosure: 'secret',
    });
    expect(fields(period)).toEqual(['disclosure']);
    const backwards = await contribute(w.mine, { periodFrom: '2026-05-01', periodTo: '2026-04-01' });
    expect(fields(backwards)).toEqual(['periodTo']);
    expect(fields(await contribute(w.mine, { currency: 'usd', amount: 3 }))).toEqual(['currency']);
    expectProblem(await contribute(w.mineObserver, {}), 403);
    expectProblem(await contribute(w.outsider, {}), 404);
  });
});
