import { Temporal } from '@js-temporal/polyfill';
import { RRuleTemporal } from 'rrule-temporal';
import type { FieldError } from '@roundtable/core';

// Pure recurrence logic of meeting series: an RFC 5545 RRULE (without DTSTART) plus a local
// start date and time in an IANA zone → occurrences as UTC instants. Everything is computed
// with Temporal in the series' zone, so 10:00 local stays 10:00 local across DST changes and
// the process TZ never matters. rrule-temporal does the expansion; this module only validates
// what that library tolerates silently (unknown parts, out-of-range values).

export interface RecurrenceSpec {
  rrule: string;
  startDate: string; // YYYY-MM-DD, the earliest date an occurrence may fall on
  startTime: string; // HH:MM (or HH:MM:SS), local time in `timezone`
  timezone: string;
}

const WEEKDAY = '(SU|MO|TU|WE|TH|FR|SA)';
const FREQS = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
// Meetings recur by day at least: sub-daily rules would flood the calendar.
export const SERIES_FREQS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
// COUNT rules are expanded from their real start (see effectiveStartDate): keep them bounded.
const MAX_SERIES_COUNT = 1000;

function intList(min: number, max: number, allowNegative: boolean): (v: string) => boolean {
  return (v) =>
    v.split(',').every((x) => {
      if (!/^[+-]?\d{1,3}$/.test(x)) return false;
      const n = Number(x);
      const a = Math.abs(n);
      if (n < 0 && !allowNegative) return false;
      return a >= (allowNegative ? 1 : min) && a <= max && (allowNegative ? n !== 0 : n >= min);
    });
}

const PART_CHECKS: Record<string, (v: string) => boolean> = {
  FREQ: (v) => FREQS.includes(v),
  INTERVAL: (v) => /^\d{1,4}$/.test(v) && Number(v) >= 1,
  COUNT: (v) => /^\d{1,5}$/.test(v) && Number(v) >= 1,
  UNTIL: (v) => /^\d{8}(T\d{6}Z)?$/.test(v),
  BYSECOND: intList(0, 60, false),
  BYMINUTE: intList(0, 59, false),
  BYHOUR: intList(0, 23, false),
  BYDAY: (v) => v.split(',').every((x) => new RegExp(`^([+-]?([1-9]|[1-4]\\d|5[0-3]))?${WEEKDAY}$`).test(x)),
  BYMONTHDAY: intList(1, 31, true),
  BYYEARDAY: intList(1, 366, true),
  BYWEEKNO: intList(1, 53, true),
  BYMONTH: intList(1, 12, false),
  BYSETPOS: intList(1, 366, true),
  WKST: (v) => new RegExp(`^${WEEKDAY}$`).test(v),
};

