// Factories for the ARM JSON the sandbox serves. Shapes follow the Compute 2025-04-01 / DiskRP 2025-01-02 /
// Key Vault 2025-05-01 OpenAPI definitions (checked by test/unit/sandbox/spec-shapes.test.ts).
import { providerId, stableGuid, stableHex, vaultUri } from './ids';
import type { Json } from './context';
import type { StoredResource } from './types';

export const EXT_PUBLISHER = 'Microsoft.Azure.Security';
export const EXT_WINDOWS = 'AzureDiskEncryption';
export const EXT_LINUX = 'AzureDiskEncryptionForLinux';

export function status(code: string, displayStatus: string, time: string, level = 'Info', message?: string): Json {
  const s: Json = { code, level, displayStatus, time };
  if (message !== undefined) s['message'] = message;
  return s;
}

export interface VmSpec {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  os: 'Windows' | 'Linux';
  size: string;
  dataDisks: number;
  encryptionAtHost?: boolean;
  diskEncryptionSetId?: string;
  /** Encryption type of the disk encryption set (SSE with customer key, or double encryption). */
  diskEncryptionType?: string;
  tags?: Record<string, string>;
  created: string;
}

export function diskNames(spec: { name: string }, dataDisks: number): { os: string; data: string[] } {
  const h = stableHex(spec.name, 32);
  return {
    os: `${spec.name}_OsDisk_1_${h}`,
    data: Array.from({ length: dataDisks }, (_, i) => `${spec.name}_DataDisk_${i}`),
  };
}

const IMAGES = {
  Windows: {
    publisher: 'MicrosoftWindowsServer',
    offer: 'WindowsServer',
    sku: '2022-datacenter-azure-edition',
    version: 'latest',
  },
  Linux: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
};

export function makeVm(spec: VmSpec): StoredResource {
  const names = diskNames(spec, spec.dataDisks);
  const diskId = (n: string): string =>
    providerId(spec.subscriptionId, spec.resourceGroup, 'Microsoft.Compute', 'disks', n);
  const managedDisk = (n: string): Json => {
    const md: Json = { storageAccountType: 'Premium_LRS', id: diskId(n) };
    if (spec.diskEncryptionSetId) md['diskEncryptionSet'] = { id: spec.diskEncryptionSetId };
    return md;
  };
  const osProfile: Json = { computerName: spec.name.slice(0, 15), adminUsername: 'azureuser', secrets: [] };
  if (spec.os === 'Windows')
    osProfile['windowsConfiguration'] = { provisionVMAgent: true, enableAutomaticUpdates: true };
  else osProfile['linuxConfiguration'] = { disablePasswordAuthentication: true, provisionVMAgent: true };
  const vm: StoredResource = {
    id: providerId(spec.subscriptionId, spec.resourceGroup, 'Microsoft.Compute', 'virtualMachines', spec.name),
    name: spec.name,
    type: 'Microsoft.Compute/virtualMachines',
    location: spec.location,
    tags: spec.tags ?? {},
    properties: {
      vmId: stableGuid(`vm:${spec.subscriptionId}:${spec.resourceGroup}:${spec.name}`),
      hardwareProfile: { vmSize: spec.size },
      storageProfile: {
        imageReference: IMAGES[spec.os],
        osDisk: {
          osType: spec.os,
          name: names.os,
          createOption: 'FromImage',
          caching: 'ReadWrite',
          managedDisk: managedDisk(names.os),
          deleteOption: 'Delete',
          diskSizeGB: spec.os === 'Windows' ? 127 : 30,
        },
        dataDisks: names.data.map((n, lun) => ({
          lun,
          name: n,
          createOption: 'Empty',
          caching: 'None',
          managedDisk: managedDisk(n),
          deleteOption: 'Detach',
          diskSizeGB: 128,
          toBeDetached: false,
        })),
      },
      osProfile,
      securityProfile: { encryptionAtHost: spec.encryptionAtHost === true },
      networkProfile: {
        networkInterfaces: [
          {
            id: providerId(
              spec.subscriptionId,
              spec.resourceGroup,
              'Microsoft.Network',
              'networkInterfaces',
              `${spec.name}-nic`,
            ),
          },
        ],
      },
      provisioningState: 'Succeeded',
      timeCreated: spec.created,
    },
  };
  return vm;
}

