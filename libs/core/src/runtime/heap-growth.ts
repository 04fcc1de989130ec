import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ConfigError } from '../config/app-config';

// After each full garbage collection V8 lets the old generation grow to up to four times what
// is live when allocation is fast. Under sustained load most of that growth is garbage (request
// objects that outlived two young-generation collections while waiting for a core), so a loaded
// API instance stood at 250–330 MB while about 65 MB was live. Capping the growth factor at 2
// keeps it near 215 MB for the same CPU per request (docs/SCALING.md, Memory).
export const DEFAULT_HEAP_GROWING_PERCENT = 100;

// HEAP_GROWING_PERCENT: the old generation may grow to (1 + N/100) × live after a full GC;
// 0 leaves V8's own heuristics. Read from the environment, before the application starts.
export function heapGrowingPercent(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.HEAP_GROWING_PERCENT?.trim();
  if (raw === undefined || raw === '') return DEFAULT_HEAP_GROWING_PERCENT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 1000)
    throw new ConfigError(`HEAP_GROWING_PERCENT must be a whole number from 0 to 1000 (got "${raw}")`);
  return n;
}

// Call once the application has started. V8 reads the flag whenever a full collection sets the
// next limit, but until the first one it works from its initial limit (the first full
// collection under load came at about 160 MB of old generation). So this runs one full
// collection now, with about 50 MB live: from then on the limit is about 2 × live.
// Read heapGrowingPercent() before starting, so a wrong value stops the process at once.
export function limitHeapGrowth(percent: number): number {
  if (percent === 0) return 0;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  // The documented way to reach gc() without starting node with --expose-gc.
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return percent;
}

// V8 pretenures an allocation site (allocates its objects straight into the old generation)
// once most of what it allocated has survived young-generation collections. A burst of slow
// writes (reports waiting for their group's turn) makes request-path sites look long-lived, and
// the decision sticks: an API instance that had taken 4,000 reports before serving the incident
// list spent 1.40 ms of CPU per page, against 1.16 with pretenuring off (same run, A/B) — the
// promoted request objects cost one full collection every 1.3 s instead of every 3.5 s. Request
// objects die young, so the API and the worker run without it (docs/SCALING.md, Memory).
// GC_PRETENURING=on restores V8's default.
export function pretenuringWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env.GC_PRETENURING?.trim().toLowerCase();
  if (raw === undefined || raw === '' || raw === 'off') return false;
  if (raw === 'on') return true;
  throw new ConfigError(`GC_PRETENURING must be "on" or "off" (got "${env.GC_PRETENURING}")`);
}

// Reads GC_PRETENURING and applies it. Call at start-up, before the application serves anything:
// decisions V8 has already taken are not undone.
export function applyPretenuring(env: NodeJS.ProcessEnv = process.env): boolean {
  const wanted = pretenuringWanted(env);
  if (!wanted) setFlagsFromString('--no-allocation-site-pretenuring');
  return wanted;
}
