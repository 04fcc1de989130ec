#!/usr/bin/env node
// Checks recurrence.ts against reference cases in this process, under whatever TZ it was started
// with, and prints a JSON summary on stdout: { processZone, total, mismatches: [...] }.
//
//   TZ=Pacific/Chatham node tools/rrule-cases/run.js [cases.json]   (default: the committed fixture)
//   ... | node tools/rrule-cases/run.js -                             (cases on stdin)
//
// Used by recurrence.reference.spec.ts (to run the fixture under other process zones) and by
// fuzz.js. TypeScript is compiled on the fly with @swc/core, as Jest does.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
require('./register-ts');

const { compareCase } = require('./compare.ts');

function main() {
  const arg = process.argv[2] ?? path.join(__dirname, 'cases.json');
  const doc = JSON.parse(fs.readFileSync(arg === '-' ? 0 : arg, 'utf8'));
  const mismatches = doc.cases.flatMap((c) => compareCase(c));
  process.stdout.write(
    JSON.stringify({
      processZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      offsetMinutes: -new Date('2027-01-15T12:00:00Z').getTimezoneOffset(),
      total: doc.cases.length,
      mismatches,
    }),
  );
}

main();
