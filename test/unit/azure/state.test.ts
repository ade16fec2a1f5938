import * as assert from 'node:assert/strict';
import {
  encryptionState,
  parseAdeStatusWord,
  retirementNotice,
  scaleSetEncryptionState,
  scaleSetShowStatus,
  vmShowStatus,
  type ShowStatusLegacyAde,
  type ShowStatusNewAde,
} from '../../../src/azure/state';
import { KEK_URL, NOW, VAULT_ID, adeSettings, disks, instanceView, vm } from './fixtures';

describe('encryptionState (models only)', () => {
  it('Windows ADE with KEK, all disks stamped → stamped (not encrypted), with vault and KEK references and retirement', () => {
    const m = vm({
      os: 'Windows',
      dataDisks: 1,
      ext: { settings: adeSettings('All', { KeyEncryptionKeyURL: KEK_URL, KekVaultResourceId: VAULT_ID }) },
    });
    const s = encryptionState(m, undefined, disks(m, ['os', 'data0'], { kek: true }), { now: NOW });
    // Stamped settings say the settings were written, not that the volumes are encrypted.
    assert.equal(s.summary, 'stamped');
    assert.match(s.label, /stamped/);
    assert.notEqual(s.osDiskEncrypted, true);
    assert.equal(s.basis, 'model');
    assert.equal(s.needsInstanceView, true);
    assert.equal(s.everAde, true);
    assert.deepEqual(s.keys.vaultIds, [VAULT_ID.toLowerCase()]);
    assert.deepEqual(s.keys.keyEncryptionKeyUrls, [KEK_URL]);
    assert.ok(s.retirement);
    assert.equal(s.retirement.date, '2028-09-15');
    assert.equal(s.retirement.daysLeft, 656);
    assert.ok(s.ade && !s.ade.legacy && s.ade.installed);
    assert.deepEqual(
      s.disks.map((d) => [d.role, d.adeStatus, d.statusSource]),
      [
        ['os', 'unknown', 'diskStamp'],
        ['data', 'unknown', 'diskStamp'],
      ],
    );
  });

  it('Linux VolumeType Data → osNotEncrypted once the instance view says so; stamped before', () => {
    const m = vm({ os: 'Linux', dataDisks: 2, ext: { settings: adeSettings('Data') } });
    assert.equal(encryptionState(m, undefined, disks(m, ['data0', 'data1']), { now: NOW }).summary, 'stamped');
    const iv = instanceView(m, { os: 'notEncrypted', data0: 'encrypted', data1: 'encrypted' }, {});
    const s = encryptionState(m, iv, disks(m, ['data0', 'data1']), { now: NOW });
    assert.equal(s.summary, 'osNotEncrypted');
    assert.equal(s.osDiskEncrypted, false);
    assert.equal(s.dataDisksEncrypted, true);
  });

  it('OS stamped but a data disk added later is not → dataNotEncrypted', () => {
    const m = vm({ os: 'Windows', dataDisks: 2, ext: { settings: adeSettings('All') } });
    const iv = instanceView(m, { os: 'encrypted', data0: 'encrypted', data1: 'notEncrypted' }, {});
    const s = encryptionState(m, iv, disks(m, ['os', 'data0']), { now: NOW });
    assert.equal(s.summary, 'dataNotEncrypted');
    assert.match(s.label, /1 of 2 data disk/);
  });

  it('no extension, no stamps → none (platform-managed keys)', () => {
    const m = vm({ os: 'Linux' });
    const s = encryptionState(m, undefined, disks(m, []), { now: NOW });
    assert.equal(s.summary, 'none');
    assert.equal(s.ade, undefined);
    assert.equal(s.disks[0]?.sse, 'platformKey');
    assert.equal(s.retirement, undefined);
  });

  it('encryption at host → encryptionAtHost', () => {
    const m = vm({ os: 'Windows', dataDisks: 1, encryptionAtHost: true });
    assert.equal(encryptionState(m, undefined, disks(m, []), { now: NOW }).summary, 'encryptionAtHost');
  });

  it('disk encryption set (from VM model or disk type) → sseCustomerKey', () => {
    const des = `/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des1`;
    const m = vm({ os: 'Linux', dataDisks: 1, desId: des });
    const s = encryptionState(m, undefined, disks(m, [], { type: 'EncryptionAtRestWithCustomerKey' }), { now: NOW });
    assert.equal(s.summary, 'sseCustomerKey');
    assert.deepEqual(s.keys.diskEncryptionSetIds, [des.toLowerCase()]);
    const m2 = vm({ os: 'Linux', dataDisks: 0 });
    const s2 = encryptionState(m2, undefined, disks(m2, [], { type: 'EncryptionAtRestWithPlatformAndCustomerKeys' }), {
      now: NOW,
    });
    assert.equal(s2.summary, 'sseCustomerKey');
    assert.equal(s2.disks[0]?.sse, 'platformAndCustomerKey');
  });

  it('extension not in a final state → inProgress and asks for the instance view', () => {
    const m = vm({ os: 'Linux', dataDisks: 1, ext: { provisioningState: 'Creating', settings: adeSettings('All') } });
    const s = encryptionState(m, undefined, disks(m, []), { now: NOW });
    assert.equal(s.summary, 'inProgress');
    assert.equal(s.needsInstanceView, true);
  });

  it('extension failed → failed with the extension message; final, so no instance view needed', () => {
    const m = vm({
      os: 'Windows',
      ext: {
        provisioningState: 'Failed',
        settings: adeSettings('All'),
        instanceView: {
          statuses: [
            { code: 'ProvisioningState/failed', level: 'Error', message: 'Failed to send DiskEncryptionData' },
          ],
        },
      },
    });
    const s = encryptionState(m, undefined, disks(m, []), { now: NOW });
    assert.equal(s.summary, 'failed');
    assert.ok(s.summary === 'failed' && s.error.includes('DiskEncryptionData'));
    assert.ok(s.summary === 'failed' && /enabled for disk encryption/.test(s.hint ?? ''));
    assert.equal(s.needsInstanceView, false);
  });

  it('legacy AAD: osDisk.encryptionSettings, or extension major 1 (Windows) / 0 (Linux) → legacyAad', () => {
    const stamped = vm({
      os: 'Windows',
      dataDisks: 1,
      legacyOsStamp: true,
      ext: { typeHandlerVersion: '1.1', settings: adeSettings('All', { AADClientID: 'app' }) },
    });
    const s1 = encryptionState(stamped, undefined, disks(stamped, []), { now: NOW });
    assert.equal(s1.summary, 'legacyAad');
    assert.equal(s1.disks[0]?.adeStamped, true);
    assert.equal(s1.disks[0]?.secretUrl, 'https://kv-test.vault.azure.net/secrets/bek/1');
    const win11 = vm({ os: 'Windows', ext: { typeHandlerVersion: '1.1', settings: adeSettings('All') } });
    assert.equal(encryptionState(win11, undefined, disks(win11, ['os']), { now: NOW }).summary, 'legacyAad');
    const lin01 = vm({ os: 'Linux', ext: { typeHandlerVersion: '0.1', settings: adeSettings('OS') } });
    assert.equal(encryptionState(lin01, undefined, disks(lin01, ['os']), { now: NOW }).summary, 'legacyAad');
    const lin11 = vm({ os: 'Linux', ext: { typeHandlerVersion: '1.1', settings: adeSettings('OS') } });
    assert.equal(encryptionState(lin11, undefined, disks(lin11, ['os']), { now: NOW }).summary, 'stamped');
  });

  it('extension succeeded but nothing stamped → unknown, asks for the instance view', () => {
    const m = vm({ os: 'Windows', ext: { settings: adeSettings('All') } });
    const s = encryptionState(m, undefined, disks(m, []), { now: NOW });
    assert.equal(s.summary, 'unknown');
    assert.equal(s.needsInstanceView, true);
  });

  it('after DisableEncryption with no stamps left → hadAde, extension info kept', () => {
    const m = vm({
      os: 'Windows',
      dataDisks: 1,
      ext: { settings: { VolumeType: 'ALL', EncryptionOperation: 'DisableEncryption', SequenceVersion: 's' } },
    });
    const s = encryptionState(m, undefined, disks(m, []), { now: NOW });
    assert.equal(s.summary, 'hadAde');
    assert.equal(s.ade?.encryptionOperation, 'DisableEncryption');
  });

  it('stamps without the extension → still ADE, with a problem noted', () => {
    const m = vm({ os: 'Windows' });
    const s = encryptionState(m, undefined, disks(m, ['os']), { now: NOW });
    assert.equal(s.summary, 'stamped');
    assert.ok(s.problems.some((p) => /not installed/.test(p)));
  });

  it('ADE together with encryption at host → ADE state plus a conflict problem', () => {
    const m = vm({ os: 'Windows', encryptionAtHost: true, ext: { settings: adeSettings('All') } });
    const s = encryptionState(m, undefined, disks(m, ['os']), { now: NOW });
    assert.equal(s.summary, 'stamped');
    assert.ok(s.problems.some((p) => /encryption at host/.test(p)));
  });

  it('never "encrypted" without instance-view evidence (stamped ≠ encrypted)', () => {
    for (const os of ['Windows', 'Linux'] as const) {
      const m = vm({ os, dataDisks: 1, ext: { settings: adeSettings('All') } });
      const s = encryptionState(m, undefined, disks(m, ['os', 'data0']), { now: NOW });
      assert.notEqual(s.summary, 'encrypted', os);
      assert.ok(
        s.disks.every((d) => d.adeStatus !== 'encrypted'),
        os,
      );
      const v = encryptionState(
        m,
        instanceView(m, { os: 'encrypted', data0: 'encrypted' }, {}),
        disks(m, ['os', 'data0']),
        {
          now: NOW,
        },
      );
      assert.equal(v.summary, 'encrypted', os);
    }
  });

  it('decrypted with the extension removed: disks keep encryptionSettingsVersion → hadAde, everAde', () => {
    const m = vm({ os: 'Windows', dataDisks: 1 });
    const ds = disks(m, ['os', 'data0']).map((d) => ({
      ...d,
      encryptionSettingsCollection: { enabled: false, encryptionSettings: [], encryptionSettingsVersion: '1.1' },
    }));
    const s = encryptionState(m, undefined, ds, { now: NOW });
    assert.equal(s.summary, 'hadAde');
    assert.equal(s.everAde, true);
    assert.match(s.label, /Had ADE/);
    const never = encryptionState(m, undefined, disks(m, []), { now: NOW });
    assert.equal(never.summary, 'none');
    assert.equal(never.everAde, false);
  });
});

