import type { Vault } from '@azure/arm-keyvault';
import { parseResourceId, sameLocation } from '../ids';
import type { VaultReadiness, VaultReadinessReason } from './types';

/** The VM or scale set the vault should serve; region and subscription must match (CLI `_verify_keyvault_good_for_encryption`). */
export interface ReadinessTarget {
  readonly location: string;
  readonly subscriptionId: string;
  readonly name?: string;
}

/**
 * Is this vault fit to hold ADE keys? Errors block ADE (or make it fail at run time), warnings are
 * recommendations (purge protection), info explains the permission model.
 */
export function vaultReadiness(vault: Vault, target?: ReadinessTarget): VaultReadiness {
  const p = vault.properties;
  const reasons: VaultReadinessReason[] = [];
  const rbac = p?.enableRbacAuthorization === true;
  const state = p?.provisioningState;
  if (state && state.toLowerCase() !== 'succeeded') {
    reasons.push({ id: 'notProvisioned', severity: 'warning', message: `The vault is still provisioning (${state}).` });
  }
  if (p?.enabledForDiskEncryption !== true) {
    reasons.push({
      id: 'diskEncryptionDisabled',
      severity: 'error',
      message:
        'The vault is not enabled for disk encryption, so Azure Disk Encryption cannot read secrets or unwrap keys in it.',
      fix: { enabledForDiskEncryption: true },
    });
  }
  if (p?.enableSoftDelete === false) {
    reasons.push({
      id: 'softDeleteDisabled',
      severity: 'error',
      message: 'Soft delete is off. ADE requires soft delete on existing vaults (once on, it cannot be turned off).',
      fix: { enableSoftDelete: true },
    });
  }
  if (p?.enablePurgeProtection !== true) {
    reasons.push({
      id: 'purgeProtectionDisabled',
      severity: 'warning',
      message:
        'Purge protection is off: a deleted key or secret could be purged and the disks would never unlock again. Turning it on cannot be undone.',
      fix: { enablePurgeProtection: true },
    });
  }
  const acls = p?.networkAcls;
  // Bypass defaults to AzureServices when not specified (NetworkRuleSet spec).
  const bypassesTrusted = (acls?.bypass ?? 'AzureServices').toLowerCase().includes('azureservices');
  if (acls?.defaultAction?.toLowerCase() === 'deny' && !bypassesTrusted) {
    reasons.push({
      id: 'firewallBlocksTrustedServices',
      severity: 'error',
      message:
        'The vault firewall denies traffic and does not let trusted Microsoft services through, which ADE needs.',
      fix: { networkBypass: 'AzureServices' },
    });
  } else if (p?.publicNetworkAccess?.toLowerCase() === 'disabled' && !bypassesTrusted) {
    reasons.push({
      id: 'publicAccessDisabledNoBypass',
      severity: 'error',
      message: 'Public network access is disabled and trusted Microsoft services are not allowed through.',
      fix: { networkBypass: 'AzureServices' },
    });
  }
  reasons.push(
    rbac
      ? {
          id: 'rbacAuthorization',
          severity: 'info',
          message: 'The vault uses Azure RBAC: access policies are ignored; grant Key Vault roles instead.',
        }
      : {
          id: 'accessPolicies',
          severity: 'info',
          message: 'The vault uses access policies for data-plane permissions.',
        },
  );
  if (target) {
    if (vault.location && !sameLocation(vault.location, target.location)) {
      reasons.push({
        id: 'regionMismatch',
        severity: 'error',
        message: `The vault is in ${vault.location} but ${target.name ?? 'the VM'} is in ${target.location}; ADE needs the same region.`,
      });
    }
    const vaultSub = vault.id ? parseResourceId(vault.id)?.subscriptionId : undefined;
    if (vaultSub && vaultSub.toLowerCase() !== target.subscriptionId.toLowerCase()) {
      reasons.push({
        id: 'subscriptionMismatch',
        severity: 'error',
        message: `The vault is in another subscription than ${target.name ?? 'the VM'}; ADE needs the same subscription.`,
      });
    }
  }
  return {
    ready: !reasons.some((r) => r.severity === 'error'),
    reasons,
    permissionModel: rbac ? 'rbac' : 'accessPolicies',
  };
}
