import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintModel } from '../../../../src/analysis/engine/lint-model';
import { allRules } from '../../../../src/analysis/rules';
import { parse, ROOT } from './helpers';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'rules');

describe('rules through the lint engine', () => {
  it('reports the expected rules on a Linux ADE scenario, honouring suppressions', async () => {
    const file = path.join(FIXTURES, '_scenarios', 'ade-linux-vm.bicep');
    const model = await parse(file, fs.readFileSync(file, 'utf8'));
    const { findings, issues } = lintModel(model, { rules: allRules });
    assert.deepEqual(issues, []);
    const ids = [...new Set(findings.map((f) => f.ruleId))].sort();
    assert.deepEqual(ids, ['ade-retirement', 'kv-disk-encryption-flag', 'kv-purge-protection']);
    const flag = findings.find((f) => f.ruleId === 'kv-disk-encryption-flag')!;
    assert.equal(flag.severity, 'error');
    assert.equal(flag.location.range.start.line, 6);
    assert.equal(flag.related?.[0]?.location.range.start.line, 51);
    assert.equal(flag.resourceId, 'kv');
  });

  it('never throws on any rule fixture', async () => {
    for (const dir of fs.readdirSync(FIXTURES)) {
      for (const name of fs.readdirSync(path.join(FIXTURES, dir))) {
        const file = path.join(FIXTURES, dir, name);
        const model = await parse(file, fs.readFileSync(file, 'utf8'));
        const { issues } = lintModel(model, { rules: allRules });
        assert.deepEqual(
          issues.filter((i) => i.code === 'internal-error'),
          [],
          file,
        );
      }
    }
  });
});
