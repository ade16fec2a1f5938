// `npm start`: runs the extension in a real VS Code. With a desktop `code` on the PATH it opens an
// Extension Development Host; otherwise it starts code-server with the built extension on
// loopback and prints the URL to open. Without a signed-in Azure account the explorer opens the
// sandbox, so there is something to see on a fresh machine.
// Usage: npm start [-- --port 8080] [-- --folder <workspace>]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const folder = path.resolve(arg('folder', path.join(root, 'test', 'fixtures', 'workspace')));

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const hasDesktopCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasDesktopCode && !process.argv.includes('--web')) {
  console.log('Opening an Extension Development Host in VS Code…');
  spawn('code', ['--extensionDevelopmentPath', root, folder], { stdio: 'inherit', detached: true }).unref();
  process.exit(0);
}

const web = require(path.join(root, 'test', 'support', 'vscode-web.js'));
try {
  web.codeServerBin();
} catch {
  console.log('code-server is not installed yet: installing it (scripts/ensure-tools.sh)…');
  const r = spawnSync('bash', [path.join(root, 'scripts', 'ensure-tools.sh')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'ade-start-'));
mkdirSync(path.join(tmpRoot, 'user-data', 'User'), { recursive: true });
const cs = await web.startCodeServer({
  tmpRoot,
  port: Number(arg('port', 0)) || undefined,
  settings: { 'ade.sandbox.openWhenSignedOut': true },
});
const url = web.workbenchUrl(cs.authority, { folder, extensionDevelopmentPath: root });
console.log('\nVS Code (code-server) is running with the extension. Open this URL in a browser:\n');
console.log(`  ${url}\n`);
console.log('Press Ctrl+C to stop.');
writeFileSync(path.join(tmpRoot, 'url.txt'), url);
const stop = () => {
  cs.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {
  if (!existsSync(tmpRoot)) stop();
}, 60_000);
