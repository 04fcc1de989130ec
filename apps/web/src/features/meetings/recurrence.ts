// The rule builder's model: the few monthly rhythms a working group actually meets on ("first
// Tuesday", "last Thursday", "the 15th", "every 4 weeks on Tuesday"), to and from the RFC 5545
// RRULE the API stores, and a preview of the next occurrences in the series' own time zone (the
// server computes the same with its full RRULE engine once the series is saved; any rule this
// builder cannot express is kept as written, with no preview).

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
// 1–4: the nth weekday of the month; -1: the last one.
export const ORDINALS = [1, 2, 3, 4, -1] as const;
export type Ordinal = (typeof ORDINALS)[number];

export type RuleForm =
  | { kind: 'monthlyWeekday'; ordinal: Ordinal; weekday: Weekday; interval: number }
  | { kind: 'monthlyDay'; day: number; interval: number } // day 1–28, or -1 for the last day
  | { kind: 'weekly'; weekday: Weekday; interval: number }
  | { kind: 'custom'; rrule: string };

export const DEFAULT_RULE: RuleForm = { kind: 'monthlyWeekday', ordinal: 1, weekday: 'TU', interval: 1 };

export function toRrule(form: RuleForm): string {
  const interval = 'interval' in form && form.interval > 1 ? `;INTERVAL=${form.interval}` : '';
  switch (form.kind) {
    case 'monthlyWeekday':
      return `FREQ=MONTHLY${interval};BYDAY=${form.ordinal}${form.weekday}`;
    case 'monthlyDay':
      return `FREQ=MONTHLY${interval};BYMONTHDAY=${form.day}`;
    case 'weekly':
      return `FREQ=WEEKLY${interval};BYDAY=${form.weekday}`;
    case 'custom':
      return form.rrule.trim().replace(/^RRULE:/i, '');
  }
}

// The form for a stored rule; anything beyond the builder's rhythms is a `custom` rule.
export function fromRrule(rrule: string): RuleForm {
  const text = rrule
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
  const parts = new Map<string, string>();
  for (const p of text.split(';')) {
    const [k, v] = p.split('=');
    if (!k || v === undefined || parts.has(k)) return { kind: 'custom', rrule };
    parts.set(k, v);
  }
  const interval = parts.has('INTERVAL') ? Number(parts.get('INTERVAL')) : 1;
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'WKST']);
  if (
    ![...parts.keys()].every((k) => known.has(k)) ||
    !Number.isInteger(interval) ||
    interval < 1 ||
    interval > 12 ||
    (parts.has('WKST') && parts.get('WKST') !== 'MO')
  ) {
    return { kind: 'custom', rrule };
  }
  const freq = parts.get('FREQ');
  const byDay = parts.get('BYDAY');
  const byMonthDay = parts.get('BYMONTHDAY');
  if (freq === 'MONTHLY' && byDay && !byMonthDay) {
    const m = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(byDay);
    if (m)
      return { kind: 'monthlyWeekday', ordinal: Number(m[1]) as Ordinal, weekday: m[2] as Weekday, interval };
  }
  if (freq === 'MONTHLY' && byMonthDay && !byDay) {
    const day = Number(byMonthDay);
    if (/^-?\d+$/.test(byMonthDay) && ((day >= 1 && day <= 28) || day === -1)) {
      return { kind: 'monthlyDay', day, interval };
    }
  }
  if (freq === 'WEEKLY' && byDay && /^(MO|TU|WE|TH|FR|SA|SU)$/.test(byDay) && !byMonthDay) {
    return { kind: 'weekly', weekday: byDay as Weekday, interval };
  }
  return { kind: 'custom', rrule };
}

// ---- calendar arithmetic on plain dates (no zone) -------------------------------------------

interface PlainDate {
  y: number;
  m: number; // 1–12
  d: number;
}

