import { delayAfter } from './login-throttle.service';

describe('delayAfter', () => {
  const rules = { freeFailures: 5, firstDelaySeconds: 5, maxDelaySeconds: 900 };

  it('allows the free failures, then doubles the delay up to the maximum', () => {
    expect([1, 4, 5, 6, 7, 8].map((n) => delayAfter(n, 5, rules))).toEqual([0, 0, 5, 10, 20, 40]);
    expect(delayAfter(20, 5, rules)).toBe(900);
    expect(delayAfter(10_000, 5, rules)).toBe(900);
  });
});
