import { isIanaTimeZone } from './iana-timezone';

describe('isIanaTimeZone', () => {
  it.each(['Africa/Lubumbashi', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'UTC'])(
    'accepts %s',
    (tz) => expect(isIanaTimeZone(tz)).toBe(true),
  );
  it.each(['Mars/Olympus', '+02:00', 'GMT+2', '', 'lubumbashi', 42])('rejects %s', (tz) =>
    expect(isIanaTimeZone(tz)).toBe(false),
  );
});
