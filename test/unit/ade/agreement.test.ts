// Every OS × size × volume type × operation through the linter, preflight and the sandbox: the three are written
// separately (the sandbox from the handler and Learn pages, the product from src/ade), so where they disagree one
// of them has a fact wrong. Client-side refusals of the Azure CLI (preflight checks with source 'cli') are not the
// extension's and are left out of the comparison.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { VirtualMachine, VirtualMachineExtension, VirtualMachineScaleSet } from '@azure/arm-compute';
import type { Vault } from '@azure/arm-keyvault';
import { runPreflight, type PreflightReport } from '../../../src/azure/preflight';
import { createSandbox, type ScenarioData } from '../../../src/sandbox';
import { adeTemplate } from '../analysis/rules/ade-template';
import { getRule, run } from '../analysis/rules/helpers';
import { clientsFor, type Clients } from '../sandbox/helpers';

const SUB = '11111111-aaaa-4aaa-8aaa-000000000001';
const RG = 'rg-agree';
const OSES = ['Windows', 'Linux'] as const;
const VOLUME_TYPES = ['OS', 'Data', 'All'] as const;
/** Supported and unsupported sizes, small and large memory, and one size no table knows. */
const SIZES = [
  'Standard_D4s_v5',
  'Standard_D2ls_v5',
  'Standard_B1s',
  'Standard_B2s',
  'Standard_D4ds_v6',
  'Standard_D4s_v6',
  'Standard_A2_v2',
  'Standard_D4s_v7',
  'Standard_L8s_v3',
  'Standard_NC6s_v3',
];

type Os = (typeof OSES)[number];
type Vt = (typeof VOLUME_TYPES)[number];

interface Case {
  readonly name: string;
  readonly os: Os;
  readonly size: string;
  readonly host: 'vm' | 'vmss';
  readonly operation: 'enable' | 'disable';
  readonly volumeType: Vt;
  /** Disable cases: the volume type the VM was encrypted with first. */
  readonly encryptedWith?: Vt;
}

const cases: Case[] = [];
for (const os of OSES) {
  for (const size of SIZES) {
    for (const volumeType of VOLUME_TYPES) {
      cases.push({ name: `v${cases.length}`, os, size, host: 'vm', operation: 'enable', volumeType });
    }
  }
  for (const volumeType of VOLUME_TYPES) {
    cases.push({
      name: `s${cases.length}`,
      os,
      size: 'Standard_D4s_v5',
      host: 'vmss',
      operation: 'enable',
      volumeType,
    });
  }
  for (const encryptedWith of ['All', 'Data'] as const) {
    for (const volumeType of VOLUME_TYPES) {
      cases.push({
        name: `d${cases.length}`,
        os,
        size: 'Standard_D4s_v5',
        host: 'vm',
        operation: 'disable',
        volumeType,
        encryptedWith,
      });
    }
  }
}

