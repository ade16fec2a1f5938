// ade-lint next to Checkov 3 on the shared corpus (the files of ../shared/corpus/MANIFEST.tsv),
// both as a user runs them: a fresh process per run, wall-clock time, runs interleaved so that
// both see the same machine load. Checkov is installed from PyPI into the tools cache when
// missing (scripts/ensure-checkov.sh). Goal: ade-lint at least 20× faster. Timings are
// reported, never asserted. Run with `npm run bench -- peer`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sharedCorpusFiles } from './support/shared-corpus';

const root = process.cwd();
const RUNS = Number(process.env.ADE_PEER_RUNS ?? 5);

function corpusFiles(): string[] {
  return sharedCorpusFiles(root).map((f) => f.file);
}

function ensureCheckov(): string {
  const r = spawnSync('bash', [path.join(root, 'scripts', 'ensure-checkov.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exe = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !fs.existsSync(exe)) {
    throw new Error('Checkov could not be installed (see the messages above); the comparison needs it.');
  }
  return exe;
}

interface Run {
  readonly ms: number;
  readonly status: number | null;
  readonly stdout: string;
}

function timed(cmd: string, args: readonly string[]): Run {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, cwd: root });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  return { ms, status: r.status, stdout: r.stdout };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function main(): void {
  const files = corpusFiles();
  if (files.length === 0) {
    console.log('peer benchmark: ../shared/corpus/MANIFEST.tsv not found, nothing to compare');
    return;
  }
  const cli = path.join(root, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first.');
  const checkov = ensureCheckov();
  // Checkov reads files given with -f; --skip-download keeps it from calling its platform.
  const checkovArgs = [...files.flatMap((f) => ['-f', f]), '--framework', 'arm', 'bicep', '--quiet', '--compact'];
  checkovArgs.push('--skip-download', '-o', 'json');
  const adeArgs = [cli, '--format', 'json', ...files];

  // One untimed run each: the page cache and Python's bytecode cache are warm for both.
  const firstAde = timed(process.execPath, adeArgs);
  const firstCheckov = timed(checkov, checkovArgs);
  if (firstAde.status !== 0 && firstAde.status !== 1) throw new Error(`ade-lint exited ${firstAde.status}`);
  if (firstCheckov.status !== 0 && firstCheckov.status !== 1) throw new Error(`checkov exited ${firstCheckov.status}`);

  const ade: number[] = [];
  const peer: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ade.push(timed(process.execPath, adeArgs).ms);
    peer.push(timed(checkov, checkovArgs).ms);
  }
  const a = median(ade);
  const c = median(peer);
  const version = spawnSync(checkov, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`\nade-lint vs Checkov ${version} on ${files.length} corpus files (${RUNS} runs each, interleaved)`);
  console.log(`  ade-lint  median ${a.toFixed(0)} ms   (runs: ${ade.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  checkov   median ${c.toFixed(0)} ms   (runs: ${peer.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  ratio     ${(c / a).toFixed(1)}×   (goal ≥ 20×)`);
  console.log(`  machine   ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(`(ADE_PEER_RUNS: runs of each tool)\n`);
}

main();
