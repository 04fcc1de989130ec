#!/usr/bin/env node
// The registry these machines reach serves only some platform builds of packages such as
// @swc/core, so `npm install` leaves their other platforms' optional dependencies out of
// package-lock.json, and `npm ci` then refuses the lock file ("Missing: … from lock file").
// This adds those entries back as optional stubs; npm skips them at install time because their
// os/cpu do not match. Run it after every `npm install` that changes package-lock.json.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const pkgs = lock.packages;
const guess = (name) => {
  const os = ['darwin', 'win32', 'linux', 'freebsd', 'android', 'openbsd', 'sunos', 'aix', 'netbsd'].find(
    (o) => name.includes(o),
  );
  const cpu = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'].find((c) =>
    new RegExp(`[-_]${c}([-_]|$)`).test(name),
  );
  return { os, cpu };
};
let added = 0;
for (const [key, meta] of Object.entries(pkgs)) {
  for (const [dep, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${key}/node_modules/${dep}`;
    const top = `node_modules/${dep}`;
    if (pkgs[nested] || pkgs[top]) continue;
    const { os, cpu } = guess(dep);
    if (!os) continue; // not a platform build: leave it to npm
    pkgs[top] = {
      version: String(range).replace(/^[\^~=]/, ''),
      ...(meta.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      ...(cpu ? { cpu: [cpu] } : {}),
    };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`lockfile: added ${added} optional platform stub(s)`);
