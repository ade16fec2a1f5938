import * as assert from 'node:assert/strict';
import { analyzeFile, nodeHost } from '../../../src/analysis/engine';
import {
  accessArmJson,
  accessBicep,
  enableArmJson,
  enableBicep,
  type AccessExportInput,
  type EnableExportInput,
} from '../../../src/vscode/wizards/export/templates';

const SUB = '4f6c1a52-8d3e-4b7a-9c21-5e0d7f3a9b10';

const base: EnableExportInput = {
  target: {
    kind: 'vm',
    name: 'vm-plain',
    resourceGroup: 'rg-ade-prod',
    subscriptionId: SUB,
    os: 'Linux',
    location: 'eastus',
  },
  vault: { name: 'kv-ade-ready', resourceGroup: 'rg-ade-prod', subscriptionId: SUB },
  volumeType: 'ALL',
  sequenceVersion: '00000000-0000-4000-8000-000000000001',
};

const cases: [string, EnableExportInput][] = [
  ['no KEK', base],
  [
    'existing KEK',
    { ...base, kek: { kind: 'existing', url: 'https://kv-ade-ready.vault.azure.net/keys/kek-rsa/0123456789abcdef' } },
  ],
  ['new KEK', { ...base, kek: { kind: 'create', name: 'kek-new', size: 3072, hsm: false } }],
  ['Windows', { ...base, target: { ...base.target, os: 'Windows' } }],
  ['Linux scale set, data', { ...base, target: { ...base.target, kind: 'vmss' }, volumeType: 'DATA' }],
  [
    'vault in another group, new KEK',
    {
      ...base,
      vault: { ...base.vault, resourceGroup: 'rg-keys' },
      kek: { kind: 'create', name: 'kek-new', size: 4096, hsm: false },
    },
  ],
  ['with a vault fix', { ...base, vaultFixes: ['--enabled-for-disk-encryption true'] }],
  [
    'new vault, new KEK',
    {
      ...base,
      vault: { ...base.vault, name: 'kv-new-ade' },
      newVault: { location: 'eastus', sku: 'standard', rbac: true },
      kek: { kind: 'create', name: 'kek-new', size: 3072, hsm: false },
    },
  ],
];

async function errors(file: string, text: string) {
  const r = await analyzeFile(file, text, { host: nodeHost });
  assert.deepEqual(
    r.issues.filter((i) => (i as { severity?: string }).severity === 'error'),
    [],
    `${file}: parse issues`,
  );
  return r.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`);
}

describe('wizard exports are clean under our linter', () => {
  for (const [name, input] of cases) {
    it(`enable, ${name}: Bicep`, async () => {
      const text = enableBicep(input);
      assert.match(text, /Microsoft\.Compute\/virtual\w+\/extensions/);
      assert.deepEqual(await errors('enable.bicep', text), []);
    });
    it(`enable, ${name}: ARM JSON`, async () => {
      const text = enableArmJson(input);
      JSON.parse(text);
      assert.deepEqual(await errors('enable.json', text), []);
    });
  }

  const access: AccessExportInput = {
    vault: { name: 'kv-ade-ready', resourceGroup: 'rg-ade-prod', subscriptionId: SUB },
    objectId: '11111111-2222-4333-8444-555555555555',
    tenantId: '72f988bf-0000-4000-8000-00000000ade1',
    principalLabel: 'Azure Backup',
    permissions: { keys: ['get', 'list', 'backup'], secrets: ['get', 'list', 'backup'] },
  };
  const rbac: AccessExportInput = {
    ...access,
    permissions: undefined,
    roles: [{ name: 'Key Vault Crypto Service Encryption User', guid: 'e147488a-f6f5-4113-8e2d-b22465e65bf6' }],
    principalType: 'ServicePrincipal',
  };

  it('access policy add: Bicep and ARM JSON', async () => {
    const b = accessBicep(access);
    assert.match(b, /name: 'add'/);
    assert.deepEqual(await errors('access.bicep', b), []);
    const j = accessArmJson(access);
    assert.match(j, /kv-ade-ready\/add/);
    assert.deepEqual(await errors('access.json', j), []);
  });

  it('role assignment on an RBAC vault: Bicep and ARM JSON', async () => {
    assert.deepEqual(await errors('role.bicep', accessBicep(rbac)), []);
    assert.deepEqual(await errors('role.json', accessArmJson(rbac)), []);
  });

  it('writes VolumeType in the documented casing and the CLI settings', () => {
    const text = enableBicep(cases[1]![1]);
    assert.match(text, /VolumeType: 'All'/);
    assert.match(
      text,
      /KeyEncryptionKeyURL: 'https:\/\/kv-ade-ready\.vault\.azure\.net\/keys\/kek-rsa\/0123456789abcdef'/,
    );
    assert.match(text, /SequenceVersion: '00000000-0000-4000-8000-000000000001'/);
    assert.match(text, /2028-09-15/);
  });
});
