#!/usr/bin/env node
'use strict';
// Runs the same integration suites in a desktop VS Code via @vscode/test-electron. It downloads
// VS Code, so it needs internet access (not available in this project's CI).
const path = require('path');
const { runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '..', '..');
runTests({
  version: process.env.VSCODE_VERSION || '1.100.3',
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
  launchArgs: [path.join(root, 'test', 'fixtures', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
}).catch((e) => {
  console.error('Desktop integration tests failed:', e && e.message ? e.message : e);
  process.exit(1);
});
