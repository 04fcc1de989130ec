import { ConfigError } from '../config/app-config';
import {
  applyPretenuring,
  DEFAULT_HEAP_GROWING_PERCENT,
  heapGrowingPercent,
  pretenuringWanted,
} from './heap-growth';

describe('heapGrowingPercent', () => {
  it('defaults to a growth factor of 2 when unset or empty', () => {
    expect(heapGrowingPercent({})).toBe(DEFAULT_HEAP_GROWING_PERCENT);
    expect(heapGrowingPercent({ HEAP_GROWING_PERCENT: ' ' })).toBe(DEFAULT_HEAP_GROWING_PERCENT);
    expect(DEFAULT_HEAP_GROWING_PERCENT).toBe(100);
  });

  it('takes a whole number, 0 meaning V8 decides', () => {
    expect(heapGrowingPercent({ HEAP_GROWING_PERCENT: '50' })).toBe(50);
    expect(heapGrowingPercent({ HEAP_GROWING_PERCENT: '0' })).toBe(0);
  });

  it.each(['-1', '1.5', 'lots', '1001'])('refuses %p with a message naming the variable', (v) => {
    expect(() => heapGrowingPercent({ HEAP_GROWING_PERCENT: v })).toThrow(ConfigError);
    expect(() => heapGrowingPercent({ HEAP_GROWING_PERCENT: v })).toThrow(/HEAP_GROWING_PERCENT/);
  });
});

describe('pretenuringWanted', () => {
  it('is off unless GC_PRETENURING=on', () => {
    expect(pretenuringWanted({})).toBe(false);
    expect(pretenuringWanted({ GC_PRETENURING: ' ' })).toBe(false);
    expect(pretenuringWanted({ GC_PRETENURING: 'off' })).toBe(false);
    expect(pretenuringWanted({ GC_PRETENURING: 'ON' })).toBe(true);
  });

  it.each(['yes', '1', 'true'])('refuses %p with a message naming the variable', (v) => {
    expect(() => pretenuringWanted({ GC_PRETENURING: v })).toThrow(ConfigError);
    expect(() => pretenuringWanted({ GC_PRETENURING: v })).toThrow(/GC_PRETENURING/);
  });
});

describe('applyPretenuring', () => {
  it('reads GC_PRETENURING and says whether pretenuring stays on; a bad value stops start-up', () => {
    expect(applyPretenuring({ GC_PRETENURING: 'on' })).toBe(true);
    expect(applyPretenuring({})).toBe(false);
    expect(() => applyPretenuring({ GC_PRETENURING: 'maybe' })).toThrow(/GC_PRETENURING/);
  });
});
