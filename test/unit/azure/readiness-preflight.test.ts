import * as assert from 'node:assert/strict';
import type { VirtualMachineScaleSet } from '@azure/arm-compute';
import { adeSizeVerdict, runPreflight } from '../../../src/azure/preflight';
import { vaultReadiness } from '../../../src/azure/state';
import { KEK_URL, SUB, VAULT_ID, adeSettings, vault, vm } from './fixtures';

describe('vaultReadiness', () => {
  it('a vault enabled for disk encryption with soft delete and purge protection is ready', () => {
    const r = vaultReadiness(vault());
    assert.equal(r.ready, true);
    assert.equal(r.permissionModel, 'accessPolicies');
    assert.deepEqual(
      r.reasons.filter((x) => x.severity !== 'info'),
      [],
    );
  });

  it('not enabled for disk encryption → error with a PATCH fix', () => {
    const r = vaultReadiness(vault({ enabledForDiskEncryption: false }));
    assert.equal(r.ready, false);
    assert.deepEqual(r.reasons.find((x) => x.id === 'diskEncryptionDisabled')?.fix, { enabledForDiskEncryption: true });
  });

  it('soft delete off → error; purge protection off → warning only', () => {
    assert.equal(vaultReadiness(vault({ enableSoftDelete: false })).ready, false);
    const r = vaultReadiness(vault({ enablePurgeProtection: undefined }));
    assert.equal(r.ready, true);
    assert.equal(r.reasons.find((x) => x.id === 'purgeProtectionDisabled')?.severity, 'warning');
  });

  it('firewall Deny without AzureServices bypass → error; Deny with bypass (or bypass unspecified) → fine', () => {
    const deny = vaultReadiness(vault({ networkAcls: { defaultAction: 'Deny', bypass: 'None' } }));
    assert.equal(deny.ready, false);
    assert.deepEqual(deny.reasons.find((x) => x.id === 'firewallBlocksTrustedServices')?.fix, {
      networkBypass: 'AzureServices',
    });
    assert.equal(
      vaultReadiness(vault({ networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' } })).ready,
      true,
    );
    assert.equal(vaultReadiness(vault({ networkAcls: { defaultAction: 'Deny' } })).ready, true);
  });

  it('RBAC vaults say so; region and subscription must match the target', () => {
    assert.equal(vaultReadiness(vault({ enableRbacAuthorization: true })).permissionModel, 'rbac');
    const r = vaultReadiness(vault(), { location: 'West Europe', subscriptionId: 'other' });
    assert.equal(r.ready, false);
    assert.ok(r.reasons.some((x) => x.id === 'regionMismatch'));
    assert.ok(r.reasons.some((x) => x.id === 'subscriptionMismatch'));
    assert.equal(vaultReadiness(vault({}, 'East US'), { location: 'eastus', subscriptionId: SUB }).ready, true);
  });
});

describe('runPreflight', () => {
  const failed = (r: ReturnType<typeof runPreflight>) => r.checks.filter((c) => !c.ok).map((c) => c.id);

  it('CLI checks: vault not enabled (fix: PATCH), other region, other subscription', () => {
    const m = vm({ os: 'Windows', dataDisks: 1 });
    const otherSubVault = vault(
      { enabledForDiskEncryption: false },
      'westeurope',
      VAULT_ID.replace(SUB, '99999999-2222-3333-4444-555555555555'),
    );
    const r = runPreflight({ target: { kind: 'vm', vm: m }, operation: 'enable', vault: otherSubVault });
    assert.equal(r.canProceed, false);
    assert.deepEqual(
      ['vaultEnabledForDiskEncryption', 'vaultSameSubscription', 'vaultSameRegion'].every((id) =>
        failed(r).includes(id as never),
      ),
      true,
    );
    const fix = r.checks.find((c) => c.id === 'vaultEnabledForDiskEncryption')?.fix;
    assert.deepEqual(fix, { kind: 'patchVault', vaultId: otherSubVault.id, patch: { enabledForDiskEncryption: true } });
    assert.match(
      r.checks.find((c) => c.id === 'vaultSameRegion')?.message ?? '',
      /region does not match keyvault's region/,
    );
  });

  it('a good vault and a plain Windows VM pass (warnings aside)', () => {
    const r = runPreflight({
      target: { kind: 'vm', vm: vm({ os: 'Windows', dataDisks: 1 }) },
      operation: 'enable',
      vault: vault(),
      keyEncryptionKeyUrl: KEK_URL,
    });
    assert.equal(r.canProceed, true, JSON.stringify(r.blocking));
  });

  it('the encryption identity skips the disk-encryption flag for VMs, as the CLI does', () => {
    const m = vm({ os: 'Windows' });
    m.securityProfile = { encryptionIdentity: { userAssignedIdentityResourceId: '/x/identity' } };
    const r = runPreflight({
      target: { kind: 'vm', vm: m },
      operation: 'enable',
      vault: vault({ enabledForDiskEncryption: false }),
    });
    assert.equal(r.checks.find((c) => c.id === 'vaultEnabledForDiskEncryption')?.ok, true);
  });

  it('KEK must be versioned and its vault must exist', () => {
    const r = runPreflight({
      target: { kind: 'vm', vm: vm({ os: 'Windows' }) },
      operation: 'enable',
      vault: vault(),
      keyEncryptionKeyUrl: 'https://kv-test.vault.azure.net/keys/kek',
      kekVault: null,
    });
    assert.ok(failed(r).includes('kekVersioned'));
    assert.ok(failed(r).includes('kekVaultExists'));
  });

  it('KEK type and size: EC refused, RSA-HSM needs premium, 2048 warned for Windows Server 2022', () => {
    const m = vm({ os: 'Windows' });
    m.storageProfile = {
      ...m.storageProfile,
      imageReference: { offer: 'WindowsServer', sku: '2022-datacenter-azure-edition' },
    };
    const base = {
      target: { kind: 'vm' as const, vm: m },
      operation: 'enable' as const,
      vault: vault(),
      keyEncryptionKeyUrl: KEK_URL,
    };
    assert.ok(failed(runPreflight({ ...base, kek: { kty: 'EC', keySize: 256 } })).includes('kekKeyType'));
    assert.ok(failed(runPreflight({ ...base, kek: { kty: 'RSA-HSM', keySize: 3072 } })).includes('kekKeyType'));
    const small = runPreflight({ ...base, kek: { kty: 'RSA', keySize: 2048 } });
    assert.equal(small.checks.find((c) => c.id === 'kekKeySize')?.ok, false);
    assert.equal(small.canProceed, true);
  });

  it('Linux VM with data disks and no volume type → error with setVolumeType fix; Linux OS disable refused', () => {
    const lin = vm({ os: 'Linux', dataDisks: 1 });
    const r = runPreflight({ target: { kind: 'vm', vm: lin }, operation: 'enable', vault: vault() });
    const c = r.checks.find((x) => x.id === 'volumeType');
    assert.equal(c?.ok, false);
    assert.equal(c?.fix?.kind, 'setVolumeType');
    const enc = vm({ os: 'Linux', dataDisks: 1, ext: { settings: adeSettings('All') } });
    const d = runPreflight({ target: { kind: 'vm', vm: enc }, operation: 'disable', volumeType: 'ALL' });
    assert.equal(d.canProceed, false);
    assert.match(d.blocking[0]?.message ?? '', /decrypts data volumes only/);
  });

  it('Linux decrypt is refused while the OS volume is encrypted, whatever the volume type', () => {
    const enc = vm({ os: 'Linux', dataDisks: 1, ext: { settings: adeSettings('All') } });
    const d = runPreflight({
      target: { kind: 'vm', vm: enc },
      operation: 'disable',
      volumeType: 'DATA',
      osVolumeEncrypted: true,
    });
    assert.equal(d.canProceed, false);
    assert.equal(d.blocking[0]?.id, 'linuxOsEncrypted');
    assert.match(d.blocking[0]?.message ?? '', /Disabling encryption is not supported when OS volume is encrypted/);
    assert.match(d.blocking[0]?.ref?.ref ?? '', /azure-linux-extensions/);
    const ok = runPreflight({
      target: { kind: 'vm', vm: enc },
      operation: 'disable',
      volumeType: 'DATA',
      osVolumeEncrypted: false,
    });
    assert.equal(ok.canProceed, true);
  });

  it('memory minimums: 8 GB for Linux OS volumes, 2 GB for data volumes; unknown sizes pass', () => {
    const small = vm({ os: 'Linux', dataDisks: 1, size: 'Standard_D2ls_v5' });
    const all = runPreflight({
      target: { kind: 'vm', vm: small },
      operation: 'enable',
      volumeType: 'ALL',
      vault: vault(),
    });
    assert.ok(failed(all).includes('vmMemory'), JSON.stringify(all.blocking));
    const data = runPreflight({
      target: { kind: 'vm', vm: small },
      operation: 'enable',
      volumeType: 'DATA',
      vault: vault(),
    });
    assert.ok(!failed(data).includes('vmMemory'));
    const odd = vm({ os: 'Linux', dataDisks: 1, size: 'Standard_Q9_v3' });
    assert.ok(
      !failed(
        runPreflight({ target: { kind: 'vm', vm: odd }, operation: 'enable', volumeType: 'ALL', vault: vault() }),
      ).includes('vmMemory'),
    );
  });

  it('KEK URLs: a port or a Managed HSM key is refused', () => {
    const m = vm({ os: 'Windows', dataDisks: 1 });
    for (const url of [
      'https://kv.vault.azure.net:443/keys/kek/0123456789abcdef0123456789abcdef',
      'https://pool.managedhsm.azure.net/keys/kek/0123456789abcdef0123456789abcdef',
    ]) {
      const r = runPreflight({
        target: { kind: 'vm', vm: m },
        operation: 'enable',
        vault: vault(),
        keyEncryptionKeyUrl: url,
      });
      assert.ok(failed(r).includes('kekUrl'), url);
    }
  });

  it('v6 sizes with a temporary disk are refused on Linux too', () => {
    const m = vm({ os: 'Linux', dataDisks: 1, size: 'Standard_D4ds_v6' });
    assert.ok(
      failed(
        runPreflight({ target: { kind: 'vm', vm: m }, operation: 'enable', volumeType: 'DATA', vault: vault() }),
      ).includes('vmSize'),
    );
  });

  it('Linux scale sets: DATA only', () => {
    const vmss: VirtualMachineScaleSet = {
      id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/ss`,
      location: 'eastus',
      virtualMachineProfile: { storageProfile: { osDisk: { osType: 'Linux', createOption: 'FromImage' } } },
    };
    const r = runPreflight({ target: { kind: 'vmss', vmss }, operation: 'enable', volumeType: 'ALL', vault: vault() });
    assert.ok(failed(r).includes('volumeType'));
    assert.equal(
      runPreflight({ target: { kind: 'vmss', vmss }, operation: 'enable', vault: vault() }).canProceed,
      true,
    );
    // Volume types are case-insensitive ('Data' as in the docs and templates, 'DATA' as the CLI sends).
    const mixed = runPreflight({
      target: { kind: 'vmss', vmss },
      operation: 'enable',
      volumeType: 'Data' as never,
      vault: vault(),
    });
    assert.equal(mixed.canProceed, true);
  });

  it('conflicts: encryption at host, disk encryption set, ultra disk, ephemeral OS, unsupported size', () => {
    const eah = runPreflight({
      target: { kind: 'vm', vm: vm({ os: 'Windows', encryptionAtHost: true }) },
      operation: 'enable',
      vault: vault(),
    });
    assert.ok(failed(eah).includes('encryptionAtHostConflict'));
    const des = runPreflight({
      target: { kind: 'vm', vm: vm({ os: 'Windows', desId: '/x/des' }) },
      operation: 'enable',
      vault: vault(),
    });
    assert.ok(failed(des).includes('diskEncryptionSetConflict'));
    const ultra = vm({ os: 'Windows' });
    ultra.additionalCapabilities = { ultraSSDEnabled: true };
    assert.ok(
      failed(runPreflight({ target: { kind: 'vm', vm: ultra }, operation: 'enable', vault: vault() })).includes(
        'unsupportedDiskType',
      ),
    );
    const eph = vm({ os: 'Windows' });
    if (eph.storageProfile?.osDisk) eph.storageProfile.osDisk.diffDiskSettings = { option: 'Local' };
    assert.ok(
      failed(runPreflight({ target: { kind: 'vm', vm: eph }, operation: 'enable', vault: vault() })).includes(
        'ephemeralOsDisk',
      ),
    );
    const basic = runPreflight({
      target: { kind: 'vm', vm: vm({ os: 'Windows', size: 'Basic_A1' }) },
      operation: 'enable',
      vault: vault(),
    });
    assert.ok(failed(basic).includes('vmSize'));
  });

  it('legacy AAD VMs need the AAD parameters', () => {
    const m = vm({
      os: 'Windows',
      legacyOsStamp: true,
      ext: { typeHandlerVersion: '1.1', settings: adeSettings('All') },
    });
    const r = runPreflight({ target: { kind: 'vm', vm: m }, operation: 'enable', vault: vault() });
    assert.ok(failed(r).includes('legacyAad'));
    assert.equal(
      runPreflight({
        target: { kind: 'vm', vm: m },
        operation: 'enable',
        vault: vault(),
        aadClientId: 'app',
      }).checks.find((c) => c.id === 'legacyAad')?.ok,
      true,
    );
  });

  it('soft delete and purge protection become PATCH fixes; firewall too', () => {
    const r = runPreflight({
      target: { kind: 'vm', vm: vm({ os: 'Windows' }) },
      operation: 'enable',
      vault: vault({
        enableSoftDelete: false,
        enablePurgeProtection: false,
        networkAcls: { defaultAction: 'Deny', bypass: 'None' },
      }),
    });
    const fixes = r.checks.filter((c) => c.fix?.kind === 'patchVault').map((c) => c.fix);
    assert.deepEqual(
      fixes.map((f) => (f?.kind === 'patchVault' ? f.patch : undefined)),
      [{ enableSoftDelete: true }, { enablePurgeProtection: true }, { networkBypass: 'AzureServices' }],
    );
  });
});

describe('adeSizeVerdict', () => {
  it('refuses Basic, A-series, v7+, L family and v6 sizes with temp disks', () => {
    for (const s of [
      'Basic_A2',
      'Standard_A2_v2',
      'Standard_D4s_v7',
      'Standard_L8s_v3',
      'Standard_D4ds_v6',
      'Standard_E8ads_v6',
      'Standard_D2alds_v6',
    ]) {
      assert.equal(adeSizeVerdict(s).supported, false, s);
    }
    for (const s of ['Standard_D2s_v5', 'Standard_E4s_v5', 'Standard_B2ms', 'Standard_D4s_v6', 'Standard_DS3_v2']) {
      assert.equal(adeSizeVerdict(s).supported, true, s);
    }
  });
});
