import { delayAfter, MAX_MEMORY_SECONDS, memoryInsurance } from './login-throttle.service';

describe('delayAfter', () => {
  const rules = { freeFailures: 5, firstDelaySeconds: 5, maxDelaySeconds: 900 };

  it('allows the free failures, then doubles the delay up to the maximum', () => {
    expect([1, 4, 5, 6, 7, 8].map((n) => delayAfter(n, 5, rules))).toEqual([0, 0, 5, 10, 20, 40]);
    expect(delayAfter(20, 5, rules)).toBe(900);
    expect(delayAfter(10_000, 5, rules)).toBe(900);
  });
});

describe('memoryInsurance (the limiter while Redis is down)', () => {
  it('keeps a 30-day mark instead of dropping it at once with a TimeoutOverflowWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const trusted = memoryInsurance(1, 30 * 24 * 3600);
      await trusted.consume('amani@mine.example|10.0.0.1');
      await new Promise((r) => setTimeout(r, 20));
      // Still trusted (a timer of 2592000000 ms fires after 1 ms and deleted the key).
      expect((await trusted.get('amani@mine.example|10.0.0.1'))?.consumedPoints).toBe(1);
      expect((await trusted.get('amani@mine.example|10.0.0.1'))?.msBeforeNext).toBeGreaterThan(
        (MAX_MEMORY_SECONDS - 60) * 1000,
      );
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('TimeoutOverflowWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('leaves shorter windows as they are', () => {
    expect(memoryInsurance(1, 24 * 3600).duration).toBe(24 * 3600);
  });
});
