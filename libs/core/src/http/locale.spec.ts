import { canonicalLocale, matchLocale, negotiateLocale, parseAcceptLanguage } from './locale';

describe('canonicalLocale', () => {
  it.each([
    ['fr', 'fr'],
    ['sw-cd', 'sw-CD'],
    ['pt-MZ', 'pt-MZ'],
    ['zh-hant-TW', 'zh-Hant-TW'],
    ['es-419', 'es-419'],
    ['ln', 'ln'],
  ])('accepts %s as %s', (input, canonical) => expect(canonicalLocale(input)).toBe(canonical));

  it.each(['xx', 'fr-UU', 'en-Qqqx', 'not a tag', '', 'fr_FR', 'a'.repeat(40)])('refuses %s', (input) =>
    expect(canonicalLocale(input)).toBeNull(),
  );
});

describe('parseAcceptLanguage', () => {
  it('orders by q then by position and drops q=0, * and malformed tags', () => {
    expect(parseAcceptLanguage('fr-CD;q=0.8, sw, *;q=0.1, en;q=0, xx, pt-MZ;q=0.8')).toEqual([
      'sw',
      'fr-CD',
      'pt-MZ',
    ]);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
  });
});

describe('negotiateLocale', () => {
  it('takes the first preference that matches, by tag and then by language', () => {
    expect(matchLocale('fr-CD', ['en', 'fr'])).toBe('fr');
    expect(matchLocale('fr', ['en', 'fr-CD'])).toBe('fr-CD');
    expect(negotiateLocale(['pt', 'sw-CD', 'fr'], ['fr', 'sw'], 'en')).toBe('sw');
    expect(negotiateLocale(['en'], ['fr'], 'en')).toBe('en');
  });

  it('falls back to the source when nothing matches', () => {
    expect(negotiateLocale(['pt-MZ'], ['fr'], 'en')).toBe('en');
    expect(negotiateLocale([], ['fr'], 'sw')).toBe('sw');
  });
});
