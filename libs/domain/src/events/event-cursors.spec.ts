import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
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

  it('cursors cannot be compared: neighbours look unrelated, all have one length', () => {
    expect(codec.cursor(group, 7)).toBe(codec.cursor(group, 7));
    expect(codec.cursor(group, 7)).toHaveLength(codec.cursor(group, 123456789).length);
    // Consecutive seqs share no prefix and sort in no particular order.
    const cursors = Array.from({ length: 200 }, (_, i) => codec.cursor(group, i + 1));
    expect([...cursors].sort()).not.toEqual(cursors);
    expect(cursors[0].slice(0, 4)).not.toBe(cursors[1].slice(0, 4));
    expect(new Set(cursors).size).toBe(200);
    // The same seq in another group is another cursor.
    expect(codec.cursor(other, 7)).not.toBe(codec.cursor(group, 7));
  });

  it('refuses made-up cursors of the right length', () => {
    for (let i = 0; i < 200; i++) {
      expect(() => codec.seq(group, randomBytes(16).toString('base64url'))).toThrow(
        'after is not a cursor of this group',
      );
    }
  });

  it('still reads a cursor of the earlier AES-GCM form', () => {
    const key = Buffer.from(hkdfSync('sha256', 'test secret', 'roundtable', 'group-event-cursor', 64)).subarray(32);
    const plain = Buffer.alloc(24);
    Buffer.from(group.replace(/-/g, ''), 'hex').copy(plain, 0);
    plain.writeBigInt64BE(99n, 16);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    const old = Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
    expect(codec.seq(group, old)).toBe(99);
    expect(() => codec.seq(other, old)).toThrow('after is not a cursor of this group');
  });

  it('ids are stable, unique and show no order', () => {
    expect(codec.id(10)).toBe(codec.id('10'));
    const ids = Array.from({ length: 1000 }, (_, i) => codec.id(i));
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).not.toEqual(ids);
  });
});
