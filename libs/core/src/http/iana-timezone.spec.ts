import { canonicalTimeZone, isIanaTimeZone } from './iana-timezone';

describe('isIanaTimeZone', () => {
  it.each([
    'Africa/Lubumbashi',
    'Europe/Paris',
    'America/Argentina/Buenos_Aires',
    'UTC',
    'africa/lubumbashi',
  ])('accepts %s', (tz) => expect(isIanaTimeZone(tz)).toBe(true));
  it.each(['Mars/Olympus', '+02:00', 'GMT+2', '', 'lubumbashi', 42])('rejects %s', (tz) =>
    expect(isIanaTimeZone(tz)).toBe(false),
  );
});

describe('canonicalTimeZone', () => {
  it.each([
    ['Africa/lubumbashi', 'Africa/Lubumbashi'],
    ['AFRICA/KINSHASA', 'Africa/Kinshasa'],
    ['america/argentina/buenos_aires', 'America/Argentina/Buenos_Aires'],
    ['utc', 'UTC'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['africa/dar_es_salaam', 'Africa/Dar_es_Salaam'],
    ['Europe/Paris', 'Europe/Paris'],
  ])('spells %s as %s', (given, canonical) => expect(canonicalTimeZone(given)).toBe(canonical));
  it('gives null for names that are no zone', () => {
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone('GMT+2')).toBeNull();
  });
});
