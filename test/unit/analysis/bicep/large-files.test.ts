import * as assert from 'node:assert/strict';
import { parseBicepFile } from '../../../../src/analysis/bicep';
import { clearParseCache, editBetween, initBicepParser } from '../../../../src/analysis/bicep/parser';
import { plainValue } from './helpers';

const host = { readFile: async (): Promise<string | undefined> => undefined };

function bigTemplate(resources: number): string {
  let s = "param location string = 'westeurope'\n\n";
  for (let i = 0; i < resources; i++) {
    s += `resource kv${i} 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${i}'
  location: location
  properties: {
    enabledForDiskEncryption: ${i % 2 === 0}
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
  }
}

`;
  }
  return s;
}

describe('bicep large files and incremental re-parse', function () {
  this.timeout(120000);

  it('describes an edit as the changed middle of two texts, in UTF-16 units', () => {
    const e = editBetween('ab\né😀x\nyz', 'ab\né😀QQx\nyz');
    assert.equal(e.startIndex, 6);
    assert.equal(e.oldEndIndex, 6);
    assert.equal(e.newEndIndex, 8);
    assert.deepEqual(e.startPosition, { row: 1, column: 3 });
    assert.deepEqual(e.newEndPosition, { row: 1, column: 5 });
  });

  it('re-parses an edited file incrementally to the same model as a fresh parse', async () => {
    const file = '/virtual/incremental.bicep';
    const before = bigTemplate(20);
    const after = before.replace("name: 'kv-7'", "name: 'kv-seven'").replace('enabledForDiskEncryption: true', 'x: 1');
    await parseBicepFile(file, before, host);
    const incremental = await parseBicepFile(file, after, host);
    clearParseCache();
    const fresh = await parseBicepFile(file, after, host);
    const shape = (m: typeof fresh): unknown =>
      m.resources.map((r) => [r.id, plainValue(r.name), plainValue(r.body), r.declRange, r.body.range]);
    assert.deepEqual(shape(incremental), shape(fresh));
    assert.equal(plainValue(incremental.resources.find((r) => r.id === 'kv7')?.name), 'kv-seven');
  });

  it('parses and models a large file, and re-parses it after a small edit', async () => {
    // Speed is measured by `npm run bench`; this checks that a large file is read completely.
    await initBicepParser();
    const text = bigTemplate(1200); // ~320 KB
    const file = '/virtual/large.bicep';
    const first = await parseBicepFile(file, text, host);
    const edited = text.replace("name: 'kv-600'", "name: 'kv-six-hundred'");
    const second = await parseBicepFile(file, edited, host);
    assert.equal(first.resources.length, 1200);
    assert.equal(plainValue(second.resources[600]!.name), 'kv-six-hundred');
  });
});
