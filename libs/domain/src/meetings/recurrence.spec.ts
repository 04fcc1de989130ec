import { Temporal } from '@js-temporal/polyfill';
import {
  localDate,
  nextOccurrences,
  occurrencesBetween,
  recurrenceErrors,
  RecurrenceSpec,
  ruleSyntaxError,
} from './recurrence';
import { Budget, dayOf, parseRule, RecurrenceBudgetError, RuleEngine } from './recurrence-rule';

const NY = 'America/New_York';
const local = (d: Date, tz: string) =>
  Temporal.Instant.fromEpochMilliseconds(d.getTime())
    .toZonedDateTimeISO(tz)
    .toPlainDateTime()
    .toString()
    .slice(0, 16);

// Expands "1997-09: 2,4,6" style lists into YYYY-MM-DD dates.
function dates(spec: string): string[] {
  return spec.split(';').flatMap((chunk) => {
    const [ym, days] = chunk.trim().split(':');
    return days.split(',').map((d) => `${ym.trim()}-${d.trim().padStart(2, '0')}`);
  });
}

// RFC 5545 §3.8.5.3 worked examples, DTSTART;TZID=America/New_York at 09:00 local.
// `n` limits rules that run forever to the first occurrences the RFC lists.
const RFC_CASES: {
  name: string;
  start: string;
  rrule: string;
  expected: string;
  n?: number;
  time?: string;
}[] = [
  {
    name: 'Daily for 10 occurrences',
    start: '1997-09-02',
    rrule: 'FREQ=DAILY;COUNT=10',
    expected: '1997-09: 2,3,4,5,6,7,8,9,10,11',
  },
  {
    name: 'Every 10 days, 5 occurrences',
    start: '1997-09-02',
    rrule: 'FREQ=DAILY;INTERVAL=10;COUNT=5',
    expected: '1997-09: 2,12,22; 1997-10: 2,12',
  },
  {
    name: 'Every other day - forever',
    start: '1997-09-02',
    rrule: 'FREQ=DAILY;INTERVAL=2',
    expected:
      '1997-09: 2,4,6,8,10,12,14,16,18,20,22,24,26,28,30; 1997-10: 2,4,6,8,10,12,14,16,18,20,22,24,26,28,30; 1997-11: 1,3,5',
    n: 33,
  },
  {
    name: 'Weekly for 10 occurrences',
    start: '1997-09-02',
    rrule: 'FREQ=WEEKLY;COUNT=10',
    expected: '1997-09: 2,9,16,23,30; 1997-10: 7,14,21,28; 1997-11: 4',
  },
  {
    name: 'Weekly until December 24, 1997',
    start: '1997-09-02',
    rrule: 'FREQ=WEEKLY;UNTIL=19971224T000000Z',
    expected: '1997-09: 2,9,16,23,30; 1997-10: 7,14,21,28; 1997-11: 4,11,18,25; 1997-12: 2,9,16,23',
  },
  {
    name: 'Every other week - forever',
    start: '1997-09-02',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;WKST=SU',
    expected: '1997-09: 2,16,30; 1997-10: 14,28; 1997-11: 11,25; 1997-12: 9,23; 1998-01: 6,20; 1998-02: 3,17',
    n: 13,
  },
  {
    name: 'Weekly on Tuesday and Thursday for five weeks (UNTIL)',
    start: '1997-09-02',
    rrule: 'FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH',
    expected: '1997-09: 2,4,9,11,16,18,23,25,30; 1997-10: 2',
  },
  {
    name: 'Weekly on Tuesday and Thursday for five weeks (COUNT)',
    start: '1997-09-02',
    rrule: 'FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH',
    expected: '1997-09: 2,4,9,11,16,18,23,25,30; 1997-10: 2',
  },
  {
    name: 'Every other week on Monday, Wednesday, and Friday until December 24, 1997',
    start: '1997-09-01',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR',
    expected:
      '1997-09: 1,3,5,15,17,19,29; 1997-10: 1,3,13,15,17,27,29,31; 1997-11: 10,12,14,24,26,28; 1997-12: 8,10,12,22',
  },
  {
    name: 'Every other week on Tuesday and Thursday, for 8 occurrences',
    start: '1997-09-02',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH',
    expected: '1997-09: 2,4,16,18,30; 1997-10: 2,14,16',
  },
  {
    name: 'Monthly on the first Friday for 10 occurrences',
    start: '1997-09-05',
    rrule: 'FREQ=MONTHLY;COUNT=10;BYDAY=1FR',
    expected:
      '1997-09: 5; 1997-10: 3; 1997-11: 7; 1997-12: 5; 1998-01: 2; 1998-02: 6; 1998-03: 6; 1998-04: 3; 1998-05: 1; 1998-06: 5',
  },
  {
    name: 'Monthly on the first Friday until December 24, 1997',
    start: '1997-09-05',
    rrule: 'FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR',
    expected: '1997-09: 5; 1997-10: 3; 1997-11: 7; 1997-12: 5',
  },
  {
    name: 'Every other month on the first and last Sunday of the month for 10 occurrences',
    start: '1997-09-07',
    rrule: 'FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU',
    expected: '1997-09: 7,28; 1997-11: 2,30; 1998-01: 4,25; 1998-03: 1,29; 1998-05: 3,31',
  },
  {
    name: 'Monthly on the second-to-last Monday of the month for 6 months',
    start: '1997-09-22',
    rrule: 'FREQ=MONTHLY;COUNT=6;BYDAY=-2MO',
    expected: '1997-09: 22; 1997-10: 20; 1997-11: 17; 1997-12: 22; 1998-01: 19; 1998-02: 16',
  },
  {
    name: 'Monthly on the third-to-the-last day of the month, forever',
    start: '1997-09-28',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=-3',
    expected: '1997-09: 28; 1997-10: 29; 1997-11: 28; 1997-12: 29; 1998-01: 29; 1998-02: 26',
    n: 6,
  },
  {
    name: 'Monthly on the 2nd and 15th of the month for 10 occurrences',
    start: '1997-09-02',
    rrule: 'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15',
    expected: '1997-09: 2,15; 1997-10: 2,15; 1997-11: 2,15; 1997-12: 2,15; 1998-01: 2,15',
  },
  {
    name: 'Monthly on the first and last day of the month for 10 occurrences',
    start: '1997-09-30',
    rrule: 'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1',
    expected: '1997-09: 30; 1997-10: 1,31; 1997-11: 1,30; 1997-12: 1,31; 1998-01: 1,31; 1998-02: 1',
  },
  {
    name: 'Every 18 months on the 10th thru 15th of the month for 10 occurrences',
    start: '1997-09-10',
    rrule: 'FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15',
    expected: '1997-09: 10,11,12,13,14,15; 1999-03: 10,11,12,13',
  },
  {
    name: 'Every Tuesday, every other month',
    start: '1997-09-02',
    rrule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=TU',
    expected: '1997-09: 2,9,16,23,30; 1997-11: 4,11,18,25; 1998-01: 6,13,20,27; 1998-03: 3,10,17,24,31',
    n: 18,
  },
  {
    name: 'Yearly in June and July for 10 occurrences',
    start: '1997-06-10',
    rrule: 'FREQ=YEARLY;COUNT=10;BYMONTH=6,7',
    expected:
      '1997-06: 10; 1997-07: 10; 1998-06: 10; 1998-07: 10; 1999-06: 10; 1999-07: 10; 2000-06: 10; 2000-07: 10; 2001-06: 10; 2001-07: 10',
  },
  {
    name: 'Every other year on January, February, and March for 10 occurrences',
    start: '1997-03-10',
    rrule: 'FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3',
    expected:
      '1997-03: 10; 1999-01: 10; 1999-02: 10; 1999-03: 10; 2001-01: 10; 2001-02: 10; 2001-03: 10; 2003-01: 10; 2003-02: 10; 2003-03: 10',
  },
  {
    name: 'Every third year on the 1st, 100th, and 200th day for 10 occurrences',
    start: '1997-01-01',
    rrule: 'FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200',
    expected:
      '1997-01: 1; 1997-04: 10; 1997-07: 19; 2000-01: 1; 2000-04: 9; 2000-07: 18; 2003-01: 1; 2003-04: 10; 2003-07: 19; 2006-01: 1',
  },
  {
    name: 'Every 20th Monday of the year, forever',
    start: '1997-05-19',
    rrule: 'FREQ=YEARLY;BYDAY=20MO',
    expected: '1997-05: 19; 1998-05: 18; 1999-05: 17',
    n: 3,
  },
  {
    name: 'Monday of week number 20, forever',
    start: '1997-05-12',
    rrule: 'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
    expected: '1997-05: 12; 1998-05: 11; 1999-05: 17',
    n: 3,
  },
  {
    name: 'Every Thursday in March, forever',
    start: '1997-03-13',
    rrule: 'FREQ=YEARLY;BYMONTH=3;BYDAY=TH',
    expected: '1997-03: 13,20,27; 1998-03: 5,12,19,26; 1999-03: 4,11,18,25',
    n: 11,
  },
  {
    name: 'Every Thursday, but only during June, July, and August, forever',
    start: '1997-06-05',
    rrule: 'FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8',
    expected:
      '1997-06: 5,12,19,26; 1997-07: 3,10,17,24,31; 1997-08: 7,14,21,28; 1998-06: 4,11,18,25; 1998-07: 2,9,16,23,30; 1998-08: 6,13,20,27; 1999-06: 3,10,17,24; 1999-07: 1,8,15,22,29; 1999-08: 5,12,19,26',
    n: 39,
  },
  {
    // The RFC excludes DTSTART (a Tuesday) with EXDATE; startDate need not match here anyway.
    name: 'Every Friday the 13th, forever',
    start: '1997-09-02',
    rrule: 'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13',
    expected: '1998-02: 13; 1998-03: 13; 1998-11: 13; 1999-08: 13; 2000-10: 13',
    n: 5,
  },
  {
    name: 'The first Saturday that follows the first Sunday of the month, forever',
    start: '1997-09-13',
    rrule: 'FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13',
    expected:
      '1997-09: 13; 1997-10: 11; 1997-11: 8; 1997-12: 13; 1998-01: 10; 1998-02: 7; 1998-03: 7; 1998-04: 11; 1998-05: 9; 1998-06: 13',
    n: 10,
  },
  {
    name: 'Every 4 years, the first Tuesday after a Monday in November, forever',
    start: '1996-11-05',
    rrule: 'FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8',
    expected: '1996-11: 5; 2000-11: 7; 2004-11: 2',
    n: 3,
  },
  {
    name: 'The third instance into the month of one of Tuesday, Wednesday, or Thursday, for the next 3 months',
    start: '1997-09-04',
    rrule: 'FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3',
    expected: '1997-09: 4; 1997-10: 7; 1997-11: 6',
  },
  {
    name: 'The second-to-last weekday of the month',
    start: '1997-09-29',
    rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2',
    expected: '1997-09: 29; 1997-10: 30; 1997-11: 27; 1997-12: 30; 1998-01: 29; 1998-02: 26; 1998-03: 30',
    n: 7,
  },
  {
    name: 'An example where the days generated makes a difference because of WKST (MO)',
    start: '1997-08-05',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO',
    expected: '1997-08: 5,10,19,24',
  },
  {
    name: 'An example where the days generated makes a difference because of WKST (SU)',
    start: '1997-08-05',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU',
    expected: '1997-08: 5,17,19,31',
  },
  {
    name: 'An invalid date (February 30) is ignored',
    start: '2007-01-15',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5',
    expected: '2007-01: 15,30; 2007-02: 15; 2007-03: 15,30',
  },
];

