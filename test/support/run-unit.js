#!/usr/bin/env node
'use strict';
// Runs the bundled unit tests (out/test/unit/**/*.test.js) with mocha in plain Node.
// Usage: node test/support/run-unit.js [--grep <pattern>] [files...]
const path = require('path');
const fs = require('fs');
const Mocha = require('mocha');
const { summaryLine } = require('./summary');

const root = path.resolve(__dirname, '..', '..');
const argv = process.argv.slice(2);
const grepAt = argv.indexOf('--grep');
const grep = grepAt >= 0 ? argv.splice(grepAt, 2)[1] : undefined;

function list(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? list(p) : e.name.endsWith('.test.js') ? [p] : [];
  });
}

const files = argv.length ? argv.map((f) => path.resolve(f)) : list(path.join(root, 'out', 'test', 'unit'));
const mocha = new Mocha({ timeout: 20000, reporter: process.env.MOCHA_REPORTER || 'spec' });
if (grep) mocha.grep(grep);
files.sort().forEach((f) => mocha.addFile(f));
if (files.length === 0) {
  console.log('no unit tests found (build with --tests first)');
  console.log(summaryLine('unit', 0, 1));
  process.exit(1);
}
const runner = mocha.run((failures) => {
  const stats = runner.stats;
  console.log(summaryLine('unit', stats.passes, stats.failures, stats.pending));
  process.exitCode = failures ? 1 : 0;
});
