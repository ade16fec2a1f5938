/**
 * Template snippets a wizard can end in instead of applying: Bicep, or ARM JSON. They describe the
 * same change the wizard would make, reference existing resources instead of redeclaring them (a
 * redeclared vault would replace its access policies) and say in comments what a template cannot do.
 */
import { ADE_EXTENSIONS, ADE_RETIREMENT } from '../../../ade';
import type { OsKind, VolumeType } from '../../../azure/ade/extension';

const VAULT_API = '2023-07-01';
const COMPUTE_API = '2024-07-01';
const AUTH_API = '2022-04-01';

const ADE = {
  Windows: { type: ADE_EXTENSIONS.Windows.type, version: ADE_EXTENSIONS.Windows.current },
  Linux: { type: ADE_EXTENSIONS.Linux.type, version: ADE_EXTENSIONS.Linux.current },
} as const;

export interface ResourceRef {
  readonly name: string;
  readonly resourceGroup: string;
  readonly subscriptionId: string;
}

export interface EnableExportInput {
  readonly target: ResourceRef & { readonly kind: 'vm' | 'vmss'; readonly os: OsKind; readonly location: string };
  readonly vault: ResourceRef;
  /** The vault is new: the template declares it (in the target's resource group and region). */
  readonly newVault?: { readonly location: string; readonly sku: 'standard' | 'premium'; readonly rbac: boolean };
  readonly volumeType: VolumeType;
  /** Existing versioned key URL, or a key the template creates. */
  readonly kek?:
    | { readonly kind: 'existing'; readonly url: string }
    | { readonly kind: 'create'; readonly name: string; readonly size: number; readonly hsm: boolean };
  readonly sequenceVersion: string;
  /** Vault properties the wizard would PATCH (a template can't PATCH; listed as a command). */
  readonly vaultFixes?: readonly string[];
}

/** `VolumeType` in the casing the ADE extension documents. */
export function docVolumeType(v: VolumeType): 'OS' | 'Data' | 'All' {
  return v === 'OS' ? 'OS' : v === 'DATA' ? 'Data' : 'All';
}

const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function headerLines(input: EnableExportInput): string[] {
  const lines = [
    `Azure Disk Encryption for ${input.target.kind === 'vm' ? 'VM' : 'scale set'} ${input.target.name} with key vault ${input.vault.name}.`,
    `ADE retires on ${ADE_RETIREMENT.date}; for new VMs prefer encryption at host (securityProfile.encryptionAtHost).`,
    'Deploy to the resource group of the VM; change SequenceVersion to run the extension again.',
  ];
  if (input.newVault)
    lines.push(
      `Creates key vault ${input.vault.name} with disk encryption, soft delete (90 days) and purge protection; purge protection cannot be turned off again.`,
    );
  if (input.vaultFixes?.length)
    lines.push(
      `Before deploying, fix the vault without redeclaring it: az keyvault update --name ${input.vault.name} --resource-group ${input.vault.resourceGroup} ${input.vaultFixes.join(' ')}`,
    );
  return lines;
}

