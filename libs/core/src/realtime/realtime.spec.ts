import { Logger } from '@nestjs/common';
import { rooms, socketIoKey, withHandledRejections } from './realtime';

beforeAll(() => Logger.overrideLogger(false));

describe('realtime names', () => {
  it('prefixes the Socket.IO channels with REDIS_PREFIX', () => {
    expect(socketIoKey({ redisPrefix: 'rt_a' })).toBe('rt_a:socket.io');
  });

  it('names the server-chosen rooms', () => {
    expect(rooms.user('u')).toBe('user:u');
    expect(rooms.group('g')).toBe('group:g');
    expect(rooms.groupOrganisation('g', 'o')).toBe('group:g:org:o');
  });
});

describe('withHandledRejections', () => {
  it('passes results through and keeps rejections visible to callers that await them', async () => {
    const client = {
      n: 2,
      ok(x: number) {
        return Promise.resolve(x * this.n);
      },
      fail() {
        return Promise.reject(new Error('down'));
      },
    };
    const wrapped = withHandledRejections(client, 'test');
    expect(wrapped.n).toBe(2);
    await expect(wrapped.ok(3)).resolves.toBe(6);
    await expect(wrapped.fail()).rejects.toThrow('down');
  });

  it('does not leave a rejection unhandled when nobody awaits it', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const wrapped = withHandledRejections({ publish: () => Promise.reject(new Error('down')) }, 'test');
      void wrapped.publish();
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
