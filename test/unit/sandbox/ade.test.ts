import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { VirtualMachineExtension } from '@azure/arm-compute';
import { clientsFor, collect, type Clients } from './helpers';
import { createSandbox, type ScenarioData } from '../../../src/sandbox';

const SUB_A = '11111111-aaaa-4aaa-8aaa-000000000001';
const SUB_B = '22222222-bbbb-4bbb-8bbb-000000000002';
const TENANT = '33333333-cccc-4ccc-8ccc-000000000003';
const RG = 'rg-t';

const scenario: ScenarioData = {
  subscriptions: [
    {
      subscriptionId: SUB_A,
      displayName: 'A',
      tenantId: TENANT,
      resourceGroups: [
        {
          name: RG,
          location: 'eastus',
          vaults: [
            {
              name: 'kv-ok',
              enabledForDiskEncryption: true,
              enablePurgeProtection: true,
              keys: [
                { name: 'kek', kty: 'RSA', keySize: 3072 },
                { name: 'kek-ec', kty: 'EC' },
              ],
            },
            { name: 'kv-off', enabledForDiskEncryption: false },
            { name: 'kv-west', location: 'westus', enabledForDiskEncryption: true },
            { name: 'kv-fw', enabledForDiskEncryption: true, networkAcls: { defaultAction: 'Deny', bypass: 'None' } },
          ],
          diskEncryptionSets: [{ name: 'des', vault: 'kv-ok', key: 'kek' }],
          vms: [
            { name: 'win1', os: 'Windows', dataDisks: 1 },
            { name: 'lin1', os: 'Linux', dataDisks: 2, size: 'Standard_D8s_v5' },
            { name: 'basic1', os: 'Windows', size: 'Basic_A1' },
            { name: 'eah1', os: 'Windows', encryptionAtHost: true },
            { name: 'des1', os: 'Linux', dataDisks: 1, diskEncryptionSet: 'des' },
            { name: 'legacy1', os: 'Windows', ade: { vault: 'kv-ok', state: 'legacy', volumeType: 'All' } },
            { name: 'small1', os: 'Linux', size: 'Standard_B2s' },
            { name: 'off1', os: 'Windows', powerState: 'deallocated' },
          ],
          scaleSets: [{ name: 'ss1', os: 'Linux', capacity: 2, dataDisks: 1 }],
        },
      ],
    },
    {
      subscriptionId: SUB_B,
      displayName: 'B',
      tenantId: TENANT,
      resourceGroups: [
        { name: 'rg-b', location: 'eastus', vaults: [{ name: 'kv-b', enabledForDiskEncryption: true }] },
      ],
    },
  ],
};

const vaultId = (name: string, sub = SUB_A, rg = RG): string =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/${name}`;

function ade(
  os: 'Windows' | 'Linux',
  vault: string,
  settings: Record<string, unknown> = {},
  version?: string,
): VirtualMachineExtension {
  return {
    location: 'eastus',
    publisher: 'Microsoft.Azure.Security',
    typePropertiesType: os === 'Windows' ? 'AzureDiskEncryption' : 'AzureDiskEncryptionForLinux',
    typeHandlerVersion: version ?? (os === 'Windows' ? '2.2' : '1.1'),
    autoUpgradeMinorVersion: true,
    settings: {
      KeyVaultURL: `https://${vault.split('/').pop()}.vault.azure.net/`,
      KeyVaultResourceId: vault,
      VolumeType: os === 'Windows' ? 'All' : 'Data',
      EncryptionOperation: 'EnableEncryption',
      KeyEncryptionAlgorithm: 'RSA-OAEP',
      SequenceVersion: randomUUID(),
      ...settings,
    },
  };
}

const extName = (os: 'Windows' | 'Linux'): string =>
  os === 'Windows' ? 'AzureDiskEncryption' : 'AzureDiskEncryptionForLinux';

async function put(
  c: Clients,
  vm: string,
  os: 'Windows' | 'Linux',
  ext: VirtualMachineExtension,
): Promise<VirtualMachineExtension> {
  return c.compute.virtualMachineExtensions.beginCreateOrUpdateAndWait(RG, vm, extName(os), ext);
}

async function diskStates(c: Clients, vm: string): Promise<(string | undefined)[]> {
  const iv = await c.compute.virtualMachines.instanceView(RG, vm);
  return (iv.disks ?? []).map(
    (d) => d.statuses?.find((s) => s.code?.startsWith('EncryptionState/'))?.code?.split('/')[1],
  );
}

