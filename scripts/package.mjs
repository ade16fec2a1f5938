// Packs the production bundle (built by vscode:prepublish)  it into a .vsix with @vscode/vsce.
// The bundle already holds every dependency, so node_modules is left out (--no-dependencies).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const outDir = path.join(root, 'out');
mkdirSync(outDir, { recursive: true });
const vsix = path.join(outDir, `${pkg.name}-${pkg.version}.vsix`);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

run(process.execPath, [
  path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
  'package',
  '--no-dependencies',
  '--no-update-package-json',
  '--allow-missing-repository',
  '--skip-license',
  '--no-rewrite-relative-links',
  '--out',
  vsix,
]);
console.log(`[package] ${path.relative(root, vsix)}`);
