import { describe, expect, it } from 'vitest';
import { OUTCOMES, outcomesFor } from './api';

describe('outcomesFor', () => {
  it('offers only "declined" for a request with a lethal item', () => {
    expect(outcomesFor({ hasLethalItem: true })).toEqual(['declined']);
  });

  it('offers every outcome otherwise', () => {
    expect(outcomesFor({ hasLethalItem: false })).toEqual(OUTCOMES);
    expect(OUTCOMES).toContain('approved_with_conditions');
  });
});