const vaultId = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.KeyVault/vaults/kv-agree`;

const scenario: ScenarioData = {
  subscriptions: [
    {
      subscriptionId: SUB,
      displayName: 'Agreement',
      tenantId: '33333333-cccc-4ccc-8ccc-000000000003',
      resourceGroups: [
        {
          name: RG,
          location: 'eastus',
          vaults: [{ name: 'kv-agree', enabledForDiskEncryption: true, enablePurgeProtection: true }],
          vms: cases
            .filter((c) => c.host === 'vm')
            .map((c) => ({ name: c.name, os: c.os, size: c.size, dataDisks: 1 })),
          scaleSets: cases
            .filter((c) => c.host === 'vmss')
            .map((c) => ({ name: c.name, os: c.os, size: c.size, capacity: 1, dataDisks: 1 })),
        },
      ],
    },
  ],
};

function extension(c: Case, operation: 'enable' | 'disable', volumeType: Vt): VirtualMachineExtension {
  return {
    location: 'eastus',
    publisher: 'Microsoft.Azure.Security',
    typePropertiesType: c.os === 'Windows' ? 'AzureDiskEncryption' : 'AzureDiskEncryptionForLinux',
    typeHandlerVersion: c.os === 'Windows' ? '2.2' : '1.1',
    autoUpgradeMinorVersion: true,
    settings:
      operation === 'enable'
        ? {
            KeyVaultURL: 'https://kv-agree.vault.azure.net/',
            KeyVaultResourceId: vaultId,
            VolumeType: volumeType,
            EncryptionOperation: 'EnableEncryption',
            SequenceVersion: randomUUID(),
          }
        : { VolumeType: volumeType, EncryptionOperation: 'DisableEncryption', SequenceVersion: randomUUID() },
  };
}

/** Whether the sandbox's extension fails the request. */
async function sandboxRefuses(cl: Clients, c: Case): Promise<boolean> {
  const extName = c.os === 'Windows' ? 'AzureDiskEncryption' : 'AzureDiskEncryptionForLinux';
  const put = (ext: VirtualMachineExtension) =>
    c.host === 'vm'
      ? cl.compute.virtualMachineExtensions.beginCreateOrUpdateAndWait(RG, c.name, extName, ext)
      : cl.compute.virtualMachineScaleSetExtensions.beginCreateOrUpdateAndWait(RG, c.name, extName, {
          publisher: ext.publisher,
          typePropertiesType: ext.typePropertiesType,
          typeHandlerVersion: ext.typeHandlerVersion,
          settings: ext.settings,
        });
  if (c.encryptedWith) {
    await put(extension(c, 'enable', c.encryptedWith));
    cl.sb.advance(600);
  }
  try {
    await put(extension(c, c.operation, c.volumeType));
    cl.sb.advance(600);
    return false;
  } catch {
    return true;
  }
}

/** Error-level findings of the rules that own sizes, memory and volume types. */
async function linterRefuses(c: Case): Promise<boolean> {
  const text = adeTemplate({
    os: c.os,
    size: c.size,
    host: c.host,
    settings:
      c.operation === 'enable'
        ? {
            EncryptionOperation: 'EnableEncryption',
            KeyVaultURL: 'https://kvade.vault.azure.net/',
            KeyVaultResourceId: "[resourceId('Microsoft.KeyVault/vaults', 'kvade')]",
            VolumeType: c.volumeType,
          }
        : { EncryptionOperation: 'DisableEncryption', VolumeType: c.volumeType },
  });
  for (const id of ['ade-unsupported-target', 'ade-volume-type']) {
    const { reports } = await run(id, 'agree.json', text);
    if (reports.some((r) => (r.severity ?? getRule(id).meta.defaultSeverity) === 'error')) return true;
  }
  return false;
}

const vault: Vault = {
  id: vaultId,
  name: 'kv-agree',
  location: 'eastus',
  properties: {
    tenantId: '33333333-cccc-4ccc-8ccc-000000000003',
    sku: { family: 'A', name: 'standard' },
    enabledForDiskEncryption: true,
    enableSoftDelete: true,
    enablePurgeProtection: true,
  },
};

function preflight(c: Case): PreflightReport {
  const storageProfile = {
    osDisk: { osType: c.os, createOption: 'FromImage', managedDisk: { storageAccountType: 'Premium_LRS' } },
    dataDisks: [{ lun: 0, createOption: 'Empty', diskSizeGB: 32 }],
  };
  const id = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Compute/`;
  const upper = c.volumeType === 'Data' ? 'DATA' : c.volumeType === 'All' ? 'ALL' : 'OS';
  const target =
    c.host === 'vm'
      ? {
          kind: 'vm' as const,
          vm: {
            id: `${id}virtualMachines/${c.name}`,
            name: c.name,
            location: 'eastus',
            hardwareProfile: { vmSize: c.size },
            storageProfile,
            ...(c.encryptedWith
              ? {
                  resources: [
                    {
                      location: 'eastus',
                      publisher: 'Microsoft.Azure.Security',
                      typePropertiesType: c.os === 'Windows' ? 'AzureDiskEncryption' : 'AzureDiskEncryptionForLinux',
                      typeHandlerVersion: c.os === 'Windows' ? '2.2' : '1.1',
                    },
                  ],
                }
              : {}),
          } as VirtualMachine,
        }
      : {
          kind: 'vmss' as const,
          vmss: {
            id: `${id}virtualMachineScaleSets/${c.name}`,
            name: c.name,
            location: 'eastus',
            sku: { name: c.size, capacity: 1 },
            virtualMachineProfile: { storageProfile },
          } as VirtualMachineScaleSet,
        };
  return runPreflight({
    target,
    operation: c.operation,
    volumeType: upper,
    ...(c.operation === 'enable' ? { vault, vaultId } : {}),
    ...(c.encryptedWith ? { osVolumeEncrypted: c.encryptedWith !== 'Data' } : {}),
  });
}

const preflightRefuses = (r: PreflightReport): boolean => r.blocking.some((b) => b.source !== 'cli');

describe('ADE facts agree: linter, preflight and the sandbox', function () {
  this.timeout(120_000);

  it(`${cases.length} cases (OS × size × volume type × operation, VMs and scale sets)`, async () => {
    const cl = clientsFor(createSandbox({ clock: 'manual', scenario, encryptionSeconds: 300 }));
    const disagreements: string[] = [];
    for (const c of cases) {
      const sandbox = await sandboxRefuses(cl, c);
      const pre = preflight(c);
      const product = preflightRefuses(pre);
      const label = `${c.os} ${c.host} ${c.size} ${c.operation} ${c.volumeType}${c.encryptedWith ? ` (encrypted with ${c.encryptedWith})` : ''}`;
      if (sandbox !== product) {
        disagreements.push(
          `${label}: sandbox ${sandbox ? 'refuses' : 'accepts'}, preflight ${product ? `refuses (${pre.blocking.map((b) => b.id).join(', ')})` : 'accepts'}`,
        );
      }
      // A template cannot know whether the OS volume is encrypted: disable cases are compared above only.
      if (c.operation === 'enable') {
        const linter = await linterRefuses(c);
        if (linter !== product) {
          disagreements.push(
            `${label}: linter ${linter ? 'refuses' : 'accepts'}, preflight ${product ? 'refuses' : 'accepts'}`,
          );
        }
      }
    }
    assert.deepEqual(disagreements, []);
  });
});