describe('encryptionState (with instance view, as az vm encryption show)', () => {
  it('per-disk EncryptionState codes win over stamps', () => {
    const m = vm({ os: 'Windows', dataDisks: 1, ext: { settings: adeSettings('All') } });
    const iv = instanceView(m, { os: 'encrypted', data0: 'notEncrypted' }, { message: 'ok' });
    const s = encryptionState(m, iv, disks(m, ['os', 'data0']), { now: NOW });
    assert.equal(s.basis, 'instanceView');
    assert.equal(s.summary, 'dataNotEncrypted');
    assert.equal(s.disks[1]?.statusCode, 'EncryptionState/notEncrypted');
    assert.equal(s.disks[1]?.statusSource, 'instanceView');
  });

  it('a disk in EncryptionInProgress → inProgress; VMRestartPending → inProgress with restart label', () => {
    const m = vm({ os: 'Linux', dataDisks: 1, ext: { settings: adeSettings('All') } });
    const s = encryptionState(
      m,
      instanceView(m, { os: 'encryptionInProgress', data0: 'encrypted' }, {}),
      disks(m, ['os', 'data0']),
      { now: NOW },
    );
    assert.equal(s.summary, 'inProgress');
    const r = encryptionState(
      m,
      instanceView(m, { os: 'VMRestartPending', data0: 'encrypted' }, {}),
      disks(m, ['os', 'data0']),
      { now: NOW },
    );
    assert.equal(r.summary, 'inProgress');
    assert.match(r.label, /restart/i);
  });

  it('Linux substatus JSON {os, data} fills in disks without EncryptionState statuses', () => {
    const m = vm({ os: 'Linux', dataDisks: 1, ext: { settings: adeSettings('Data') } });
    const iv = instanceView(m, {}, { substatus: JSON.stringify({ os: 'NotEncrypted', data: 'Encrypted' }) });
    const s = encryptionState(m, iv, disks(m, []), { now: NOW });
    assert.equal(s.summary, 'osNotEncrypted');
    assert.equal(s.disks[0]?.statusSource, 'extensionSubstatus');
  });

  it('status words map like the SDK vocabulary', () => {
    assert.equal(parseAdeStatusWord('EncryptionState/encrypted'), 'encrypted');
    assert.equal(parseAdeStatusWord('EncryptionState/notEncrypted'), 'notEncrypted');
    assert.equal(parseAdeStatusWord('EncryptionInProgress'), 'inProgress');
    assert.equal(parseAdeStatusWord('NotMounted'), 'notMounted');
    assert.equal(parseAdeStatusWord('whatever'), 'unknown');
  });

  it('retirement countdown is 0 after the date', () => {
    assert.equal(retirementNotice(new Date('2029-01-01T00:00:00Z')).daysLeft, 0);
  });
});

