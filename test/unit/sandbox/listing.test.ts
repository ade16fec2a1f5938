import assert from 'node:assert/strict';
import { ComputeManagementClient } from '@azure/arm-compute';
import { clientsFor, collect, errorCode, raw, setup } from './helpers';
import { createSandbox } from '../../../src/sandbox';

describe('sandbox: listing, paging and ARM errors', () => {
  it('default scenario: subscriptions, tenants, VMs, disks, vaults, scale sets', async () => {
    const c = setup();
    const subs = await collect(c.subs.subscriptions.list());
    assert.deepEqual(
      subs.map((s) => s.displayName),
      ['Contoso Production (sandbox)', 'Contoso DR (sandbox)'],
    );
    assert.equal((await collect(c.subs.tenants.list())).length, 1);
    const vms = await collect(c.compute.virtualMachines.listAll());
    assert.equal(vms.length, 9);
    const win = vms.find((v) => v.name === 'vm-win-ade-kek');
    assert.equal(win?.resources?.[0]?.typePropertiesType, 'AzureDiskEncryption');
    assert.equal(vms.find((v) => v.name === 'vm-eah')?.securityProfile?.encryptionAtHost, true);
    assert.equal((await collect(c.compute.virtualMachines.list('rg-ade-prod'))).length, 9);
    const disks = await collect(c.compute.disks.list());
    const cmk = disks.filter((d) => d.encryption?.type === 'EncryptionAtRestWithCustomerKey');
    assert.equal(cmk.length, 2);
    assert.ok(cmk[0]?.encryption?.diskEncryptionSetId?.endsWith('/diskEncryptionSets/des-cmk'));
    assert.equal((await collect(c.compute.diskEncryptionSets.list())).length, 1);
    const vaults = await collect(c.kv.vaults.listBySubscription());
    assert.equal(vaults.length, 6);
    const generic = await collect(c.kv.vaults.list());
    assert.equal(generic.length, 6);
    assert.ok(generic.every((v) => v.type === 'Microsoft.KeyVault/vaults'));
    const rbac = await c.kv.vaults.get('rg-ade-prod', 'kv-ade-rbac');
    assert.equal(rbac.properties.enableRbacAuthorization, true);
    const ss = await collect(c.compute.virtualMachineScaleSets.listAll());
    assert.equal(ss.length, 1);
    const dr = clientsFor(c.sb, 1);
    const drVms = await collect(dr.compute.virtualMachines.listAll());
    assert.equal(drVms[0]?.location, 'westeurope');
  });

  it('instance views show the ADE state per disk', async () => {
    const c = setup();
    const linux = await c.compute.virtualMachines.get('rg-ade-prod', 'vm-linux-data', { expand: 'instanceView' });
    const states = linux.instanceView?.disks?.map(
      (d) => d.statuses?.find((s) => s.code?.startsWith('EncryptionState/'))?.code,
    );
    assert.deepEqual(states, [
      'EncryptionState/notEncrypted',
      'EncryptionState/encrypted',
      'EncryptionState/encrypted',
    ]);
    const ext = linux.instanceView?.extensions?.find((e) => e.name === 'AzureDiskEncryptionForLinux');
    assert.deepEqual(JSON.parse(ext?.substatuses?.[0]?.message ?? '{}'), { os: 'NotEncrypted', data: 'Encrypted' });
    const iv = await c.compute.virtualMachines.instanceView('rg-ade-prod', 'vm-plain');
    assert.ok(iv.disks?.every((d) => !d.statuses?.some((s) => s.code?.startsWith('EncryptionState/'))));
    const legacy = await c.compute.virtualMachines.get('rg-ade-prod', 'vm-legacy-aad');
    assert.equal(legacy.storageProfile?.osDisk?.encryptionSettings?.enabled, true);
    assert.equal(legacy.resources?.[0]?.typeHandlerVersion, '1.1');
    const inProgress = await c.compute.virtualMachineExtensions.get(
      'rg-ade-prod',
      'vm-ade-inprogress',
      'AzureDiskEncryptionForLinux',
      {
        expand: 'instanceView',
      },
    );
    assert.equal(inProgress.provisioningState, 'Creating');
    assert.equal(inProgress.instanceView?.statuses?.[0]?.code, 'ProvisioningState/transitioning');
    c.sb.advance(600);
    const done = await c.compute.virtualMachines.instanceView('rg-ade-prod', 'vm-ade-inprogress');
    assert.ok(done.disks?.every((d) => d.statuses?.some((s) => s.code === 'EncryptionState/encrypted')));
    const failed = await c.compute.virtualMachineExtensions.get('rg-ade-prod', 'vm-ade-failed', 'AzureDiskEncryption', {
      expand: 'instanceView',
    });
    assert.equal(failed.provisioningState, 'Failed');
    assert.match(failed.instanceView?.statuses?.[0]?.message ?? '', /not enabled for disk encryption/);
    const withoutExpand = await c.compute.virtualMachineExtensions.get(
      'rg-ade-prod',
      'vm-ade-failed',
      'AzureDiskEncryption',
    );
    assert.equal(withoutExpand.instanceView, undefined);
  });

  it('statusOnly=true lists VMs with their instance views', async () => {
    const c = setup();
    const vms = await collect(c.compute.virtualMachines.listAll({ statusOnly: 'true' }));
    const linux = vms.find((v) => v.name === 'vm-linux-data');
    assert.ok(linux?.instanceView?.disks?.some((d) => d.statuses?.some((s) => s.code === 'EncryptionState/encrypted')));
    const plain = await collect(c.compute.virtualMachines.listAll());
    assert.equal(plain[0]?.instanceView, undefined);
  });

  it('scale set: extensions, instance view and per-instance disk states', async () => {
    const c = setup();
    const exts = await collect(c.compute.virtualMachineScaleSetExtensions.list('rg-ade-prod', 'vmss-linux-ade'));
    assert.equal(exts[0]?.typePropertiesType, 'AzureDiskEncryptionForLinux');
    assert.equal((exts[0]?.settings as Record<string, unknown>)['VolumeType'], 'Data');
    const iv = await c.compute.virtualMachineScaleSets.getInstanceView('rg-ade-prod', 'vmss-linux-ade');
    assert.equal(iv.extensions?.[0]?.statusesSummary?.[0]?.count, 2);
    const instances = await collect(
      c.compute.virtualMachineScaleSetVMs.list('rg-ade-prod', 'vmss-linux-ade', { expand: 'instanceView' }),
    );
    assert.equal(instances.length, 2);
    const disks = instances[0]?.instanceView?.disks ?? [];
    assert.equal(
      disks[1]?.statuses?.find((s) => s.code?.startsWith('EncryptionState'))?.code,
      'EncryptionState/encrypted',
    );
  });

  it('follows nextLink across pages', async () => {
    const sb = createSandbox({
      clock: 'manual',
      generate: { subscriptions: 2, vmsPerSubscription: 47 },
      pageSize: 10,
      seed: 7,
    });
    const c = clientsFor(sb);
    const vms = await collect(c.compute.virtualMachines.listAll());
    assert.equal(vms.length, 47);
    assert.equal(new Set(vms.map((v) => v.id)).size, 47);
    const pages = sb.requestLog.filter((r) => r.path.endsWith('/providers/Microsoft.Compute/virtualMachines'));
    assert.equal(pages.length, 5);
  });

  it('empty and large scenarios; a real clock can run faster than the wall clock', async () => {
    const empty = clientsFor(createSandbox({ clock: 'manual', scenario: 'empty' }));
    assert.equal((await collect(empty.compute.virtualMachines.listAll())).length, 0);
    assert.equal((await collect(empty.kv.vaults.listBySubscription())).length, 0);
    const large = createSandbox({ clock: 'manual', scenario: 'large' });
    assert.equal(large.subscriptions.length, 10);
    const fast = clientsFor(createSandbox({ clock: 'real', timeScale: 10000 }));
    await new Promise((r) => setTimeout(r, 80));
    const iv = await fast.compute.virtualMachines.instanceView('rg-ade-prod', 'vm-ade-inprogress');
    assert.ok(iv.disks?.every((d) => d.statuses?.some((s) => s.code === 'EncryptionState/encrypted')));
    assert.throws(() => createSandbox({ scenario: 'nope' }), /Unknown sandbox scenario 'nope'/);
  });

  it('generator is deterministic for a seed', () => {
    const a = createSandbox({ clock: 'manual', generate: { subscriptions: 2, vmsPerSubscription: 30 }, seed: 3 });
    const b = createSandbox({ clock: 'manual', generate: { subscriptions: 2, vmsPerSubscription: 30 }, seed: 3 });
    const ids = (s: typeof a): string =>
      JSON.stringify(s.store.list('/subscriptions').map((r) => [r.id, r['properties']]));
    assert.equal(ids(a), ids(b));
    assert.equal(a.subscriptions.length, 2);
  });

  it('400 for invalid bodies; resource groups list and get', async () => {
    const c = setup();
    const vm = `/subscriptions/${c.sub}/resourceGroups/rg-ade-prod/providers/Microsoft.Compute/virtualMachines/vm-plain`;
    const { createPipelineRequest, createHttpHeaders } = await import('@azure/core-rest-pipeline');
    const req = createPipelineRequest({
      url: `${c.sb.endpoint}${vm}/extensions/x?api-version=2025-04-01`,
      method: 'PUT',
      headers: createHttpHeaders({ authorization: 'Bearer t', 'content-type': 'application/json' }),
    });
    req.body = '{not json';
    const bad = await c.sb.httpClient.sendRequest(req);
    assert.equal(bad.status, 400);
    assert.equal(
      (JSON.parse(bad.bodyAsText ?? '{}') as { error: { code: string } }).error.code,
      'InvalidRequestContent',
    );
    const missing = await raw(c.sb, 'PUT', `${vm}/extensions/x?api-version=2025-04-01`, {
      body: { location: 'eastus' },
    });
    assert.equal(missing.status, 400);
    assert.equal((missing.body as { error: { code: string } }).error.code, 'InvalidParameter');
    const noTenant = await raw(
      c.sb,
      'PUT',
      `/subscriptions/${c.sub}/resourceGroups/rg-ade-prod/providers/Microsoft.KeyVault/vaults/kv-x1?api-version=2026-02-01`,
      {
        body: { location: 'eastus', properties: { sku: { family: 'A', name: 'standard' } } },
      },
    );
    assert.equal(noTenant.status, 400);
    const groups = await raw(c.sb, 'GET', `/subscriptions/${c.sub}/resourcegroups?api-version=2021-04-01`);
    assert.deepEqual(
      (groups.body as { value: { name: string }[] }).value.map((g) => g.name),
      ['rg-ade-prod'],
    );
    const missingRg = await raw(c.sb, 'GET', `/subscriptions/${c.sub}/resourcegroups/nope?api-version=2021-04-01`);
    assert.equal((missingRg.body as { error: { code: string } }).error.code, 'ResourceGroupNotFound');
  });

  it('answers ARM errors: 401, MissingApiVersionParameter, not-found codes', async () => {
    const c = setup();
    const sub = c.sub;
    const noAuth = await raw(c.sb, 'GET', `/subscriptions?api-version=2022-12-01`, { auth: false });
    assert.equal(noAuth.status, 401);
    const noVersion = await raw(c.sb, 'GET', `/subscriptions/${sub}/providers/Microsoft.Compute/virtualMachines`);
    assert.equal(noVersion.status, 400);
    assert.deepEqual((noVersion.body as { error: { code: string } }).error.code, 'MissingApiVersionParameter');
    await assert.rejects(c.compute.virtualMachines.get('rg-ade-prod', 'nope'), (e) => {
      assert.equal(errorCode(e), 'ResourceNotFound');
      assert.match(
        (e as Error).message,
        /The Resource 'Microsoft.Compute\/virtualMachines\/nope' under resource group 'rg-ade-prod' was not found/,
      );
      return true;
    });
    await assert.rejects(c.kv.vaults.get('rg-missing', 'kv'), (e) => errorCode(e) === 'ResourceGroupNotFound');
    const bogus = new ComputeManagementClient(c.sb.credential, '00000000-0000-0000-0000-000000000000', {
      endpoint: c.sb.endpoint,
      httpClient: c.sb.httpClient,
    });
    await assert.rejects(collect(bogus.virtualMachines.listAll()), (e) => errorCode(e) === 'SubscriptionNotFound');
  });
});
