import type { Disk, VirtualMachine, VirtualMachineExtension, VirtualMachineInstanceView } from '@azure/arm-compute';
import type { Vault } from '@azure/arm-keyvault';

export const SUB = '11111111-2222-3333-4444-555555555555';
export const RG = 'rg-test';
export const VAULT_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.KeyVault/vaults/kv-test`;
export const KEK_URL = 'https://kv-test.vault.azure.net/keys/kek/0123456789abcdef0123456789abcdef';
export const NOW = new Date('2026-11-29T00:00:00Z');

const diskId = (vm: string, n: string) =>
  `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Compute/disks/${vm}_${n}`;

export interface VmSpec {
  name?: string;
  os: 'Windows' | 'Linux';
  dataDisks?: number;
  size?: string;
  ext?: Partial<VirtualMachineExtension> & { settings?: Record<string, string> };
  legacyOsStamp?: boolean;
  encryptionAtHost?: boolean;
  desId?: string;
}

/** A VM model as `virtualMachines.listAll` returns it (extensions in `resources`). */
export function vm(spec: VmSpec): VirtualMachine {
  const name = spec.name ?? 'vm1';
  const managed = (n: string) => ({
    id: diskId(name, n),
    storageAccountType: 'Premium_LRS',
    ...(spec.desId ? { diskEncryptionSet: { id: spec.desId } } : {}),
  });
  const resources: VirtualMachineExtension[] = [];
  if (spec.ext) {
    const type = spec.os === 'Windows' ? 'AzureDiskEncryption' : 'AzureDiskEncryptionForLinux';
    resources.push({
      location: 'eastus',
      id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Compute/virtualMachines/${name}/extensions/${type}`,
      name: type,
      publisher: 'Microsoft.Azure.Security',
      typePropertiesType: type,
      typeHandlerVersion: spec.os === 'Windows' ? '2.2' : '1.1',
      provisioningState: 'Succeeded',
      ...spec.ext,
    });
  }
  return {
    id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Compute/virtualMachines/${name}`,
    name,
    location: 'eastus',
    hardwareProfile: { vmSize: spec.size ?? 'Standard_D2s_v5' },
    securityProfile: { encryptionAtHost: spec.encryptionAtHost ?? false },
    storageProfile: {
      osDisk: {
        osType: spec.os,
        name: `${name}_os`,
        createOption: 'FromImage',
        managedDisk: managed('os'),
        ...(spec.legacyOsStamp
          ? {
              encryptionSettings: {
                enabled: true,
                diskEncryptionKey: {
                  secretUrl: 'https://kv-test.vault.azure.net/secrets/bek/1',
                  sourceVault: { id: VAULT_ID },
                },
              },
            }
          : {}),
      },
      dataDisks: Array.from({ length: spec.dataDisks ?? 0 }, (_, i) => ({
        lun: i,
        name: `${name}_data${i}`,
        createOption: 'Empty',
        managedDisk: managed(`data${i}`),
      })),
    },
    resources,
  };
}

/** Managed disks for the VM; `stamped` lists which ones carry ADE settings ('os', 'data0', …). */
export function disks(model: VirtualMachine, stamped: string[], opts: { kek?: boolean; type?: string } = {}): Disk[] {
  const name = model.name ?? 'vm1';
  const all = ['os', ...(model.storageProfile?.dataDisks ?? []).map((_, i) => `data${i}`)];
  return all.map((n) => ({
    id: diskId(name, n),
    name: `${name}_${n}`,
    location: 'eastus',
    encryption: { type: opts.type ?? 'EncryptionAtRestWithPlatformKey' },
    ...(stamped.includes(n)
      ? {
          encryptionSettingsCollection: {
            enabled: true,
            encryptionSettingsVersion: '1.1',
            encryptionSettings: [
              {
                diskEncryptionKey: {
                  sourceVault: { id: VAULT_ID },
                  secretUrl: `https://kv-test.vault.azure.net/secrets/${n}/1`,
                },
                ...(opts.kek ? { keyEncryptionKey: { sourceVault: { id: VAULT_ID }, keyUrl: KEK_URL } } : {}),
              },
            ],
          },
        }
      : {}),
  }));
}

/** Instance view with per-disk `EncryptionState/<code>` and the ADE extension's statuses. */
export function instanceView(
  model: VirtualMachine,
  codes: Record<string, string>,
  ext?: { message?: string; substatus?: string; level?: 'Info' | 'Error' },
): VirtualMachineInstanceView {
  const name = model.name ?? 'vm1';
  const os = model.storageProfile?.osDisk?.osType;
  const type = os === 'Windows' ? 'AzureDiskEncryption' : 'AzureDiskEncryptionForLinux';
  return {
    disks: Object.entries(codes).map(([n, code]) => ({
      name: `${name}_${n}`,
      statuses: [
        { code: 'ProvisioningState/succeeded', level: 'Info' },
        { code: `EncryptionState/${code}`, level: 'Info', displayStatus: code },
      ],
    })),
    extensions: ext
      ? [
          {
            name: type,
            type: `Microsoft.Azure.Security.${type}`,
            typeHandlerVersion: os === 'Windows' ? '2.2' : '1.1',
            statuses: [{ code: 'ProvisioningState/succeeded', level: ext.level ?? 'Info', message: ext.message }],
            ...(ext.substatus ? { substatuses: [{ code: 'ComponentStatus/x', message: ext.substatus }] } : {}),
          },
        ]
      : [],
  };
}

export function adeSettings(volumeType: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    KeyVaultURL: 'https://kv-test.vault.azure.net/',
    KeyVaultResourceId: VAULT_ID,
    VolumeType: volumeType,
    EncryptionOperation: 'EnableEncryption',
    KeyEncryptionAlgorithm: 'RSA-OAEP',
    SequenceVersion: 'seq-1',
    ...extra,
  };
}

export function vault(props: Partial<Vault['properties']> = {}, location = 'eastus', id = VAULT_ID): Vault {
  return {
    id,
    name: id.split('/').pop(),
    location,
    properties: {
      tenantId: '00000000-0000-0000-0000-000000000001',
      sku: { family: 'A', name: 'standard' },
      enabledForDiskEncryption: true,
      enableSoftDelete: true,
      enablePurgeProtection: true,
      accessPolicies: [],
      ...props,
    },
  };
}
