#!/usr/bin/env node
'use strict';
// UI tests: installs the packaged .vsix into code-server, opens the workbench in headless
// Chromium and runs every spec in test/ui/*.ui.js. Screenshots go to .test-output/screenshots/.
// Usage: node test/support/run-ui.js [--vsix <file>] [--grep <pattern>]
const fs = require('fs');
const path = require('path');
const web = require('./vscode-web');
const { WorkbenchDriver } = require('./ui-driver');
const { summaryLine } = require('./summary');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

function findVsix(root) {
  const out = path.join(root, 'out');
  const files = fs.existsSync(out) ? fs.readdirSync(out).filter((f) => f.endsWith('.vsix')) : [];
  if (files.length === 0) throw new Error('no .vsix in out/: run npm run package first');
  return path.join(out, files.sort().at(-1));
}

async function runSpec(spec, vsix, screenshotDir) {
  const tmpRoot = web.makeTmpRoot('ade-ui-');
  let cs;
  let ctx;
  try {
    const extDir = path.join(tmpRoot, 'extensions');
    fs.mkdirSync(extDir, { recursive: true });
    web.installVsix(vsix, extDir, tmpRoot);
    const workspace = web.copyDir(path.join(web.repoRoot, 'test', 'fixtures', 'workspace'), path.join(tmpRoot, 'ws'));
    cs = await web.startCodeServer({ tmpRoot, extensionsDir: extDir, settings: spec.settings || {} });
    let page;
    ({ ctx, page } = await web.launchBrowser(tmpRoot));
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    await page.goto(web.workbenchUrl(cs.authority, { folder: workspace }), { timeout: 180000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 120000 });
    const driver = new WorkbenchDriver(page, screenshotDir);
    try {
      await spec.run(driver, { workspace });
    } catch (e) {
      await driver.screenshot(`${spec.name.replace(/\W+/g, '-')}-failure`).catch(() => undefined);
      throw e;
    }
  } finally {
    if (ctx) await ctx.close().catch(() => undefined);
    if (cs) cs.stop();
    if (!process.env.KEEP_TMP) fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
}

async function main() {
  const root = web.repoRoot;
  const vsix = arg('vsix') ? path.resolve(arg('vsix')) : findVsix(root);
  const grep = arg('grep');
  const screenshotDir = path.join(root, '.test-output', 'screenshots');
  const specFiles = fs
    .readdirSync(path.join(root, 'test', 'ui'))
    .filter((f) => f.endsWith('.ui.js'))
    .sort();
  let passed = 0;
  let failed = 0;
  for (const file of specFiles) {
    const specs = require(path.join(root, 'test', 'ui', file));
    for (const spec of specs) {
      if (grep && !spec.name.includes(grep)) continue;
      const t0 = Date.now();
      try {
        await runSpec(spec, vsix, screenshotDir);
        passed++;
        console.log(`  ✔ ${spec.name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
      } catch (e) {
        failed++;
        console.log(`  ✗ ${spec.name}: ${e && e.message ? e.message.split('\n')[0] : e}`);
      }
    }
  }
  console.log(`[ui] screenshots in ${path.relative(root, screenshotDir)}/`);
  console.log(summaryLine('ui', passed, failed));
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error('[ui] runner error:', e && e.stack ? e.stack : e);
    console.log(summaryLine('ui', 0, 1));
    process.exit(2);
  },
);