describe('vmShowStatus (az vm encryption show shape)', () => {
  it('new ADE → {status, substatus, disks[{name, encryptionSettings, statuses(EncryptionState*)}]}', () => {
    const m = vm({ os: 'Windows', dataDisks: 1, ext: { settings: adeSettings('All') } });
    const iv = instanceView(m, { os: 'encrypted', data0: 'encrypted' }, { message: 'Encryption succeeded' });
    const out = vmShowStatus(m, iv) as ShowStatusNewAde;
    assert.deepEqual(Object.keys(out).sort(), ['disks', 'status', 'substatus']);
    assert.equal(out.status?.[0]?.message, 'Encryption succeeded');
    assert.equal(out.disks.length, 2);
    assert.deepEqual(
      out.disks[0]?.statuses.map((x) => x.code),
      ['EncryptionState/encrypted'],
    );
    assert.deepEqual(Object.keys(out.disks[0] ?? {}).sort(), ['encryptionSettings', 'name', 'statuses']);
    // The CLI prints `"substatus": null` when the extension reports no substatus (Windows ADE).
    assert.equal(JSON.parse(JSON.stringify(out)).substatus, null);
  });

  it('legacy Windows → {osDisk, osDiskEncryptionSettings, dataDisk, osType, progressMessage}', () => {
    const m = vm({
      os: 'Windows',
      dataDisks: 1,
      legacyOsStamp: true,
      ext: { typeHandlerVersion: '1.1', settings: { ...adeSettings('All'), EncryptionOperation: 'EnableEncryption' } },
    });
    const out = vmShowStatus(m, instanceView(m, {}, { message: 'done' })) as ShowStatusLegacyAde;
    assert.equal(out.osDisk, 'Encrypted');
    assert.equal(out.dataDisk, 'Encrypted');
    assert.equal(out.osType, 'Windows');
    assert.equal(out.progressMessage, 'done');
  });

  it('legacy Linux reads the substatus JSON, Unknown when absent', () => {
    const m = vm({ os: 'Linux', ext: { typeHandlerVersion: '0.1', settings: adeSettings('OS') } });
    const out = vmShowStatus(
      m,
      instanceView(m, {}, { substatus: JSON.stringify({ os: 'Encrypted', data: 'NotMounted' }) }),
    ) as ShowStatusLegacyAde;
    assert.equal(out.osDisk, 'Encrypted');
    assert.equal(out.dataDisk, 'NotMounted');
    const none = vmShowStatus(m, instanceView(m, {}, {})) as ShowStatusLegacyAde;
    assert.equal(none.osDisk, 'Unknown');
  });

  it('no ADE → undefined; scale-set instances → [{id, disks}]', () => {
    const m = vm({ os: 'Linux' });
    assert.equal(vmShowStatus(m, instanceView(m, {})), undefined);
    const out = scaleSetShowStatus([
      { id: 'i0', location: 'eastus', instanceView: instanceView(m, { os: 'notEncrypted' }) },
    ]);
    assert.deepEqual(
      out[0]?.disks[0]?.statuses.map((s) => s.code),
      ['EncryptionState/notEncrypted'],
    );
    assert.equal(out[0]?.id, 'i0');
    // `az vmss encryption show` defaults a disk's missing encryptionSettings to [].
    assert.deepEqual(out[0]?.disks[0]?.encryptionSettings, []);
  });
});

