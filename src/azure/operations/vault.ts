import type { AccessPolicyEntry, Permissions, Vault, VaultPatchProperties } from '@azure/arm-keyvault';
import type { AzureClientFactory } from '../clients';
import { requireResourceId } from '../ids';
import type { VaultPatch } from '../state/types';
import { refuse, runOperation, type Change, type OperationOptions, type OperationResult } from './types';

/**
 * Changes vault properties with `vaults.update` (PATCH): only the listed properties are sent, so access
 * policies and everything else written by others stay as they are (a PUT would replace them).
 */
export function patchVault(
  factory: AzureClientFactory,
  vaultId: string,
  patch: VaultPatch,
  opts: OperationOptions = {},
): Promise<OperationResult<Vault>> {
  return runOperation(async () => {
    const { subscriptionId, resourceGroup, name } = requireResourceId(vaultId, 'Key vault');
    const kv = factory.keyVault(subscriptionId, opts.tenantId);
    const current = await kv.vaults.get(resourceGroup, name, { abortSignal: opts.signal });
    const p = current.properties;
    const props: VaultPatchProperties = {};
    const changes: Change[] = [];
    const warnings: string[] = [];
    const set = <K extends keyof VaultPatchProperties>(key: K, before: unknown, after: VaultPatchProperties[K]) => {
      if (before === after) return;
      props[key] = after;
      changes.push({ resourceId: current.id ?? vaultId, property: `properties.${String(key)}`, before, after });
    };
    if (patch.enabledForDiskEncryption) set('enabledForDiskEncryption', p?.enabledForDiskEncryption, true);
    if (patch.enableSoftDelete) set('enableSoftDelete', p?.enableSoftDelete ?? true, true);
    if (patch.enablePurgeProtection) {
      if (p?.enableSoftDelete === false && !patch.enableSoftDelete) {
        throw refuse('Purge protection needs soft delete; turn soft delete on in the same change.');
      }
      set('enablePurgeProtection', p?.enablePurgeProtection, true);
      if (props.enablePurgeProtection) warnings.push('Purge protection cannot be turned off again.');
    }
    if (patch.networkBypass) {
      const acls = p?.networkAcls;
      const before = acls?.bypass ?? 'AzureServices';
      if (before !== patch.networkBypass) {
        // networkAcls is replaced as a whole by PATCH: carry the existing rules over.
        props.networkAcls = { ...(acls ?? {}), bypass: patch.networkBypass };
        changes.push({
          resourceId: current.id ?? vaultId,
          property: 'properties.networkAcls.bypass',
          before,
          after: patch.networkBypass,
        });
      }
    }
    if (changes.length === 0) {
      return {
        changed: false,
        summary: `Key vault ${name} already has these settings.`,
        changes,
        warnings,
        value: current,
      };
    }
    opts.onProgress?.({ message: `Updating key vault ${name}…` });
    const updated = await kv.vaults.update(resourceGroup, name, { properties: props }, { abortSignal: opts.signal });
    return {
      changed: true,
      summary: `Key vault ${name}: ${changes.map((c) => `${c.property.replace('properties.', '')} → ${String(c.after)}`).join(', ')}.`,
      changes,
      warnings,
      value: updated,
    };
  });
}

export interface AccessPolicyRequest {
  readonly objectId: string;
  readonly applicationId?: string;
  /** Defaults to the vault's tenant. */
  readonly tenantId?: string;
  readonly permissions: Permissions;
}

function guardAccessPolicies(vault: Vault, warnings: string[]): void {
  if (vault.properties?.enableRbacAuthorization) {
    warnings.push(
      'This vault uses Azure RBAC: access policies are ignored for data access. Assign a Key Vault role instead.',
    );
  }
}

/**
 * Adds permissions for one identity with `updateAccessPolicy('add')`: ARM merges them into the
 * vault's list, so entries written by others are kept (no read-modify-write of the whole vault).
 */
export function addAccessPolicy(
  factory: AzureClientFactory,
  vaultId: string,
  request: AccessPolicyRequest,
  opts: OperationOptions & { allowOnRbacVault?: boolean } = {},
): Promise<OperationResult<AccessPolicyEntry[]>> {
  return updatePolicy(factory, vaultId, 'add', request, opts);
}

