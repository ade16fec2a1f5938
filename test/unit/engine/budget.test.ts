import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyzeFile,
  IncrementalLinter,
  nodeHost,
  parseConfig,
  type AnalyzeOptions,
} from '../../../src/analysis/engine';
import { bicepNestingDepth } from '../../../src/analysis/engine/guards';
import { AnalysisStopped, Deadline } from '../../../src/analysis/model';

const fixtures = path.resolve('test', 'fixtures', 'workspace', 'templates');
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** Flat broken text that sends tree-sitter's error recovery into quadratic time (over 20 s unbounded). */
const slowBicep = '{"a":}'.repeat(6000);

function fixture(name: string): { file: string; text: string } {
  const file = path.join(fixtures, name);
  return { file, text: fs.readFileSync(file, 'utf8') };
}

const tooComplex = (r: { issues: readonly { code: string; message: string }[] }): string | undefined =>
  r.issues.find((i) => i.code === 'too-complex')?.message;

/** An ARM template whose copy loops make thousands of evaluations. */
function busyArmTemplate(): string {
  const resources = Array.from({ length: 40 }, (_, i) => ({
    type: 'Microsoft.KeyVault/vaults',
    apiVersion: '2023-07-01',
    name: `[concat('kv${i}-', copyIndex())]`,
    copy: { name: `loop${i}`, count: 200 },
    properties: { tenantId: '[subscription().tenantId]', sku: { family: 'A', name: 'standard' } },
  }));
  return JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources });
}

describe('time budget', function () {
  this.timeout(60_000);

  it('stops a Bicep parse that runs past the budget with one too-complex issue, then parses normally', async () => {
    const opts: AnalyzeOptions = { host: nodeHost, limit: { budgetMs: 200 } };
    const slow = await analyzeFile('/virtual/slow.bicep', slowBicep, opts);
    assert.deepEqual(slow.findings, []);
    assert.equal(slow.issues.length, 1, JSON.stringify(slow.issues));
    assert.match(tooComplex(slow) ?? '', /^Too complex to analyse within \d+ ms .*— findings paused for this file/);

    // The stopped parse must not leak into the next one (tree-sitter resumes a stopped parse unless reset).
    const { file, text } = fixture('linux-ade.bicep');
    const good = await analyzeFile(file, text, opts);
    const unbounded = await analyzeFile(file, text, { host: nodeHost });
    assert.equal(tooComplex(good), undefined);
    assert.ok(good.findings.length > 0);
    assert.deepEqual(good, unbounded);
  });

  it('declines Bicep with thousands of unclosed brackets before parsing', async () => {
    const r = await analyzeFile('/virtual/deep.bicep', '{"a":'.repeat(6000), {
      host: nodeHost,
      limit: { budgetMs: 500 },
    });
    assert.match(tooComplex(r) ?? '', /brackets nest more than 256 levels deep — findings paused/);
  });

  it('measures Bicep nesting outside strings and comments, with interpolations', () => {
    assert.equal(bicepNestingDepth("var a = { b: [ 'x{[(' ] }"), 2);
    assert.equal(bicepNestingDepth("var a = '${ { b: 1 } }'"), 2);
    assert.equal(bicepNestingDepth("// {{{{\n/* [[[[ */ var a = '''\n{{{{\n'''"), 0);
    assert.equal(bicepNestingDepth('{"a":'.repeat(300)), 300);
    assert.equal(bicepNestingDepth('['.repeat(1000), 10), 11);
  });

  it('stops an ARM evaluation past the budget (the size guard for JSON is the reader being linear)', async () => {
    const text = busyArmTemplate();
    const stopped = await analyzeFile('/virtual/busy.json', text, { host: nodeHost, limit: { budgetMs: 0 } });
    assert.match(tooComplex(stopped) ?? '', /^Too complex to analyse within 0 ms/);
    const full = await analyzeFile('/virtual/busy.json', text, { host: nodeHost, limit: { budgetMs: 60_000 } });
    assert.equal(tooComplex(full), undefined);
    assert.ok(full.findings.length > 0);
  });

  it('the incremental linter reports the overrun, then lints fully once the budget allows', async () => {
    const text = busyArmTemplate();
    const linter = new IncrementalLinter('/virtual/busy.json', { host: nodeHost });
    const over = await linter.lint(text, undefined, { budgetMs: 0 });
    assert.ok(tooComplex(over.result));
    const ok = await linter.lint(text, undefined, { budgetMs: 60_000 });
    assert.equal(tooComplex(ok.result), undefined);
    assert.deepEqual(ok.result, await analyzeFile('/virtual/busy.json', text, { host: nodeHost }));
  });

  it('a cancelled request throws AnalysisStopped instead of producing a result', async () => {
    const { file, text } = fixture('linux-ade.bicep');
    await assert.rejects(
      analyzeFile(file, `${text}\n${slowBicep}`, {
        host: nodeHost,
        limit: { budgetMs: 60_000, cancelled: () => true },
      }),
      (e: unknown) => e instanceof AnalysisStopped && e.reason === 'cancelled',
    );
    const arm = busyArmTemplate();
    const linter = new IncrementalLinter('/virtual/busy.json', { host: nodeHost });
    await assert.rejects(
      linter.lint(arm, undefined, { budgetMs: 60_000, cancelled: () => true }),
      (e: unknown) => e instanceof AnalysisStopped && e.reason === 'cancelled',
    );
  });

  it('gives larger files proportionally more time, never less than the budget', () => {
    assert.equal(Deadline.forText({ budgetMs: 500 }, 1000).allowedMs, 500);
    assert.equal(Deadline.forText({ budgetMs: 500 }, 64 * 1024).allowedMs, 1000);
  });

  it('reads budgetMs from .ade-lint.json and rejects nonsense', () => {
    assert.equal(parseConfig('{ "budgetMs": 2000 }', '/p/.ade-lint.json').config.budgetMs, 2000);
    assert.equal(parseConfig('{}', '/p/.ade-lint.json').config.budgetMs, undefined);
    assert.throws(() => parseConfig('{ "budgetMs": "fast" }', '/p/.ade-lint.json'), /budgetMs/);
    assert.throws(() => parseConfig('{ "budgetMs": 0 }', '/p/.ade-lint.json'), /budgetMs/);
  });
});
