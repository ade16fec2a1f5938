import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectArmFileKind, parseArmFile } from '../../../../src/analysis/arm';

/** The shared corpus of real templates, next to the repository. */
function corpusDir(): string | undefined {
  for (const base of [process.cwd(), path.resolve(__dirname, '..', '..', '..', '..', '..')]) {
    const dir = path.resolve(base, '..', 'shared', 'corpus');
    if (fs.existsSync(dir)) return dir;
  }
  return undefined;
}

function listJson(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listJson(p, out);
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

describe('ARM reader on the shared corpus', function () {
  const dir = corpusDir();
  const files = dir ? listJson(dir).sort() : [];

  before(function () {
    if (files.length === 0) this.skip();
  });

  it('parses every corpus JSON file without throwing; templates have resources', () => {
    let templates = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(dir!, file);
      const model = parseArmFile(rel, text);
      assert.equal(model.kind, detectArmFileKind(text), rel);
      assert.ok(!model.issues.some((i) => i.code === 'internal-error'), rel);
      if (model.kind === 'armTemplate') {
        templates++;
        assert.ok(model.resources.length > 0, `${rel} has no resources`);
        assert.ok(!model.issues.some((i) => i.code === 'parse-error'), `${rel}: ${JSON.stringify(model.issues)}`);
        for (const r of model.resources) assert.ok(r.type.includes('/'), `${rel}: ${r.type}`);
      }
    }
    assert.ok(templates > 0);
  });

  it('resolves names given through parameter defaults (CKV_AZURE_50 fixture)', () => {
    const file = files.find((f) => f.endsWith(path.join('example_AzureInstanceExtensions', 'fail.json')));
    if (!file) return;
    const model = parseArmFile(file, fs.readFileSync(file, 'utf8'));
    const vm = model.resources.find((r) => r.type === 'Microsoft.Compute/virtualMachines');
    assert.equal(vm?.name.kind === 'scalar' && vm.name.value, 'fail');
    assert.equal(vm?.name.origins?.[0]?.kind, 'parameterDefault');
  });
});