/**
 * Removes permissions for one identity with `updateAccessPolicy('remove')`. Without explicit permissions
 * the identity's current ones are removed (its whole entry).
 */
export function removeAccessPolicy(
  factory: AzureClientFactory,
  vaultId: string,
  request: Omit<AccessPolicyRequest, 'permissions'> & { permissions?: Permissions },
  opts: OperationOptions = {},
): Promise<OperationResult<AccessPolicyEntry[]>> {
  return updatePolicy(factory, vaultId, 'remove', request, { ...opts, allowOnRbacVault: true });
}

function updatePolicy(
  factory: AzureClientFactory,
  vaultId: string,
  kind: 'add' | 'remove',
  request: Omit<AccessPolicyRequest, 'permissions'> & { permissions?: Permissions },
  opts: OperationOptions & { allowOnRbacVault?: boolean },
): Promise<OperationResult<AccessPolicyEntry[]>> {
  return runOperation(async () => {
    const { subscriptionId, resourceGroup, name } = requireResourceId(vaultId, 'Key vault');
    const kv = factory.keyVault(subscriptionId, opts.tenantId);
    const vault = await kv.vaults.get(resourceGroup, name, { abortSignal: opts.signal });
    const warnings: string[] = [];
    guardAccessPolicies(vault, warnings);
    if (vault.properties?.enableRbacAuthorization && kind === 'add' && !opts.allowOnRbacVault) {
      throw refuse(
        `Key vault ${name} uses Azure RBAC, so an access policy would have no effect.`,
        'Assign a Key Vault role (e.g. Key Vault Crypto Officer) on the vault instead.',
      );
    }
    const existing = (vault.properties?.accessPolicies ?? []).find(
      (e) =>
        e.objectId.toLowerCase() === request.objectId.toLowerCase() &&
        (e.applicationId ?? '') === (request.applicationId ?? ''),
    );
    const permissions = request.permissions ?? existing?.permissions;
    if (kind === 'remove' && !existing) {
      return {
        changed: false,
        summary: `No access policy for ${request.objectId} on ${name}.`,
        changes: [],
        warnings,
        value: vault.properties?.accessPolicies ?? [],
      };
    }
    const entry: AccessPolicyEntry = {
      tenantId: request.tenantId ?? vault.properties?.tenantId ?? '',
      objectId: request.objectId,
      ...(request.applicationId ? { applicationId: request.applicationId } : {}),
      permissions: permissions ?? {},
    };
    opts.onProgress?.({ message: `${kind === 'add' ? 'Granting' : 'Removing'} access on ${name}…` });
    await kv.vaults.updateAccessPolicy(
      resourceGroup,
      name,
      kind,
      { properties: { accessPolicies: [entry] } },
      { abortSignal: opts.signal },
    );
    const after = await kv.vaults.get(resourceGroup, name, { abortSignal: opts.signal });
    const afterEntry = (after.properties?.accessPolicies ?? []).find(
      (e) => e.objectId.toLowerCase() === request.objectId.toLowerCase(),
    );
    return {
      changed: true,
      summary: `${kind === 'add' ? 'Granted' : 'Removed'} ${describePermissions(entry.permissions)} ${kind === 'add' ? 'to' : 'from'} ${request.objectId} on ${name}.`,
      changes: [
        {
          resourceId: `${vault.id ?? vaultId}/accessPolicies/${kind}`,
          property: `accessPolicies[${request.objectId}]`,
          before: existing?.permissions,
          after: afterEntry?.permissions,
        },
      ],
      warnings,
      value: after.properties?.accessPolicies ?? [],
    };
  });
}

function describePermissions(p: Permissions): string {
  const parts = (['keys', 'secrets', 'certificates', 'storage'] as const)
    .filter((k) => (p[k] ?? []).length)
    .map((k) => `${k}: ${(p[k] ?? []).join(', ')}`);
  return parts.length ? `(${parts.join('; ')})` : '(no permissions)';
}
