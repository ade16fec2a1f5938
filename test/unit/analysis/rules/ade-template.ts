// A VM or scale set with an ADE extension as ARM JSON, for tests that put ADE facts through the linter.

export interface VmOptions {
  readonly os: 'Windows' | 'Linux';
  readonly size?: string;
  readonly host?: 'vm' | 'vmss';
  readonly settings?: Record<string, string>;
  readonly version?: string;
  readonly image?: { offer: string; sku: string };
}

/** A VM (or scale set) with an inline or child ADE extension, as ARM JSON. */
export function adeTemplate(o: VmOptions): string {
  const type = o.os === 'Linux' ? 'AzureDiskEncryptionForLinux' : 'AzureDiskEncryption';
  const version = o.version ?? (o.os === 'Linux' ? '1.1' : '2.2');
  const settings = o.settings ?? {
    EncryptionOperation: 'EnableEncryption',
    KeyVaultURL: 'https://kvade.vault.azure.net/',
    KeyVaultResourceId: "[resourceId('Microsoft.KeyVault/vaults', 'kvade')]",
    VolumeType: 'All',
  };
  const ext = { publisher: 'Microsoft.Azure.Security', type, typeHandlerVersion: version, settings };
  const storageProfile = {
    ...(o.image ? { imageReference: { publisher: 'MicrosoftWindowsServer', ...o.image, version: 'latest' } } : {}),
    osDisk: { createOption: 'FromImage', osType: o.os, managedDisk: { storageAccountType: 'Premium_LRS' } },
  };
  const resources: unknown[] = [
    {
      type: 'Microsoft.KeyVault/vaults',
      apiVersion: '2023-07-01',
      name: 'kvade',
      location: 'westeurope',
      properties: {
        tenantId: '[subscription().tenantId]',
        sku: { family: 'A', name: 'standard' },
        enabledForDiskEncryption: true,
      },
    },
  ];
  if (o.host === 'vmss') {
    resources.push({
      type: 'Microsoft.Compute/virtualMachineScaleSets',
      apiVersion: '2024-07-01',
      name: 'ss1',
      location: 'westeurope',
      sku: { name: o.size ?? 'Standard_D4s_v5', capacity: 2 },
      properties: {
        virtualMachineProfile: {
          storageProfile,
          extensionProfile: { extensions: [{ name: type, properties: ext }] },
        },
      },
    });
  } else {
    resources.push(
      {
        type: 'Microsoft.Compute/virtualMachines',
        apiVersion: '2024-07-01',
        name: 'vm1',
        location: 'westeurope',
        properties: { hardwareProfile: { vmSize: o.size ?? 'Standard_D4s_v5' }, storageProfile },
      },
      {
        type: 'Microsoft.Compute/virtualMachines/extensions',
        apiVersion: '2024-07-01',
        name: `vm1/${type}`,
        location: 'westeurope',
        dependsOn: ["[resourceId('Microsoft.Compute/virtualMachines', 'vm1')]"],
        properties: ext,
      },
    );
  }
  return JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources,
    },
    null,
    2,
  );
}