describe('scaleSetEncryptionState', () => {
  const ss = (
    os: 'Windows' | 'Linux',
    settings?: Record<string, string>,
    extra: { eah?: boolean; provisioningState?: string } = {},
  ) => ({
    id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/ss',
    name: 'ss',
    location: 'eastus',
    virtualMachineProfile: {
      securityProfile: { encryptionAtHost: extra.eah ?? false },
      storageProfile: {
        osDisk: { osType: os, createOption: 'FromImage' },
        dataDisks: [{ lun: 0, createOption: 'Empty' }],
      },
      extensionProfile: {
        extensions: settings
          ? [
              {
                name: os === 'Linux' ? 'AzureDiskEncryptionForLinux' : 'AzureDiskEncryption',
                publisher: 'Microsoft.Azure.Security',
                typePropertiesType: os === 'Linux' ? 'AzureDiskEncryptionForLinux' : 'AzureDiskEncryption',
                typeHandlerVersion: os === 'Linux' ? '1.1' : '2.2',
                provisioningState: extra.provisioningState ?? 'Succeeded',
                settings,
              },
            ]
          : [],
      },
    },
  });

  it('Linux DATA → osNotEncrypted; Windows ALL → encrypted; none; EaH', () => {
    assert.equal(scaleSetEncryptionState(ss('Linux', adeSettings('Data')), { now: NOW }).summary, 'osNotEncrypted');
    assert.equal(scaleSetEncryptionState(ss('Windows', adeSettings('ALL')), { now: NOW }).summary, 'encrypted');
    assert.equal(scaleSetEncryptionState(ss('Windows'), { now: NOW }).summary, 'none');
    assert.equal(
      scaleSetEncryptionState(ss('Windows', undefined, { eah: true }), { now: NOW }).summary,
      'encryptionAtHost',
    );
    assert.equal(
      scaleSetEncryptionState(ss('Windows', adeSettings('ALL'), { provisioningState: 'Updating' }), { now: NOW })
        .summary,
      'inProgress',
    );
  });

  it('Linux scale set with VolumeType ALL is flagged as unsupported', () => {
    const s = scaleSetEncryptionState(ss('Linux', adeSettings('All')), { now: NOW });
    assert.ok(s.problems.some((p) => /data disks only/.test(p)));
    // Never summarised as "OS and data disks": Linux scale sets cannot encrypt the OS volume.
    assert.notEqual(s.summary, 'encrypted');
    assert.equal(s.osDiskEncrypted, false);
    assert.doesNotMatch(s.label, /OS and data/);
    assert.notEqual(scaleSetEncryptionState(ss('Linux', adeSettings('OS')), { now: NOW }).summary, 'dataNotEncrypted');
  });
});
