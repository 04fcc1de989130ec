import { dueAfter, dueOnOrAfter, obligationRuleErrors } from './obligation-schedule';

describe('recurring obligation due dates', () => {
  const tz = 'Africa/Lubumbashi';

  it('takes the first occurrence on or after the start', () => {
    expect(dueOnOrAfter('FREQ=MONTHLY;BYMONTHDAY=-1', '2027-01-15', tz, '2027-01-15')).toBe('2027-01-31');
    expect(dueOnOrAfter('FREQ=MONTHLY;BYMONTHDAY=15', '2027-01-15', tz, '2027-01-15')).toBe('2027-01-15');
  });

  it('moves to the next occurrence once one is fulfilled, quarter by quarter', () => {
    const rule = 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1';
    expect(dueAfter(rule, '2027-01-01', tz, '2027-01-01')).toBe('2027-04-01');
    expect(dueAfter(rule, '2027-01-01', tz, '2027-04-01')).toBe('2027-07-01');
  });

  it('keeps local dates across a DST change in a zone that has one', () => {
    const rule = 'FREQ=WEEKLY;BYDAY=SU';
    expect(dueAfter(rule, '2027-03-01', 'Europe/Paris', '2027-03-21')).toBe('2027-03-28');
    expect(dueAfter(rule, '2027-10-01', 'Europe/Paris', '2027-10-24')).toBe('2027-10-31');
  });

  it('ends with the rule', () => {
    expect(dueAfter('FREQ=YEARLY;COUNT=2', '2027-06-30', tz, '2027-06-30')).toBe('2028-06-30');
    expect(dueAfter('FREQ=YEARLY;COUNT=2', '2027-06-30', tz, '2028-06-30')).toBeNull();
  });

  it('reports invalid rules on rrule', () => {
    expect(obligationRuleErrors('FREQ=SOMETIMES', '2027-01-01', tz)).toEqual([
      { field: 'rrule', message: expect.any(String) },
    ]);
    expect(obligationRuleErrors('FREQ=MONTHLY;DTSTART=20270101', '2027-01-01', tz)[0].field).toBe('rrule');
    expect(obligationRuleErrors('FREQ=HOURLY', '2027-01-01', tz)[0].field).toBe('rrule');
    expect(obligationRuleErrors('FREQ=MONTHLY;BYMONTHDAY=1', '2027-01-01', tz)).toEqual([]);
  });
});
