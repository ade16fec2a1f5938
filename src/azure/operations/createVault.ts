import type { Vault } from '@azure/arm-keyvault';
import type { AzureClientFactory } from '../clients';
import { refuse, runOperation, type OperationOptions, type OperationResult } from './types';

export interface CreateVaultParams extends OperationOptions {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
  readonly location: string;
  /** Tenant the vault authenticates data-plane requests against. */
  readonly tenantId: string;
  readonly sku: 'standard' | 'premium';
  /** Azure RBAC for data access (default true) instead of access policies. */
  readonly rbac?: boolean;
}

/** Why a name cannot be a key vault name, or undefined when the pattern fits (availability is checked by Azure). */
export function vaultNameProblem(name: string): string | undefined {
  if (!name) return 'Enter a vault name.';
  if (name.length < 3 || name.length > 24) return 'Vault names are 3–24 characters long.';
  if (!/^[a-zA-Z0-9-]+$/.test(name)) return 'Use letters, digits and hyphens only.';
  if (!/^[a-zA-Z]/.test(name)) return 'Vault names start with a letter.';
  if (name.includes('--')) return 'Vault names cannot contain consecutive hyphens.';
  if (name.endsWith('-')) return 'Vault names cannot end with a hyphen.';
  return undefined;
}

/**
 * Creates a key vault ready for ADE: enabledForDiskEncryption, soft delete (90 days) and purge protection,
 * RBAC or (empty) access policies. The name is checked for availability first (names are global); an
 * existing vault is never overwritten.
 */
export function createVault(factory: AzureClientFactory, params: CreateVaultParams): Promise<OperationResult<Vault>> {
  return runOperation(async () => {
    const problem = vaultNameProblem(params.name);
    if (problem) throw refuse(`Key vault name ${params.name}: ${problem}`);
    if (!params.location) throw refuse('A key vault needs a region.');
    if (!params.tenantId) throw refuse('A key vault needs the tenant id of its subscription.');
    const rbac = params.rbac ?? true;
    const kv = factory.keyVault(params.subscriptionId, params.tenantId);
    params.onProgress?.({ message: `Checking that the name ${params.name} is free…` });
    const check = await kv.vaults.checkNameAvailability(
      { name: params.name, type: 'Microsoft.KeyVault/vaults' },
      { abortSignal: params.signal },
    );
    if (check.nameAvailable === false) {
      throw refuse(
        check.reason === 'AlreadyExists'
          ? `The key vault name ${params.name} is already taken (vault names are global across Azure, and soft-deleted vaults keep theirs).`
          : `The key vault name ${params.name} cannot be used: ${check.message ?? check.reason ?? 'invalid name'}`,
        'Choose another name.',
      );
    }
    params.onProgress?.({ message: `Creating key vault ${params.name} in ${params.location}…` });
    const vault = await kv.vaults.createOrUpdate(
      params.resourceGroup,
      params.name,
      {
        location: params.location,
        properties: {
          tenantId: params.tenantId,
          sku: { family: 'A', name: params.sku },
          accessPolicies: [],
          enabledForDiskEncryption: true,
          enableSoftDelete: true,
          softDeleteRetentionInDays: 90,
          enablePurgeProtection: true,
          enableRbacAuthorization: rbac,
        },
      },
      { abortSignal: params.signal, updateIntervalInMs: 2_000 },
    );
    const id =
      vault.id ??
      `/subscriptions/${params.subscriptionId}/resourceGroups/${params.resourceGroup}/providers/Microsoft.KeyVault/vaults/${params.name}`;
    return {
      changed: true,
      summary: `Created key vault ${params.name} (${params.sku}) in ${params.location} with disk encryption, soft delete 90 days, purge protection and ${rbac ? 'Azure RBAC' : 'access policies'}.`,
      changes: [
        {
          resourceId: id,
          property: 'vault',
          after: {
            location: params.location,
            sku: params.sku,
            enabledForDiskEncryption: true,
            enableSoftDelete: true,
            softDeleteRetentionInDays: 90,
            enablePurgeProtection: true,
            enableRbacAuthorization: rbac,
          },
        },
      ],
      warnings: [
        'Purge protection cannot be turned off again; the vault name stays reserved for 90 days after deletion.',
      ],
      value: vault,
    };
  });
}
