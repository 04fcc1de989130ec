import { canonicalLocale } from './locale';

describe('canonicalLocale', () => {
  it.each([
    ['fr', 'fr'],
    ['fr-cd', 'fr-CD'],
    ['SW-cd', 'sw-CD'],
    ['zh-hant-tw', 'zh-Hant-TW'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalLocale(input)).toBe(expected);
  });

  it.each(['', 'not a locale', 'fr_CD', 'x', 42, null])('refuses %p', (input) => {
    expect(canonicalLocale(input)).toBeNull();
  });
});
