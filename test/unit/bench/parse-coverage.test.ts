import * as assert from 'node:assert/strict';
import type { JsonReport } from '../../../src/cli/format-json';
import { parseCoverage } from '../../bench/support/parse-coverage';

function region(path: string, line: number): JsonReport['files'][number]['issues'][number] {
  return {
    code: 'parse-error',
    severity: 'warning',
    message: '',
    location: { path, startLine: line, startColumn: 1, endLine: line, endColumn: 5 },
  };
}

function file(path: string, issues: JsonReport['files'][number]['issues']): JsonReport['files'][number] {
  return { path, kind: 'bicep', issues, findings: [] };
}

describe('parse coverage count', () => {
  it('counts a module region once in its own file and again for every caller as linted', () => {
    const other = { ...region('main.bicep', 1), code: 'module-not-found' };
    const report: JsonReport = {
      version: 1,
      tool: { name: 'ade-lint', version: '0' },
      files: [
        file('main.bicep', [region('main.bicep', 3), region('mod.bicep', 7), other]),
        file('other.bicep', [region('mod.bicep', 7)]),
        file('mod.bicep', [region('mod.bicep', 7)]),
        file('clean.bicep', []),
      ],
      summary: { files: 4, skipped: 0, errors: 0, warnings: 0, infos: 0, failedFiles: 0 },
    };
    assert.deepEqual(parseCoverage(report), {
      files: 4,
      ownFiles: 2,
      ownRegions: 2,
      lintedFiles: 3,
      lintedRegions: 4,
      regions: ['main.bicep:3', 'mod.bicep:7'],
    });
  });
});
