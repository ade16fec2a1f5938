import * as assert from 'node:assert/strict';
import {
  AzureOperationError,
  addAccessPolicy,
  assignRole,
  connectToSandbox,
  createKek,
  disableAde,
  disableScaleSetAde,
  enableAde,
  enableScaleSetAde,
  getVmEncryption,
  isVersionedKeyUrl,
  patchVault,
  removeAccessPolicy,
} from '../../../src/azure';
import { createSandbox, type Sandbox } from '../../../src/sandbox';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function ids(sb: Sandbox) {
  const sub = sb.subscriptions[0]?.subscriptionId ?? '';
  const rg = `/subscriptions/${sub}/resourceGroups/rg-ade-prod/providers`;
  return {
    sub,
    vm: (n: string) => `${rg}/Microsoft.Compute/virtualMachines/${n}`,
    vmss: (n: string) => `${rg}/Microsoft.Compute/virtualMachineScaleSets/${n}`,
    vault: (n: string) => `${rg}/Microsoft.KeyVault/vaults/${n}`,
  };
}

function storedProps(sb: Sandbox, id: string): Record<string, unknown> {
  const r = sb.store.get(id);
  assert.ok(r, `stored ${id}`);
  return (r['properties'] ?? {}) as Record<string, unknown>;
}

/** Follow options that drive the sandbox's manual clock instead of waiting. */
function follow(sb: Sandbox) {
  return {
    initialDelayMs: 30_000,
    maxDelayMs: 60_000,
    timeoutMs: 3_600_000,
    sleep: async (ms: number) => sb.advance(ms / 1000),
  };
}

