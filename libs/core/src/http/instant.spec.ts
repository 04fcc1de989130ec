import { instantError, isInstant } from './instant';

describe('instants', () => {
  it.each([
    '2027-01-12T08:00:00Z',
    '2027-01-12T10:00:00+02:00',
    '2027-01-12T10:00Z',
    '2027-01-12T08:00:00.123456Z',
    '2028-02-29T00:00:00-05:00',
  ])('accepts %s', (v) => expect(isInstant(v)).toBe(true));
  it('refuses a local date-time without an offset', () =>
    expect(instantError('2027-01-12T10:00:00')).toMatch(/must include a UTC offset/));
  it('says when the calendar date does not exist', () => {
    expect(instantError('2027-02-30T10:00:00Z')).toBe('is not a real date');
    expect(instantError('2027-02-29T10:00:00Z')).toBe('is not a real date');
    expect(instantError('2027-13-01T10:00:00Z')).toBe('is not a real date');
  });
  it('says when the time of day does not exist', () =>
    expect(instantError('2027-01-12T24:30:00Z')).toBe('is not a real time of day'));
  it('refuses other shapes', () => {
    for (const v of ['2027-01-12', 'tomorrow', 5, null, '2027-01-12 08:00:00Z', '2027-01-12T08:00:00+0200'])
      expect(instantError(v)).toMatch(/must be an ISO 8601 instant with an offset/);
    expect(instantError('2027-01-12T08:00:00+25:00')).toBe('has an impossible UTC offset');
  });
  it('takes calendar dates when asked to', () => {
    expect(isInstant('2027-01-12', { allowDate: true })).toBe(true);
    expect(instantError('2027-02-30', { allowDate: true })).toBe('is not a real date');
    expect(instantError('2027-01-12T10:00', { allowDate: true })).toMatch(/must include a UTC offset/);
  });
});