const from1990 = new Date('1990-01-01T00:00:00Z');

describe('recurrence: RFC 5545 §3.8.5.3 examples (America/New_York, 09:00)', () => {
  it.each(RFC_CASES)('$name', ({ start, rrule, expected, n }) => {
    const spec: RecurrenceSpec = { rrule, startDate: start, startTime: '09:00', timezone: NY };
    const want = dates(expected);
    const got = n
      ? nextOccurrences(spec, from1990, n)
      : occurrencesBetween(spec, from1990, new Date('2010-01-01T00:00:00Z'));
    expect(got.map((d) => localDate(d, NY))).toEqual(want);
    // 09:00 local whatever the offset (EDT or EST).
    for (const d of got) expect(local(d, NY).slice(11)).toBe('09:00');
  });

  it('keeps 09:00 local across the 1997 fall-back: 13:00Z in EDT, 14:00Z in EST', () => {
    const got = occurrencesBetween(
      { rrule: 'FREQ=WEEKLY;COUNT=10', startDate: '1997-09-02', startTime: '09:00', timezone: NY },
      from1990,
      new Date('1998-01-01T00:00:00Z'),
    );
    expect(got[7].toISOString()).toBe('1997-10-21T13:00:00.000Z');
    expect(got[8].toISOString()).toBe('1997-10-28T14:00:00.000Z');
  });
});

