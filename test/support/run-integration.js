#!/usr/bin/env node
'use strict';
// Runs the integration suites (out/test/integration) inside the Node extension host of a real
// VS Code (code-server), driven by headless Chromium. The suites' run() reports back through
// window.codeAutomationExit; their console output arrives through codeAutomationLog.
// Usage: node test/support/run-integration.js [--timeout <sec>] [--grep <pattern>] [--screenshot <png>]
const fs = require('fs');
const path = require('path');
const util = require('util');
const web = require('./vscode-web');
const { summaryLine } = require('./summary');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
// Workbench chatter that says nothing about our tests.
const NOISE =
  /^(Ignoring fetching|Creating a socket|Resolv|\[Service Worker\]|Updating additional|ChatSessionStore|Creation of workbench|\[Extension Host\] (?!.*(ade|ADE)))/;

async function main() {
  const t0 = Date.now();
  const root = web.repoRoot;
  const testsPath = path.join(root, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(testsPath)) throw new Error('integration tests are not built: node scripts/build.mjs --tests');
  const tmpRoot = web.makeTmpRoot();
  const workspace = web.copyDir(path.join(root, 'test', 'fixtures', 'workspace'), path.join(tmpRoot, 'workspace'));
  const timeoutSec = Number(arg('timeout', 600));
  const grep = arg('grep');
  const screenshot = arg('screenshot');
  let cs;
  let ctx;
  let summary;
  let exitCode;
  try {
    // The suites find their options in an environment variable the extension host inherits.
    process.env.ADE_TEST_GREP = grep || '';
    process.env.ADE_TEST_WORKSPACE = workspace;
    cs = await web.startCodeServer({ tmpRoot });
    console.log(`[integration] code-server ${cs.authority} up after ${cs.startMs} ms`);
    let page;
    ({ ctx, page } = await web.launchBrowser(tmpRoot));
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    // Both functions must exist before the workbench loads: it looks them up once.
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const message = Array.isArray(args) ? util.format(...args) : String(args);
      const m = /^integration: (\d+) passed, (\d+) failed/.exec(message);
      if (m) summary = { passed: Number(m[1]), failed: Number(m[2]) };
      if (process.env.VERBOSE || !NOISE.test(message)) console.log(message);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    await page.goto(
      web.workbenchUrl(cs.authority, {
        folder: workspace,
        extensionDevelopmentPath: root,
        extensionTestsPath: testsPath,
      }),
      { timeout: 180000 },
    );
    await page.waitForSelector('.monaco-workbench', { timeout: 120000 });
    const code = await Promise.race([exited, web.sleep(timeoutSec * 1000).then(() => 'timeout')]);
    if (screenshot) await page.screenshot({ path: screenshot }).catch(() => undefined);
    if (code === 'timeout') {
      console.log(`[integration] timed out after ${timeoutSec}s; code-server log:`);
      console.log(fs.readFileSync(cs.logFile, 'utf8').slice(-5000));
      exitCode = 124;
    } else exitCode = Number(code) || 0;
  } finally {
    if (ctx) await ctx.close().catch(() => undefined);
    if (cs) cs.stop();
    if (!process.env.KEEP_TMP) fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
  if (!summary) summary = { passed: 0, failed: 1 };
  else if (exitCode !== 0 && summary.failed === 0) summary.failed = 1;
  console.log(`[integration] finished in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  console.log(summaryLine('integration', summary.passed, summary.failed));
  return summary.failed === 0 && exitCode === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error('[integration] runner error:', e && e.stack ? e.stack : e);
    console.log(summaryLine('integration', 0, 1));
    process.exit(2);
  },
);
