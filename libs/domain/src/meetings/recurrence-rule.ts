// The day-level RRULE engine behind recurrence.ts: which calendar dates a rule selects. It is
// python-dateutil's algorithm (the reference implementation of RFC 5545 recurrence) on integer day
// numbers: each period (year, month, week or day) is filtered by the BYxxx masks, BYSETPOS picks
// from what is left, COUNT counts from the start. Times of day and zones are recurrence.ts' job.
//
// Why not a library: rrule-temporal 1.6 disagreed with dateutil on 106 of 799 reference cases
// (DST gaps, ambiguous times, WEEKLY+INTERVAL phase, 53rd weekdays) and took ~30 ms a call; rrule.js, a
// dateutil port, cannot bound its work (a rule that never matches iterates to the year 9999: 11 s
// for FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30). Here every expansion is bounded by a window and a work
// budget, and tools/rrule-cases checks it against dateutil itself.
//
// Two deliberate differences from dateutil, where it departs from RFC 5545:
// - a WEEKLY period is always the whole week from WKST, also the week of the start ("a set of
//   recurrence instances starts at the beginning of the interval"). dateutil starts that first set
//   at DTSTART, so BYSETPOS counts from there (dateutil issue #1398); days before the start are
//   never occurrences either way, so only BYSETPOS differs;
// - BYWEEKNO=52/53 on the first days of January uses last year's real week count (see weekNoMask).

export type Freq = 'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY';
const FREQ_ORDER: Record<Freq, number> = { YEARLY: 0, MONTHLY: 1, WEEKLY: 2, DAILY: 3 };
export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface ParsedRule {
  freq: Freq;
  interval: number;
  count: number | null;
  until: { kind: 'instant'; epochMs: number } | { kind: 'date'; day: number } | null;
  byMonth: number[] | null;
  byWeekNo: number[] | null;
  byYearDay: number[] | null;
  byMonthDay: number[] | null; // as written, positive and negative
  byDay: { weekday: number; n: number }[] | null; // weekday 0 = Monday, n = 0 without ordinal
  bySetPos: number[] | null;
  wkst: number;
}

export class RecurrenceBudgetError extends Error {
  constructor() {
    super('the rule needs too much work to expand: make it simpler or give it a nearer start');
  }
}

// Days examined per expansion. A 100-year window costs at most ~40 000 (one per day, plus the
// masks of each year); the budget only stops what nothing else bounds, such as a COUNT rule
// started centuries ago.
export const WORK_BUDGET = 2_000_000;

export class Budget {
  used = 0;
  constructor(readonly limit = WORK_BUDGET) {}
  spend(n: number): void {
    this.used += n;
    if (this.used > this.limit) throw new RecurrenceBudgetError();
  }
}

// ---- calendar arithmetic on epoch days (days since 1970-01-01), proleptic Gregorian ----------

