#!/usr/bin/env node
// npm run web:budget — a benchmark, not a test: the gzip size of the JavaScript the first page
// loads and of each lazily loaded route, and Lighthouse (performance, accessibility; median of
// three runs) against the local Chromium, offline, with the build served the way the API serves it.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '../dist');
const root = resolve(here, '../../..');
const require = createRequire(resolve(root, 'package.json'));

const BUDGET = { initialKb: 170, lazyKb: 100, performance: 0.9, accessibility: 0.95 };
const RUNS = Number(process.env.BUDGET_RUNS ?? 3);
const PAGES = (process.env.BUDGET_PAGES ?? '/sign-in,/register').split(',');

const manifest = JSON.parse(readFileSync(resolve(dist, '.vite/manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(resolve(dist, file)), { level: 9 }).length / 1024;

// The chunk and everything it imports statically (what the browser must fetch before it runs).
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
  return seen;
}
const jsOf = (keys) => [...keys].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const initial = closure(entryKey);
const initialKb = jsOf(initial).reduce((sum, f) => sum + gz(f), 0);
const lazy = Object.entries(manifest)
  .filter(([, c]) => c.isDynamicEntry && c.file.endsWith('.js') && !/\/(en|fr|sw)-/.test(c.file))
  .map(([key, c]) => {
    const extra = jsOf([...closure(key)].filter((k) => !initial.has(k)));
    // A package loaded on demand (socket.io-client) is named after the package, not its file.
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(key)?.[1];
    return { route: pkg ?? c.name ?? key, kb: extra.reduce((sum, f) => sum + gz(f), 0) };
  })
  .sort((a, b) => b.kb - a.kb);

const rows = [];
const ok = (pass) => (pass ? 'ok' : 'OVER');
rows.push([
  'initial JS (gzip)',
  `${initialKb.toFixed(1)} kB`,
  `≤ ${BUDGET.initialKb} kB`,
  ok(initialKb <= BUDGET.initialKb),
]);
for (const l of lazy)
  rows.push([`lazy ${l.route}`, `${l.kb.toFixed(1)} kB`, `≤ ${BUDGET.lazyKb} kB`, ok(l.kb <= BUDGET.lazyKb)]);

// Serve the build as the API does (precompressed, cache headers, deep links → index.html).
const express = require('express');
const { serveWebClient } = require(resolve(root, 'dist/apps/api/src/web/web-client.js'));
const app = express();
serveWebClient(app, dist, { log: () => undefined });
const server = await new Promise((ok) => {
  const s = app.listen(0, '127.0.0.1', () => ok(s));
});
const base = `http://127.0.0.1:${server.address().port}`;

const { default: lighthouse } = await import('lighthouse');
const chromeLauncher = await import('chrome-launcher');
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let failed = rows.some((r) => r[3] !== 'ok');
try {
  for (const page of PAGES) {
    const perf = [];
    const a11y = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(`${base}${page}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
      });
      perf.push(result.lhr.categories.performance.score);
      if (process.env.BUDGET_VERBOSE) {
        const m = (id) => `${id}=${result.lhr.audits[id].displayValue}`;
        console.log(
          page,
          [
            'first-contentful-paint',
            'largest-contentful-paint',
            'total-blocking-time',
            'speed-index',
            'cumulative-layout-shift',
          ]
            .map(m)
            .join(' '),
        );
      }
      a11y.push(result.lhr.categories.accessibility.score);
    }
    const p = median(perf);
    const a = median(a11y);
    failed ||= p < BUDGET.performance || a < BUDGET.accessibility;
    rows.push([
      `lighthouse ${page} performance`,
      p.toFixed(2),
      `≥ ${BUDGET.performance}`,
      ok(p >= BUDGET.performance),
    ]);
    rows.push([
      `lighthouse ${page} accessibility`,
      a.toFixed(2),
      `≥ ${BUDGET.accessibility}`,
      ok(a >= BUDGET.accessibility),
    ]);
  }
} finally {
  await chrome.kill();
  server.close();
}

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length), 6));
const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log(line(['measure', 'value', 'budget', 'result']));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log(`(Lighthouse ${RUNS} runs per page, median; default mobile emulation and simulated throttling)`);
process.exitCode = failed ? 1 : 0;
