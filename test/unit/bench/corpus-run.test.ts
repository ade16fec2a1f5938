import * as assert from 'node:assert/strict';
import { runCliOverCorpus, tallyReport } from '../../bench/support/corpus-run';
import type { JsonReport } from '../../../src/cli/format-json';
import { cliFixtures, repoRoot } from '../cli/cli-helpers';

const at = { path: 'a.bicep', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };

function file(
  path: string,
  issues: { code: string; severity: string }[],
  findings: { ruleId: string; severity: string }[],
): JsonReport['files'][number] {
  return {
    path,
    kind: 'bicep',
    issues: issues.map((i) => ({ ...i, message: '', location: at })),
    findings: findings.map((f) => ({ ...f, message: '', location: at, related: [], fixes: [] })),
  };
}

describe('corpus runner', () => {
  it('tallies issues by code and file, internal errors by file, findings by rule and severity', () => {
    const report: JsonReport = {
      version: 1,
      tool: { name: 'ade-lint', version: '0' },
      files: [
        file(
          'a.bicep',
          [
            { code: 'parse-error', severity: 'warning' },
            { code: 'parse-error', severity: 'warning' },
          ],
          [
            { ruleId: 'kv-firewall', severity: 'warning' },
            { ruleId: 'kv-soft-delete', severity: 'error' },
          ],
        ),
        file(
          'b.bicep',
          [
            { code: 'internal-error', severity: 'error' },
            { code: 'timeout', severity: 'error' },
          ],
          [],
        ),
        file('c.json', [{ code: 'timeout', severity: 'error' }], [{ ruleId: 'kv-firewall', severity: 'info' }]),
      ],
      summary: { files: 3, skipped: 0, errors: 1, warnings: 1, infos: 1, failedFiles: 2 },
    };
    const t = tallyReport(report);
    assert.equal(t.files, 3);
    assert.equal(t.internalErrors, 2);
    assert.deepEqual(t.issuesByCode.get('parse-error'), { error: 0, warning: 2, info: 0 });
    assert.equal(t.filesByIssueCode.get('parse-error'), 1);
    assert.equal(t.filesByIssueCode.get('timeout'), 2);
    assert.deepEqual(t.findingsByRule.get('kv-firewall'), { error: 0, warning: 1, info: 1 });
    assert.deepEqual(t.totals, { error: 1, warning: 1, info: 1 });
  });

  it('runs the built CLI over a folder and counts what its JSON report says', () => {
    const run = runCliOverCorpus(repoRoot, cliFixtures);
    assert.ok(run.report, run.stderr);
    assert.equal(run.files, run.report.files.length);
    assert.equal(run.files, run.filesByExtension.get('bicep')! + run.filesByExtension.get('json')!);
    assert.equal(run.internalErrors, 0);
    // vault-no-purge.json has a vault without purge protection; package-like.json is not a template
    // and params/main.parameters.json is a parameters file: both skipped.
    assert.ok((run.findingsByRule.get('kv-purge-protection')?.warning ?? 0) > 0);
    assert.equal(run.skipped, 2);
    assert.equal(run.exitCode, run.totals.error > 0 ? 1 : 0);
  });
});
