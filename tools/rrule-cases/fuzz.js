#!/usr/bin/env node
// Seeded random differential run (npm run fuzz:rrule): python-dateutil draws rules, zones, start
// dates and windows, computes the reference instants, and recurrence.ts must agree, in this
// process (TZ=UTC) and in child processes with other TZ. The seed is printed; replay with SEED=.
//
//   npm run fuzz:rrule
//   SEED=1234 COUNT=2000 npm run fuzz:rrule
//   FUZZ_TZ=Pacific/Chatham,Asia/Kathmandu npm run fuzz:rrule
//
// A failing case is written to tools/rrule-cases/fuzz-failures-<seed>.json (same format as
// cases.json, so `node tools/rrule-cases/run.js <file>` replays it alone).
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
require('./register-ts');
const { compareCase, describeMismatch } = require('./compare.ts');

const seed = process.env.SEED ? Number(process.env.SEED) : Math.floor(Math.random() * 2 ** 31);
const count = Number(process.env.COUNT ?? 300);
const zones = (process.env.FUZZ_TZ ?? 'Pacific/Chatham,America/St_Johns').split(',').filter(Boolean);
if (!Number.isInteger(seed) || seed < 0 || !Number.isInteger(count) || count < 1) {
  console.error('SEED and COUNT must be non-negative integers');
  process.exit(2);
}
console.log(`fuzz:rrule seed ${seed} (replay: SEED=${seed} COUNT=${count} npm run fuzz:rrule)`);

const generator = path.join(__dirname, 'generate.py');
const text = execFileSync(
  'python3',
  [generator, 'random', '--seed', String(seed), '--count', String(count)],
  {
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const doc = JSON.parse(text.toString());

const failures = new Map();
const report = (where, mismatches) => {
  for (const m of mismatches) {
    if (!failures.has(m.id)) failures.set(m.id, []);
    failures.get(m.id).push(`[${where}] ${describeMismatch(m)}`);
  }
};
report(
  `TZ=${process.env.TZ ?? '(unset)'}`,
  doc.cases.flatMap((c) => compareCase(c)),
);
for (const tz of zones) {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'run.js'), '-'], {
    input: text,
    env: { ...process.env, TZ: tz },
    maxBuffer: 256 * 1024 * 1024,
  });
  const result = JSON.parse(out.toString());
  const canonical = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  if (result.processZone !== canonical)
    throw new Error(`child process runs in ${result.processZone}, not ${tz}`);
  report(`TZ=${tz}`, result.mismatches);
}

const checked = `${doc.cases.length} cases in ${1 + zones.length} process zones`;
if (failures.size === 0) {
  console.log(
    `fuzz:rrule: ${checked}: all agree with python-dateutil ${doc.dateutil} (tzdata ${doc.tzdata})`,
  );
  process.exit(0);
}
for (const lines of failures.values()) console.log(lines.join('\n'));
const file = path.join(__dirname, `fuzz-failures-${seed}.json`);
fs.writeFileSync(
  file,
  JSON.stringify({ ...doc, cases: doc.cases.filter((c) => failures.has(c.id)) }, null, 1),
);
console.log(`fuzz:rrule: ${failures.size} of ${checked} differ (seed ${seed}); cases written to ${file}`);
process.exit(1);