describe('recurrence: working group schedules', () => {
  const spec = (
    rrule: string,
    timezone: string,
    startDate = '2027-01-01',
    startTime = '10:00',
  ): RecurrenceSpec => ({ rrule, startDate, startTime, timezone });
  const window = (s: RecurrenceSpec, n: number) => nextOccurrences(s, new Date('2026-12-01T00:00:00Z'), n);

  it('first Tuesday of every month at 10:00 in Lubumbashi (UTC+2, no DST)', () => {
    const got = window(spec('FREQ=MONTHLY;BYDAY=1TU', 'Africa/Lubumbashi'), 6);
    expect(got.map((d) => d.toISOString())).toEqual([
      '2027-01-05T08:00:00.000Z',
      '2027-02-02T08:00:00.000Z',
      '2027-03-02T08:00:00.000Z',
      '2027-04-06T08:00:00.000Z',
      '2027-05-04T08:00:00.000Z',
      '2027-06-01T08:00:00.000Z',
    ]);
  });

  it('first Tuesday in Paris keeps 10:00 local across the March DST change', () => {
    const got = window(spec('FREQ=MONTHLY;BYDAY=1TU', 'Europe/Paris'), 5);
    expect(got.map((d) => d.toISOString())).toEqual([
      '2027-01-05T09:00:00.000Z',
      '2027-02-02T09:00:00.000Z',
      '2027-03-02T09:00:00.000Z',
      '2027-04-06T08:00:00.000Z', // CEST from 28 March 2027
      '2027-05-04T08:00:00.000Z',
    ]);
    for (const d of got) expect(local(d, 'Europe/Paris').slice(11)).toBe('10:00');
  });

  it('last Friday of the month (BYDAY=-1FR) in New York across both DST changes', () => {
    const got = window(spec('FREQ=MONTHLY;BYDAY=-1FR', NY, '2027-01-01', '14:30'), 12);
    expect(got.map((d) => localDate(d, NY))).toEqual([
      '2027-01-29',
      '2027-02-26',
      '2027-03-26',
      '2027-04-30',
      '2027-05-28',
      '2027-06-25',
      '2027-07-30',
      '2027-08-27',
      '2027-09-24',
      '2027-10-29',
      '2027-11-26',
      '2027-12-31',
    ]);
    expect(got[1].toISOString()).toBe('2027-02-26T19:30:00.000Z'); // EST
    expect(got[2].toISOString()).toBe('2027-03-26T18:30:00.000Z'); // EDT from 14 March
    expect(got[10].toISOString()).toBe('2027-11-26T19:30:00.000Z'); // EST from 7 November
  });

  it('last Friday in Lubumbashi', () => {
    const got = window(spec('FREQ=MONTHLY;BYDAY=-1FR', 'Africa/Lubumbashi'), 3);
    expect(got.map((d) => d.toISOString())).toEqual([
      '2027-01-29T08:00:00.000Z',
      '2027-02-26T08:00:00.000Z',
      '2027-03-26T08:00:00.000Z',
    ]);
  });

  it('every 4 weeks (FREQ=WEEKLY;INTERVAL=4) from a Wednesday in Paris and Lubumbashi', () => {
    const paris = window(spec('FREQ=WEEKLY;INTERVAL=4', 'Europe/Paris', '2027-02-03', '09:30'), 4);
    expect(paris.map((d) => d.toISOString())).toEqual([
      '2027-02-03T08:30:00.000Z',
      '2027-03-03T08:30:00.000Z',
      '2027-03-31T07:30:00.000Z',
      '2027-04-28T07:30:00.000Z',
    ]);
    const fbm = window(spec('FREQ=WEEKLY;INTERVAL=4', 'Africa/Lubumbashi', '2027-02-03', '09:30'), 3);
    expect(fbm.map((d) => d.toISOString())).toEqual([
      '2027-02-03T07:30:00.000Z',
      '2027-03-03T07:30:00.000Z',
      '2027-03-31T07:30:00.000Z',
    ]);
  });

  it('second Thursday in New York across the November fall-back', () => {
    const got = window(spec('FREQ=MONTHLY;BYDAY=2TH', NY, '2027-10-01', '10:00'), 2);
    expect(got.map((d) => d.toISOString())).toEqual(['2027-10-14T14:00:00.000Z', '2027-11-11T15:00:00.000Z']);
  });

  it('startDate need not match the rule: the first occurrence is the first match on or after it', () => {
    expect(
      window(spec('FREQ=MONTHLY;BYDAY=1TU', 'Africa/Lubumbashi', '2027-01-06'), 1)[0].toISOString(),
    ).toBe('2027-02-02T08:00:00.000Z');
  });

  it('occurrencesBetween is half-open [from, to)', () => {
    const s = spec('FREQ=MONTHLY;BYDAY=1TU', 'Africa/Lubumbashi');
    expect(
      occurrencesBetween(s, new Date('2027-01-05T08:00:00Z'), new Date('2027-02-02T08:00:00Z')).map((d) =>
        d.toISOString(),
      ),
    ).toEqual(['2027-01-05T08:00:00.000Z']);
  });

  it('a local time inside the spring-forward gap moves forward', () => {
    const got = nextOccurrences(
      spec('FREQ=DAILY;COUNT=1', 'Europe/Paris', '2027-03-28', '02:30'),
      new Date('2027-01-01T00:00:00Z'),
      1,
    );
    expect(local(got[0], 'Europe/Paris')).toBe('2027-03-28T03:30');
  });
});