async function kekUrl(c: Clients, key: string): Promise<string> {
  return (await c.kv.keys.get(RG, 'kv-ok', key)).keyUriWithVersion ?? '';
}

describe('sandbox: ADE behaviour', () => {
  let c: Clients;
  beforeEach(() => {
    c = clientsFor(createSandbox({ clock: 'manual', scenario, encryptionSeconds: 300 }));
  });

  it('Windows enable with KEK: accepted, stamped, BEK secrets written, encrypted after simulated time', async () => {
    const kek = await kekUrl(c, 'kek');
    const res = await put(
      c,
      'win1',
      'Windows',
      ade('Windows', vaultId('kv-ok'), { KeyEncryptionKeyURL: kek, KekVaultResourceId: vaultId('kv-ok') }),
    );
    assert.equal(res.provisioningState, 'Succeeded');
    assert.deepEqual(await diskStates(c, 'win1'), ['encryptionInProgress', 'encryptionInProgress']);
    const disks = await collect(c.compute.disks.listByResourceGroup(RG));
    const mine = disks.filter((d) => d.managedBy?.endsWith('/win1'));
    for (const d of mine) {
      assert.equal(d.encryptionSettingsCollection?.enabled, true);
      assert.equal(d.encryptionSettingsCollection?.encryptionSettingsVersion, '1.1');
      assert.equal(d.encryptionSettingsCollection?.encryptionSettings?.[0]?.keyEncryptionKey?.keyUrl, kek);
      assert.match(
        d.encryptionSettingsCollection?.encryptionSettings?.[0]?.diskEncryptionKey?.secretUrl ?? '',
        /^https:\/\/kv-ok\.vault\.azure\.net\/secrets\//,
      );
    }
    const secrets = (await collect(c.kv.secrets.list(RG, 'kv-ok'))).filter((s) => s.tags?.['MachineName'] === 'win1');
    assert.equal(secrets.length, 2);
    assert.deepEqual(secrets.map((s) => s.tags?.['VolumeLetter']).sort(), ['C:\\', 'F:\\']);
    assert.ok(
      secrets.every((s) => s.tags?.['MachineName'] === 'win1' && s.tags?.['DiskEncryptionKeyEncryptionKeyURL'] === kek),
    );
    assert.ok(
      secrets.every(
        (s) => s.properties.contentType === 'Wrapped BEK' && (s.properties as { value?: string }).value === undefined,
      ),
    );
    c.sb.advance(299);
    assert.deepEqual(await diskStates(c, 'win1'), ['encryptionInProgress', 'encryptionInProgress']);
    c.sb.advance(1);
    assert.deepEqual(await diskStates(c, 'win1'), ['encrypted', 'encrypted']);
    const ext = await c.compute.virtualMachineExtensions.get(RG, 'win1', 'AzureDiskEncryption', {
      expand: 'instanceView',
    });
    assert.equal(ext.instanceView?.statuses?.[0]?.message, 'Encryption succeeded for all volumes');
    assert.equal(ext.instanceView?.substatuses, undefined);
  });

  it('Linux data-only enable: OS stays notEncrypted, one passphrase secret, {"os","data"} substatus', async () => {
    await put(c, 'lin1', 'Linux', ade('Linux', vaultId('kv-ok'), { VolumeType: 'DATA' }));
    c.sb.advance(300);
    assert.deepEqual(await diskStates(c, 'lin1'), ['notEncrypted', 'encrypted', 'encrypted']);
    const secrets = (await collect(c.kv.secrets.list(RG, 'kv-ok'))).filter((s) => s.tags?.['MachineName'] === 'lin1');
    assert.equal(secrets.length, 1);
    assert.equal(secrets[0]?.tags?.['DiskEncryptionKeyFileName'], 'LinuxPassPhraseFileName');
    const vm = await c.compute.virtualMachines.get(RG, 'lin1', { expand: 'instanceView' });
    const ext = vm.instanceView?.extensions?.[0];
    assert.deepEqual(JSON.parse(ext?.substatuses?.[0]?.message ?? '{}'), { os: 'NotEncrypted', data: 'Encrypted' });
    assert.equal(vm.resources?.[0]?.provisioningState, 'Succeeded');
  });

  const failures: [
    string,
    'Windows' | 'Linux',
    string,
    () => Promise<Record<string, unknown>> | Record<string, unknown>,
    RegExp,
  ][] = [
    [
      'vault not enabled for disk encryption',
      'Windows',
      'win1',
      () => ({ KeyVaultResourceId: vaultId('kv-off'), KeyVaultURL: 'https://kv-off.vault.azure.net/' }),
      /Failed to send DiskEncryptionData, Check KeyVault inputs, ResourceIds and retry encryption operation\. Key vault 'kv-off' is not enabled for disk encryption/,
    ],
    [
      'vault in another region',
      'Windows',
      'win1',
      () => ({ KeyVaultResourceId: vaultId('kv-west'), KeyVaultURL: 'https://kv-west.vault.azure.net/' }),
      /Failed to send DiskEncryptionData.*VM win1's region does not match keyvault's region/,
    ],
    [
      'vault in another subscription',
      'Windows',
      'win1',
      () => ({ KeyVaultResourceId: vaultId('kv-b', SUB_B, 'rg-b'), KeyVaultURL: 'https://kv-b.vault.azure.net/' }),
      /VM win1's subscription does not match keyvault's subscription/,
    ],
    [
      'firewall without trusted services',
      'Windows',
      'win1',
      () => ({ KeyVaultResourceId: vaultId('kv-fw'), KeyVaultURL: 'https://kv-fw.vault.azure.net/' }),
      /firewall blocks trusted Microsoft services/,
    ],
    [
      'unversioned KEK URL',
      'Windows',
      'win1',
      () => ({ KeyEncryptionKeyURL: 'https://kv-ok.vault.azure.net/keys/kek', KekVaultResourceId: vaultId('kv-ok') }),
      /must be versioned/,
    ],
    [
      'EC KEK',
      'Windows',
      'win1',
      async () => ({ KeyEncryptionKeyURL: await kekUrl(c, 'kek-ec'), KekVaultResourceId: vaultId('kv-ok') }),
      /key type 'EC'.*RSA keys only/,
    ],
    [
      'invalid VolumeType',
      'Linux',
      'lin1',
      () => ({ VolumeType: 'Everything' }),
      /VolumeType 'Everything' is not valid/,
    ],
    ['unsupported VM size', 'Windows', 'basic1', () => ({}), /not supported on VM size 'Basic_A1'/],
    ['encryption at host', 'Windows', 'eah1', () => ({}), /ADE cannot be enabled on a VM with encryption at host/],
    ['disk encryption set (SSE + CMK)', 'Linux', 'des1', () => ({}), /customer-managed keys \(disk encryption set\)/],
    [
      'new ADE on a legacy AAD VM',
      'Windows',
      'legacy1',
      () => ({}),
      /encrypted with the previous release of Azure Disk Encryption/,
    ],
  ];
  for (const [title, os, vm, settings, message] of failures) {
    it(`fails: ${title}`, async () => {
      const ext = ade(os, vaultId('kv-ok'), await settings());
      await assert.rejects(put(c, vm, os, ext), (e: Error) => {
        assert.match(e.message, message);
        assert.match(e.message, /VM has reported a failure when processing extension/);
        return true;
      });
      const stored = await c.compute.virtualMachineExtensions.get(RG, vm, extName(os), { expand: 'instanceView' });
      assert.equal(stored.provisioningState, 'Failed');
      assert.equal(stored.instanceView?.statuses?.[0]?.level, 'Error');
      assert.match(stored.instanceView?.statuses?.[0]?.message ?? '', message);
    });
  }

  it('fails: Linux OS volume on a size with less than 8 GB', async () => {
    await assert.rejects(
      put(c, 'small1', 'Linux', ade('Linux', vaultId('kv-ok'), { VolumeType: 'OS' })),
      /at least 8 GB of memory/,
    );
    await put(c, 'small1', 'Linux', ade('Linux', vaultId('kv-ok'), { VolumeType: 'Data' }));
  });

  it('fails: unsupported KeyEncryptionAlgorithm, KeyVaultURL of another vault, unknown vault', async () => {
    const kek = await kekUrl(c, 'kek');
    await assert.rejects(
      put(
        c,
        'win1',
        'Windows',
        ade('Windows', vaultId('kv-ok'), { KeyEncryptionKeyURL: kek, KeyEncryptionAlgorithm: 'RSA-PSS' }),
      ),
      /KeyEncryptionAlgorithm 'RSA-PSS' is not supported/,
    );
    await assert.rejects(
      put(c, 'win1', 'Windows', ade('Windows', vaultId('kv-ok'), { KeyVaultURL: 'https://kv-off.vault.azure.net/' })),
      /KeyVaultURL 'https:\/\/kv-off\.vault\.azure\.net\/' does not belong to key vault 'kv-ok'/,
    );
    await assert.rejects(
      put(c, 'win1', 'Windows', ade('Windows', vaultId('kv-nope'))),
      /Key vault '.*kv-nope' was not found/,
    );
  });

  it('refuses extension changes on a deallocated VM (409 OperationNotAllowed)', async () => {
    await assert.rejects(put(c, 'off1', 'Windows', ade('Windows', vaultId('kv-ok'))), (e) => {
      assert.equal((e as { code?: string }).code, 'OperationNotAllowed');
      assert.match((e as Error).message, /Cannot modify extensions in the VM when the VM is not running/);
      return true;
    });
  });

  it('fails: legacy extension version without AADClientID', async () => {
    await assert.rejects(
      put(c, 'win1', 'Windows', ade('Windows', vaultId('kv-ok'), {}, '1.1')),
      /AADClientID is required/,
    );
  });

  it('fails: Linux scale set with VolumeType OS', async () => {
    const body = ade('Linux', vaultId('kv-ok'), { VolumeType: 'OS' });
    await assert.rejects(
      c.compute.virtualMachineScaleSetExtensions.beginCreateOrUpdateAndWait(RG, 'ss1', 'AzureDiskEncryptionForLinux', {
        publisher: body.publisher,
        typePropertiesType: body.typePropertiesType,
        typeHandlerVersion: body.typeHandlerVersion,
        settings: body.settings,
      }),
      /OS disk encryption is not supported for Linux virtual machine scale sets/,
    );
  });

  it('scale set with manual upgrade: instances get ADE only after update-instances', async () => {
    const body = ade('Linux', vaultId('kv-ok'), { VolumeType: 'Data' });
    await c.compute.virtualMachineScaleSetExtensions.beginCreateOrUpdateAndWait(
      RG,
      'ss1',
      'AzureDiskEncryptionForLinux',
      {
        publisher: body.publisher,
        typePropertiesType: body.typePropertiesType,
        typeHandlerVersion: body.typeHandlerVersion,
        settings: body.settings,
      },
    );
    const states = async (): Promise<(string | undefined)[]> => {
      const vms = await collect(c.compute.virtualMachineScaleSetVMs.list(RG, 'ss1', { expand: 'instanceView' }));
      return vms.map(
        (v) => v.instanceView?.disks?.[1]?.statuses?.find((s) => s.code?.startsWith('EncryptionState/'))?.code,
      );
    };
    assert.deepEqual(await states(), [undefined, undefined]);
    const stale = await collect(c.compute.virtualMachineScaleSetVMs.list(RG, 'ss1'));
    assert.ok(stale.every((v) => v.latestModelApplied === false));
    await c.compute.virtualMachineScaleSets.beginUpdateInstancesAndWait(RG, 'ss1', { instanceIds: ['*'] });
    assert.deepEqual(await states(), ['EncryptionState/encrypted', 'EncryptionState/encrypted']);
  });

  it('disable on Windows decrypts all volumes', async () => {
    await put(c, 'win1', 'Windows', ade('Windows', vaultId('kv-ok')));
    c.sb.advance(300);
    await put(
      c,
      'win1',
      'Windows',
      ade('Windows', vaultId('kv-ok'), { EncryptionOperation: 'DisableEncryption', VolumeType: 'ALL' }),
    );
    assert.deepEqual(await diskStates(c, 'win1'), ['decryptionInProgress', 'decryptionInProgress']);
    c.sb.advance(300);
    assert.deepEqual(await diskStates(c, 'win1'), ['notEncrypted', 'notEncrypted']);
    const disks = (await collect(c.compute.disks.listByResourceGroup(RG))).filter((d) =>
      d.managedBy?.endsWith('/win1'),
    );
    assert.ok(disks.every((d) => d.encryptionSettingsCollection?.enabled === false));
  });

  it("disable on Linux with an encrypted OS volume: every volume type fails with the handler's message", async () => {
    await put(c, 'lin1', 'Linux', ade('Linux', vaultId('kv-ok'), { VolumeType: 'All' }));
    c.sb.advance(300);
    assert.deepEqual(await diskStates(c, 'lin1'), ['encrypted', 'encrypted', 'encrypted']);
    for (const volumeType of ['OS', 'All', 'Data']) {
      await assert.rejects(
        put(
          c,
          'lin1',
          'Linux',
          ade('Linux', vaultId('kv-ok'), { EncryptionOperation: 'DisableEncryption', VolumeType: volumeType }),
        ),
        /Disabling encryption is not supported when OS volume is encrypted/,
        volumeType,
      );
      c.sb.advance(300);
      assert.deepEqual(await diskStates(c, 'lin1'), ['encrypted', 'encrypted', 'encrypted'], volumeType);
    }
  });

  it('disable on Linux with the OS volume not encrypted: the data volumes are decrypted', async () => {
    await put(c, 'lin1', 'Linux', ade('Linux', vaultId('kv-ok'), { VolumeType: 'Data' }));
    c.sb.advance(300);
    assert.deepEqual(await diskStates(c, 'lin1'), ['notEncrypted', 'encrypted', 'encrypted']);
    await put(
      c,
      'lin1',
      'Linux',
      ade('Linux', vaultId('kv-ok'), { EncryptionOperation: 'DisableEncryption', VolumeType: 'Data' }),
    );
    c.sb.advance(300);
    assert.deepEqual(await diskStates(c, 'lin1'), ['notEncrypted', 'notEncrypted', 'notEncrypted']);
  });

  it('same SequenceVersion is a no-op; a new one re-runs the extension', async () => {
    const seq = randomUUID();
    await put(c, 'win1', 'Windows', ade('Windows', vaultId('kv-ok'), { SequenceVersion: seq }));
    c.sb.advance(300);
    await put(
      c,
      'win1',
      'Windows',
      ade('Windows', vaultId('kv-ok'), { SequenceVersion: seq, EncryptionOperation: 'DisableEncryption' }),
    );
    c.sb.advance(300);
    assert.deepEqual(await diskStates(c, 'win1'), ['encrypted', 'encrypted']);
    await put(
      c,
      'win1',
      'Windows',
      ade('Windows', vaultId('kv-ok'), { SequenceVersion: randomUUID(), EncryptionOperation: 'DisableEncryption' }),
    );
    c.sb.advance(300);
    assert.deepEqual(await diskStates(c, 'win1'), ['notEncrypted', 'notEncrypted']);
  });

  it('a second PUT while the first is still running gets 409 Conflict', async () => {
    const poller = await c.compute.virtualMachineExtensions.beginCreateOrUpdate(
      RG,
      'win1',
      'AzureDiskEncryption',
      ade('Windows', vaultId('kv-ok')),
    );
    await assert.rejects(
      c.compute.virtualMachineExtensions.beginCreateOrUpdateAndWait(
        RG,
        'win1',
        'AzureDiskEncryption',
        ade('Windows', vaultId('kv-ok')),
      ),
      (e) => (e as { statusCode?: number }).statusCode === 409 && (e as { code?: string }).code === 'Conflict',
    );
    const done = await poller.pollUntilDone();
    assert.equal(done.provisioningState, 'Succeeded');
  });

  it('deleting the extension (LRO) leaves the disks encrypted', async () => {
    await put(c, 'win1', 'Windows', ade('Windows', vaultId('kv-ok')));
    c.sb.advance(300);
    await c.compute.virtualMachineExtensions.beginDeleteAndWait(RG, 'win1', 'AzureDiskEncryption');
    const exts = await c.compute.virtualMachineExtensions.list(RG, 'win1');
    assert.equal(exts.value?.length ?? 0, 0);
    assert.deepEqual(await diskStates(c, 'win1'), ['encrypted', 'encrypted']);
  });

  it('an unpolled operation still completes on the simulated clock', async () => {
    await c.compute.virtualMachineExtensions.beginCreateOrUpdate(
      RG,
      'win1',
      'AzureDiskEncryption',
      ade('Windows', vaultId('kv-ok')),
    );
    c.sb.advance(5);
    const ext = await c.compute.virtualMachineExtensions.get(RG, 'win1', 'AzureDiskEncryption');
    assert.equal(ext.provisioningState, 'Succeeded');
  });
});
