#!/usr/bin/env node
'use strict';
// Runs the bundled benchmarks (out/test/bench/*.js, built by `node scripts/build.mjs --tests`)
// one after another in fresh Node processes, so one benchmark's JIT and heap do not skew the
// next, and prints what each reports. Timings are reported, never asserted.
// Usage: node test/support/run-bench.js [name-filter]
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const dir = path.join(root, 'out', 'test', 'bench');
const filter = process.argv[2];
const files = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.js') && (!filter || f.includes(filter)))
      .sort()
  : [];
if (files.length === 0) {
  console.log('no benchmarks found (build with `node scripts/build.mjs --tests` first)');
  process.exit(1);
}
let failed = 0;
for (const f of files) {
  console.log(`== ${f.replace(/\.js$/, '')}`);
  const r = spawnSync(process.execPath, [path.join(dir, f)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`   ${f} failed (exit ${r.status})`);
  }
}
console.log(`bench: ${files.length - failed} ran, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