export function makeVmInstanceView(vm: StoredResource, spec: VmSpec, powerState: string, time: string): StoredResource {
  const names = diskNames(spec, spec.dataDisks);
  const power: Record<string, string> = { running: 'VM running', deallocated: 'VM deallocated', stopped: 'VM stopped' };
  return {
    id: `${vm.id}/instanceView`,
    computerName: spec.name.slice(0, 15),
    osName: spec.os === 'Windows' ? 'Windows Server 2022 Datacenter Azure Edition' : 'ubuntu',
    osVersion: spec.os === 'Windows' ? '10.0.20348.2582' : '24.04',
    vmAgent: {
      vmAgentVersion: spec.os === 'Windows' ? '2.7.41491.1102' : '2.11.1.12',
      statuses: [
        status(
          'ProvisioningState/succeeded',
          'Ready',
          time,
          'Info',
          'GuestAgent is running and processing the extensions.',
        ),
      ],
    },
    disks: [names.os, ...names.data].map((n) => ({
      name: n,
      statuses: [status('ProvisioningState/succeeded', 'Provisioning succeeded', time)],
    })),
    hyperVGeneration: 'V2',
    statuses: [
      status('ProvisioningState/succeeded', 'Provisioning succeeded', time),
      status(`PowerState/${powerState}`, power[powerState] ?? powerState, time),
    ],
  };
}

export function makeDisks(spec: VmSpec, vmId: string): StoredResource[] {
  const names = diskNames(spec, spec.dataDisks);
  const encryption: Json = spec.diskEncryptionSetId
    ? {
        type: spec.diskEncryptionType ?? 'EncryptionAtRestWithCustomerKey',
        diskEncryptionSetId: spec.diskEncryptionSetId,
      }
    : { type: 'EncryptionAtRestWithPlatformKey' };
  const mk = (n: string, isOs: boolean): StoredResource => {
    const properties: Json = {
      creationData: isOs
        ? {
            createOption: 'FromImage',
            imageReference: {
              id: `/Subscriptions/${spec.subscriptionId}/Providers/Microsoft.Compute/Locations/${spec.location}/Publishers/${IMAGES[spec.os].publisher}/ArtifactTypes/VMImage/Offers/${IMAGES[spec.os].offer}/Skus/${IMAGES[spec.os].sku}/Versions/latest`,
            },
          }
        : { createOption: 'Empty' },
      diskSizeGB: isOs ? (spec.os === 'Windows' ? 127 : 30) : 128,
      diskIOPSReadWrite: 500,
      diskMBpsReadWrite: 100,
      encryption,
      networkAccessPolicy: 'AllowAll',
      publicNetworkAccess: 'Enabled',
      timeCreated: spec.created,
      provisioningState: 'Succeeded',
      diskState: 'Attached',
      diskSizeBytes: (isOs ? (spec.os === 'Windows' ? 127 : 30) : 128) * 1024 ** 3,
      uniqueId: stableGuid(`disk:${vmId}:${n}`),
      tier: isOs ? 'P10' : 'P10',
    };
    if (isOs) {
      properties['osType'] = spec.os;
      properties['hyperVGeneration'] = 'V2';
    }
    return {
      id: providerId(spec.subscriptionId, spec.resourceGroup, 'Microsoft.Compute', 'disks', n),
      name: n,
      type: 'Microsoft.Compute/disks',
      location: spec.location,
      managedBy: vmId,
      sku: { name: 'Premium_LRS', tier: 'Premium' },
      properties,
    };
  };
  return [mk(names.os, true), ...names.data.map((n) => mk(n, false))];
}

export interface VaultSpec {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  tenantId: string;
  sku?: 'standard' | 'premium';
  enabledForDiskEncryption?: boolean;
  enabledForDeployment?: boolean;
  enabledForTemplateDeployment?: boolean;
  enableRbacAuthorization?: boolean;
  enableSoftDelete?: boolean;
  softDeleteRetentionInDays?: number;
  enablePurgeProtection?: boolean;
  publicNetworkAccess?: string;
  networkAcls?: { defaultAction: string; bypass: string; ipRules?: string[] };
  accessPolicies?: { objectId: string; applicationId?: string; permissions: Json }[];
  tags?: Record<string, string>;
}

