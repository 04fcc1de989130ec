import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compareCase,
  describeMismatch,
  Mismatch,
  ReferenceFile,
} from '../../../../tools/rrule-cases/compare';
import { ruleSyntaxError } from './recurrence';

// The differential test of issue 19: every case of tools/rrule-cases/cases.json was computed by
// python-dateutil (the RRULE reference) with zoneinfo fold=0 (RFC 5545 §3.3.5), and
// nextOccurrences and occurrencesBetween (what the materialiser expands) must give the same
// instants. The fixture is committed, so this run is deterministic; `npm run fuzz:rrule` draws
// new cases. Regenerate: python3 tools/rrule-cases/generate.py fixture --out tools/rrule-cases/cases.json
const root = join(__dirname, '../../../..');
const fixturePath = join(root, 'tools/rrule-cases/cases.json');
const fixture: ReferenceFile = JSON.parse(readFileSync(fixturePath, 'utf8'));

describe('recurrence against python-dateutil (tools/rrule-cases/cases.json)', () => {
  it('holds at least 500 cases across the platform regions and the odd zones', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(500);
    const zones = new Set(fixture.cases.map((c) => c.zone));
    for (const z of [
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'America/St_Johns',
      'Asia/Kathmandu',
      'Africa/Casablanca',
      'America/Santiago',
      'Pacific/Kiritimati',
      'Africa/Lubumbashi',
      'Europe/Paris',
      'America/New_York',
    ])
      expect(zones).toContain(z);
    const ids = fixture.cases.map((c) => c.id);
    expect(ids.filter((id) => id.startsWith('gap-')).length).toBeGreaterThan(100);
    expect(ids.filter((id) => id.startsWith('overlap-')).length).toBeGreaterThan(100);
    for (const part of [
      'BYDAY',
      'BYSETPOS',
      'BYMONTHDAY=-',
      'WKST',
      'INTERVAL',
      'COUNT',
      'UNTIL',
      'BYWEEKNO',
      'BYYEARDAY',
    ])
      expect(fixture.cases.some((c) => c.rrule.includes(part))).toBe(true);
    for (const freq of ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'])
      expect(fixture.cases.some((c) => c.rrule.includes(`FREQ=${freq}`))).toBe(true);
    expect(fixture.cases.some((c) => c.next.some((t) => t.startsWith('2040')))).toBe(true);
  });

  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(ruleSyntaxError(c.rrule, { seriesOnly: true })).toBeNull();
    const mismatches = compareCase(c);
    expect(mismatches.map(describeMismatch)).toEqual([]);
  });

  // The same fixture in child processes whose own zone is far from UTC (with a 45- and a 30-minute
  // offset): the platform must not depend on the process zone.
  it.each(['Pacific/Chatham', 'America/St_Johns'])(
    'gives the same instants in a process with TZ=%s',
    (tz) => {
      const out = execFileSync(process.execPath, [join(root, 'tools/rrule-cases/run.js'), fixturePath], {
        env: { ...process.env, TZ: tz },
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
      }).toString();
      const result: { processZone: string; offsetMinutes: number; total: number; mismatches: Mismatch[] } =
        JSON.parse(out);
      expect(result.processZone).toBe(tz);
      expect(result.offsetMinutes).not.toBe(0); // the child really runs in that zone
      expect(result.total).toBe(fixture.cases.length);
      expect(result.mismatches.map(describeMismatch)).toEqual([]);
    },
    120_000,
  );
});
