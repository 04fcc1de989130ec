import en from './en.json';
import {
  CATALOGUES,
  formatDate,
  formatDateTime,
  groupLocale,
  renderMessage,
  toLocale,
  translate,
} from './translate';

describe('message catalogues', () => {
  it.each(Object.entries(CATALOGUES))(
    '%s has exactly the English keys, with the same placeholders',
    (_l, c) => {
      expect(Object.keys(c).sort()).toEqual(Object.keys(en).sort());
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      for (const [key, text] of Object.entries(en))
        expect({ key, p: placeholders((c as Record<string, string>)[key]) }).toEqual({
          key,
          p: placeholders(text),
        });
    },
  );
});

describe('translate', () => {
  it('fills placeholders in the locale asked for', () => {
    expect(translate('fr', 'minutes.heading', { title: 'Réunion de janvier' })).toBe(
      'Procès-verbal : Réunion de janvier',
    );
    expect(translate('sw', 'minutes.section.keyIssues')).toBe('Masuala muhimu');
  });
  it('falls back to English for other locales', () => {
    expect(translate('ln', 'minutes.section.decisions')).toBe('Decisions');
  });
  it('maps tags and group languages to a catalogue', () => {
    expect(toLocale('fr-CD')).toBe('fr');
    expect(toLocale('SW')).toBe('sw');
    expect(groupLocale(['sw', 'fr'])).toBe('sw');
    expect(groupLocale(['ln', 'fr'])).toBe('en');
    expect(groupLocale([])).toBe('en');
  });
});

describe('renderMessage', () => {
  const message = {
    title: 'notification.meeting.reminder.title',
    body: 'notification.meeting.reminder.body',
    params: {
      title: 'Roundtable',
      lead: { key: 'meeting.lead.hours', params: { count: 2 } },
      startsAt: { dateTime: '2027-03-03T08:00:00Z', timeZone: 'Africa/Lubumbashi' },
    },
  } as const;
  it('renders nested keys and moments in the recipient’s locale and the named zone', () => {
    expect(renderMessage('fr-CD', message)).toEqual({
      title: 'Rappel : Roundtable — dans 2 heures',
      body: expect.stringMatching(/^Début : mercredi 3 mars 2027 (à )?10:00 \(Africa\/Lubumbashi\)$/),
    });
    expect(renderMessage('sw', message).title).toBe('Kikumbusho: Roundtable — baada ya saa 2');
    expect(renderMessage('sw', message).body).toMatch(/Jumatano.*Machi 2027.*\(Africa\/Lubumbashi\)/);
    expect(renderMessage('xx', message).title).toBe('Reminder: Roundtable — in 2 hours');
    expect(renderMessage(undefined as unknown as string, message).body).toMatch(
      /^Starts Wednesday.*3 March 2027.*\(Africa\/Lubumbashi\)$/,
    );
  });
  it('names the zone, and falls back to UTC for one it does not know', () => {
    expect(formatDateTime('fr', '2027-06-16T08:00:00Z', 'Europe/Paris')).toBe(
      'mercredi 16 juin 2027 à 10:00 (Europe/Paris)',
    );
    expect(formatDateTime('en', '2027-06-16T08:00:00Z', 'Mars/Olympus')).toBe(
      'Wednesday, 16 June 2027 at 08:00 (UTC)',
    );
  });
  it('formats calendar dates without a zone shift', () => {
    expect(formatDate('fr', '2027-01-31')).toBe('31 janvier 2027');
    expect(formatDate('en', '2027-01-31')).toBe('31 January 2027');
  });
});
