// Top functions of a V8 .cpuprofile by self time, and by package (node_modules/<pkg>, our code,
// node internals): `node bench/profile-summary.mjs bench/results/run-<run>/api1.cpuprofile [N] [FROM-TO]`,
// FROM-TO: a window in seconds from the start of the profile (e.g. 200-260), to leave out seeding.
import fs from 'node:fs';

const [file, n = '30', window] = process.argv.slice(2);
const [from, to] = window ? window.split('-').map((x) => Number(x) * 1e6) : [0, Infinity];
const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((node) => [node.id, node]));
const self = new Map();
const timeline = [];
let at = 0;
for (let i = 0; i < prof.samples.length; i++) {
  at += prof.timeDeltas[i] ?? 0;
  const id = prof.samples[i];
  const second = Math.floor(at / 1e6);
  const idle = byId.get(id).callFrame.functionName === '(idle)';
  timeline[second] = (timeline[second] ?? 0) + (idle ? 0 : (prof.timeDeltas[i] ?? 0));
  if (at < from || at > to) continue;
  self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
}
if (process.env.TIMELINE) console.log(timeline.map((t, s) => `${s}:${Math.round((t ?? 0) / 1e4)}%`).join(' '));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fnTime = new Map();
const pkgTime = new Map();
const where = (url) => {
  if (!url) return '(native/vm)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/dist/')) return 'roundtable';
  return url;
};
for (const [id, t] of self) {
  const { callFrame: cf } = byId.get(id);
  const key = `${cf.functionName || '(anonymous)'} ${where(cf.url)}:${cf.lineNumber + 1}`;
  fnTime.set(key, (fnTime.get(key) ?? 0) + t);
  const pkg = ['(idle)', '(garbage collector)', '(program)'].includes(cf.functionName) ? cf.functionName : where(cf.url);
  pkgTime.set(pkg, (pkgTime.get(pkg) ?? 0) + t);
}
const show = (m, k) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .forEach(([name, t]) => console.log(`${((100 * t) / total).toFixed(1).padStart(5)} %  ${name}`));
console.log(`${(total / 1e6).toFixed(1)} s sampled\n-- by package`);
show(pkgTime, 25);
console.log('-- by function (self)');
show(fnTime, Number(n));