export function makeVault(spec: VaultSpec): StoredResource {
  const properties: Json = {
    tenantId: spec.tenantId,
    sku: { family: 'A', name: spec.sku ?? 'standard' },
    accessPolicies: (spec.accessPolicies ?? []).map((p) => {
      const e: Json = { tenantId: spec.tenantId, objectId: p.objectId, permissions: p.permissions };
      if (p.applicationId) e['applicationId'] = p.applicationId;
      return e;
    }),
    vaultUri: vaultUri(spec.name),
    enabledForDeployment: spec.enabledForDeployment ?? false,
    enabledForDiskEncryption: spec.enabledForDiskEncryption ?? false,
    enabledForTemplateDeployment: spec.enabledForTemplateDeployment ?? false,
    enableSoftDelete: spec.enableSoftDelete ?? true,
    softDeleteRetentionInDays: spec.softDeleteRetentionInDays ?? 90,
    enableRbacAuthorization: spec.enableRbacAuthorization ?? false,
    publicNetworkAccess: spec.publicNetworkAccess ?? 'Enabled',
    provisioningState: 'Succeeded',
  };
  if (spec.enablePurgeProtection) properties['enablePurgeProtection'] = true;
  if (spec.networkAcls) {
    properties['networkAcls'] = {
      bypass: spec.networkAcls.bypass,
      defaultAction: spec.networkAcls.defaultAction,
      ipRules: (spec.networkAcls.ipRules ?? []).map((value) => ({ value })),
      virtualNetworkRules: [],
    };
  }
  return {
    id: providerId(spec.subscriptionId, spec.resourceGroup, 'Microsoft.KeyVault', 'vaults', spec.name),
    name: spec.name,
    type: 'Microsoft.KeyVault/vaults',
    location: spec.location,
    tags: spec.tags ?? {},
    properties,
  };
}

export interface KeySpec {
  kty: string;
  keySize?: number;
  curveName?: string;
  keyOps?: string[];
}

/** A management-plane key plus its first version; returns [key, version]. */
export function makeKey(
  vault: StoredResource,
  name: string,
  spec: KeySpec,
  version: string,
  epochSeconds: number,
): [StoredResource, StoredResource] {
  const isRsa = spec.kty.startsWith('RSA');
  const keyUri = `${vaultUri(String(vault['name']))}keys/${name}`;
  const properties: Json = {
    attributes: {
      enabled: true,
      created: epochSeconds,
      updated: epochSeconds,
      recoveryLevel: 'Recoverable+Purgeable',
      exportable: false,
    },
    kty: spec.kty,
    keyOps:
      spec.keyOps ?? (isRsa ? ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey'] : ['sign', 'verify']),
    keyUri,
    keyUriWithVersion: `${keyUri}/${version}`,
  };
  if (isRsa) properties['keySize'] = spec.keySize ?? 2048;
  else properties['curveName'] = spec.curveName ?? 'P-256';
  const key: StoredResource = {
    id: `${vault.id}/keys/${name}`,
    name,
    type: 'Microsoft.KeyVault/vaults/keys',
    location: vault['location'],
    tags: {},
    properties,
  };
  const ver: StoredResource = {
    id: `${vault.id}/keys/${name}/versions/${version}`,
    name: version,
    type: 'Microsoft.KeyVault/vaults/keys/versions',
    location: vault['location'],
    tags: {},
    properties: structuredClone(properties),
  };
  return [key, ver];
}

export function makeSecret(
  vault: StoredResource,
  name: string,
  version: string,
  epochSeconds: number,
  tags: Record<string, string>,
  contentType?: string,
): StoredResource {
  const secretUri = `${vaultUri(String(vault['name']))}secrets/${name}`;
  const properties: Json = {
    attributes: { enabled: true, created: epochSeconds, updated: epochSeconds },
    secretUri,
    secretUriWithVersion: `${secretUri}/${version}`,
  };
  if (contentType) properties['contentType'] = contentType;
  return {
    id: `${vault.id}/secrets/${name}`,
    name,
    type: 'Microsoft.KeyVault/vaults/secrets',
    location: vault['location'],
    tags,
    properties,
  };
}

export function makeResourceGroup(subscriptionId: string, name: string, location: string): StoredResource {
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${name}`,
    name,
    type: 'Microsoft.Resources/resourceGroups',
    location,
    properties: { provisioningState: 'Succeeded' },
  };
}
