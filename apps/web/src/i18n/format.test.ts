import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatInstant, formatTimeRange, instantFromZoned, todayIn, zonedLocalInput } from './format';

describe('formatInstant', () => {
  const tuesday = '2027-01-05T08:00:00.000Z'; // 10:00 in Lubumbashi (UTC+2)

  it('shows the instant in the given zone, naming the zone, whatever the process zone', () => {
    expect(formatInstant(tuesday, 'Africa/Lubumbashi', 'en-GB')).toBe(
      'Tue, 5 Jan 2027, 10:00 (Africa/Lubumbashi)',
    );
    expect(formatInstant(tuesday, 'America/New_York', 'en-GB')).toBe(
      'Tue, 5 Jan 2027, 03:00 (America/New_York)',
    );
  });

  it('crosses the date line with the zone', () => {
    expect(formatInstant('2027-01-05T23:30:00Z', 'Africa/Lubumbashi', 'en-GB', { dateOnly: true })).toBe(
      'Wed, 6 Jan 2027 (Africa/Lubumbashi)',
    );
  });

  it('follows the reader’s language', () => {
    expect(formatInstant(tuesday, 'Africa/Lubumbashi', 'fr-FR')).toBe(
      'mar. 5 janv. 2027, 10:00 (Africa/Lubumbashi)',
    );
    expect(formatInstant(tuesday, 'Africa/Lubumbashi', 'sw')).toMatch(
      /^Jumanne, 5 Jan 2027, 10:00 \(Africa\/Lubumbashi\)$/,
    );
  });

  it('keeps 10:00 local across a DST change of the zone', () => {
    expect(formatInstant('2027-03-01T09:00:00Z', 'Europe/Paris', 'en-GB', { hideZone: true })).toBe(
      'Mon, 1 Mar 2027, 10:00',
    );
    expect(formatInstant('2027-04-05T08:00:00Z', 'Europe/Paris', 'en-GB', { hideZone: true })).toBe(
      'Mon, 5 Apr 2027, 10:00',
    );
  });

  it('refuses what is not an instant', () => {
    expect(() => formatInstant('next Tuesday', 'Africa/Lubumbashi', 'en-GB')).toThrow(RangeError);
  });
});

describe('calendar dates', () => {
  it('are the same day in every zone', () => {
    expect(formatCalendarDate('2027-01-05', 'en-GB')).toBe('5 January 2027');
    expect(formatCalendarDate('2027-01-05', 'fr-FR')).toBe('5 janvier 2027');
    expect(() => formatCalendarDate('05/01/2027', 'en-GB')).toThrow(RangeError);
  });

  it('today is taken in the given zone', () => {
    const lateUtc = new Date('2027-01-05T23:30:00Z');
    expect(todayIn('Africa/Lubumbashi', lateUtc)).toBe('2027-01-06');
    expect(todayIn('America/New_York', lateUtc)).toBe('2027-01-05');
  });
});

describe('formatTimeRange', () => {
  it('names the zone once, with the end time in the same zone', () => {
    expect(
      formatTimeRange('2027-01-05T08:00:00Z', '2027-01-05T10:00:00Z', 'Africa/Lubumbashi', 'en-GB'),
    ).toBe('Tue, 5 Jan 2027, 10:00–12:00 (Africa/Lubumbashi)');
    expect(
      formatTimeRange('2027-01-05T08:00:00Z', '2027-01-05T10:00:00Z', 'Africa/Lubumbashi', 'fr-FR'),
    ).toBe('mar. 5 janv. 2027, 10:00–12:00 (Africa/Lubumbashi)');
  });

  it('spells out both ends when the meeting ends on another day in its zone', () => {
    expect(
      formatTimeRange('2027-01-05T20:00:00Z', '2027-01-05T23:00:00Z', 'Africa/Lubumbashi', 'en-GB'),
    ).toBe('Tue, 5 Jan 2027, 22:00 – Wed, 6 Jan 2027, 01:00 (Africa/Lubumbashi)');
    // the same instants end the same day in UTC
    expect(formatTimeRange('2027-01-05T20:00:00Z', '2027-01-05T23:00:00Z', 'UTC', 'en-GB')).toBe(
      'Tue, 5 Jan 2027, 20:00–23:00 (UTC)',
    );
  });

  it('is the wall time of the meeting’s zone on both sides of a DST change', () => {
    // New York: 8 March 2027 is after the change (UTC−4); 1 March before (UTC−5)
    expect(formatTimeRange('2027-03-01T15:00:00Z', '2027-03-01T16:00:00Z', 'America/New_York', 'en-GB')).toBe(
      'Mon, 1 Mar 2027, 10:00–11:00 (America/New_York)',
    );
    expect(formatTimeRange('2027-03-15T14:00:00Z', '2027-03-15T15:00:00Z', 'America/New_York', 'en-GB')).toBe(
      'Mon, 15 Mar 2027, 10:00–11:00 (America/New_York)',
    );
  });
});

describe('wall-clock times in a zone', () => {
  it('become the instant the zone means, whatever the device zone', () => {
    expect(instantFromZoned('2027-01-05T10:00', 'Africa/Lubumbashi').toISOString()).toBe(
      '2027-01-05T08:00:00.000Z',
    );
    expect(instantFromZoned('2027-07-01T10:00', 'Europe/Paris').toISOString()).toBe(
      '2027-07-01T08:00:00.000Z',
    );
    expect(instantFromZoned('2027-01-05', 'America/New_York').toISOString()).toBe('2027-01-05T05:00:00.000Z');
    expect(() => instantFromZoned('5/1/2027 10:00', 'Africa/Lubumbashi')).toThrow(RangeError);
  });

  it('round-trip through the input form, across a DST change', () => {
    const spring = new Date('2027-03-28T01:30:00Z'); // 03:30 in Paris, just after the change
    expect(zonedLocalInput(spring, 'Europe/Paris')).toBe('2027-03-28T03:30');
    expect(instantFromZoned('2027-03-28T03:30', 'Europe/Paris').toISOString()).toBe(spring.toISOString());
    expect(zonedLocalInput(new Date('2027-01-05T23:30:00Z'), 'Africa/Lubumbashi')).toBe('2027-01-06T01:30');
  });
});
