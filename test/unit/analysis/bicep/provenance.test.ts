import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBicepFile } from '../../../../src/analysis/bicep';
import { FIXTURES, parse, plainValue, prop, resource, span, where } from './helpers';

const TEXT = `param location string = 'westeurope'
var settings = {
  flag: true
}
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv1'
  location: location
  properties: {
    enabledForDiskEncryption: settings.flag
    direct: false
  }
}
`;

describe('bicep value provenance and ranges', () => {
  it('a parameter reference is written at the use site and comes from the default', async () => {
    const m = await parse(TEXT);
    const loc = resource(m, 'kv').location!;
    assert.equal(plainValue(loc), 'westeurope');
    assert.deepEqual(span(loc), where(TEXT, 'location', 2));
    assert.equal(loc.origins?.[0]?.kind, 'parameterDefault');
    assert.equal(loc.origins?.[0]?.name, 'location');
    assert.equal(loc.origins?.[0]?.location.file, '/virtual/main.bicep');
    assert.deepEqual(span(loc.origins![0]!.location.range), where(TEXT, "'westeurope'"));
  });

  it('a variable property is written at the use site and comes from the variable', async () => {
    const m = await parse(TEXT);
    const flag = prop(resource(m, 'kv').properties, 'enabledForDiskEncryption');
    assert.equal(plainValue(flag), true);
    assert.deepEqual(span(flag), where(TEXT, 'settings.flag'));
    assert.equal(flag.origins?.[0]?.kind, 'variable');
    assert.equal(flag.origins?.[0]?.name, 'settings');
    assert.deepEqual(span(flag.origins![0]!.location.range), where(TEXT, 'true'));
  });

  it('a literal has no origins and its exact range; keys have their own range', async () => {
    const m = await parse(TEXT);
    const props = resource(m, 'kv').properties!;
    const direct = prop(props, 'direct');
    assert.equal(direct.origins, undefined);
    assert.deepEqual(span(direct), where(TEXT, 'false'));
    assert.ok(props.kind === 'object');
    if (props.kind === 'object') {
      assert.deepEqual(span(props.properties[1]!.keyRange), where(TEXT, 'direct'));
    }
  });
});

describe('bicep parameters files', () => {
  const dir = path.join(FIXTURES, 'params');
  const paramsFile = path.join(dir, 'main.bicepparam');
  const paramsText = fs.readFileSync(paramsFile, 'utf8');

  it('binds the values to the template named by `using`, with parameterFile provenance', async () => {
    const m = await parseBicepFile(paramsFile, paramsText);
    assert.equal(m.kind, 'bicepParams');
    assert.equal(m.file, paramsFile);
    assert.deepEqual(m.issues, []);
    const kv = resource(m, 'kv');
    assert.equal(kv.file, path.join(dir, 'main.bicep'));
    assert.equal(plainValue(kv.name), 'kv-from-params');
    const flag = prop(kv.properties, 'enabledForDiskEncryption');
    assert.equal(plainValue(flag), false);
    assert.equal(flag.origins?.[0]?.kind, 'parameterFile');
    assert.equal(flag.origins?.[0]?.location.file, paramsFile);
    assert.deepEqual(span(flag.origins![0]!.location.range), where(paramsText, 'false'));
    assert.deepEqual(plainValue(kv.location), { symbol: 'resourceGroup().location' });
    assert.deepEqual(
      m.parameters.map((p) => [p.name, plainValue(p.value)]),
      [
        ['vaultName', 'kv-from-params'],
        ['enabledForDiskEncryption', false],
        ['location', { symbol: 'resourceGroup().location' }],
      ],
    );
  });

  it('reads the values alone when the template cannot be read', async () => {
    const m = await parseBicepFile('/virtual/x.bicepparam', "using './nope.bicep'\nparam a = 'x'\n", {
      readFile: async () => undefined,
    });
    assert.equal(m.kind, 'bicepParams');
    assert.deepEqual(
      m.parameters.map((p) => [p.name, plainValue(p.value)]),
      [['a', 'x']],
    );
    assert.ok(m.issues.some((i) => i.code === 'module-not-found'));
  });
});
