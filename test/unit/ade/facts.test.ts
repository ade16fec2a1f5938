import * as assert from 'node:assert/strict';
import {
  ADE_EXTENSIONS,
  ADE_RETIREMENT,
  daysUntilRetirement,
  imageNeeds3072BitKek,
  memoryGib,
  memoryShortfall,
  migrationPath,
  parseKeyVaultUrl,
  SOURCES,
  unsupportedSize,
  versionKind,
  volumeTypeVerdict,
} from '../../../src/ade';

describe('src/ade facts', () => {
  it('every source is a public URL or a repository path', () => {
    for (const s of Object.values(SOURCES))
      assert.match(s.ref, /^(https:\/\/learn\.microsoft\.com\/|[\w-]+\/[\w.-]+: )/);
  });

  it('retirement and versions', () => {
    assert.equal(ADE_RETIREMENT.date, '2028-09-15');
    assert.equal(daysUntilRetirement(new Date('2028-09-14T00:00:00Z')), 1);
    assert.equal(daysUntilRetirement(new Date('2030-01-01T00:00:00Z')), 0);
    assert.deepEqual(
      [
        ADE_EXTENSIONS.Windows.current,
        ADE_EXTENSIONS.Windows.legacy,
        ADE_EXTENSIONS.Linux.current,
        ADE_EXTENSIONS.Linux.legacy,
      ],
      ['2.2', '1.1', '1.1', '0.1'],
    );
    assert.equal(versionKind('Windows', '2.1'), 'earlierMinor');
    assert.equal(versionKind('Windows', '1.1'), 'legacy');
    assert.equal(versionKind('Linux', '1.1'), 'current');
    assert.equal(versionKind('Linux', '0.1'), 'legacy');
    assert.equal(versionKind('Linux', '2.2'), 'unknown');
  });

  it('sizes: one table for both OSes, v6 with a temporary disk included', () => {
    for (const os of ['Linux', 'Windows'] as const) {
      assert.ok(unsupportedSize('Standard_D4ds_v6', os));
      assert.ok(unsupportedSize('Standard_E8-4ds_v6', os));
      assert.ok(unsupportedSize('Standard_D2lds_v6', os));
      assert.equal(unsupportedSize('Standard_D4s_v6', os), undefined);
      assert.ok(unsupportedSize('Standard_D4s_v7', os));
      assert.ok(unsupportedSize('Basic_A1', os));
      assert.ok(unsupportedSize('Standard_L8s_v3', os));
      assert.equal(unsupportedSize('Standard_D4ds_v5', os), undefined);
    }
  });

  it('memory: table for common families, unknown sizes give nothing', () => {
    assert.equal(memoryGib('Standard_D2s_v3'), 8);
    assert.equal(memoryGib('Standard_D2ls_v5'), 4);
    assert.equal(memoryGib('Standard_E2s_v5'), 16);
    assert.equal(memoryGib('Standard_F2s_v2'), 4);
    assert.equal(memoryGib('Standard_B1s'), 1);
    assert.equal(memoryGib('Standard_DS1_v2'), 3.5);
    assert.equal(memoryGib('Standard_NC6'), undefined);
    assert.equal(memoryShortfall('Standard_D2ls_v5', 'Linux', 'All')?.gb, 8);
    assert.equal(memoryShortfall('Standard_D2ls_v5', 'Linux', 'Data'), undefined);
    assert.equal(memoryShortfall('Standard_B1s', 'Windows', 'All')?.gb, 2);
    assert.equal(memoryShortfall('Standard_B1ms', 'Windows', 'All'), undefined);
    assert.equal(memoryShortfall('Standard_NC6', 'Linux', 'All'), undefined);
  });

  it('Key Vault URLs: port and Managed HSM are visible', () => {
    assert.equal(parseKeyVaultUrl('https://v.vault.azure.net:443/')?.port, '443');
    assert.equal(parseKeyVaultUrl('https://v.vault.azure.net/')?.port, undefined);
    assert.equal(parseKeyVaultUrl('https://p.managedhsm.azure.net/keys/k/1')?.managedHsm, true);
    assert.equal(parseKeyVaultUrl('https://example.com/'), undefined);
    assert.ok(imageNeeds3072BitKek('WindowsServer', '2022-datacenter-azure-edition'));
    assert.ok(imageNeeds3072BitKek('windows-11', 'win11-24h2-pro'));
    assert.equal(imageNeeds3072BitKek('WindowsServer', '2025-datacenter'), false);
  });

  it('volume types per OS, host and operation', () => {
    const v = (q: Parameters<typeof volumeTypeVerdict>[0]) => volumeTypeVerdict(q);
    assert.equal(v({ os: 'Linux', host: 'vmss', operation: 'enable', volumeType: 'All' }).ok, false);
    assert.equal(v({ os: 'Linux', host: 'vmss', operation: 'enable', volumeType: 'Data' }).ok, true);
    const osEnc = v({ os: 'Linux', host: 'vm', operation: 'disable', volumeType: 'Data', osVolumeEncrypted: true });
    assert.ok(!osEnc.ok && osEnc.code === 'linuxDisableOsEncrypted');
    assert.equal(
      v({ os: 'Linux', host: 'vm', operation: 'disable', volumeType: 'Data', osVolumeEncrypted: false }).ok,
      true,
    );
    const winData = v({ os: 'Windows', host: 'vm', operation: 'enable', volumeType: 'Data', osVolumeEncrypted: false });
    assert.ok(!winData.ok && winData.severity === 'error');
    assert.equal(
      v({ os: 'Windows', host: 'vm', operation: 'enable', volumeType: 'Data', osVolumeEncrypted: true }).ok,
      true,
    );
  });

  it('migration paths', () => {
    assert.equal(migrationPath({ os: 'Linux', everAde: true, osVolumeEncrypted: true }).path, 'newVmFileCopy');
    assert.equal(migrationPath({ os: 'Linux', everAde: true, osVolumeEncrypted: false }).path, 'uploadCopy');
    assert.equal(migrationPath({ os: 'Windows', everAde: true, osVolumeEncrypted: true }).path, 'uploadCopy');
    assert.equal(migrationPath({ os: 'Windows', everAde: false, osVolumeEncrypted: false }).path, 'enableInPlace');
  });
});
