import { decodeCursor, encodeCursor, limitPlusOneSql, toPage } from './pagination';

describe('keyset cursors', () => {
  it('round-trips the sort key', () => {
    const c = encodeCursor(['2027-01-05T08:00:00.000Z', 'a1']);
    expect(decodeCursor(c, 2)).toEqual(['2027-01-05T08:00:00.000Z', 'a1']);
  });
  it('rejects garbage and wrong arity with a 400 problem', () => {
    expect(() => decodeCursor('not-base64-json', 2)).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor([1]), 2)).toThrow(/cursor/);
  });
  it('pages with limit + 1 rows', () => {
    const rows = [1, 2, 3].map((n) => ({ n }));
    const p = toPage(
      rows,
      2,
      (r) => [r.n],
      (r) => r.n,
    );
    expect(p.items).toEqual([1, 2]);
    expect(decodeCursor(p.nextCursor!, 1)).toEqual([2]);
    expect(
      toPage(
        rows,
        3,
        (r) => [r.n],
        (r) => r.n,
      ).nextCursor,
    ).toBeNull();
  });
});

describe('limitPlusOneSql', () => {
  it('asks for one row more than the page', () => {
    expect(limitPlusOneSql(50)).toBe('LIMIT 51');
  });

  it('refuses anything but a page limit', () => {
    for (const bad of [0, 201, 1.5, Number.NaN]) expect(() => limitPlusOneSql(bad)).toThrow();
  });
});
