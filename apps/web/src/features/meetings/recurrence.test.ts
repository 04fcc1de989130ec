import { describe, expect, it } from 'vitest';
import { fromRrule, previewOccurrences, ruleDates, toRrule, zonedInstant, type RuleForm } from './recurrence';

const take = (form: RuleForm, start: string, n: number) => {
  const out: string[] = [];
  for (const d of ruleDates(form, start)) {
    out.push(d);
    if (out.length === n) break;
  }
  return out;
};

describe('rule ↔ RRULE', () => {
  const cases: [RuleForm, string][] = [
    [{ kind: 'monthlyWeekday', ordinal: 1, weekday: 'TU', interval: 1 }, 'FREQ=MONTHLY;BYDAY=1TU'],
    [{ kind: 'monthlyWeekday', ordinal: -1, weekday: 'TH', interval: 1 }, 'FREQ=MONTHLY;BYDAY=-1TH'],
    [{ kind: 'monthlyWeekday', ordinal: 2, weekday: 'WE', interval: 3 }, 'FREQ=MONTHLY;INTERVAL=3;BYDAY=2WE'],
    [{ kind: 'weekly', weekday: 'TU', interval: 4 }, 'FREQ=WEEKLY;INTERVAL=4;BYDAY=TU'],
    [{ kind: 'monthlyDay', day: 15, interval: 1 }, 'FREQ=MONTHLY;BYMONTHDAY=15'],
    [{ kind: 'monthlyDay', day: -1, interval: 2 }, 'FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1'],
  ];
  it.each(cases)('%o writes %s and reads back', (form, rrule) => {
    expect(toRrule(form)).toBe(rrule);
    expect(fromRrule(rrule)).toEqual(form);
  });

  it('reads INTERVAL=1, lower case and an RRULE: prefix', () => {
    expect(fromRrule('RRULE:freq=monthly;interval=1;byday=3fr')).toEqual({
      kind: 'monthlyWeekday',
      ordinal: 3,
      weekday: 'FR',
      interval: 1,
    });
  });

  it('keeps what the builder cannot express as a custom rule, as written', () => {
    for (const rrule of [
      'FREQ=MONTHLY;BYDAY=TU,TH',
      'FREQ=MONTHLY;BYDAY=1TU;COUNT=10',
      'FREQ=YEARLY;BYMONTH=3',
      'FREQ=MONTHLY;BYDAY=5TU',
      'FREQ=MONTHLY;BYMONTHDAY=31',
      'FREQ=WEEKLY;WKST=SU;BYDAY=TU',
      'nonsense',
    ]) {
      expect(fromRrule(rrule)).toEqual({ kind: 'custom', rrule });
      expect(toRrule({ kind: 'custom', rrule })).toBe(rrule);
    }
  });
});

describe('dates a rule selects', () => {
  it('first Tuesday of each month', () => {
    expect(take({ kind: 'monthlyWeekday', ordinal: 1, weekday: 'TU', interval: 1 }, '2027-01-05', 4)).toEqual(
      ['2027-01-05', '2027-02-02', '2027-03-02', '2027-04-06'],
    );
  });

  it('last Thursday, starting mid-month (the first month is skipped when already past)', () => {
    expect(
      take({ kind: 'monthlyWeekday', ordinal: -1, weekday: 'TH', interval: 1 }, '2027-01-29', 3),
    ).toEqual(['2027-02-25', '2027-03-25', '2027-04-29']);
  });

  it('every 4 weeks on Tuesday counts weeks from the start', () => {
    expect(take({ kind: 'weekly', weekday: 'TU', interval: 4 }, '2027-01-06', 3)).toEqual([
      '2027-02-02',
      '2027-03-02',
      '2027-03-30',
    ]);
  });

  it('the last day of the month and a day that every month has', () => {
    expect(take({ kind: 'monthlyDay', day: -1, interval: 1 }, '2027-01-01', 3)).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
    ]);
    expect(take({ kind: 'monthlyDay', day: 15, interval: 2 }, '2027-01-20', 2)).toEqual([
      '2027-03-15',
      '2027-05-15',
    ]);
  });
});

describe('next occurrences in the series’ zone', () => {
  it('keeps 10:00 local across the DST change of the group zone', () => {
    const next = previewOccurrences(
      { kind: 'monthlyWeekday', ordinal: 1, weekday: 'TU', interval: 1 },
      { startDate: '2027-02-01', startTime: '10:00', timezone: 'Europe/Paris' },
      3,
    );
    // Paris: UTC+1 until 28 March 2027, then UTC+2.
    expect(next.map((d) => d.toISOString())).toEqual([
      '2027-02-02T09:00:00.000Z',
      '2027-03-02T09:00:00.000Z',
      '2027-04-06T08:00:00.000Z',
    ]);
  });

  it('starts from a given instant (a series begun in the past shows what comes next)', () => {
    const next = previewOccurrences(
      { kind: 'monthlyWeekday', ordinal: 1, weekday: 'TU', interval: 1 },
      { startDate: '2020-01-07', startTime: '10:00', timezone: 'Africa/Lubumbashi' },
      2,
      new Date('2027-01-06T00:00:00Z'),
    );
    expect(next.map((d) => d.toISOString())).toEqual([
      '2027-02-02T08:00:00.000Z',
      '2027-03-02T08:00:00.000Z',
    ]);
  });

  it('moves a time skipped by the change forward, and takes the first of a repeated hour', () => {
    expect(zonedInstant('2027-03-28', '02:30', 'Europe/Paris').toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
    expect(zonedInstant('2027-10-31', '02:30', 'Europe/Paris').toISOString()).toBe(
      '2027-10-31T00:30:00.000Z',
    );
    expect(zonedInstant('2027-06-01', '10:00', 'America/New_York').toISOString()).toBe(
      '2027-06-01T14:00:00.000Z',
    );
  });

  it('shows nothing for an invalid zone, date or a custom rule', () => {
    const form: RuleForm = { kind: 'monthlyWeekday', ordinal: 1, weekday: 'TU', interval: 1 };
    expect(
      previewOccurrences(form, { startDate: '2027-01-05', startTime: '10:00', timezone: 'Mars/Olympus' }, 3),
    ).toEqual([]);
    expect(
      previewOccurrences(form, { startDate: '2027-02-30', startTime: '10:00', timezone: 'UTC' }, 3),
    ).toEqual([]);
    expect(
      previewOccurrences(
        { kind: 'custom', rrule: 'FREQ=DAILY' },
        { startDate: '2027-01-05', startTime: '10:00', timezone: 'UTC' },
        3,
      ),
    ).toEqual([]);
  });
});
