import { KeyedLimiter } from './group-writers';

const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedLimiter', () => {
  it('runs at most `limit` tasks of one key at once, in arrival order, and others freely', async () => {
    const limiter = new KeyedLimiter(2);
    const started: string[] = [];
    const release: Record<string, () => void> = {};
    const task = (name: string) => () =>
      new Promise<string>((resolve) => {
        started.push(name);
        release[name] = () => resolve(name);
      });
    const results = ['a1', 'a2', 'a3', 'a4'].map((n) => limiter.run('a', task(n)));
    const other = limiter.run('b', task('b1'));
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1']);
    release.a2();
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
    release.a1();
    release.b1();
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
    release.a3();
    release.a4();
    expect(await Promise.all(results)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(await other).toBe('b1');
    expect(limiter.activeKeys).toBe(0);
  });

  it('passes a failure on and frees the permit', async () => {
    const limiter = new KeyedLimiter(1);
    await expect(limiter.run('a', () => Promise.reject(new Error('rolled back')))).rejects.toThrow(
      'rolled back',
    );
    await expect(limiter.run('a', async () => 'next')).resolves.toBe('next');
    expect(limiter.activeKeys).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => new KeyedLimiter(0)).toThrow('limit must be a whole number');
  });
});
