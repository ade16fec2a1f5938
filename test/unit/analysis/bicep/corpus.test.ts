import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBicepFile } from '../../../../src/analysis/bicep';

const CORPUS = path.resolve(process.cwd(), '..', 'shared', 'corpus');

function listBicep(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listBicep(p, out);
    else if (/\.bicep(param)?$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('bicep corpus (real templates)', function () {
  this.timeout(180000);
  before(function () {
    if (!fs.existsSync(CORPUS)) this.skip();
  });

  it('parses every corpus file without throwing, with resources and issues as data', async () => {
    const files = listBicep(CORPUS).sort();
    assert.ok(files.length > 0);
    let resources = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const model = await parseBicepFile(file, text);
      assert.equal(model.file, file);
      assert.equal(model.language, 'bicep');
      assert.ok(model.sources.get(file) === text);
      for (const issue of model.issues) assert.ok(issue.message.length > 0 && issue.location.file);
      resources += model.resources.length;
    }
    assert.ok(resources > 50, `only ${resources} resources found`);
  });

  it('reads the vault and key of a real AVM test dependency file', async () => {
    const file = path.join(
      CORPUS,
      'bicep-registry-modules/avm/res/compute/disk/tests/e2e/des-cmk-uami/dependencies.bicep',
    );
    if (!fs.existsSync(file)) return;
    const model = await parseBicepFile(file, fs.readFileSync(file, 'utf8'));
    const vault = model.resources.find((r) => r.id === 'keyVault');
    assert.equal(vault?.type, 'Microsoft.KeyVault/vaults');
    const key = model.resources.find((r) => r.id === 'keyVault::key');
    assert.equal(key?.type, 'Microsoft.KeyVault/vaults/keys');
    assert.equal(key?.parentId, 'keyVault');
    const des = model.resources.find((r) => r.id === 'diskEncryptionSet');
    const sourceVault = des?.properties?.kind === 'object' ? des.properties : undefined;
    assert.ok(sourceVault);
    assert.deepEqual(model.issues, []);
  });
});
