import en from './en.json';
import { CATALOGUES, groupLocale, toLocale, translate } from './translate';

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
