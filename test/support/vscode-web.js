'use strict';
// Starts a real VS Code (code-server) and a headless Chromium that drives its workbench.
// Everything runs on loopback with fresh, throw-away profile folders, and every process is
// started in its own process group so that stopping it also ends the extension hosts it spawned.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const http = require('http');

const repoRoot = path.resolve(__dirname, '..', '..');

/** Where `.ci/run` and `scripts/ensure-tools.sh` install code-server (outside node_modules). */
function toolsDir() {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return process.env.ADE_TOOLS_DIR || path.join(cache, 'ade-vscode-tools');
}

function codeServerBin() {
  const bin = process.env.CODE_SERVER_BIN || path.join(toolsDir(), 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(bin)) {
    throw new Error(`code-server not found at ${bin}. Run: bash scripts/ensure-tools.sh`);
  }
  return bin;
}

/** playwright-core lives in the project's devDependencies; fall back to the tools folder. */
function playwright() {
  try {
    return require('playwright-core');
  } catch {
    return require(path.join(toolsDir(), 'node_modules', 'playwright-core'));
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    http
      .get(url, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
      .on('error', () => resolve(0));
  });
}

function makeTmpRoot(prefix = 'ade-vscode-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Processes to kill on exit, whatever way the runner ends. */
const groups = new Set();
function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  groups.delete(pid);
}
process.on('exit', () => [...groups].forEach(killGroup));
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    [...groups].forEach(killGroup);
    process.exit(130);
  });
}

/**
 * Starts code-server on a free loopback port. `settings` go into the fresh user settings;
 * `extensionsDir` lets a UI test install a .vsix first.
 */
async function startCodeServer({ tmpRoot, extensionsDir, settings = {}, port: wantedPort }) {
  const bin = codeServerBin();
  const port = wantedPort || (await freePort());
  const userData = path.join(tmpRoot, 'user-data');
  const extDir = extensionsDir || path.join(tmpRoot, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extDir, { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
        ...settings,
      },
      null,
      1,
    ),
  );
  // An own config file keeps code-server from writing into the home folder.
  const config = path.join(tmpRoot, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = path.join(tmpRoot, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  const t0 = Date.now();
  const proc = spawn(
    bin,
    [
      '--config',
      config,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--disable-proxy',
    ],
    {
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        EXTENSIONS_GALLERY: '{"serviceUrl":""}',
        XDG_DATA_HOME: path.join(tmpRoot, 'xdg-data'),
        XDG_CONFIG_HOME: path.join(tmpRoot, 'xdg-config'),
        XDG_CACHE_HOME: path.join(tmpRoot, 'xdg-cache'),
      },
    },
  );
  groups.add(proc.pid);
  const stop = () => killGroup(proc.pid);
  for (let i = 0; ; i++) {
    if ((await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200) break;
    if (i > 900 || proc.exitCode !== null) {
      stop();
      throw new Error(`code-server did not start:\n${fs.readFileSync(logFile, 'utf8')}`);
    }
    await sleep(100);
  }
  return { port, authority: `127.0.0.1:${port}`, userData, extDir, logFile, stop, startMs: Date.now() - t0, bin };
}

/** Installs a .vsix into an extensions folder with the same code-server binary. */
function installVsix(vsix, extDir, tmpRoot) {
  const { execFileSync } = require('child_process');
  return execFileSync(codeServerBin(), ['--extensions-dir', extDir, '--install-extension', vsix, '--force'], {
    encoding: 'utf8',
    env: {
      ...process.env,
      XDG_DATA_HOME: path.join(tmpRoot, 'xdg-data'),
      XDG_CONFIG_HOME: path.join(tmpRoot, 'xdg-config'),
      XDG_CACHE_HOME: path.join(tmpRoot, 'xdg-cache'),
    },
  });
}

/**
 * The workbench URL. Extension paths must be `vscode-remote://host:port/abs/path` URIs: the
 * extension host runs on the server side, and plain paths are silently ignored.
 */
function workbenchUrl(authority, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = [['skipWelcome', 'true']];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  return (
    `http://${authority}/?folder=${encodeURIComponent(path.resolve(folder))}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`
  );
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Debian Chromium with an empty profile; anything that is not loopback is aborted. */
async function launchBrowser(tmpRoot, { viewport = { width: 1400, height: 860 } } = {}) {
  const { chromium } = playwright();
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath))
    throw new Error(`Chromium not found at ${executablePath}: apt-get install chromium`);
  const ctx = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(tmpRoot, 'chromium-')), {
    executablePath,
    headless: true,
    viewport,
    args: CHROMIUM_ARGS,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(tmpRoot, 'xdg-config'),
      XDG_CACHE_HOME: path.join(tmpRoot, 'xdg-cache'),
    },
  });
  await ctx.route(
    (u) => !/^(https?|wss?):\/\/(127\.0\.0\.1|localhost)[:/]/.test(u.toString()),
    (r) => r.abort(),
  );
  const page = ctx.pages()[0] || (await ctx.newPage());
  return { ctx, page };
}

/** Copies a folder (fixtures workspace) so tests can edit files freely. */
function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true });
  return to;
}

module.exports = {
  repoRoot,
  toolsDir,
  codeServerBin,
  startCodeServer,
  installVsix,
  workbenchUrl,
  launchBrowser,
  makeTmpRoot,
  copyDir,
  sleep,
};
