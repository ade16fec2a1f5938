import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBicepFile } from '../../../../src/analysis/bicep';
import type { TemplateModel } from '../../../../src/analysis/model';
import { FIXTURES, parse, plainValue, prop, resource, span, where } from './helpers';

const DIR = path.join(FIXTURES, 'modules');
const MAIN = path.join(DIR, 'main.bicep');
const VAULT = path.join(DIR, 'modules', 'vault.bicep');
const ADE = path.join(DIR, 'modules', 'ade.bicep');

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

async function parseMain(): Promise<TemplateModel> {
  return parseBicepFile(MAIN, read(MAIN));
}

describe('bicep modules', () => {
  it('adds the resources of local modules with the module call in `via`', async () => {
    const m = await parseMain();
    const kv = resource(m, 'vault/kv');
    assert.equal(kv.file, VAULT);
    assert.equal(kv.type, 'Microsoft.KeyVault/vaults');
    assert.equal(kv.via?.length, 1);
    assert.equal(kv.via![0]!.name, 'vault');
    assert.equal(kv.via![0]!.targetFile, VAULT);
    assert.equal(kv.via![0]!.location.file, MAIN);
    // The symbolic name in `module vault 'modules/vault.bicep'` (line 7, 0-based 6).
    assert.deepEqual(span(kv.via![0]!.location.range), [6, 7, 6, 12]);
    assert.deepEqual(span(kv.declRange), where(read(VAULT), 'kv'));
    assert.deepEqual([...m.sources.keys()].sort(), [ADE, MAIN, VAULT].sort());
  });

  it('binds module parameters to the caller arguments, with provenance at the caller', async () => {
    const m = await parseMain();
    const kv = resource(m, 'vault/kv');
    assert.equal(plainValue(kv.name), 'kv-ade-01');
    assert.equal(plainValue(kv.location), 'westeurope');
    const flag = prop(kv.properties, 'enabledForDiskEncryption');
    assert.equal(plainValue(flag), false);
    // The value is used in the module file ...
    assert.deepEqual(span(flag), where(read(VAULT), 'enabledForDiskEncryption', 2));
    // ... and comes from the caller's argument, where a fix belongs.
    const origin = flag.origins?.[0];
    assert.equal(origin?.kind, 'moduleArgument');
    assert.equal(origin?.name, 'vault');
    assert.equal(origin?.location.file, MAIN);
    const arg = where(read(MAIN), 'false');
    assert.deepEqual(span(origin!.location.range), arg);
  });

  it('keeps the caller provenance chain (module argument, then the caller variable)', async () => {
    const m = await parseMain();
    const name = resource(m, 'vault/kv').name;
    const kinds = name.origins?.map((o) => `${o.kind}:${o.location.file === MAIN ? 'main' : 'module'}`);
    assert.deepEqual(kinds, ['moduleArgument:main', 'variable:main']);
    assert.deepEqual(span(name.origins![1]!.location.range), where(read(MAIN), "'kv-ade-01'"));
  });

  it('uses module defaults when the caller passes nothing', async () => {
    const m = await parseBicepFile(MAIN, read(MAIN).replace('    location: location\n', ''));
    assert.deepEqual(plainValue(resource(m, 'vault/kv').location), { symbol: 'resourceGroup().location' });
  });

  it('passes module outputs to other modules', async () => {
    const m = await parseMain();
    const ade = resource(m, 'ade/ade');
    assert.equal(ade.type, 'Microsoft.Compute/virtualMachines/extensions');
    assert.equal(plainValue(ade.name), 'vm1/AzureDiskEncryption');
    assert.equal(ade.parentId, 'ade/vm');
    const id = prop(ade.properties, 'settings', 'KeyVaultResourceId');
    assert.equal(id.kind, 'scalar');
    if (id.kind === 'scalar') {
      assert.equal(
        id.value,
        '/subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/kv-ade-01',
      );
      assert.deepEqual(id.resourceRef, { type: 'Microsoft.KeyVault/vaults', name: 'kv-ade-01' });
    }
    assert.equal(plainValue(prop(ade.properties, 'settings', 'KeyVaultURL')), 'https://kv-ade-01.vault.azure.net/');
    assert.equal(plainValue(prop(ade.properties, 'settings', 'VolumeType')), 'All');
    assert.equal(plainValue(ade.condition), true, 'the module condition applies to its resources');
    assert.equal(resource(m, 'ade/vm').existing, true);
  });

  it('reports registry modules as not followed and missing modules as not found', async () => {
    const m = await parseMain();
    const notFollowed = m.issues.filter((i) => i.code === 'module-not-followed');
    assert.equal(notFollowed.length, 1);
    assert.equal(notFollowed[0]!.severity, 'info');
    assert.match(notFollowed[0]!.message, /br\/public:avm/);
    const notFound = m.issues.filter((i) => i.code === 'module-not-found');
    assert.equal(notFound.length, 1);
    assert.deepEqual(span(notFound[0]!.location.range), where(read(MAIN), "'./modules/does-not-exist.bicep'"));
  });

  it('reads modules through the given host and stops on recursive modules', async () => {
    const files: Record<string, string> = {
      '/virtual/self.bicep':
        "module again './self.bicep' = {\n  name: 'again'\n}\nresource r 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'sa'\n}\n",
    };
    const m = await parse(files['/virtual/self.bicep']!, files, '/virtual/self.bicep');
    assert.ok(m.resources.length >= 1);
    assert.ok(m.issues.some((i) => i.code === 'module-not-followed'));
  });

  it('can analyse a file alone', async () => {
    const m = await parseBicepFile(MAIN, read(MAIN), undefined, { followModules: false });
    assert.equal(m.resources.length, 0);
  });
});

describe('bicep module objects', () => {
  it('places every part of an object argument at its use in the module, with provenance at the caller', async () => {
    const main =
      "module m './m.bicep' = {\n  name: 'm'\n  params: {\n    props: {\n      enabledForDiskEncryption: false\n    }\n  }\n}\n";
    const mod =
      "param props object\nresource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n  properties: props\n}\n";
    const m = await parse(main, { '/virtual/m.bicep': mod });
    const kv = resource(m, 'm/kv');
    const flag = prop(kv.properties, 'enabledForDiskEncryption');
    assert.deepEqual(span(flag), where(mod, 'props', 1));
    assert.deepEqual(span(kv.properties!), where(mod, 'props', 1));
    assert.equal(flag.origins?.[0]?.kind, 'moduleArgument');
    assert.equal(flag.origins?.[0]?.location.file, '/virtual/main.bicep');
    assert.deepEqual(span(flag.origins![0]!.location.range), where(main, 'false'));
  });
});
