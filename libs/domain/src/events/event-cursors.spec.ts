import { eventCodec } from './event-cursors';

describe('event cursors', () => {
  const codec = eventCodec('test secret');
  const group = '6f1c2d3e-4b5a-4c6d-8e7f-901234567890';
  const other = '0a1b2c3d-4e5f-4a6b-8c7d-e9f012345678';

  it('reads back the seq of its own group, and nothing else', () => {
    const c = codec.cursor(group, 41);
    expect(codec.seq(group, c)).toBe(41);
    expect(() => codec.seq(other, c)).toThrow('after is not a cursor of this group');
    expect(() => codec.seq(group, c.slice(0, -2) + (c.endsWith('A') ? 'B' : 'A') + c.slice(-1))).toThrow();
    expect(() => codec.seq(group, '41')).toThrow();
    expect(() => eventCodec('another secret').seq(group, c)).toThrow();
  });

  it('cursors cannot be compared: two of one event differ, neighbours look alike', () => {
    expect(codec.cursor(group, 7)).not.toBe(codec.cursor(group, 7));
    expect(codec.cursor(group, 7)).toHaveLength(codec.cursor(group, 123456789).length);
  });

  it('ids are stable, unique and show no order', () => {
    expect(codec.id(10)).toBe(codec.id('10'));
    const ids = Array.from({ length: 1000 }, (_, i) => codec.id(i));
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).not.toEqual(ids);
  });
});