describe('recurrence: validation', () => {
  it.each([
    ['', /RFC 5545/],
    ['FREQ=FORTNIGHTLY', /FREQ/],
    ['BYDAY=1TU', /FREQ is required/],
    ['FREQ=MONTHLY;BYDAY=1XX', /BYDAY/],
    ['FREQ=MONTHLY;BYMONTHDAY=40', /BYMONTHDAY/],
    ['FREQ=MONTHLY;FOO=1', /unknown/],
    ['FREQ=MONTHLY;COUNT=2;UNTIL=20270101T000000Z', /COUNT and UNTIL/],
    ['FREQ=MONTHLY;INTERVAL=0', /INTERVAL/],
    ['DTSTART:20270105T100000\nRRULE:FREQ=MONTHLY', /DTSTART/],
    ['FREQ=HOURLY', /recur by day/],
    ['FREQ=MINUTELY;INTERVAL=15', /recur by day/],
    ['FREQ=DAILY;BYHOUR=9', /startTime/],
    ['FREQ=DAILY;COUNT=5000', /COUNT may be at most/],
    ['FREQ=MONTHLY;FREQ=WEEKLY', /twice/],
  ])('rejects %j', (rule, message) => {
    expect(ruleSyntaxError(rule, { seriesOnly: true })).toMatch(message);
  });

  it.each([
    'FREQ=MONTHLY;BYDAY=1TU',
    'RRULE:FREQ=MONTHLY;BYDAY=-1FR',
    'FREQ=WEEKLY;INTERVAL=4',
    'FREQ=YEARLY;BYMONTH=3;BYDAY=TH',
    'freq=monthly;byday=1tu',
  ])('accepts %j', (rule) => expect(ruleSyntaxError(rule, { seriesOnly: true })).toBeNull());

  it('names every bad field', () => {
    expect(
      recurrenceErrors({
        rrule: 'FREQ=NEVER',
        startDate: '2027-02-30',
        startTime: '25:00',
        timezone: 'Mars/Olympus',
      }).map((e) => e.field),
    ).toEqual(['rrule', 'startDate', 'startTime', 'timezone']);
    expect(
      recurrenceErrors({
        rrule: 'FREQ=MONTHLY;BYDAY=1TU',
        startDate: '2027-01-05',
        startTime: '10:00',
        timezone: 'Africa/Lubumbashi',
      }),
    ).toEqual([]);
  });

  it('accepts a date-only UNTIL as the inclusive last day (RFC 5545 wants a UTC date-time; calendars send both)', () => {
    const spec = {
      rrule: 'FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270302',
      startDate: '2027-01-01',
      startTime: '10:00',
      timezone: 'Africa/Lubumbashi',
    };
    expect(recurrenceErrors(spec)).toEqual([]);
    expect(
      occurrencesBetween(spec, new Date('2026-01-01T00:00:00Z'), new Date('2028-01-01T00:00:00Z')).map((d) =>
        d.toISOString(),
      ),
    ).toEqual(['2027-01-05T08:00:00.000Z', '2027-02-02T08:00:00.000Z', '2027-03-02T08:00:00.000Z']);
  });
});

