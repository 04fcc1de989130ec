import { fieldErrors, mergeFields, sameFields } from './translatable';

describe('translatable fields', () => {
  it('refuses unknown fields and wrong kinds', () => {
    expect(fieldErrors('minutes', { body: 'x', keyIssues: ['a'] })).toEqual([]);
    expect(fieldErrors('minutes', { title: 'x' })[0].field).toBe('fields.title');
    expect(fieldErrors('minutes', { keyIssues: 'a' })[0].message).toMatch(/list/);
    expect(fieldErrors('document', { body: 3 })[0].message).toMatch(/string/);
  });

  it('falls back to the source for fields the translation lacks', () => {
    expect(mergeFields({ title: 'T', body: 'B' }, { body: 'C' })).toEqual({ title: 'T', body: 'C' });
    expect(mergeFields({ title: 'T' }, null)).toEqual({ title: 'T' });
  });

  it('compares fields by value', () => {
    expect(sameFields({ a: ['x'], b: null }, { a: ['x'] })).toBe(true);
    expect(sameFields({ a: ['x'] }, { a: ['y'] })).toBe(false);
  });
});
