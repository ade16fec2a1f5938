import * as assert from 'node:assert/strict';
import type { EncryptionState } from '../../../src/azure/state/types';
import { guidProblem, PRESETS } from '../../../src/vscode/wizards/access/model';
import { disableRefusal, disableVolumeChoices } from '../../../src/vscode/wizards/disable/wizard';
import {
  enableRefusal,
  keyNameProblem,
  vaultPickItems,
  volumeChoices,
  volumeNote,
} from '../../../src/vscode/wizards/enable/model';
import { eligibility, fleetReport, vmMigrationMarkdown } from '../../../src/vscode/wizards/migrate/report';
import { keyParts } from '../../../src/vscode/wizards/rotate/wizard';
import type { TargetInfo, VaultInfo } from '../../../src/vscode/wizards/services';
import { objectIdFromToken } from '../../../src/vscode/wizards/services';

const SUB = '4f6c1a52-8d3e-4b7a-9c21-5e0d7f3a9b10';

function state(summary: EncryptionState['summary'], extra: Partial<EncryptionState> = {}): EncryptionState {
  return {
    summary,
    os: 'Linux',
    label: summary,
    osDiskEncrypted: undefined,
    dataDisksEncrypted: undefined,
    encryptionAtHost: summary === 'encryptionAtHost',
    disks: [],
    keys: { vaultIds: [], keyVaultUrls: [], keyEncryptionKeyUrls: [], diskEncryptionSetIds: [] },
    needsInstanceView: false,
    basis: 'model',
    problems: [],
    ...extra,
  } as EncryptionState;
}

function target(over: Partial<TargetInfo> = {}): TargetInfo {
  return {
    id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1`,
    name: 'vm1',
    kind: 'vm',
    os: 'Linux',
    location: 'eastus',
    subscriptionId: SUB,
    resourceGroup: 'rg',
    state: state('none'),
    dataDiskCount: 1,
    ...over,
  };
}

function vault(name: string, location: string, sub = SUB): VaultInfo {
  return {
    id: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/${name}`,
    name,
    location,
    subscriptionId: sub,
    resourceGroup: 'rg',
    premium: false,
    rbac: false,
    model: { location, properties: { tenantId: 't', sku: { family: 'A', name: 'standard' } } },
  };
}

describe('enable wizard rules', () => {
  it('refuses encryption at host, disk encryption sets, legacy ADE and running operations', () => {
    assert.match(enableRefusal(target({ state: state('encryptionAtHost') })) ?? '', /encryption at host/);
    assert.match(enableRefusal(target({ state: state('sseCustomerKey') })) ?? '', /disk encryption set/);
    assert.match(enableRefusal(target({ state: state('legacyAad') })) ?? '', /Microsoft Entra/);
    assert.equal(enableRefusal(target()), undefined);
  });

  it('lists vaults in the same region and subscription first; others refused with the reason', () => {
    const items = vaultPickItems(target(), [
      vault('kv-west', 'westeurope'),
      vault('kv-east', 'East US'),
      vault('kv-other', 'eastus', '9b2d7e41-0000-0000-0000-000000000000'),
    ]);
    const names = items
      .filter((i) => !i.separator)
      .map((i) => [i.label.replace('$(key) ', ''), i.disabledReason ? 'off' : 'on']);
    assert.deepEqual(names, [
      ['kv-east', 'on'],
      ['kv-other', 'off'],
      ['kv-west', 'off'],
    ]);
    assert.match(items.find((i) => i.label.includes('kv-west'))?.description ?? '', /^different region: westeurope/);
    assert.match(items.find((i) => i.label.includes('kv-other'))?.description ?? '', /^different subscription/);
  });

  it('offers the volume types ADE allows per OS and target', () => {
    assert.deepEqual(
      volumeChoices('Linux', 'vmss', 1).map((c) => c.volumeType),
      ['DATA'],
    );
    assert.deepEqual(
      volumeChoices('Linux', 'vm', 1).map((c) => c.volumeType),
      ['ALL', 'OS', 'DATA'],
    );
    assert.deepEqual(
      volumeChoices('Linux', 'vm', 0).map((c) => c.volumeType),
      ['OS', 'ALL'],
    );
    assert.deepEqual(
      volumeChoices('Windows', 'vm', 1).map((c) => c.volumeType),
      ['ALL', 'OS'],
    );
    assert.match(volumeChoices('Linux', 'vm', 1)[2]?.description ?? '', /OS disk stays unencrypted/);
    assert.match(volumeNote('Linux', 'DATA', 1) ?? '', /leaves the OS disk unencrypted/);
  });

  it('validates key names as typed', () => {
    assert.equal(keyNameProblem('kek-1'), undefined);
    assert.match(keyNameProblem('kek 1') ?? '', /letters, digits and dashes/);
    assert.match(keyNameProblem('KEK-1', ['kek-1']) ?? '', /already exists/);
    assert.match(keyNameProblem('') ?? '', /Enter a key name/);
  });
});

