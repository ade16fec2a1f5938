// Behaviour the Azure CLI relies on (found by the `az` conformance stage, test/support/run-az.js).
import assert from 'node:assert/strict';
import { raw, setup } from './helpers';

const vmPath = (sub: string, name: string): string =>
  `/subscriptions/${sub}/resourceGroups/rg-ade-prod/providers/Microsoft.Compute/virtualMachines/${name}`;

describe('sandbox: what the Azure CLI relies on', () => {
  it('with ADE on the VM, every disk of the instance view has encryptionSettings (az vm encryption show)', async () => {
    const c = setup();
    for (const name of ['vm-linux-data', 'vm-ade-failed', 'vm-ade-inprogress', 'vm-win-ade-kek']) {
      const r = await raw(c.sb, 'GET', `${vmPath(c.sub, name)}?$expand=instanceView&api-version=2025-04-01`);
      const disks = (r.body as { properties: { instanceView: { disks: Record<string, unknown>[] } } }).properties
        .instanceView.disks;
      assert.ok(disks.length > 0, name);
      for (const d of disks) assert.ok(Array.isArray(d['encryptionSettings']), `${name}: ${String(d['name'])}`);
    }
    // The Linux OS disk ADE did not touch says so; a VM without ADE keeps the instance view as it is.
    const linux = await raw(c.sb, 'GET', `${vmPath(c.sub, 'vm-linux-data')}/instanceView?api-version=2025-04-01`);
    const osDisk = (linux.body as { disks: { name: string; encryptionSettings: unknown }[] }).disks[0];
    assert.deepEqual(osDisk?.encryptionSettings, [{ enabled: false }]);
    const plain = await raw(c.sb, 'GET', `${vmPath(c.sub, 'vm-plain')}/instanceView?api-version=2025-04-01`);
    for (const d of (plain.body as { disks?: Record<string, unknown>[] }).disks ?? [])
      assert.equal(d['encryptionSettings'], undefined);
  });

  it('an extension PUT without typeHandlerVersion is accepted and keeps the installed version (az vm encryption disable)', async () => {
    const c = setup();
    const r = await raw(
      c.sb,
      'PUT',
      `${vmPath(c.sub, 'vm-win-os-only')}/extensions/AzureDiskEncryption?api-version=2025-04-01`,
      {
        body: {
          location: 'eastus',
          properties: {
            publisher: 'Microsoft.Azure.Security',
            type: 'AzureDiskEncryption',
            autoUpgradeMinorVersion: true,
            settings: { VolumeType: 'ALL', EncryptionOperation: 'DisableEncryption', SequenceVersion: 'x-1' },
          },
        },
      },
    );
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal((r.body as { properties: { typeHandlerVersion: string } }).properties.typeHandlerVersion, '2.2');
  });

  it('a scale set PUT with a changed ADE entry provisions that extension (az vmss encryption enable)', async () => {
    const c = setup();
    const ss = await c.compute.virtualMachineScaleSets.get('rg-ade-prod', 'vmss-linux-ade');
    const exts = ss.virtualMachineProfile?.extensionProfile?.extensions ?? [];
    const ade = exts.find((e) => e.publisher === 'Microsoft.Azure.Security');
    assert.ok(ade);
    ade.settings = { ...(ade.settings as Record<string, string>), SequenceVersion: 'cli-2' };
    const updated = await c.compute.virtualMachineScaleSets.beginCreateOrUpdateAndWait(
      'rg-ade-prod',
      'vmss-linux-ade',
      ss,
    );
    const after = updated.virtualMachineProfile?.extensionProfile?.extensions?.find((e) => e.name === ade.name);
    assert.equal((after?.settings as Record<string, string>)['SequenceVersion'], 'cli-2');
    assert.equal(after?.provisioningState, 'Succeeded');
  });
});
