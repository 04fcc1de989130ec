import { Temporal } from '@js-temporal/polyfill';
import {
  nextOccurrences,
  occurrencesBetween,
  RecurrenceSpec,
} from '../../libs/domain/src/meetings/recurrence';

// One reference case written by generate.py (python-dateutil + zoneinfo, fold=0).
export interface ReferenceCase {
  id: string;
  zone: string;
  rrule: string;
  startDate: string;
  startTime: string;
  from: string; // UTC instant
  to: string; // UTC instant
  n: number;
  next: string[]; // the first n occurrences at or after `from`, local time with offset
  between: string[]; // the occurrences in [from, to)
  note?: string;
}

export interface ReferenceFile {
  generator: string;
  mode: string;
  seed: number;
  dateutil: string;
  tzdata: string;
  cases: ReferenceCase[];
}

export interface Mismatch {
  id: string;
  check: 'nextOccurrences' | 'occurrencesBetween';
  zone: string;
  rrule: string;
  startDate: string;
  startTime: string;
  from: string;
  to?: string;
  expected: string[];
  got: string[];
  firstDifference: number;
}

export const specOf = (c: ReferenceCase): RecurrenceSpec => ({
  rrule: c.rrule,
  startDate: c.startDate,
  startTime: c.startTime,
  timezone: c.zone,
});

// Local time with offset, in the same form as the fixture, so a difference reads at a glance.
export function localWithOffset(d: Date, zone: string): string {
  const z = Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(zone);
  return `${z.toPlainDateTime().toString({ smallestUnit: 'second' })}${z.offset}`;
}

function differ(expected: string[], got: Date[]): number {
  const n = Math.max(expected.length, got.length);
  for (let i = 0; i < n; i++) {
    if (i >= expected.length || i >= got.length) return i;
    if (Date.parse(expected[i]) !== got[i].getTime()) return i;
  }
  return -1;
}

// Checks nextOccurrences and occurrencesBetween (what the materialiser expands) against one case.
export function compareCase(c: ReferenceCase): Mismatch[] {
  const out: Mismatch[] = [];
  const spec = specOf(c);
  const from = new Date(c.from);
  const to = new Date(c.to);
  const base = {
    id: c.id,
    zone: c.zone,
    rrule: c.rrule,
    startDate: c.startDate,
    startTime: c.startTime,
    from: c.from,
  };
  const record = (check: Mismatch['check'], expected: string[], got: Date[] | Error, extra = {}) => {
    if (got instanceof Error) {
      out.push({ ...base, ...extra, check, expected, got: [`threw: ${got.message}`], firstDifference: 0 });
      return;
    }
    const i = differ(expected, got);
    if (i >= 0)
      out.push({
        ...base,
        ...extra,
        check,
        expected,
        got: got.map((d) => localWithOffset(d, c.zone)),
        firstDifference: i,
      });
  };
  const attempt = (f: () => Date[]): Date[] | Error => {
    try {
      return f();
    } catch (e) {
      return e as Error;
    }
  };
  record(
    'nextOccurrences',
    c.next,
    attempt(() => nextOccurrences(spec, from, c.n)),
  );
  record(
    'occurrencesBetween',
    c.between,
    attempt(() => occurrencesBetween(spec, from, to)),
    { to: c.to },
  );
  return out;
}

export function describeMismatch(m: Mismatch): string {
  const i = m.firstDifference;
  return [
    `${m.id}: ${m.check} in ${m.zone}, ${m.rrule} from ${m.startDate} ${m.startTime} (from ${m.from}${m.to ? `, to ${m.to}` : ''})`,
    `  #${i}: expected ${m.expected[i] ?? '(none)'}, got ${m.got[i] ?? '(none)'}`,
  ].join('\n');
}
