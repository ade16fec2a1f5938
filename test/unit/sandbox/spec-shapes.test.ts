import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SpecChecker } from './spec-checker';
import { raw, setup } from './helpers';

const COMPUTE = 'specification/compute/resource-manager/Microsoft.Compute/ComputeRP/stable/2025-04-01';
const DISKS = 'specification/compute/resource-manager/Microsoft.Compute/DiskRP/stable/2025-01-02';
const KV = 'specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2025-05-01';
const SUBS = 'specification/resources/resource-manager/Microsoft.Resources/stable/2022-12-01';

describe('sandbox: responses match the OpenAPI definitions', function () {
  const checker = SpecChecker.locate();
  before(function () {
    if (!checker) this.skip();
  });

  it('the checker itself flags missing, mistyped and unknown properties', () => {
    const bad = {
      location: 'eastus',
      properties: { sku: { family: 'A', name: 'standard' }, enabledForDiskEncryption: 'yes', bogus: 1 },
    };
    const errors = checker!.check(bad, `${KV}/keyvault.json`, 'Vault');
    assert.ok(
      errors.some((e) => e.includes('tenantId: required')),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => e.includes('enabledForDiskEncryption: expected boolean')),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => e.includes('bogus: not in the spec')),
      errors.join('\n'),
    );
  });

  it('VM (with instance view), extension, scale set, disk, vault, key, secret, subscription', async () => {
    const c = setup();
    const rg = `/subscriptions/${c.sub}/resourceGroups/rg-ade-prod/providers`;
    const get = async (p: string, q = ''): Promise<unknown> => {
      const r = await raw(c.sb, 'GET', `${p}?api-version=2025-04-01${q}`);
      assert.equal(r.status, 200, `${p}: ${JSON.stringify(r.body)}`);
      return r.body;
    };
    // Exercise the ADE paths first so the checked JSON includes stamped settings and BEK secrets.
    const extBody = {
      location: 'eastus',
      properties: {
        publisher: 'Microsoft.Azure.Security',
        type: 'AzureDiskEncryptionForLinux',
        typeHandlerVersion: '1.1',
        settings: {
          KeyVaultResourceId: `${rg}/Microsoft.KeyVault/vaults/kv-ade-ready`,
          VolumeType: 'OS',
          SequenceVersion: randomUUID(),
        },
      },
    };
    const put = await raw(
      c.sb,
      'PUT',
      `${rg}/Microsoft.Compute/virtualMachines/vm-plain/extensions/AzureDiskEncryptionForLinux?api-version=2025-04-01`,
      { body: extBody },
    );
    assert.equal(put.status, 201);
    c.sb.advance(1000);
    const cases: [unknown, string, string][] = [];
    for (const vm of ['vm-win-ade-kek', 'vm-linux-data', 'vm-legacy-aad', 'vm-plain', 'vm-sse-cmk', 'vm-eah']) {
      cases.push([
        await get(`${rg}/Microsoft.Compute/virtualMachines/${vm}`, '&$expand=instanceView'),
        `${COMPUTE}/virtualMachine.json`,
        'VirtualMachine',
      ]);
    }
    for (const [vm, ext] of [
      ['vm-linux-data', 'AzureDiskEncryptionForLinux'],
      ['vm-ade-failed', 'AzureDiskEncryption'],
      ['vm-ade-inprogress', 'AzureDiskEncryptionForLinux'],
      ['vm-plain', 'AzureDiskEncryptionForLinux'],
    ]) {
      cases.push([
        await get(`${rg}/Microsoft.Compute/virtualMachines/${vm}/extensions/${ext}`, '&$expand=instanceView'),
        `${COMPUTE}/virtualMachine.json`,
        'VirtualMachineExtension',
      ]);
    }
    cases.push([
      await get(`${rg}/Microsoft.Compute/virtualMachines/vm-win-ade-kek/instanceView`),
      `${COMPUTE}/virtualMachine.json`,
      'VirtualMachineInstanceView',
    ]);
    cases.push([
      await get(`${rg}/Microsoft.Compute/virtualMachineScaleSets/vmss-linux-ade`),
      `${COMPUTE}/virtualMachineScaleSet.json`,
      'VirtualMachineScaleSet',
    ]);
    cases.push([
      await get(`${rg}/Microsoft.Compute/virtualMachineScaleSets/vmss-linux-ade/instanceView`),
      `${COMPUTE}/virtualMachineScaleSet.json`,
      'VirtualMachineScaleSetInstanceView',
    ]);
    const ssVms = (await get(
      `${rg}/Microsoft.Compute/virtualMachineScaleSets/vmss-linux-ade/virtualMachines`,
      '&$expand=instanceView',
    )) as { value: unknown[] };
    for (const v of ssVms.value) cases.push([v, `${COMPUTE}/virtualMachineScaleSet.json`, 'VirtualMachineScaleSetVM']);
    const disks = (await get(`${rg}/Microsoft.Compute/disks`)) as { value: unknown[] };
    for (const d of disks.value) cases.push([d, `${DISKS}/disk.json`, 'Disk']);
    const vaults = (await get(`${rg}/Microsoft.KeyVault/vaults`)) as { value: unknown[] };
    for (const v of vaults.value) cases.push([v, `${KV}/keyvault.json`, 'Vault']);
    const keys = (await get(`${rg}/Microsoft.KeyVault/vaults/kv-ade-ready/keys`)) as { value: unknown[] };
    for (const k of keys.value) cases.push([k, `${KV}/keys.json`, 'Key']);
    const secrets = (await get(`${rg}/Microsoft.KeyVault/vaults/kv-ade-ready/secrets`)) as { value: unknown[] };
    assert.ok(secrets.value.length > 0);
    for (const s of secrets.value) cases.push([s, `${KV}/secrets.json`, 'Secret']);
    const subs = (await get('/subscriptions')) as { value: unknown[] };
    for (const s of subs.value) cases.push([s, `${SUBS}/subscriptions.json`, 'Subscription']);
    const problems = cases.flatMap(([value, file, def]) =>
      checker!.check(value, file, def).map((e) => `${def} ${(value as { id?: string }).id ?? ''}: ${e}`),
    );
    assert.deepEqual(problems, []);
  });
});