describe('access wizard rules', () => {
  it('accepts GUID object ids only', () => {
    assert.equal(guidProblem('6a1e3c6d-1111-4c2b-9a55-0b1f2c3d4e01'), undefined);
    assert.match(guidProblem('6a1e3c6d') ?? '', /not a GUID/);
    assert.match(guidProblem(' ') ?? '', /Enter an object id/);
  });

  it('has the documented Azure Backup permissions and a role for every preset but custom', () => {
    const backup = PRESETS.find((p) => p.id === 'backup');
    assert.deepEqual(backup?.keys, ['get', 'list', 'backup']);
    assert.deepEqual(backup?.secrets, ['get', 'list', 'backup']);
    // RBAC vaults: the backup docs name Key Vault Administrator (or a custom role with five data actions).
    assert.deepEqual(backup?.roles, ['Key Vault Administrator']);
    assert.doesNotMatch(backup?.roleWhy ?? '', /does not document/);
    for (const a of ['keys/backup', 'secrets/backup', 'secrets/getSecret', 'keys/read', 'secrets/readMetadata'])
      assert.ok(backup?.roleWhy.includes(a), a);
    assert.match(backup?.roleWhy ?? '', /backup-azure-vms-encryption/);
    for (const p of PRESETS) assert.equal(p.roles.length > 0, p.id !== 'custom', p.id);
  });

  it('reads the object id from a token', () => {
    const payload = Buffer.from(JSON.stringify({ oid: 'abc' })).toString('base64url');
    assert.equal(objectIdFromToken(`x.${payload}.y`), 'abc');
    assert.equal(objectIdFromToken('sandbox-token'), undefined);
  });
});

describe('disable and rotate rules', () => {
  it('Linux decrypts data only; Windows all or OS', () => {
    const linux = disableVolumeChoices(target());
    assert.deepEqual(
      linux.filter((i) => !i.disabledReason).map((i) => i.value),
      ['DATA'],
    );
    assert.deepEqual(
      disableVolumeChoices(target({ os: 'Windows' })).map((i) => i.value),
      ['ALL', 'OS'],
    );
    assert.match(disableRefusal(target()) ?? '', /not enabled/);
  });

  it('splits key URLs', () => {
    assert.deepEqual(keyParts('https://kv.vault.azure.net/keys/kek/abc'), { name: 'kek', version: 'abc' });
    assert.deepEqual(keyParts('https://kv.vault.azure.net/keys/kek'), { name: 'kek' });
  });
});

describe('disable wizard: Linux with an encrypted OS volume', () => {
  const osDisk = (adeStatus: 'encrypted' | 'notEncrypted', statusSource: 'instanceView' | 'diskStamp') => ({
    name: 'os',
    role: 'os' as const,
    adeStatus,
    statusSource,
    adeStamped: true,
    sse: 'platformKey' as const,
  });
  it('is refused with the handler message when the instance view says the OS volume is encrypted', () => {
    const t = target({
      state: state('encrypted', {
        disks: [osDisk('encrypted', 'instanceView')],
        ade: { name: 'ade', type: 'AzureDiskEncryptionForLinux', legacy: false, installed: true },
      } as Partial<EncryptionState>),
    });
    assert.match(disableRefusal(t) ?? '', /Disabling encryption is not supported when OS volume is encrypted/);
  });
  it('is allowed when the OS volume is not encrypted (data volumes only)', () => {
    const t = target({
      state: state('osNotEncrypted', {
        disks: [osDisk('notEncrypted', 'instanceView')],
        ade: { name: 'ade', type: 'AzureDiskEncryptionForLinux', legacy: false, installed: true },
      } as Partial<EncryptionState>),
    });
    assert.equal(disableRefusal(t), undefined);
  });
});

describe('migration report', () => {
  const now = new Date('2026-11-29T00:00:00Z');
  const ade = (volumeType: string, osEnc: boolean) =>
    target({
      state: state('encrypted', {
        osDiskEncrypted: osEnc,
        ade: { name: 'ade', type: 'AzureDiskEncryptionForLinux', legacy: false, installed: true, volumeType },
        retirement: { date: '2028-09-15', daysLeft: 656, message: '' },
      } as Partial<EncryptionState>),
    });

  it('ADE VMs must move; a Linux VM with an encrypted OS disk needs a new VM', () => {
    const e = eligibility(ade('All', true), now);
    assert.equal(e.mustMigrate, true);
    assert.equal(e.needsNewVm, true);
    assert.equal(e.inPlace, false);
    assert.equal(e.daysLeft, 656);
    assert.match(vmMigrationMarkdown(e), /## Steps/);
    const data = eligibility(ade('Data', false), now);
    assert.equal(data.needsNewVm, false);
  });

  it('Linux with an encrypted OS disk: new VM and a file-level copy, never an upload-copy of its disks', () => {
    const e = eligibility(ade('All', true), now);
    assert.equal(e.path, 'newVmFileCopy');
    const md = vmMigrationMarkdown(e);
    assert.match(md, /scp|rsync/);
    assert.doesNotMatch(md, /downloading each disk/);
  });

  it('decrypted with the extension removed ("had ADE"): never "in place"', () => {
    const e = eligibility(
      target({
        os: 'Windows',
        state: state('hadAde', { everAde: true, osDiskEncrypted: false } as Partial<EncryptionState>),
      }),
      now,
    );
    assert.equal(e.inPlace, false);
    assert.equal(e.path, 'uploadCopy');
    const md = vmMigrationMarkdown(e);
    assert.match(md, /Encryption at host in place \| no/);
    assert.doesNotMatch(md, /encryptionAtHost=true/);
  });

  it('a VM that never had ADE can turn encryption at host on in place', () => {
    const e = eligibility(target(), now);
    assert.equal(e.mustMigrate, false);
    assert.equal(e.inPlace, true);
    assert.match(vmMigrationMarkdown(e), /encryptionAtHost=true/);
  });

  it('the fleet report lists only the VMs that must move', () => {
    const all = [eligibility(ade('All', true), now), eligibility(target({ name: 'plain' }), now)];
    const json = JSON.parse(fleetReport(all, now, 'json')) as { mustMigrate: unknown[]; total: number };
    assert.equal(json.mustMigrate.length, 1);
    assert.equal(json.total, 2);
    assert.match(fleetReport(all, now, 'markdown'), /1 of 2 VMs/);
  });
});