export function enableBicep(input: EnableExportInput): string {
  const t = input.target;
  const ext = ADE[t.os];
  const nv = input.newVault;
  const sameRg = !!nv || input.vault.resourceGroup.toLowerCase() === t.resourceGroup.toLowerCase();
  const vmType = t.kind === 'vm' ? 'virtualMachines' : 'virtualMachineScaleSets';
  const out: string[] = headerLines(input).map((l) => `// ${l}`);
  out.push('');
  if (nv) {
    out.push(`resource vault 'Microsoft.KeyVault/vaults@${VAULT_API}' = {`);
    out.push(`  name: ${q(input.vault.name)}`);
    out.push(`  location: ${q(nv.location)}`);
    out.push('  properties: {');
    out.push('    tenantId: subscription().tenantId');
    out.push(`    sku: {`, `      family: 'A'`, `      name: ${q(nv.sku)}`, '    }');
    out.push('    accessPolicies: []');
    out.push('    enabledForDiskEncryption: true');
    out.push('    enableSoftDelete: true');
    out.push('    softDeleteRetentionInDays: 90');
    out.push('    enablePurgeProtection: true');
    out.push(`    enableRbacAuthorization: ${nv.rbac}`);
    out.push('  }', '}', '');
  } else {
    out.push(`resource vault 'Microsoft.KeyVault/vaults@${VAULT_API}' existing = {`);
    out.push(`  name: ${q(input.vault.name)}`);
    if (!sameRg)
      // The subscription is spelled out: ADE needs the vault in the VM's subscription.
      out.push(`  scope: resourceGroup(subscription().subscriptionId, ${q(input.vault.resourceGroup)})`);
    out.push('}', '');
  }
  let kekUrl = "''";
  if (input.kek?.kind === 'create') {
    if (!sameRg) {
      out.push(
        `// The key ${input.kek.name} must be created in ${input.vault.resourceGroup}; create it there first and pass its versioned URL.`,
      );
      out.push(`param keyEncryptionKeyUrl string`, '');
      kekUrl = 'keyEncryptionKeyUrl';
    } else {
      out.push(`resource kek 'Microsoft.KeyVault/vaults/keys@${VAULT_API}' = {`);
      out.push('  parent: vault');
      out.push(`  name: ${q(input.kek.name)}`);
      out.push('  properties: {');
      out.push(`    kty: ${q(input.kek.hsm ? 'RSA-HSM' : 'RSA')}`);
      out.push(`    keySize: ${input.kek.size}`);
      out.push(`    keyOps: [ 'wrapKey', 'unwrapKey', 'encrypt', 'decrypt' ]`);
      out.push('  }', '}', '');
      kekUrl = 'kek.properties.keyUriWithVersion';
    }
  } else if (input.kek?.kind === 'existing') {
    kekUrl = q(input.kek.url);
  }
  out.push(`resource target 'Microsoft.Compute/${vmType}@${COMPUTE_API}' existing = {`);
  out.push(`  name: ${q(t.name)}`);
  out.push('}', '');
  out.push(`resource ade 'Microsoft.Compute/${vmType}/extensions@${COMPUTE_API}' = {`);
  out.push('  parent: target');
  out.push(`  name: ${q(ext.type)}`);
  if (t.kind === 'vm') out.push(`  location: ${q(t.location)}`);
  out.push('  properties: {');
  out.push(`    publisher: 'Microsoft.Azure.Security'`);
  out.push(`    type: ${q(ext.type)}`);
  out.push(`    typeHandlerVersion: ${q(ext.version)}`);
  out.push('    autoUpgradeMinorVersion: true');
  if (t.kind === 'vmss') out.push(`    forceUpdateTag: ${q(input.sequenceVersion)}`);
  out.push('    settings: {');
  out.push(`      EncryptionOperation: 'EnableEncryption'`);
  out.push('      KeyVaultURL: vault.properties.vaultUri');
  out.push('      KeyVaultResourceId: vault.id');
  if (input.kek) {
    out.push(`      KeyEncryptionKeyURL: ${kekUrl}`);
    out.push('      KekVaultResourceId: vault.id');
    out.push(`      KeyEncryptionAlgorithm: 'RSA-OAEP'`);
  }
  out.push(`      VolumeType: ${q(docVolumeType(input.volumeType))}`);
  if (t.kind === 'vm') out.push(`      SequenceVersion: ${q(input.sequenceVersion)}`);
  out.push('    }', '  }', '}', '');
  return out.join('\n');
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export function enableArmJson(input: EnableExportInput): string {
  const t = input.target;
  const ext = ADE[t.os];
  const vmType = t.kind === 'vm' ? 'virtualMachines' : 'virtualMachineScaleSets';
  const vaultId = `[resourceId('${input.vault.resourceGroup}', 'Microsoft.KeyVault/vaults', '${input.vault.name}')]`;
  const vaultUri = `[reference(resourceId('${input.vault.resourceGroup}', 'Microsoft.KeyVault/vaults', '${input.vault.name}'), '${VAULT_API}').vaultUri]`;
  const nv = input.newVault;
  const sameRg = !!nv || input.vault.resourceGroup.toLowerCase() === t.resourceGroup.toLowerCase();
  const resources: Json[] = [];
  const parameters: Record<string, Json> = {};
  let kekUrl: string | undefined;
  const dependsOn: string[] = [];
  if (nv) {
    resources.push({
      type: 'Microsoft.KeyVault/vaults',
      apiVersion: VAULT_API,
      name: input.vault.name,
      location: nv.location,
      properties: {
        tenantId: '[subscription().tenantId]',
        sku: { family: 'A', name: nv.sku },
        accessPolicies: [],
        enabledForDiskEncryption: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        enablePurgeProtection: true,
        enableRbacAuthorization: nv.rbac,
      },
    });
    dependsOn.push(`[resourceId('Microsoft.KeyVault/vaults', '${input.vault.name}')]`);
  }
  if (input.kek?.kind === 'create' && sameRg) {
    resources.push({
      type: 'Microsoft.KeyVault/vaults/keys',
      apiVersion: VAULT_API,
      name: `${input.vault.name}/${input.kek.name}`,
      ...(nv ? { dependsOn: [`[resourceId('Microsoft.KeyVault/vaults', '${input.vault.name}')]`] } : {}),
      properties: {
        kty: input.kek.hsm ? 'RSA-HSM' : 'RSA',
        keySize: input.kek.size,
        keyOps: ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt'],
      },
    });
    const keyId = `resourceId('Microsoft.KeyVault/vaults/keys', '${input.vault.name}', '${input.kek.name}')`;
    kekUrl = `[reference(${keyId}, '${VAULT_API}').keyUriWithVersion]`;
    dependsOn.push(`[${keyId}]`);
  } else if (input.kek?.kind === 'create') {
    parameters['keyEncryptionKeyUrl'] = {
      type: 'string',
      metadata: {
        description: `Versioned URL of key ${input.kek.name}, created in ${input.vault.resourceGroup} first.`,
      },
    };
    kekUrl = "[parameters('keyEncryptionKeyUrl')]";
  } else if (input.kek?.kind === 'existing') {
    kekUrl = input.kek.url;
  }
  const settings: Record<string, Json> = {
    EncryptionOperation: 'EnableEncryption',
    KeyVaultURL: vaultUri,
    KeyVaultResourceId: vaultId,
    ...(kekUrl ? { KeyEncryptionKeyURL: kekUrl, KekVaultResourceId: vaultId, KeyEncryptionAlgorithm: 'RSA-OAEP' } : {}),
    VolumeType: docVolumeType(input.volumeType),
    ...(t.kind === 'vm' ? { SequenceVersion: input.sequenceVersion } : {}),
  };
  resources.push({
    type: `Microsoft.Compute/${vmType}/extensions`,
    apiVersion: COMPUTE_API,
    name: `${t.name}/${ext.type}`,
    ...(t.kind === 'vm' ? { location: t.location } : {}),
    ...(dependsOn.length ? { dependsOn } : {}),
    properties: {
      publisher: 'Microsoft.Azure.Security',
      type: ext.type,
      typeHandlerVersion: ext.version,
      autoUpgradeMinorVersion: true,
      ...(t.kind === 'vmss' ? { forceUpdateTag: input.sequenceVersion } : {}),
      settings,
    },
  });
  const template: Record<string, Json> = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    metadata: { description: headerLines(input).join(' ') },
    parameters,
    resources,
  };
  return `${JSON.stringify(template, null, 2)}\n`;
}

