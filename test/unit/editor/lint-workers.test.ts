import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFile, nodeHost } from '../../../src/analysis/engine';
import type { EditorSettings } from '../../../src/analysis/editor/protocol';
import { EditorLintService } from '../../../src/analysis/editor/service';
import { LintWorkers, type LintOutcome } from '../../../src/vscode/diagnostics/lintWorkers';

const root = process.cwd();
const workerFile = path.join(root, 'dist', 'lint-worker.js');
const templates = path.join(root, 'test', 'fixtures', 'workspace', 'templates');
const settings: EditorSettings = { rules: {}, budgetMs: 500 };
/** Flat broken text: over 20 s of tree-sitter error recovery without a budget. */
const slowBicep = '{"a":}'.repeat(6000);

function read(name: string): { file: string; text: string } {
  const file = path.join(templates, name);
  return { file, text: fs.readFileSync(file, 'utf8') };
}

function resultOf(o: LintOutcome): NonNullable<Extract<LintOutcome, { kind: 'result' }>['result']> {
  assert.equal(o.kind, 'result', JSON.stringify(o));
  return (o as Extract<LintOutcome, { kind: 'result' }>).result;
}

describe('editor lint workers', function () {
  this.timeout(60_000);
  let workers: LintWorkers;
  const disk = (file: string): Promise<string | undefined> => nodeHost.readFile(file);

  before(() => assert.ok(fs.existsSync(workerFile), 'build first: dist/lint-worker.js'));
  afterEach(() => workers?.dispose());

  it('lints in a worker with the same result as in this thread', async () => {
    workers = new LintWorkers({ workerFile, readFile: disk });
    for (const name of ['linux-ade.bicep', 'linux-ade.json']) {
      const { file, text } = read(name);
      const inWorker = resultOf(await workers.lint(`doc:${name}`, file, text, settings));
      assert.ok(inWorker.findings.length > 0);
      assert.deepEqual(inWorker, await analyzeFile(file, text, { host: nodeHost, limit: { budgetMs: 500 } }));
    }
  });

  it('a newer version supersedes the one being parsed, which is cancelled mid-parse', async () => {
    workers = new LintWorkers({ workerFile, readFile: disk, maxWorkers: 1 });
    const { file, text } = read('linux-ade.bicep');
    // A budget of a minute: only the cancellation can stop this parse in time.
    const slow = workers.lint('doc:a', file, slowBicep, { ...settings, budgetMs: 60_000 });
    await new Promise((r) => setTimeout(r, 300));
    const fresh = workers.lint('doc:a', file, text, settings);
    assert.deepEqual(await slow, { kind: 'superseded' });
    assert.ok(resultOf(await fresh).findings.length > 0);
    assert.equal(workers.workerCount, 1);
  });

  it('other documents get their results while one file is being analysed', async () => {
    workers = new LintWorkers({ workerFile, readFile: disk, maxWorkers: 2 });
    const slow = workers.lint('doc:slow', '/virtual/slow.bicep', slowBicep, { ...settings, budgetMs: 60_000 });
    await new Promise((r) => setTimeout(r, 300));
    const { file, text } = read('linux-ade.json');
    const normal = resultOf(await workers.lint('doc:normal', file, text, settings));
    assert.ok(normal.findings.length > 0);
    assert.ok(workers.isBusy('doc:slow'), 'the slow file is still being analysed');
    workers.close('doc:slow', '/virtual/slow.bicep');
    assert.deepEqual(await slow, { kind: 'superseded' });
    assert.equal(workers.isBusy('doc:slow'), false);
  });

  it('lints files once, without state, one after another ("Lint Workspace Templates")', async () => {
    workers = new LintWorkers({ workerFile, readFile: disk, maxWorkers: 1 });
    for (const name of ['linux-ade.bicep', 'linux-ade.json', 'not-a-template.json', 'windows-aad.bicep']) {
      const { file, text } = read(name);
      assert.deepEqual(
        resultOf(await workers.analyze(file, text, settings)),
        await analyzeFile(file, text, { host: nodeHost, limit: { budgetMs: 500 } }),
      );
    }
  });

  it('the budget gives a slow file one too-complex issue', async () => {
    workers = new LintWorkers({ workerFile, readFile: disk });
    const r = resultOf(
      await workers.lint('doc:slow', '/virtual/slow.bicep', slowBicep, { ...settings, budgetMs: 200 }),
    );
    assert.deepEqual(
      r.issues.map((i) => i.code),
      ['too-complex'],
    );
  });

  it('a worker that runs far past the budget is stopped and replaced', async () => {
    // A worker that never answers stands for a hang the budget did not catch.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ade-editor-'));
    const fake = path.join(dir, 'hang.js');
    fs.writeFileSync(fake, 'setInterval(() => {}, 1000);');
    try {
      workers = new LintWorkers({ workerFile: fake, readFile: disk, graceMs: 100 });
      const o = await workers.lint('doc:x', '/virtual/x.bicep', 'param a string', { ...settings, budgetMs: 50 });
      assert.equal(o.kind, 'stopped');
      assert.match((o as { message: string }).message, /stopped after \d+ s — findings paused for this file/);
      assert.equal(workers.workerCount, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('modules are read through the host: unsaved text wins over the disk', async () => {
    const main = "module kv 'vault.bicep' = {\n  name: 'kv'\n}\n";
    const vault =
      "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv1'\n  location: 'westeurope'\n  properties: {\n    tenantId: subscription().tenantId\n    sku: { family: 'A', name: 'standard' }\n  }\n}\n";
    const asked: string[] = [];
    const unsaved = async (file: string): Promise<string | undefined> => {
      asked.push(path.basename(file));
      return path.basename(file) === 'vault.bicep' ? vault : undefined;
    };
    workers = new LintWorkers({ workerFile, readFile: unsaved });
    const r = resultOf(await workers.lint('doc:main', '/virtual/main.bicep', main, settings));
    assert.deepEqual(asked, ['vault.bicep']);
    assert.ok(
      r.findings.some((f) => f.ruleId === 'kv-purge-protection'),
      JSON.stringify(r.findings.map((f) => f.ruleId)),
    );
  });

  it('closing a document frees its incremental state', async () => {
    const service = new EditorLintService(nodeHost);
    const { file, text } = read('linux-ade.json');
    const req = { type: 'lint' as const, id: 1, doc: 'doc:a', file, text, settings };
    assert.notEqual(await service.lint(req), 'cancelled');
    assert.equal(service.documentCount, 1);
    service.close('doc:a', file);
    assert.equal(service.documentCount, 0);
  });
});