export function dayOf(y: number, m: number, d: number): number {
  // H. Hinnant, days_from_civil
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civil(z: number): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export const weekdayOf = (z: number): number => (((z + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function masks(leap: boolean) {
  const month: number[] = [];
  const mday: number[] = [];
  const nmday: number[] = [];
  const range = [0];
  for (let m = 1; m <= 12; m++) {
    const len = m === 2 && leap ? 29 : MONTH_DAYS[m - 1];
    for (let d = 1; d <= len; d++) {
      month.push(m);
      mday.push(d);
      nmday.push(d - len - 1);
    }
    range.push(month.length);
  }
  return { month, mday, nmday, range };
}
const MASKS = { common: masks(false), leap: masks(true) };

// What one year looks like to the filters, as dateutil's _iterinfo (masks by day index in the year).
interface YearInfo {
  year: number;
  len: number;
  first: number; // epoch day of 1 January
  weekday0: number;
  month: number[];
  mday: number[];
  nmday: number[];
  range: number[];
  weekNo: Uint8Array | null;
}

export class RuleEngine {
  private readonly years = new Map<number, YearInfo>();
  private readonly byMonth: Set<number> | null;
  private readonly byWeekday: Set<number> | null;
  private readonly byNWeekday: { weekday: number; n: number }[] | null;
  private readonly byMonthDay: Set<number> | null;
  private readonly byNMonthDay: Set<number> | null;
  private readonly byYearDay: Set<number> | null;
  private readonly nthCache = new Map<string, Uint8Array>();

  // `startDay` supplies what dateutil takes from DTSTART when the rule names no day: the day of
  // month (MONTHLY, YEARLY), the month (YEARLY) or the weekday (WEEKLY).
  constructor(
    readonly rule: ParsedRule,
    readonly startDay: number,
  ) {
    const r = rule;
    let byMonth = r.byMonth;
    let byMonthDay = r.byMonthDay;
    let byDay = r.byDay;
    if (!r.byWeekNo && !r.byYearDay && !r.byMonthDay && !r.byDay) {
      const s = civil(startDay);
      if (r.freq === 'YEARLY') {
        byMonth = byMonth ?? [s.m];
        byMonthDay = [s.d];
      } else if (r.freq === 'MONTHLY') byMonthDay = [s.d];
      else if (r.freq === 'WEEKLY') byDay = [{ weekday: weekdayOf(startDay), n: 0 }];
    }
    this.byMonth = byMonth ? new Set(byMonth) : null;
    this.byMonthDay = byMonthDay?.some((d) => d > 0) ? new Set(byMonthDay.filter((d) => d > 0)) : null;
    this.byNMonthDay = byMonthDay?.some((d) => d < 0) ? new Set(byMonthDay.filter((d) => d < 0)) : null;
    this.byYearDay = r.byYearDay ? new Set(r.byYearDay) : null;
    // Ordinals count only in MONTHLY and YEARLY periods; elsewhere 1MO is just MO (as dateutil).
    const plain = new Set<number>();
    const nth: { weekday: number; n: number }[] = [];
    for (const d of byDay ?? []) {
      if (d.n === 0 || FREQ_ORDER[r.freq] > FREQ_ORDER.MONTHLY) plain.add(d.weekday);
      else if (!nth.some((x) => x.weekday === d.weekday && x.n === d.n)) nth.push(d);
    }
    this.byWeekday = plain.size ? plain : null;
    this.byNWeekday = nth.length ? nth : null;
  }

  private info(year: number): YearInfo {
    let y = this.years.get(year);
    if (!y) {
      const leap = isLeap(year);
      const m = leap ? MASKS.leap : MASKS.common;
      const first = dayOf(year, 1, 1);
      y = {
        year,
        len: leap ? 366 : 365,
        first,
        weekday0: weekdayOf(first),
        ...m,
        weekNo: null,
      };
      if (this.rule.byWeekNo) y.weekNo = this.weekNoMask(y);
      this.years.set(year, y);
    }
    return y;
  }

  // dateutil's wnomask: which days of the year are in the listed (ISO-style, WKST-relative) weeks.
  private weekNoMask(y: YearInfo): Uint8Array {
    const wkst = this.rule.wkst;
    const mask = new Uint8Array(y.len + 7);
    const wd = (i: number) => (y.weekday0 + i) % 7;
    let no1wkst = (7 - y.weekday0 + wkst) % 7;
    const firstwkst = no1wkst;
    let wyearlen: number;
    if (no1wkst >= 4) {
      no1wkst = 0;
      wyearlen = y.len + ((y.weekday0 - wkst + 7) % 7);
    } else wyearlen = y.len - no1wkst;
    const numweeks = Math.floor(wyearlen / 7) + Math.floor((wyearlen % 7) / 4);
    const markWeek = (from: number) => {
      let i = from;
      for (let j = 0; j < 7; j++) {
        mask[i] = 1;
        i++;
        if (wd(i) === wkst) break;
      }
    };
    for (let n of this.rule.byWeekNo!) {
      if (n < 0) n += numweeks + 1;
      if (!(n > 0 && n <= numweeks)) continue;
      let i: number;
      if (n > 1) {
        i = no1wkst + (n - 1) * 7;
        if (no1wkst !== firstwkst) i -= 7 - firstwkst;
      } else i = no1wkst;
      markWeek(i);
    }
    if (this.rule.byWeekNo!.includes(1)) {
      // Week 1 of next year may start in this one.
      let i = no1wkst + numweeks * 7;
      if (no1wkst !== firstwkst) i -= 7 - firstwkst;
      if (i < y.len) markWeek(i);
    }
    if (no1wkst) {
      // The first days may belong to last year's last week.
      let lnumweeks: number;
      if (!this.rule.byWeekNo!.includes(-1)) {
        const lyearweekday = weekdayOf(dayOf(y.year - 1, 1, 1));
        const lno1wkst = (7 - lyearweekday + wkst) % 7;
        const lyearlen = isLeap(y.year - 1) ? 366 : 365;
        // Last year's week count, by the same rule as this year's. dateutil computes it as
        // 52 + (…) % 7 // 4 with this year's length, so it files Sunday 2 January 2011 under week 53
        // of 2010 (which has 52) and misses 1-2 January 2022 in week 52 of 2021.
        const lwyearlen = lno1wkst >= 4 ? lyearlen + ((lyearweekday - wkst + 7) % 7) : lyearlen - lno1wkst;
        lnumweeks = Math.floor(lwyearlen / 7) + Math.floor((lwyearlen % 7) / 4);
      } else lnumweeks = -1;
      if (this.rule.byWeekNo!.includes(lnumweeks)) for (let i = 0; i < no1wkst; i++) mask[i] = 1;
    }
    return mask;
  }

  // dateutil's nwdaymask: the days selected by ordinal weekdays (1TU, -1FR) within the month
  // (MONTHLY, or YEARLY with BYMONTH) or the year.
  private nthMask(y: YearInfo, month: number): Uint8Array | null {
    if (!this.byNWeekday) return null;
    const key = this.rule.freq === 'MONTHLY' ? `${y.year}-${month}` : `${y.year}`;
    let mask = this.nthCache.get(key);
    if (mask) return mask;
    mask = new Uint8Array(y.len);
    const ranges: [number, number][] =
      this.rule.freq === 'MONTHLY'
        ? [[y.range[month - 1], y.range[month]]]
        : this.byMonth && this.rule.byMonth
          ? [...this.byMonth].map((m) => [y.range[m - 1], y.range[m]] as [number, number])
          : [[0, y.len]];
    for (const [first, end] of ranges) {
      const last = end - 1;
      for (const { weekday, n } of this.byNWeekday) {
        let i: number;
        if (n < 0) {
          i = last + (n + 1) * 7;
          i -= (((y.weekday0 + i) % 7) - weekday + 7) % 7;
        } else {
          i = first + (n - 1) * 7;
          i += (7 - ((y.weekday0 + i) % 7) + weekday) % 7;
        }
        if (first <= i && i <= last) mask[i] = 1;
      }
    }
    if (this.nthCache.size > 64) this.nthCache.clear();
    this.nthCache.set(key, mask);
    return mask;
  }

  // Does day index i of year y pass every BYxxx filter (BYSETPOS aside)?
  private passes(y: YearInfo, i: number, nth: Uint8Array | null): boolean {
    if (this.byMonth && !this.byMonth.has(y.month[i])) return false;
    if (y.weekNo && !y.weekNo[i]) return false;
    if (this.byWeekday && !this.byWeekday.has((y.weekday0 + i) % 7)) return false;
    if (nth && !nth[i]) return false;
    if (
      (this.byMonthDay || this.byNMonthDay) &&
      !this.byMonthDay?.has(y.mday[i]) &&
      !this.byNMonthDay?.has(y.nmday[i])
    )
      return false;
    if (this.byYearDay && !this.byYearDay.has(i + 1) && !this.byYearDay.has(i - y.len)) return false;
    return true;
  }

  // The days of one period that pass the filters, then BYSETPOS, as sorted epoch days.
  periodDays(period: number, budget: Budget): number[] {
    const out: number[] = [];
    const freq = this.rule.freq;
    if (freq === 'YEARLY' || freq === 'MONTHLY') {
      const year = freq === 'YEARLY' ? period : Math.floor(period / 12);
      const month = freq === 'YEARLY' ? 1 : (period % 12) + 1;
      const y = this.info(year);
      const nth = this.nthMask(y, month);
      const [a, b] = freq === 'YEARLY' ? [0, y.len] : [y.range[month - 1], y.range[month]];
      budget.spend(b - a);
      for (let i = a; i < b; i++) if (this.passes(y, i, nth)) out.push(y.first + i);
    } else {
      const len = freq === 'WEEKLY' ? 7 : 1;
      budget.spend(len);
      for (let z = period; z < period + len; z++) {
        const y = this.info(civil(z).y);
        if (this.passes(y, z - y.first, null)) out.push(z);
      }
    }
    const pos = this.rule.bySetPos;
    if (!pos || out.length === 0) return out;
    const picked = new Set<number>();
    for (const p of pos) {
      const i = p > 0 ? p - 1 : out.length + p;
      if (i >= 0 && i < out.length) picked.add(out[i]);
    }
    return [...picked].sort((a, b) => a - b);
  }

  // The period a day lies in: a year, a month index (year × 12 + month - 1), the epoch day that
  // starts its WKST week, or the day itself.
  periodOf(z: number): number {
    switch (this.rule.freq) {
      case 'YEARLY':
        return civil(z).y;
      case 'MONTHLY': {
        const c = civil(z);
        return c.y * 12 + c.m - 1;
      }
      case 'WEEKLY':
        return z - ((weekdayOf(z) - this.rule.wkst + 7) % 7);
      case 'DAILY':
        return z;
    }
  }

  // Periods are numbered so that the next one (INTERVAL = 1) is period + unit.
  get unit(): number {
    return this.rule.freq === 'WEEKLY' ? 7 : 1;
  }

  // Epoch days of the occurrences in [from, end), in order. COUNT counts from the start, so only
  // rules without COUNT may begin at the period of `from` (keeping the INTERVAL phase).
  *days(from: number, end: number, budget: Budget): Generator<number> {
    const first = this.periodOf(this.startDay);
    const step = this.unit * this.rule.interval;
    let period = first;
    if (this.rule.count === null && from > this.startDay) {
      const target = this.periodOf(from);
      if (target > first) period = first + Math.floor((target - first) / step) * step;
    }
    const lastDay = this.rule.until?.kind === 'date' ? this.rule.until.day : Infinity;
    let remaining = this.rule.count ?? Infinity;
    for (;;) {
      budget.spend(1);
      const days = this.periodDays(period, budget);
      for (const z of days) {
        if (z > lastDay || z >= end) return;
        if (z < this.startDay) continue;
        if (remaining-- <= 0) return;
        if (z >= from) yield z;
      }
      period += step;
      if (this.periodStart(period) >= end) return;
    }
  }

  periodStart(period: number): number {
    switch (this.rule.freq) {
      case 'YEARLY':
        return dayOf(period, 1, 1);
      case 'MONTHLY':
        return dayOf(Math.floor(period / 12), (period % 12) + 1, 1);
      case 'WEEKLY':
      case 'DAILY':
        return period;
    }
  }
}

// ---- parsing --------------------------------------------------------------------------------

const ints = (v: string) => v.split(',').map(Number);

// Parses a rule whose syntax recurrence.ts has checked (upper case, no RRULE: prefix needed).
export function parseRule(text: string): ParsedRule {
  const r: ParsedRule = {
    freq: 'DAILY',
    interval: 1,
    count: null,
    until: null,
    byMonth: null,
    byWeekNo: null,
    byYearDay: null,
    byMonthDay: null,
    byDay: null,
    bySetPos: null,
    wkst: 0,
  };
  for (const part of text
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase()
    .split(';')) {
    const [name, value] = part.split('=');
    switch (name) {
      case 'FREQ':
        r.freq = value as Freq;
        break;
      case 'INTERVAL':
        r.interval = Number(value);
        break;
      case 'COUNT':
        r.count = Number(value);
        break;
      case 'UNTIL': {
        const [, y, m, d, hh, mm, ss] = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(value)!;
        r.until =
          hh === undefined
            ? { kind: 'date', day: dayOf(+y, +m, +d) }
            : { kind: 'instant', epochMs: Date.UTC(+y, +m - 1, +d, +hh, +mm, +ss) };
        break;
      }
      case 'BYMONTH':
        r.byMonth = ints(value);
        break;
      case 'BYWEEKNO':
        r.byWeekNo = ints(value);
        break;
      case 'BYYEARDAY':
        r.byYearDay = ints(value);
        break;
      case 'BYMONTHDAY':
        r.byMonthDay = ints(value);
        break;
      case 'BYDAY':
        r.byDay = value.split(',').map((x) => {
          const m = /^([+-]?\d+)?([A-Z]{2})$/.exec(x)!;
          return {
            weekday: WEEKDAY_CODES.indexOf(m[2] as (typeof WEEKDAY_CODES)[number]),
            n: Number(m[1] ?? 0),
          };
        });
        break;
      case 'BYSETPOS':
        r.bySetPos = ints(value);
        break;
      case 'WKST':
        r.wkst = WEEKDAY_CODES.indexOf(value as (typeof WEEKDAY_CODES)[number]);
        break;
    }
  }
  return r;
}

// ---- rules that can never occur -------------------------------------------------------------

const list = (xs: number[]) => xs.join(',');
const monthNames = (ms: number[]) => ms.map((m) => MONTH_NAMES[m - 1]).join(', ');

// RFC 5545 §3.3.10 combinations, and rules no calendar can satisfy, found without a start date:
// the filters are run over 2001-2040, which holds every kind of year (each weekday of 1 January,
// leap or not, after a leap year or not), so a rule that selects no day there selects none ever.
// What depends on the start (INTERVAL phase, COUNT, UNTIL) is left to the bounded search.
export function impossibleRuleError(r: ParsedRule): string | null {
  const { freq } = r;
  const ordinals = (r.byDay ?? []).filter((d) => d.n !== 0);
  const code = (d: { weekday: number; n: number }) => `${d.n || ''}${WEEKDAY_CODES[d.weekday]}`;
  // What no calendar has, first: that is what the author needs to hear.
  if (r.byMonthDay) {
    const months = r.byMonth ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const fits = months.some((m) =>
      r.byMonthDay!.some((d) => Math.abs(d) <= (m === 2 ? 29 : MONTH_DAYS[m - 1])),
    );
    if (!fits)
      return `the rule can never occur: BYMONTHDAY=${list(r.byMonthDay)} never falls in ${monthNames(months)}`;
  }
  const inMonth = freq === 'MONTHLY' || (freq === 'YEARLY' && r.byMonth);
  if (
    inMonth &&
    ordinals.length &&
    ordinals.length === r.byDay!.length &&
    ordinals.every((d) => Math.abs(d.n) > 5)
  )
    return `the rule can never occur: a month has at most five of each weekday (BYDAY=${ordinals.map(code).join(',')})`;
  // RFC 5545 §3.3.10 combinations.
  if (r.byWeekNo && freq !== 'YEARLY') return 'BYWEEKNO is only allowed with FREQ=YEARLY (RFC 5545)';
  if (r.byYearDay && freq !== 'YEARLY') return 'BYYEARDAY is only allowed with FREQ=YEARLY (RFC 5545)';
  if (r.byMonthDay && freq === 'WEEKLY') return 'BYMONTHDAY is not allowed with FREQ=WEEKLY (RFC 5545)';
  if (ordinals.length && freq !== 'MONTHLY' && freq !== 'YEARLY')
    return `BYDAY with a number (${ordinals.map(code).join(',')}) is only allowed with FREQ=MONTHLY or FREQ=YEARLY (RFC 5545)`;
  if (ordinals.length && r.byWeekNo)
    return 'BYDAY with a number is not allowed together with BYWEEKNO (RFC 5545)';
  if (r.bySetPos && !(r.byMonth || r.byWeekNo || r.byYearDay || r.byMonthDay || r.byDay))
    return 'BYSETPOS needs another BYxxx part to choose from (RFC 5545)';
  if (!(r.byWeekNo || r.byYearDay || r.byMonthDay || r.byDay)) return null; // the day comes from the start
  // Run the filters (and BYSETPOS) over the sample years, ignoring INTERVAL, COUNT and UNTIL.
  const probe = new RuleEngine(
    { ...r, interval: 1, count: null, until: null, bySetPos: null },
    dayOf(2001, 1, 1),
  );
  const withPos = new RuleEngine({ ...r, interval: 1, count: null, until: null }, dayOf(2001, 1, 1));
  const budget = new Budget(Infinity);
  const from = dayOf(2001, 1, 1);
  const end = dayOf(2041, 1, 1);
  let any = false;
  let largest = 0;
  for (let p = probe.periodOf(from); probe.periodStart(p) < end; p += probe.unit) {
    const days = probe.periodDays(p, budget);
    if (days.length === 0) continue;
    any = true;
    largest = Math.max(largest, days.length);
    if (!r.bySetPos || withPos.periodDays(p, budget).length) return null;
  }
  const parts = [
    r.byMonth && `BYMONTH=${list(r.byMonth)}`,
    r.byWeekNo && `BYWEEKNO=${list(r.byWeekNo)}`,
    r.byYearDay && `BYYEARDAY=${list(r.byYearDay)}`,
    r.byMonthDay && `BYMONTHDAY=${list(r.byMonthDay)}`,
    r.byDay && `BYDAY=${r.byDay.map(code).join(',')}`,
  ].filter(Boolean);
  if (!any) return `the rule can never occur: no day matches ${parts.join(' and ')}`;
  const unit = { YEARLY: 'year', MONTHLY: 'month', WEEKLY: 'week', DAILY: 'day' }[freq];
  return `the rule can never occur: BYSETPOS=${list(r.bySetPos!)} is beyond the ${largest} day(s) at most that ${parts.join(' and ')} select in a ${unit}`;
}