export interface AccessExportInput {
  readonly vault: ResourceRef;
  readonly objectId: string;
  readonly tenantId: string;
  readonly principalLabel: string;
  /** Access-policy vault: permissions; RBAC vault: role definition GUIDs with names. */
  readonly permissions?: { readonly keys: readonly string[]; readonly secrets: readonly string[] };
  readonly roles?: readonly { readonly name: string; readonly guid: string }[];
  readonly principalType?: 'User' | 'Group' | 'ServicePrincipal';
}

const list = (xs: readonly string[]) => `[ ${xs.map(q).join(', ')} ]`;

/** `Microsoft.KeyVault/vaults/accessPolicies` named `add`: merges one entry, never rewrites the list. */
export function accessBicep(input: AccessExportInput): string {
  const out = [
    `// Grant ${input.principalLabel} access to key vault ${input.vault.name}.`,
    '// Deploy to the resource group of the vault.',
    '',
    `resource vault 'Microsoft.KeyVault/vaults@${VAULT_API}' existing = {`,
    `  name: ${q(input.vault.name)}`,
    '}',
    '',
  ];
  if (input.roles?.length) {
    input.roles.forEach((r, i) => {
      out.push(
        `// ${r.name}`,
        `resource role${i} 'Microsoft.Authorization/roleAssignments@${AUTH_API}' = {`,
        '  scope: vault',
        `  name: guid(vault.id, ${q(input.objectId)}, ${q(r.guid)})`,
        '  properties: {',
        `    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ${q(r.guid)})`,
        `    principalId: ${q(input.objectId)}`,
        ...(input.principalType ? [`    principalType: ${q(input.principalType)}`] : []),
        '  }',
        '}',
        '',
      );
    });
    return out.join('\n');
  }
  const p = input.permissions ?? { keys: [], secrets: [] };
  out.push(
    `resource grant 'Microsoft.KeyVault/vaults/accessPolicies@${VAULT_API}' = {`,
    '  parent: vault',
    `  name: 'add'`,
    '  properties: {',
    '    accessPolicies: [',
    '      {',
    `        tenantId: ${q(input.tenantId)}`,
    `        objectId: ${q(input.objectId)}`,
    '        permissions: {',
    `          keys: ${list(p.keys)}`,
    `          secrets: ${list(p.secrets)}`,
    '        }',
    '      }',
    '    ]',
    '  }',
    '}',
    '',
  );
  return out.join('\n');
}

export function accessArmJson(input: AccessExportInput): string {
  const resources: Json[] = input.roles?.length
    ? input.roles.map((r) => ({
        type: 'Microsoft.Authorization/roleAssignments',
        apiVersion: AUTH_API,
        scope: `[resourceId('Microsoft.KeyVault/vaults', '${input.vault.name}')]`,
        name: `[guid(resourceId('Microsoft.KeyVault/vaults', '${input.vault.name}'), '${input.objectId}', '${r.guid}')]`,
        properties: {
          roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${r.guid}')]`,
          principalId: input.objectId,
          ...(input.principalType ? { principalType: input.principalType } : {}),
        },
      }))
    : [
        {
          type: 'Microsoft.KeyVault/vaults/accessPolicies',
          apiVersion: VAULT_API,
          name: `${input.vault.name}/add`,
          properties: {
            accessPolicies: [
              {
                tenantId: input.tenantId,
                objectId: input.objectId,
                permissions: {
                  keys: [...(input.permissions?.keys ?? [])],
                  secrets: [...(input.permissions?.secrets ?? [])],
                },
              },
            ],
          },
        },
      ];
  const template: Record<string, Json> = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    metadata: { description: `Grant ${input.principalLabel} access to key vault ${input.vault.name}.` },
    resources,
  };
  return `${JSON.stringify(template, null, 2)}\n`;
}
