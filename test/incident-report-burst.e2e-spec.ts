import { GROUP_WRITERS_PER_INSTANCE, GroupWriters } from '../libs/domain/src/events/group-writers';
import { incidentBody, replayEvents } from './support/incidents';
import {
  addMember,
  createGroup,
  createOrganisation,
  createTestApp,
  registerUser,
  TestApp,
  TestUser,
} from './support/test-app';

// A burst of reports into one group: at most GROUP_WRITERS_PER_INSTANCE of its transactions are
// open at once, every report lands once, and the group's events stay gap-free and in order.
describe('a burst of incident reports', () => {
  let t: TestApp;
  let focal: TestUser;
  let reporters: TestUser[];
  const groups: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    focal = await registerUser(t, 'focal');
    const orgFocal = (await createOrganisation(t, focal, 'host_government', 'Province')).id;
    const orgNgo = (await createOrganisation(t, focal, 'civil_society', 'NGO')).id;
    reporters = [await registerUser(t, 'reporter-a'), await registerUser(t, 'reporter-b')];
    for (let g = 0; g < 2; g++) {
      const id = (await createGroup(t, focal, orgFocal)).id;
      for (const r of reporters) await addMember(t, id, focal, r, orgNgo);
      groups.push(id);
    }
  });
  afterAll(() => t.close());

  it('lets a few of a group in at a time and loses none', async () => {
    // Count the transactions open at once, per group, on the real DataSource.
    const open = new Map<string, number>();
    const most = new Map<string, number>();
    const writers = t.app.get(GroupWriters);
    const run = writers.run.bind(writers);
    const spy = jest.spyOn(writers, 'run').mockImplementation((group, task) =>
      run(group, async () => {
        open.set(group, (open.get(group) ?? 0) + 1);
        most.set(group, Math.max(most.get(group) ?? 0, open.get(group)!));
        try {
          return await task();
        } finally {
          open.set(group, open.get(group)! - 1);
        }
      }),
    );
    try {
      const burst = await Promise.all(
        Array.from({ length: 24 }, (_, n) =>
          t
            .api()
            .post(`/api/v1/groups/${groups[n % 2]}/incidents`)
            .set(reporters[n % 2 === 0 ? 0 : 1].auth)
            .send(incidentBody({ title: `Report number ${n}` })),
        ),
      );
      expect(burst.map((r) => r.status)).toEqual(Array(24).fill(201));
      for (const g of groups) {
        expect(most.get(g)).toBeGreaterThan(1);
        expect(most.get(g)).toBeLessThanOrEqual(GROUP_WRITERS_PER_INSTANCE);
      }
      expect(writers.activeKeys).toBe(0);
    } finally {
      spy.mockRestore();
    }
    for (const [i, g] of groups.entries()) {
      const { items } = await replayEvents(t, focal, g);
      const reported = items.filter((e) => e.type === 'incident.reported');
      expect(reported.map((e) => e.data.title).sort()).toEqual(
        Array.from({ length: 12 }, (_, k) => `Report number ${2 * k + i}`).sort(),
      );
      const seqs: { seq: string }[] = await t.ds.query(
        `SELECT seq FROM group_events WHERE group_id = $1 ORDER BY seq`,
        [g],
      );
      expect(seqs.map((r) => Number(r.seq))).toEqual(seqs.map((_, k) => k + 1));
    }
  });
});
