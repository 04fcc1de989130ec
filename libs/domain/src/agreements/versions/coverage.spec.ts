import { coverageOf } from './coverage';

describe('coverageOf', () => {
  const all = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

  it('covers a)–j) with the annex', () =>
    expect(coverageOf(all, ['vps'], '3rd')).toEqual({ edition: '3rd', covered: all, missing: [] }));

  it('lists missing keys in catalogue order and ignores the parties’ own clauses', () =>
    expect(coverageOf(['j', 'a', 'x-1', 'c'], ['vps'], '2nd')).toEqual({
      edition: '2nd',
      covered: ['a', 'c', 'j'],
      missing: ['b', 'd', 'e', 'f', 'g', 'h', 'i'],
    }));

  it('counts clause j only with the Voluntary Principles annexed when the edition requires it', () => {
    expect(coverageOf(all, [], '3rd').missing).toEqual(['j']);
    expect(coverageOf(all, ['other'], '3rd').missing).toEqual(['j']);
    expect(coverageOf(all, [], '2nd').missing).toEqual([]);
  });

  it('does not count the annex without clause j', () =>
    expect(coverageOf(['a'], ['vps'], '3rd').covered).toEqual(['a']));
});
