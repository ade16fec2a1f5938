import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../../../src/analysis/engine';
import type { LintTask } from '../../../src/analysis/engine/task';
import { lintInPool } from '../../../src/cli/pool';
import { tempDir } from './cli-helpers';

const root = process.cwd();
const workerFile = path.join(root, 'dist', 'lint-worker.js');
const fixtures = [
  ...fs
    .readdirSync(path.join(root, 'test', 'fixtures', 'engine', 'pairs'))
    .filter((f) => /\.(bicep|json)$/.test(f))
    .map((f) => path.join(root, 'test', 'fixtures', 'engine', 'pairs', f)),
  ...fs
    .readdirSync(path.join(root, 'test', 'fixtures', 'engine', 'cli'))
    .map((f) => path.join(root, 'test', 'fixtures', 'engine', 'cli', f)),
];
const tasks: LintTask[] = fixtures.map((file) => ({ file, config: DEFAULT_CONFIG, followParameters: true }));

describe('worker pool', function () {
  this.timeout(60_000);

  it('gives the same results, in the same order, on workers as in this thread', async () => {
    assert.ok(fs.existsSync(workerFile), 'build first: dist/lint-worker.js');
    const inThread = await lintInPool(tasks, { workerFile, workers: 0 });
    const onWorkers = await lintInPool(tasks, { workerFile, workers: 2 });
    assert.deepEqual(onWorkers, inThread);
    assert.ok(inThread.some((r) => r.findings.length > 0));
  });

  it('reports a file whose worker hangs as timed out, and finishes the others', async () => {
    const dir = tempDir('ade-pool-');
    try {
      // A worker that answers every task except the one for `hang.json`.
      const fake = path.join(dir, 'fake-worker.js');
      fs.writeFileSync(
        fake,
        `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.task.file.endsWith('hang.json')) { setInterval(() => {}, 1000); return; }
  parentPort.postMessage({ id: m.id, result: { file: m.task.file, kind: 'armTemplate', findings: [], issues: [] } });
});
parentPort.postMessage({ ready: true });`,
      );
      const names = ['a.json', 'hang.json', 'b.json', 'c.json', 'd.json'];
      const results = await lintInPool(
        names.map((n) => ({ file: n, config: DEFAULT_CONFIG, followParameters: true })),
        { workerFile: fake, workers: 2, timeoutMs: 1500, lintInThisThread: false },
      );
      assert.deepEqual(
        results.map((r) => r.file),
        names,
      );
      assert.equal(results[1]!.issues[0]!.code, 'timeout');
      assert.ok(results.filter((_, i) => i !== 1).every((r) => r.issues.length === 0));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('falls back to this thread when the worker file cannot start', async () => {
    const dir = tempDir('ade-pool-');
    try {
      const broken = path.join(dir, 'broken-worker.js');
      fs.writeFileSync(broken, "throw new Error('cannot load');");
      const results = await lintInPool(tasks, { workerFile: broken, workers: 2 });
      assert.deepEqual(results, await lintInPool(tasks, { workerFile, workers: 0 }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