// Syntax and range check of a rule (RFC 5545 §3.3.10); returns the problem or null.
export function ruleSyntaxError(rrule: unknown, opts: { seriesOnly?: boolean } = {}): string | null {
  if (typeof rrule !== 'string' || rrule.trim() === '')
    return 'must be an RFC 5545 recurrence rule such as FREQ=MONTHLY;BYDAY=1TU';
  const text = rrule.trim().replace(/^RRULE:/i, '');
  if (/DTSTART|[\r\n]/i.test(text))
    return 'must not contain DTSTART or line breaks: give startDate and startTime instead';
  const seen = new Set<string>();
  for (const part of text.split(';')) {
    const m = /^([A-Z]+)=(.+)$/.exec(part.toUpperCase());
    if (!m) return `"${part}" is not a NAME=VALUE rule part`;
    const [, name, value] = m;
    const check = PART_CHECKS[name];
    if (!check) return `unknown rule part ${name}`;
    if (seen.has(name)) return `rule part ${name} appears twice`;
    seen.add(name);
    if (!check(value)) return `invalid ${name} value ${value}`;
  }
  if (!seen.has('FREQ')) return 'FREQ is required';
  if (seen.has('COUNT') && seen.has('UNTIL')) return 'COUNT and UNTIL may not both be given';
  if (opts.seriesOnly) {
    const freq = /FREQ=([A-Z]+)/i.exec(text)![1].toUpperCase();
    if (!SERIES_FREQS.includes(freq))
      return `FREQ must be one of ${SERIES_FREQS.join(', ')} for a meeting series`;
    const count = /(?:^|;)COUNT=(\d+)/i.exec(text);
    if (count && Number(count[1]) > MAX_SERIES_COUNT)
      return `COUNT may be at most ${MAX_SERIES_COUNT} for a meeting series`;
    for (const p of ['BYHOUR', 'BYMINUTE', 'BYSECOND']) {
      if (seen.has(p)) return `${p} is not allowed: the series' startTime sets the time`;
    }
  }
  return null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

export function isValidDate(v: unknown): v is string {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  try {
    Temporal.PlainDate.from(v, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

export function isValidTime(v: unknown): v is string {
  return typeof v === 'string' && TIME.test(v);
}

export function isValidZone(v: unknown): v is string {
  if (typeof v !== 'string' || v.length === 0 || v.length > 64) return false;
  try {
    Temporal.Now.instant().toZonedDateTimeISO(v);
    return /^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$|^UTC$/.test(v);
  } catch {
    return false;
  }
}

// Field errors of a (possibly partial) spec; the rule is also compiled once so that whatever
// rrule-temporal rejects (e.g. UNTIL of the wrong type) is reported as a 400, not a 500.
export function recurrenceErrors(
  spec: Partial<RecurrenceSpec>,
  fields: (keyof RecurrenceSpec)[] = ['rrule', 'startDate', 'startTime', 'timezone'],
): FieldError[] {
  const errors: FieldError[] = [];
  if (fields.includes('rrule')) {
    const e = ruleSyntaxError(spec.rrule, { seriesOnly: true });
    if (e) errors.push({ field: 'rrule', message: e });
  }
  if (fields.includes('startDate') && !isValidDate(spec.startDate))
    errors.push({ field: 'startDate', message: 'startDate must be a calendar date YYYY-MM-DD' });
  if (fields.includes('startTime') && !isValidTime(spec.startTime))
    errors.push({ field: 'startTime', message: 'startTime must be a local time HH:MM' });
  if (fields.includes('timezone') && !isValidZone(spec.timezone))
    errors.push({
      field: 'timezone',
      message: 'timezone must be an IANA time zone such as Africa/Lubumbashi',
    });
  if (errors.length === 0 && fields.length === 4) {
    try {
      const now = new Date();
      compile(spec as RecurrenceSpec, now).next(now, true);
    } catch (e) {
      errors.push({ field: 'rrule', message: (e as Error).message });
    }
  }
  return errors;
}

// rrule-temporal expands from DTSTART, one period at a time: a daily series started years ago
// would cost seconds per call. When the rule has no COUNT (which counts from the real start), the
// start is moved forward by whole periods (INTERVAL × FREQ unit) to just before `from`; the
// occurrence pattern is unchanged because every period keeps its position in the cycle.
export function effectiveStartDate(spec: RecurrenceSpec, from: Date | undefined): string {
  if (!from) return spec.startDate;
  const rule = spec.rrule.toUpperCase();
  if (/(^|;)COUNT=/.test(rule)) return spec.startDate;
  const freq: string = /(?:^|;|:)FREQ=([A-Z]+)/.exec(rule)?.[1] ?? '';
  const interval = Number(/(?:^|;)INTERVAL=(\d+)/.exec(rule)?.[1] ?? 1);
  const start = Temporal.PlainDate.from(spec.startDate);
  const target = Temporal.Instant.fromEpochMilliseconds(from.getTime())
    .toZonedDateTimeISO(spec.timezone)
    .toPlainDate();
  if (Temporal.PlainDate.compare(target, start) <= 0) return spec.startDate;
  let units: number;
  let unit: 'days' | 'weeks' | 'months' | 'years';
  switch (freq) {
    case 'DAILY':
      unit = 'days';
      units = start.until(target, { largestUnit: 'days' }).days;
      break;
    case 'WEEKLY':
      unit = 'weeks';
      units = Math.floor(start.until(target, { largestUnit: 'days' }).days / 7);
      break;
    case 'MONTHLY':
      unit = 'months';
      units = (target.year - start.year) * 12 + (target.month - start.month);
      break;
    case 'YEARLY':
      unit = 'years';
      units = target.year - start.year;
      break;
    default:
      return spec.startDate; // sub-daily rules are bounded by COUNT/UNTIL in practice
  }
  // Without BYxxx day parts the day of month (or of year) comes from DTSTART itself: shift only to
  // periods where that day exists (31st, 29 February), never to a clamped date.
  const dayFromStart =
    (unit === 'months' || unit === 'years') && !/(^|;)BY(DAY|MONTHDAY|YEARDAY|WEEKNO)=/.test(rule);
  for (let periods = Math.floor(units / interval) - 1; periods > 0; periods--) {
    const shifted = start.add({ [unit]: periods * interval });
    if (!dayFromStart || shifted.day === start.day) return shifted.toString();
  }
  return spec.startDate;
}

function compile(spec: RecurrenceSpec, from?: Date): RRuleTemporal {
  const time = spec.startTime.length === 5 ? `${spec.startTime}:00` : spec.startTime;
  // A local time that falls into a DST gap moves forward ('compatible'), like calendar apps.
  const dtstart = Temporal.PlainDateTime.from(`${effectiveStartDate(spec, from)}T${time}`).toZonedDateTime(
    spec.timezone,
    {
      disambiguation: 'compatible',
    },
  );
  return new RRuleTemporal({
    rruleString: spec.rrule.trim().replace(/^RRULE:/i, ''),
    dtstart,
    tzid: spec.timezone,
    maxIterations: 100_000,
  });
}

// Occurrences whose start lies in [from, to), as UTC instants, in order. The first occurrence is
// the first date matching the rule on or after startDate (startDate itself need not match).
export function occurrencesBetween(spec: RecurrenceSpec, from: Date, to: Date): Date[] {
  if (to.getTime() <= from.getTime()) return [];
  const rule = compile(spec, from);
  return rule
    .between(from, to, true)
    .map((z) => new Date(Number(z.epochMilliseconds)))
    .filter((d) => d.getTime() >= from.getTime() && d.getTime() < to.getTime());
}

// The next `n` occurrences starting at or after `from`.
export function nextOccurrences(spec: RecurrenceSpec, from: Date, n: number): Date[] {
  const rule = compile(spec, from);
  const out: Date[] = [];
  let cursor: Date = from;
  let inclusive = true;
  while (out.length < n) {
    const z = rule.next(cursor, inclusive);
    if (!z) break;
    const d = new Date(Number(z.epochMilliseconds));
    out.push(d);
    cursor = d;
    inclusive = false;
  }
  return out;
}

// The local calendar date of an instant in a zone (matching occurrences across a rule change).
export function localDate(instant: Date, timezone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(timezone)
    .toPlainDate()
    .toString();
}