describe('operations against the sandbox (real SDK clients)', function () {
  this.timeout(30_000);

  it('enable ADE writes exactly the CLI settings, a new SequenceVersion each time, and follows disks to encrypted', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const id = ids(sb);
    const progress: string[] = [];
    const r = await enableAde(f, {
      vmId: id.vm('vm-plain'),
      vaultId: id.vault('kv-ade-ready'),
      follow: follow(sb),
      onProgress: (p) => progress.push(p.message),
    });
    const ext = storedProps(sb, `${id.vm('vm-plain')}/extensions/AzureDiskEncryptionForLinux`);
    const settings = ext['settings'] as Record<string, unknown>;
    assert.deepEqual(Object.keys(settings).sort(), [
      'EncryptionOperation',
      'KekVaultResourceId',
      'KeyEncryptionAlgorithm',
      'KeyEncryptionKeyURL',
      'KeyVaultResourceId',
      'KeyVaultURL',
      'SequenceVersion',
      'VolumeType',
    ]);
    assert.equal(settings['VolumeType'], 'OS', 'Linux without data disks defaults to OS, like the CLI');
    assert.equal(settings['EncryptionOperation'], 'EnableEncryption');
    assert.equal(settings['KeyEncryptionAlgorithm'], 'RSA-OAEP');
    assert.equal(settings['KeyEncryptionKeyURL'], null);
    assert.equal(settings['KekVaultResourceId'], '');
    assert.equal(settings['KeyVaultURL'], 'https://kv-ade-ready.vault.azure.net/');
    assert.equal(String(settings['KeyVaultResourceId']).toLowerCase(), id.vault('kv-ade-ready').toLowerCase());
    assert.match(String(settings['SequenceVersion']), UUID);
    assert.equal(ext['publisher'], 'Microsoft.Azure.Security');
    assert.equal(ext['type'], 'AzureDiskEncryptionForLinux');
    assert.equal(ext['typeHandlerVersion'], '1.1');
    assert.equal(ext['autoUpgradeMinorVersion'], true);
    assert.equal(r.changed, true);
    assert.equal(r.value.finished, true);
    assert.equal(r.value.state.summary, 'encrypted');
    assert.ok(progress.length >= 2);

    const again = await enableAde(f, { vmId: id.vm('vm-plain'), vaultId: id.vault('kv-ade-ready') });
    assert.notEqual(again.value.settings['SequenceVersion'], settings['SequenceVersion']);
  });

  it('enable ADE with a new KEK on Windows: KEK URL and KEK vault written, version 2.2; unknown VM → notFound', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const id = ids(sb);
    const kek = await createKek(f, { vaultId: id.vault('kv-ade-ready'), keyName: 'kek-new', keySize: 3072 });
    assert.equal(kek.value.created, true);
    assert.ok(isVersionedKeyUrl(kek.value.keyUrlWithVersion), kek.value.keyUrlWithVersion);
    // Re-running enable on the VM whose first attempt failed (wrong vault) with a good vault and the KEK.
    const r = await enableAde(f, {
      vmId: id.vm('vm-ade-failed'),
      vaultId: id.vault('kv-ade-ready'),
      keyEncryptionKeyUrl: kek.value.keyUrlWithVersion,
      follow: follow(sb),
    });
    const ext = storedProps(sb, `${id.vm('vm-ade-failed')}/extensions/AzureDiskEncryption`);
    const settings = ext['settings'] as Record<string, unknown>;
    assert.equal(ext['typeHandlerVersion'], '2.2');
    assert.equal(settings['VolumeType'], 'ALL', 'Windows defaults to ALL');
    assert.equal(settings['KeyEncryptionKeyURL'], kek.value.keyUrlWithVersion);
    assert.equal(String(settings['KekVaultResourceId']).toLowerCase(), id.vault('kv-ade-ready').toLowerCase());
    assert.equal(r.value.state.summary, 'encrypted');
    assert.deepEqual(r.value.state.keys.keyEncryptionKeyUrls, [kek.value.keyUrlWithVersion]);
    const missing = await enableAde(f, { vmId: id.vm('no-such-vm'), vaultId: id.vault('kv-ade-ready') }).catch(
      (e: unknown) => e,
    );
    assert.ok(missing instanceof AzureOperationError);
    assert.equal(missing.plain.kind, 'notFound');
  });

  it('enable ADE refuses a vault that is not enabled for disk encryption, with the CLI wording', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const id = ids(sb);
    await assert.rejects(
      enableAde(f, { vmId: id.vm('vm-plain'), vaultId: id.vault('kv-ade-noflag') }),
      (e: unknown) => {
        assert.ok(e instanceof AzureOperationError);
        assert.match(e.message, /is not enabled for disk encryption/);
        return true;
      },
    );
    assert.equal(
      sb.store.get(`${id.vm('vm-plain')}/extensions/AzureDiskEncryptionForLinux`),
      undefined,
      'nothing written',
    );
  });

  it('disable: Linux refuses OS with the reason; Windows ALL decrypts and the state ends as had-ADE', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const id = ids(sb);
    await assert.rejects(disableAde(f, { vmId: id.vm('vm-linux-data'), volumeType: 'OS' }), /Only data disks/);
    const r = await disableAde(f, { vmId: id.vm('vm-win-ade-kek'), follow: follow(sb) });
    const settings = storedProps(sb, `${id.vm('vm-win-ade-kek')}/extensions/AzureDiskEncryption`)['settings'] as Record<
      string,
      unknown
    >;
    assert.equal(settings['EncryptionOperation'], 'DisableEncryption');
    assert.equal(settings['VolumeType'], 'ALL');
    assert.match(String(settings['SequenceVersion']), UUID);
    assert.equal(r.value.finished, true);
    // Decrypted, but the disks keep encryptionSettingsVersion: "had ADE", never "none".
    assert.equal(r.value.state.summary, 'hadAde');
    const shown = await getVmEncryption(f, id.vm('vm-win-ade-kek'));
    assert.equal(shown.state.summary, 'hadAde');
    assert.equal(shown.state.everAde, true);
  });

  it('disable: a Linux VM whose OS volume is encrypted is refused before anything is sent', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const id = ids(sb);
    // Encrypt a Linux VM's OS and data volumes, then try to decrypt its data volumes.
    await enableAde(f, {
      vmId: id.vm('vm-linux-data'),
      vaultId: id.vault('kv-ade-ready'),
      volumeType: 'ALL',
      follow: follow(sb),
    });
    const puts = () => sb.requestLog.filter((r) => r.method === 'PUT').length;
    const before = puts();
    await assert.rejects(
      disableAde(f, { vmId: id.vm('vm-linux-data'), volumeType: 'DATA' }),
      /OS volume of this Linux VM is encrypted[\s\S]*Disabling encryption is not supported when OS volume is encrypted/,
    );
    assert.equal(puts(), before, 'no extension PUT was sent');
  });

  it('following can be cancelled', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const id = ids(sb);
    const controller = new AbortController();
    const p = enableAde(f, {
      vmId: id.vm('vm-plain'),
      vaultId: id.vault('kv-ade-ready'),
      signal: controller.signal,
      follow: { initialDelayMs: 5, sleep: async () => controller.abort() },
    });
    await assert.rejects(p, (e: Error) => e.name === 'AbortError');
  });

  it('vault PATCH changes only the flag and keeps access policies', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const id = ids(sb);
    const before = storedProps(sb, id.vault('kv-ade-noflag'))['accessPolicies'];
    const r = await patchVault(f, id.vault('kv-ade-noflag'), { enabledForDiskEncryption: true });
    assert.equal(r.changed, true);
    assert.deepEqual(
      r.changes.map((c) => c.property),
      ['properties.enabledForDiskEncryption'],
    );
    const after = storedProps(sb, id.vault('kv-ade-noflag'));
    assert.equal(after['enabledForDiskEncryption'], true);
    assert.deepEqual(after['accessPolicies'], before);
    assert.ok(sb.requestLog.some((x) => x.method === 'PATCH'));
    assert.ok(!sb.requestLog.some((x) => x.method === 'PUT' && x.path.toLowerCase().endsWith('/vaults/kv-ade-noflag')));
    const same = await patchVault(f, id.vault('kv-ade-noflag'), { enabledForDiskEncryption: true });
    assert.equal(same.changed, false);
  });

  it('firewall bypass PATCH keeps the IP rules', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const id = ids(sb);
    await patchVault(f, id.vault('kv-ade-firewall'), { networkBypass: 'AzureServices', enablePurgeProtection: true });
    const acls = storedProps(sb, id.vault('kv-ade-firewall'))['networkAcls'] as Record<string, unknown>;
    assert.equal(acls['bypass'], 'AzureServices');
    assert.equal(acls['defaultAction'], 'Deny');
    assert.deepEqual(acls['ipRules'], [{ value: '203.0.113.0/24' }]);
  });

  it('access policy add/remove keeps another writer’s entries; RBAC vaults refuse access policies', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const id = ids(sb);
    const other = '6a1e3c6d-1111-4c2b-9a55-0b1f2c3d4e01';
    const mine = '7b2f4d7e-2222-4c3d-8b66-1c2d3e4f5a02';
    const added = await addAccessPolicy(f, id.vault('kv-ade-ready'), {
      objectId: mine,
      permissions: { keys: ['get', 'wrapKey', 'unwrapKey'], secrets: ['get'] },
    });
    const objs = added.value.map((e) => e.objectId);
    assert.ok(objs.includes(other) && objs.includes(mine));
    assert.ok(sb.requestLog.some((x) => x.method === 'PUT' && x.path.endsWith('/accessPolicies/add')));
    const removed = await removeAccessPolicy(f, id.vault('kv-ade-ready'), { objectId: mine });
    assert.deepEqual(
      removed.value.map((e) => e.objectId),
      [other],
    );
    await assert.rejects(
      addAccessPolicy(f, id.vault('kv-ade-rbac'), { objectId: mine, permissions: { keys: ['get'] } }),
      /uses Azure RBAC/,
    );
  });

  it('role assignment on an RBAC vault; a repeat is reported as already there', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const id = ids(sb);
    const principal = '7b2f4d7e-2222-4c3d-8b66-1c2d3e4f5a02';
    const r = await assignRole(f, {
      scope: id.vault('kv-ade-rbac'),
      role: 'Key Vault Crypto Officer',
      principalId: principal,
      principalType: 'User',
    });
    assert.equal(r.changed, true);
    assert.match(r.value.roleDefinitionId, /14b46e9e-c2b7-41b4-b07b-48a6ebf60603$/);
    const again = await assignRole(f, {
      scope: id.vault('kv-ade-rbac'),
      role: 'Key Vault Crypto Officer',
      principalId: principal,
      principalType: 'User',
    });
    assert.equal(again.changed, false);
    assert.equal(again.value.alreadyExisted, true);
  });

  it('KEK: existing key returned unchanged; RSA-HSM refused on a standard vault', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const id = ids(sb);
    const existing = await createKek(f, { vaultId: id.vault('kv-ade-ready'), keyName: 'kek-rsa' });
    assert.equal(existing.changed, false);
    assert.ok(isVersionedKeyUrl(existing.value.keyUrlWithVersion));
    await assert.rejects(createKek(f, { vaultId: id.vault('kv-ade-nopurge'), keyName: 'hsm1', hsm: true }), /premium/);
    const hsm = await createKek(f, { vaultId: id.vault('kv-ade-ready'), keyName: 'hsm1', hsm: true, keySize: 4096 });
    assert.equal(hsm.value.key.kty, 'RSA-HSM');
  });

  it('scale set: Linux OS refused; disable DATA writes DisableEncryption with a new forceUpdateTag', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const id = ids(sb);
    await assert.rejects(
      enableScaleSetAde(f, { vmssId: id.vmss('vmss-linux-ade'), vaultId: id.vault('kv-ade-ready'), volumeType: 'ALL' }),
      /Linux scale sets support ADE on data volumes only/,
    );
    const r = await disableScaleSetAde(f, { vmssId: id.vmss('vmss-linux-ade'), newForceUpdateTag: () => 'tag-1' });
    assert.equal(r.value.settings['EncryptionOperation'], 'DisableEncryption');
    assert.equal(r.value.settings['VolumeType'], 'DATA');
    const profile = storedProps(sb, id.vmss('vmss-linux-ade'))['virtualMachineProfile'] as {
      extensionProfile: { extensions: { name: string; properties: Record<string, unknown> }[] };
    };
    const ext = profile.extensionProfile.extensions.find((e) => e.name === 'AzureDiskEncryptionForLinux');
    assert.equal(ext?.properties['forceUpdateTag'], 'tag-1');
    assert.equal(r.value.state.summary, 'none');
    // Manual upgrade mode: instances are updated (or the result says how to do it).
    assert.ok(r.value.instancesUpdated || r.warnings.some((w) => /update/i.test(w)), JSON.stringify(r.warnings));
    const en = await enableScaleSetAde(f, { vmssId: id.vmss('vmss-linux-ade'), vaultId: id.vault('kv-ade-ready') });
    assert.deepEqual(en.value.settings, {
      KeyVaultURL: 'https://kv-ade-ready.vault.azure.net/',
      KeyEncryptionKeyURL: '',
      KeyVaultResourceId: en.value.settings['KeyVaultResourceId'],
      KekVaultResourceId: '',
      KeyEncryptionAlgorithm: '',
      VolumeType: 'DATA',
      EncryptionOperation: 'EnableEncryption',
    });
  });
});
