import { Temporal } from '@js-temporal/polyfill';
import type { FieldError } from '@roundtable/core';
import {
  Budget,
  civil,
  dayOf,
  impossibleRuleError,
  parseRule,
  ParsedRule,
  RecurrenceBudgetError,
  RuleEngine,
} from './recurrence-rule';

// Pure recurrence logic of meeting series (and of agreement reviews and obligations): an RFC 5545
// RRULE (without DTSTART) plus a local start date and time in an IANA zone → occurrences as UTC
// instants. The rule is expanded over local calendar dates (recurrence-rule.ts, dateutil's
// algorithm); each date at startTime then becomes an instant in the zone with RFC 5545 §3.3.5's
// rule (a time in a DST gap moves forward by the gap, an ambiguous time is its first occurrence).
// The next date is again startTime local, so one occurrence in a gap never shifts the later ones,
// and the process TZ never matters. Every expansion is bounded: a window of SEARCH_YEARS after
// `from` and a work budget (RecurrenceBudgetError), so no rule can hold the event loop.

export interface RecurrenceSpec {
  rrule: string;
  startDate: string; // YYYY-MM-DD, the earliest date an occurrence may fall on
  startTime: string; // HH:MM (or HH:MM:SS), local time in `timezone`
  timezone: string;
}

const WEEKDAY = '(SU|MO|TU|WE|TH|FR|SA)';
const FREQS = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
// Meetings, reviews and obligations recur by day: sub-daily rules would flood the calendar, and
// the time of day is startTime.
export const SERIES_FREQS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
// How far after `from` occurrences are looked for; rarer rules count as never occurring.
export const SEARCH_YEARS = 100;
export { RecurrenceBudgetError };
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

// Syntax and range check of a rule (RFC 5545 §3.3.10), and the static check that refuses rules no
// calendar can satisfy (BYMONTHDAY=30 in February, BYSETPOS beyond the set, …); returns the
// problem or null. Cheap (< 1 ms), whatever the rule.
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
  const freq = /(?:^|;)FREQ=([A-Z]+)/i.exec(text)![1].toUpperCase();
  if (!SERIES_FREQS.includes(freq))
    return `FREQ must be one of ${SERIES_FREQS.join(', ')}: meetings and deadlines recur by day`;
  for (const p of ['BYHOUR', 'BYMINUTE', 'BYSECOND']) {
    if (seen.has(p)) return `${p} is not allowed: startTime sets the time`;
  }
  if (opts.seriesOnly) {
    const count = /(?:^|;)COUNT=(\d+)/i.exec(text);
    if (count && Number(count[1]) > MAX_SERIES_COUNT)
      return `COUNT may be at most ${MAX_SERIES_COUNT} for a meeting series`;
  }
  return impossibleRuleError(parseRule(text));
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

// Field errors of a (possibly partial) spec. With the whole spec, the rule must also occur: at
// least once within SEARCH_YEARS of startDate (what the static check cannot know: INTERVAL phase,
// COUNT, UNTIL), found within the work budget.
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
    const message = emptinessError(spec as RecurrenceSpec);
    if (message) errors.push({ field: 'rrule', message });
  }
  return errors;
}

function emptinessError(spec: RecurrenceSpec): string | null {
  const c = compile(spec);
  const startMs = toInstant(c.startDay, c, spec.timezone) - 86_400_000;
  try {
    if (
      first(instants(c, spec.timezone, startMs, addYears(startMs, SEARCH_YEARS), new Budget())) !== undefined
    )
      return null;
  } catch (e) {
    if (e instanceof RecurrenceBudgetError) return e.message;
    throw e;
  }
  const u = c.rule.until;
  if (u && (u.kind === 'date' ? u.day < c.startDay : u.epochMs < startMs))
    return 'the rule has no occurrence: UNTIL is before startDate';
  return `the rule has no occurrence within ${SEARCH_YEARS} years of startDate ${spec.startDate}`;
}

interface Compiled {
  rule: ParsedRule;
  engine: RuleEngine;
  startDay: number;
  hour: number;
  minute: number;
  second: number;
}

function compile(spec: RecurrenceSpec): Compiled {
  const rule = parseRule(spec.rrule);
  const [y, m, d] = spec.startDate.split('-').map(Number);
  const [hour, minute, second = 0] = spec.startTime.split(':').map(Number);
  const startDay = dayOf(y, m, d);
  return { rule, engine: new RuleEngine(rule, startDay), startDay, hour, minute, second };
}

// Local date + startTime → instant; a time in a gap moves forward ('compatible' = RFC 5545 §3.3.5).
function toInstant(day: number, c: Compiled, zone: string): number {
  const { y, m, d } = civil(day);
  return Temporal.PlainDateTime.from({
    year: y,
    month: m,
    day: d,
    hour: c.hour,
    minute: c.minute,
    second: c.second,
  }).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
}

function localDay(ms: number, zone: string): number {
  const p = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDate();
  return dayOf(p.year, p.month, p.day);
}

const addYears = (ms: number, years: number) => ms + years * 365.25 * 86_400_000;

// Occurrence instants in [fromMs, endMs), in order. Two local dates that map to one instant (a
// day the zone skipped) are one occurrence.
function* instants(
  c: Compiled,
  zone: string,
  fromMs: number,
  endMs: number,
  budget: Budget,
): Generator<number> {
  // Local dates a little wider than the window: an instant's local date differs by a day at most.
  const fromDay = localDay(fromMs, zone) - 2;
  const endDay = localDay(endMs, zone) + 2;
  const until = c.rule.until?.kind === 'instant' ? c.rule.until.epochMs : null;
  const untilDay = until === null ? null : localDay(until, zone) + 2;
  let last = -Infinity;
  for (const day of c.engine.days(fromDay, endDay, budget)) {
    const ms = toInstant(day, c, zone);
    if (until !== null && ms > until) {
      if (day > untilDay!) return;
      continue;
    }
    if (ms <= last) continue;
    last = ms;
    if (ms >= endMs) return;
    if (ms >= fromMs) yield ms;
  }
}

function first<T>(it: Iterator<T>): T | undefined {
  const r = it.next();
  return r.done ? undefined : r.value;
}

// Occurrences whose start lies in [from, to), as UTC instants, in order (at most SEARCH_YEARS
// after `from`). The first occurrence is the first date matching the rule on or after startDate
// (startDate itself need not match). Throws RecurrenceBudgetError past the work budget.
export function occurrencesBetween(spec: RecurrenceSpec, from: Date, to: Date): Date[] {
  if (to.getTime() <= from.getTime()) return [];
  const end = Math.min(to.getTime(), addYears(from.getTime(), SEARCH_YEARS));
  return [...instants(compile(spec), spec.timezone, from.getTime(), end, new Budget())].map(
    (ms) => new Date(ms),
  );
}

// The next `n` occurrences starting at or after `from` (fewer if the rule ends or occurs no more
// within SEARCH_YEARS). Throws RecurrenceBudgetError past the work budget.
export function nextOccurrences(spec: RecurrenceSpec, from: Date, n: number): Date[] {
  const out: Date[] = [];
  if (n <= 0) return out;
  const it = instants(
    compile(spec),
    spec.timezone,
    from.getTime(),
    addYears(from.getTime(), SEARCH_YEARS),
    new Budget(),
  );
  for (const ms of it) {
    out.push(new Date(ms));
    if (out.length >= n) break;
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
