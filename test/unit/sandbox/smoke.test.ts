import assert from 'node:assert/strict';
import { ComputeManagementClient } from '@azure/arm-compute';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { createSandbox } from '../../../src/sandbox';

describe('sandbox: default scenario via SDK clients', () => {
  it('lists subscriptions, VMs, disks and vaults', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const opts = { endpoint: sb.endpoint, httpClient: sb.httpClient };
    const subs = [];
    for await (const s of new SubscriptionClient(sb.credential, opts).subscriptions.list()) subs.push(s);
    assert.equal(subs.length, 2);
    const sub = sb.subscriptions[0]!.subscriptionId;
    const compute = new ComputeManagementClient(sb.credential, sub, opts);
    const vms = [];
    for await (const v of compute.virtualMachines.listAll()) vms.push(v);
    assert.equal(vms.length, 8);
    const disks = [];
    for await (const d of compute.disks.list()) disks.push(d);
    assert.ok(disks.length > 8);
    const kv = new KeyVaultManagementClient(sb.credential, sub, opts);
    const vaults = [];
    for await (const v of kv.vaults.listBySubscription()) vaults.push(v);
    assert.equal(vaults.length, 6);
    const vm = await compute.virtualMachines.get('rg-ade-prod', 'vm-win-ade-kek', { expand: 'instanceView' });
    const failed = await compute.virtualMachineExtensions.get('rg-ade-prod', 'vm-ade-failed', 'AzureDiskEncryption', {
      expand: 'instanceView',
    });
  });
});
