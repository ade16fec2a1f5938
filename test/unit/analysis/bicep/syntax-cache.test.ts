import * as assert from 'node:assert/strict';
import { parseBicepFile } from '../../../../src/analysis/bicep';
import { initBicepParser } from '../../../../src/analysis/bicep/parser';
import { clearSyntaxCache, readSyntax } from '../../../../src/analysis/bicep/syntax-cache';

const vault = (name: string): string =>
  `resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: '${name}'\n  location: 'westeurope'\n}\n`;

describe('Bicep syntax cache', () => {
  afterEach(clearSyntaxCache);

  it('reads a module called from many files once: the same text gives the same tree', async () => {
    const parser = await initBicepParser();
    const first = readSyntax(parser, 'mod.bicep', vault('a'));
    assert.ok(first);
    assert.equal(readSyntax(parser, 'mod.bicep', vault('a')), first);
    const changed = readSyntax(parser, 'mod.bicep', vault('b'));
    assert.notEqual(changed, first);
    assert.equal(changed?.root.text.includes("'b'"), true);
  });

  it('gives the model a fresh read gives, for the entry file and a module read again', async () => {
    const files = new Map([['/w/mod.bicep', vault('from-module')]]);
    const host = { readFile: async (p: string): Promise<string | undefined> => files.get(p) };
    const main = "module m './mod.bicep' = {\n  name: 'm'\n}\n" + vault('main').replace('resource kv', 'resource top');
    const cold = await parseBicepFile('/w/main.bicep', main, host);
    const warm = await parseBicepFile('/w/main.bicep', main, host);
    clearSyntaxCache();
    assert.deepEqual(JSON.parse(JSON.stringify(warm)), JSON.parse(JSON.stringify(cold)));
    assert.deepEqual(
      warm.resources.map((r) => r.id),
      ['top', 'm/kv'],
    );
  });
});
