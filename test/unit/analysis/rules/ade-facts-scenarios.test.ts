// Templates written to exercise the ADE facts (sizes, memory, Key Vault URLs, Linux decryption, scale sets,
// key case, versions): every ADE finding is listed, so a missed or an extra one fails.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintModel } from '../../../../src/analysis/engine/lint-model';
import { allRules } from '../../../../src/analysis/rules';
import { parse, ROOT } from './helpers';

const DIR = path.join(ROOT, 'test', 'fixtures', 'rules', '_scenarios');

const expected: Record<string, string[]> = {
  'ade-facts-linux-decrypt-os.bicep': ['16 warning ade-encryption-operation', '17 warning ade-volume-type'],
  'ade-facts-small-v6-linux.json': [
    '15 error ade-unsupported-target',
    '22 error ade-unsupported-target',
    '30 info ade-retirement',
    '32 warning ade-volume-type',
    '38 info ade-retirement',
  ],
  'ade-facts-kek-urls.bicep': [
    '31 info ade-retirement',
    '32 info ade-extension-version',
    '35 info ade-settings-keys',
    '36 error ade-key-vault-settings',
    '38 error ade-kek-settings',
    '49 error ade-unsupported-target',
    '59 info ade-retirement',
    '65 error ade-kek-settings',
    '67 warning ade-volume-type',
  ],
  'ade-facts-linux-vmss-all.bicep': [
    '18 info ade-retirement',
    '24 error ade-volume-type',
    '42 info ade-retirement',
    '43 warning ade-extension-version',
    '48 error ade-kek-settings',
  ],
};

describe('ADE fact scenarios through the lint engine', () => {
  for (const [name, want] of Object.entries(expected)) {
    it(name, async () => {
      const file = path.join(DIR, name);
      const model = await parse(file, fs.readFileSync(file, 'utf8'));
      const { findings } = lintModel(model, { rules: allRules });
      const got = findings
        .filter((f) => f.ruleId.startsWith('ade-'))
        .map((f) => `${f.location.range.start.line + 1} ${f.severity} ${f.ruleId}`)
        .sort();
      assert.deepEqual(got, [...want].sort());
    });
  }
});
