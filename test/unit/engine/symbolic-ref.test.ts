import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, nodeHost } from '../../../src/analysis/engine';

// A vault named at deploy time (`kv-${uniqueString(...)}`) is a symbol, and so is the id the ADE
// extension uses to point at it; the two must still be linked, as they are in Azure.
describe('resource ids with deploy-time names', () => {
  const dir = path.join(process.cwd(), 'test', 'fixtures', 'engine', 'symbolic-names');
  for (const name of ['vault-ade.bicep', 'vault-ade.json']) {
    it(`${name}: the ADE extension finds its vault and the missing disk-encryption flag is an error`, async () => {
      const file = path.join(dir, name);
      const result = await analyzeFile(file, fs.readFileSync(file, 'utf8'), { host: nodeHost });
      const flag = result.findings.filter((f) => f.ruleId === 'kv-disk-encryption-flag');
      assert.equal(flag.length, 1, JSON.stringify(flag.map((f) => f.message)));
      assert.equal(flag[0]!.severity, 'error');
      assert.ok(flag[0]!.related?.some((r) => /ADE extension/.test(r.message)));
    });
  }
});
