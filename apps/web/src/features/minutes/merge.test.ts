import { describe, expect, it } from 'vitest';
import { proposedMerge, textToList, threeWayMerge, type MinutesFields } from './merge';

const base: MinutesFields = { body: 'Draft', keyIssues: ['Roadblocks'], decisions: [] };

describe('threeWayMerge', () => {
  it('takes each side’s change where only one side changed a field', () => {
    const mine = { ...base, body: 'Draft, with my notes' };
    const theirs = { ...base, decisions: ['Visit the site'] };
    const merges = threeWayMerge(base, mine, theirs);
    expect(merges.map((m) => m.status)).toEqual(['mine', 'same', 'theirs']);
    expect(proposedMerge(merges)).toEqual({
      body: 'Draft, with my notes',
      keyIssues: ['Roadblocks'],
      decisions: ['Visit the site'],
    });
  });

  it('flags a field both changed differently, proposing my text (never lost)', () => {
    const mine = { ...base, body: 'Mine' };
    const theirs = { ...base, body: 'Theirs' };
    const merges = threeWayMerge(base, mine, theirs);
    expect(merges[0]).toMatchObject({ field: 'body', status: 'conflict', mine: 'Mine', theirs: 'Theirs' });
    expect(proposedMerge(merges).body).toBe('Mine');
  });

  it('sees the same change on both sides as no conflict', () => {
    const both = { ...base, keyIssues: ['Roadblocks', 'Arrests'] };
    expect(threeWayMerge(base, both, both).every((m) => m.status === 'same')).toBe(true);
  });
});

describe('lists as lines', () => {
  it('drops blank lines and surrounding spaces', () => {
    expect(textToList('  one \n\n two\n')).toEqual(['one', 'two']);
  });
});
