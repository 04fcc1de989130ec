import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '../libs/database/src';
import { reportIncident } from './support/incidents';
import {
  addMember,
  createGroup,
  createOrganisation,
  createTestApp,
  registerUser,
  TestApp,
  TestUser,
} from './support/test-app';

// An incident's update count is a column its trigger keeps (migration 1764000023000), and its share
// list is read only for restricted incidents: what the list and the incident show must not change.
describe('incident update counts and share lists', () => {
  let t: TestApp;
  let focal: TestUser;
  let reporter: TestUser;
  let named: TestUser;
  let groupId: string;
  const org = {} as Record<'focal' | 'ngo' | 'company', string>;

  const listed = async (u: TestUser, id: string) => {
    const res = await t.api().get(`/api/v1/groups/${groupId}/incidents?limit=200`).set(u.auth);
    expect(res.status).toBe(200);
    return res.body.items.find((i: { id: string }) => i.id === id);
  };
  const shown = async (u: TestUser, id: string) => {
    const res = await t.api().get(`/api/v1/incidents/${id}`).set(u.auth);
    expect(res.status).toBe(200);
    return res.body;
  };
  const addUpdate = (u: TestUser, id: string, body: string) =>
    t.api().post(`/api/v1/incidents/${id}/updates`).set(u.auth).send({ body }).expect(201);

  beforeAll(async () => {
    t = await createTestApp();
    focal = await registerUser(t, 'focal');
    reporter = await registerUser(t, 'reporter');
    named = await registerUser(t, 'named');
    org.focal = (await createOrganisation(t, focal, 'host_government', 'Province')).id;
    org.ngo = (await createOrganisation(t, focal, 'civil_society', 'NGO')).id;
    org.company = (await createOrganisation(t, focal, 'company', 'Company')).id;
    groupId = (await createGroup(t, focal, org.focal)).id;
    await addMember(t, groupId, focal, reporter, org.ngo);
    await addMember(t, groupId, focal, named, org.company);
  });
  afterAll(() => t.close());

  it('counts every update, concurrent ones included, in the list and on the incident', async () => {
    const { id, updateCount } = await reportIncident(t, reporter, groupId);
    expect(updateCount).toBe(0);
    await Promise.all(
      Array.from({ length: 8 }, (_, n) => addUpdate(n % 2 ? named : reporter, id, `Update number ${n}`)),
    );
    expect((await listed(named, id)).updateCount).toBe(8);
    expect((await shown(focal, id)).updateCount).toBe(8);
    const [{ update_count }] = await t.ds.query(`SELECT update_count FROM incidents WHERE id = $1`, [id]);
    expect(update_count).toBe(8);
  });

  it('lists the organisations a restricted incident is shared with, and none once it is open to the group', async () => {
    const { id } = await reportIncident(t, reporter, groupId, {
      confidentiality: 'restricted',
      sharedWithOrganisationIds: [org.company],
    });
    const share = { id: org.company, name: expect.any(String), verified: expect.any(Boolean) };
    expect((await listed(named, id)).sharedWithOrganisations).toEqual([share]);
    expect((await listed(reporter, id)).sharedWithOrganisations).toEqual([share]);
    expect(await listed(focal, id)).toBeUndefined();
    await t
      .api()
      .patch(`/api/v1/incidents/${id}`)
      .set(reporter.auth)
      .send({ confidentiality: 'group' })
      .expect(200);
    expect((await listed(focal, id)).sharedWithOrganisations).toEqual([]);
    expect((await shown(named, id)).sharedWithOrganisations).toEqual([]);
  });

  it('counts the updates written before the column existed (migrated down and up again)', async () => {
    const { id } = await reportIncident(t, reporter, groupId);
    await addUpdate(reporter, id, 'First update');
    await addUpdate(named, id, 'Second update');
    const url = process.env.DATABASE_URL!;
    const ds = new DataSource({ ...dataSourceOptions(url), entities: [], logging: false });
    await ds.initialize();
    try {
      const [last] = await ds.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
      expect(last.name).toBe('IncidentUpdateCount1764000023000');
      await ds.undoLastMigration({ transaction: 'each' });
      await ds.query(
        `INSERT INTO incident_updates (incident_id, author_user_id, author_organisation_id, body) VALUES ($1, $2, $3, 'Written before')`,
        [id, reporter.id, org.ngo],
      );
    } finally {
      await ds.destroy();
    }
    await migrate(url);
    expect((await listed(named, id)).updateCount).toBe(3);
    await addUpdate(reporter, id, 'Fourth update');
    expect((await shown(named, id)).updateCount).toBe(4);
    // Search still reads every update body, the one written before the migration included.
    const found = await t
      .api()
      .get(`/api/v1/groups/${groupId}/incidents?q=${encodeURIComponent('written before')}`)
      .set(named.auth);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
  });
});