describe('recurrence: expanding from a later window', () => {
  // Rules without COUNT start at the period of `from` (keeping the INTERVAL phase) instead of
  // expanding from the start: the occurrences must be the same as from scratch.
  const from = new Date('2023-03-10T00:00:00Z');
  const to = new Date('2026-01-01T00:00:00Z');
  it.each([
    ['FREQ=DAILY;INTERVAL=3', '2021-01-31'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=SU', '2021-01-31'],
    ['FREQ=WEEKLY;INTERVAL=4', '2021-01-31'],
    ['FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,SA;BYSETPOS=1;WKST=TH', '2021-01-31'],
    ['FREQ=MONTHLY', '2021-01-31'],
    ['FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR', '2021-01-31'],
    ['FREQ=MONTHLY;BYMONTHDAY=31', '2021-01-31'],
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2', '2021-01-31'],
    ['FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU;UNTIL=20230801T000000Z', '2021-01-31'],
    ['FREQ=YEARLY;BYMONTH=2,8;BYMONTHDAY=29', '2020-02-29'],
    ['FREQ=YEARLY;INTERVAL=2;BYMONTH=3,6;BYDAY=2WE', '2019-01-01'],
    ['FREQ=YEARLY', '2020-02-29'],
    ['FREQ=DAILY;COUNT=900', '2021-01-31'],
  ])('%s from %s: same occurrences as expanding from the real start', (rrule, startDate) => {
    const spec: RecurrenceSpec = { rrule, startDate, startTime: '10:00', timezone: 'Europe/Paris' };
    const fromScratch = occurrencesBetween(
      spec,
      new Date('2000-01-01T00:00:00Z'),
      new Date('2040-01-01'),
    ).filter((d) => d >= from);
    expect(fromScratch.length).toBeGreaterThan(0);
    expect(occurrencesBetween(spec, from, to).map((d) => d.toISOString())).toEqual(
      fromScratch.filter((d) => d < to).map((d) => d.toISOString()),
    );
    expect(nextOccurrences(spec, from, 3).map((d) => d.toISOString())).toEqual(
      fromScratch.slice(0, 3).map((d) => d.toISOString()),
    );
  });
});

describe('recurrence: rules that can never occur (issue 11, finding 2)', () => {
  it.each([
    ['FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30', /never occur: BYMONTHDAY=30 never falls in February/],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', /BYMONTHDAY=30 never falls in February/],
    ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30,31', /BYMONTHDAY=30,31 never falls in February/],
    ['FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31', /never falls in April, June, September, November/],
    ['FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=-30', /BYMONTHDAY=-30 never falls in February/],
    ['FREQ=MONTHLY;BYDAY=6MO', /at most five of each weekday/],
    ['FREQ=YEARLY;BYMONTH=3;BYDAY=-6FR', /at most five of each weekday/],
    ['FREQ=YEARLY;BYYEARDAY=60;BYMONTH=1', /no day matches BYMONTH=1 and BYYEARDAY=60/],
    ['FREQ=YEARLY;BYYEARDAY=366;BYMONTH=11', /no day matches/],
    ['FREQ=YEARLY;BYWEEKNO=20;BYMONTH=1', /no day matches BYMONTH=1 and BYWEEKNO=20/],
    ['FREQ=YEARLY;BYWEEKNO=53;BYMONTH=6', /no day matches/],
    ['FREQ=YEARLY;BYWEEKNO=1;BYMONTH=7;BYDAY=MO', /no day matches/],
    [
      'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;BYMONTH=2;BYYEARDAY=1',
      /BYYEARDAY is only allowed with FREQ=YEARLY/,
    ],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYYEARDAY=1', /no day matches/],
    [
      'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6',
      /BYSETPOS=6 is beyond the 5 day\(s\) at most that BYDAY=MO select in a month/,
    ],
    ['FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=3', /BYSETPOS=3 is beyond the 2 day\(s\)/],
    ['FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=1,2,3;BYSETPOS=2,-2', /BYSETPOS=2,-2 is beyond the 1 day\(s\)/],
    ['FREQ=DAILY;BYDAY=MO;BYSETPOS=2', /beyond the 1 day\(s\) at most that BYDAY=MO select in a day/],
    ['FREQ=YEARLY;BYMONTH=2;BYDAY=SU;BYSETPOS=6', /beyond the 5 day\(s\)/],
    // RFC 5545 §3.3.10 forbids these combinations outright.
    ['FREQ=WEEKLY;BYDAY=1MO', /only allowed with FREQ=MONTHLY or FREQ=YEARLY/],
    ['FREQ=MONTHLY;BYWEEKNO=3', /BYWEEKNO is only allowed with FREQ=YEARLY/],
    ['FREQ=WEEKLY;BYMONTHDAY=3', /BYMONTHDAY is not allowed with FREQ=WEEKLY/],
    ['FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO', /not allowed together with BYWEEKNO/],
    ['FREQ=MONTHLY;BYSETPOS=1', /BYSETPOS needs another BYxxx part/],
  ])('refuses %j at once', (rule, message) => {
    expect(ruleSyntaxError(rule, { seriesOnly: true })).toMatch(message);
  });

  it.each([
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', // leap years
    'FREQ=YEARLY;BYYEARDAY=366',
    'FREQ=YEARLY;BYYEARDAY=-366',
    'FREQ=YEARLY;BYDAY=53SU', // years with 53 Sundays
    'FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH',
    'FREQ=YEARLY;BYWEEKNO=-1;BYMONTH=12',
    'FREQ=YEARLY;BYWEEKNO=1;BYMONTH=12', // week 1 may start in December
    'FREQ=MONTHLY;BYDAY=5FR',
    'FREQ=YEARLY;BYMONTH=2;BYDAY=5SU', // February 2004, 2032
    'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13',
    'FREQ=MONTHLY;BYMONTHDAY=31',
    'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=5',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO',
  ])('accepts %j, which does occur', (rule) =>
    expect(ruleSyntaxError(rule, { seriesOnly: true })).toBeNull(),
  );

  const spec = (rrule: string, startDate = '2027-01-01'): RecurrenceSpec => ({
    rrule,
    startDate,
    startTime: '10:00',
    timezone: 'Africa/Lubumbashi',
  });

  it.each([
    // Every fourth year from 2027 is never a leap year.
    [
      spec('FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29'),
      /no occurrence within 100 years of startDate 2027-01-01/,
    ],
    // The day of month comes from startDate: 30 February.
    [spec('FREQ=YEARLY;BYMONTH=2', '2027-01-30'), /no occurrence within 100 years/],
    [spec('FREQ=MONTHLY;BYDAY=1TU;UNTIL=20200101T000000Z'), /UNTIL is before startDate/],
    [spec('FREQ=MONTHLY;BYDAY=1TU;UNTIL=20261231'), /UNTIL is before startDate/],
  ])('refuses a rule that passes the static check but has no occurrence: %j', (s, message) => {
    const errors = recurrenceErrors(s);
    expect(errors).toEqual([{ field: 'rrule', message: expect.stringMatching(message) }]);
  });

  it('expansion stops at the search window: a rule that stops occurring yields nothing, not a hang', () => {
    const s = spec('FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29');
    expect(nextOccurrences(s, new Date('2027-01-01T00:00:00Z'), 12)).toEqual([]);
    expect(occurrencesBetween(s, new Date('2027-01-01T00:00:00Z'), new Date('9999-01-01T00:00:00Z'))).toEqual(
      [],
    );
  });

  it('a rare rule still finds its occurrences within the window (Monday 29 February)', () => {
    const got = nextOccurrences(
      spec('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO'),
      new Date('2027-01-01T00:00:00Z'),
      2,
    );
    expect(got.map((d) => localDate(d, 'Africa/Lubumbashi'))).toEqual(['2044-02-29', '2072-02-29']);
  });

  it('the work budget stops what the window does not bound', () => {
    const rule = parseRule('FREQ=DAILY;COUNT=1000;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO');
    const engine = new RuleEngine(rule, dayOf(1, 1, 1));
    expect(() => [...engine.days(dayOf(2027, 1, 1), dayOf(2127, 1, 1), new Budget(100_000))]).toThrow(
      RecurrenceBudgetError,
    );
    // The default budget is enough for the same expansion.
    expect([...engine.days(dayOf(2027, 1, 1), dayOf(2127, 1, 1), new Budget())].length).toBeGreaterThan(0);
  });
});

describe('recurrence: BYWEEKNO against ISO 8601 week numbers (Temporal weekOfYear)', () => {
  // Independent of dateutil, which miscounts last year's weeks for the first days of January
  // (it files Sunday 2 January 2011 under week 53 of 2010, which has 52).
  const from = new Date('2000-01-01T00:00:00Z');
  const to = new Date('2041-01-01T00:00:00Z');
  it.each([
    ['53', 'TH,SU'],
    ['52', 'SA,SU'],
    ['1', 'MO,SU'],
    ['-1', 'FR,SA,SU'],
  ])('BYWEEKNO=%s;BYDAY=%s selects exactly the days of those ISO weeks', (weeks, days) => {
    const spec: RecurrenceSpec = {
      rrule: `FREQ=YEARLY;BYWEEKNO=${weeks};BYDAY=${days}`,
      startDate: '2000-01-01',
      startTime: '12:00',
      timezone: 'UTC',
    };
    const got = occurrencesBetween(spec, from, to).map((d) => d.toISOString().slice(0, 10));
    const codes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
    const wanted = new Set(days.split(',').map((c) => codes.indexOf(c) + 1));
    const expected: string[] = [];
    for (let d = Temporal.PlainDate.from('2000-01-01'); d.year < 2041; d = d.add({ days: 1 })) {
      if (!wanted.has(d.dayOfWeek)) continue;
      const weeksInYear = Temporal.PlainDate.from({ year: d.yearOfWeek!, month: 12, day: 28 }).weekOfYear!;
      const n = Number(weeks);
      if (d.weekOfYear === (n > 0 ? n : weeksInYear + 1 + n)) expected.push(d.toString());
    }
    expect(got).toEqual(expected);
  });
});