export function parseDate(text: string): PlainDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return date.m >= 1 && date.m <= 12 && date.d >= 1 && date.d <= daysInMonth(date.y, date.m) ? date : null;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

// 0 = Monday … 6 = Sunday
function weekdayOf({ y, m, d }: PlainDate): number {
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

function epochDay({ y, m, d }: PlainDate): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function fromEpochDay(n: number): PlainDate {
  const date = new Date(n * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

// The dates the rule selects in one month, in order.
function monthDates(form: RuleForm, y: number, m: number): PlainDate[] {
  const last = daysInMonth(y, m);
  if (form.kind === 'monthlyDay') return [{ y, m, d: form.day === -1 ? last : Math.min(form.day, last) }];
  if (form.kind !== 'monthlyWeekday') return [];
  const target = WEEKDAYS.indexOf(form.weekday);
  const matching: PlainDate[] = [];
  for (let d = 1; d <= last; d++) if (weekdayOf({ y, m, d }) === target) matching.push({ y, m, d });
  const pick = form.ordinal === -1 ? matching[matching.length - 1] : matching[form.ordinal - 1];
  return pick ? [pick] : [];
}

const iso = ({ y, m, d }: PlainDate) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

// The dates the rule selects on or after `start`, in order (for at most ~50 years).
export function* ruleDates(form: RuleForm, start: string): Generator<string> {
  const first = parseDate(start);
  if (!first || form.kind === 'custom') return;
  const startDay = epochDay(first);
  if (form.kind === 'weekly') {
    const target = WEEKDAYS.indexOf(form.weekday);
    const weekStart = startDay - weekdayOf(first); // Monday of the start's week (WKST=MO)
    for (let week = 0; week < 2700; week += form.interval) {
      const day = weekStart + week * 7 + target;
      if (day >= startDay) yield iso(fromEpochDay(day));
    }
    return;
  }
  for (let i = 0; i < 600; i += form.interval) {
    const index = first.y * 12 + (first.m - 1) + i;
    for (const date of monthDates(form, Math.floor(index / 12), (index % 12) + 1)) {
      if (epochDay(date) >= startDay) yield iso(date);
    }
  }
}

// ---- wall time in a zone → instant ------------------------------------------------------------

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

// The zone's offset from UTC at an instant, in minutes (Lubumbashi: +120).
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

// The instant a wall-clock date and time happen in a zone. A time skipped by a DST change is
// moved forward by the gap, a repeated one takes its earlier instant (RFC 5545, like Temporal's
// "compatible").
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const d = parseDate(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) throw new RangeError(`Not a date and time: ${date} ${time}`);
  const wall = Date.UTC(d.y, d.m - 1, d.d, Number(t[1]), Number(t[2]));
  const before = zoneOffsetMinutes(new Date(wall - 86_400_000 / 2), timeZone);
  const after = zoneOffsetMinutes(new Date(wall + 86_400_000 / 2), timeZone);
  const early = wall - before * 60_000; // reading the wall time with the earlier offset
  const late = wall - after * 60_000;
  const ok = (ms: number) => wall - zoneOffsetMinutes(new Date(ms), timeZone) * 60_000 === ms;
  if (ok(early)) return new Date(early);
  if (ok(late)) return new Date(late);
  return new Date(early); // in a gap: forward by the gap
}

// The next `n` start instants of a series at or after `from`.
export function previewOccurrences(
  form: RuleForm,
  { startDate, startTime, timezone }: { startDate: string; startTime: string; timezone: string },
  n: number,
  from: Date = new Date(0),
): Date[] {
  if (form.kind === 'custom' || !parseDate(startDate) || !/^\d{2}:\d{2}$/.test(startTime)) return [];
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    return [];
  }
  const out: Date[] = [];
  for (const date of ruleDates(form, startDate)) {
    const instant = zonedInstant(date, startTime, timezone);
    if (instant >= from) out.push(instant);
    if (out.length >= n) break;
  }
  return out;
}
