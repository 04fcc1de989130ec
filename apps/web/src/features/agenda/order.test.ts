import { describe, expect, it } from 'vitest';
import { moveItem } from './order';

describe('moveItem', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it('moves up, down and to a dropped position', () => {
    expect(moveItem(ids, 'c', 1)).toEqual(['a', 'c', 'b', 'd']);
    expect(moveItem(ids, 'a', 1)).toEqual(['b', 'a', 'c', 'd']);
    expect(moveItem(ids, 'a', 3)).toEqual(['b', 'c', 'd', 'a']);
  });
  it('does nothing at the ends or for an unknown id', () => {
    expect(moveItem(ids, 'a', -1)).toBeNull();
    expect(moveItem(ids, 'd', 4)).toBeNull();
    expect(moveItem(ids, 'x', 0)).toBeNull();
  });
});
