import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChangeRecorder, MeetingMaterialiser } from '../libs/domain/src';
import type { ReferenceFile } from '../tools/rrule-cases/compare';
import { createGroup, createOrganisation, createTestApp, registerUser, TestApp } from './support/test-app';

// The materialiser itself (real Postgres, real inserts) against the python-dateutil reference:
// the hand-picked cases and every fourth DST gap/overlap case of tools/rrule-cases/cases.json are
// stored as series and materialised at the case's `from`; the meetings must start exactly at the
// reference instants in [from, from + horizonDays). recurrence.reference.spec.ts checks every case
// against the expansion in three process zones; this shows the stored meetings are the same.
const DAY = 86_400_000;
const fixture: ReferenceFile = JSON.parse(
  readFileSync(join(__dirname, '../tools/rrule-cases/cases.json'), 'utf8'),
);
const transitions = fixture.cases.filter((c) => /^(gap|overlap)-/.test(c.id));
const cases = [
  ...fixture.cases.filter((c) => c.id.startsWith('special-')),
  ...transitions.filter((_, i) => i % 4 === 0),
];

describe('materialiser against python-dateutil (sample of tools/rrule-cases/cases.json)', () => {
  let t: TestApp;
  let materialiser: MeetingMaterialiser;
  let groupId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const focal = await registerUser(t, 'focal');
    const org = await createOrganisation(t, focal, 'company', 'Mining company');
    groupId = (await createGroup(t, focal, org.id)).id;
    // Built by hand rather than by a worker, whose schedulers would also materialise these series
    // at the real now.
    materialiser = new MeetingMaterialiser(t.ds, t.app.get(ChangeRecorder, { strict: false }));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('samples enough cases', () => expect(cases.length).toBeGreaterThanOrEqual(100));

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const from = new Date(c.from);
    const horizonDays = Math.min(366, Math.max(1, Math.floor((Date.parse(c.to) - from.getTime()) / DAY)));
    const until = from.getTime() + horizonDays * DAY;
    const [row] = await t.ds.query(
      `INSERT INTO meeting_series (group_id, title, rrule, start_date, start_time, timezone, duration_minutes, horizon_days)
       VALUES ($1, $2, $3, $4, $5, $6, 60, $7) RETURNING id`,
      [groupId, c.id, c.rrule, c.startDate, c.startTime, c.zone, horizonDays],
    );
    const { inserted } = await materialiser.materialise(row.id, from);
    const rows: { starts_at: Date }[] = await t.ds.query(
      `SELECT starts_at FROM meetings WHERE series_id = $1 ORDER BY starts_at`,
      [row.id],
    );
    const expected = c.between.map((s) => Date.parse(s)).filter((ms) => ms < until);
    expect(rows.map((r) => new Date(r.starts_at).toISOString())).toEqual(
      expected.map((ms) => new Date(ms).toISOString()),
    );
    expect(inserted).toBe(expected.length);
  });
});
