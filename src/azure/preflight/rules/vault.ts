// Rules on the disk-encryption vault: the CLI's `_verify_keyvault_good_for_encryption` (disk_encryption.py) and
// the key vault requirements of "Creating and configuring a key vault for Azure Disk Encryption".
import { sameLocation, parseResourceId } from '../../ids';
import type { PreflightContext } from '../context';
import type { PreflightRule } from '../rule';

const reason = (ctx: PreflightContext, id: string) => ctx.readiness?.reasons.find((r) => r.id === id);

export const vaultFound: PreflightRule = {
  id: 'vaultFound',
  severity: 'error',
  source: 'cli',
  operations: ['enable'],
  check({ vault, input }) {
    if (vault === null || (vault === undefined && input.vaultId)) {
      return { ok: false, message: `Key vault '${input.vaultId ?? ''}' was not found.` };
    }
    return undefined;
  },
};

/** The CLI skips this check for VMs with an ADE encryption identity. */
export const vaultEnabledForDiskEncryption: PreflightRule = {
  id: 'vaultEnabledForDiskEncryption',
  severity: 'error',
  source: 'cli',
  operations: ['enable'],
  check({ vault, vaultId, input }) {
    if (!vault) return undefined;
    const identity =
      input.target.kind === 'vm' &&
      !!input.target.vm.securityProfile?.encryptionIdentity?.userAssignedIdentityResourceId;
    const enabled = vault.properties?.enabledForDiskEncryption === true;
    return {
      ok: enabled || identity,
      message: enabled
        ? 'The vault is enabled for disk encryption.'
        : identity
          ? 'The vault is not enabled for disk encryption, but the VM has an ADE encryption identity (the CLI skips this check).'
          : `Keyvault '${vault.name ?? ''}' is not enabled for disk encryption.`,
      ...(enabled || identity
        ? {}
        : { fix: { kind: 'patchVault', vaultId, patch: { enabledForDiskEncryption: true } } }),
    };
  },
};

export const vaultSameSubscription: PreflightRule = {
  id: 'vaultSameSubscription',
  severity: 'error',
  source: 'cli',
  operations: ['enable'],
  check({ vault, vaultId, t, targetSub }) {
    if (!vault) return undefined;
    const vaultSub = parseResourceId(vaultId)?.subscriptionId ?? '';
    const same = !vaultSub || !targetSub || vaultSub.toLowerCase() === targetSub.toLowerCase();
    return {
      ok: same,
      message: same
        ? 'The vault is in the same subscription.'
        : `${t.label} ${t.name}'s subscription does not match keyvault's subscription.`,
      ...(same ? {} : { fix: { kind: 'chooseVault', location: t.location, subscriptionId: targetSub } }),
    };
  },
};

export const vaultSameRegion: PreflightRule = {
  id: 'vaultSameRegion',
  severity: 'error',
  source: 'cli',
  operations: ['enable'],
  check({ vault, t, targetSub }) {
    if (!vault) return undefined;
    const same = sameLocation(vault.location, t.location);
    return {
      ok: same,
      message: same
        ? 'The vault is in the same region.'
        : `${t.label} ${t.name}'s region does not match keyvault's region (${t.location} vs ${vault.location ?? 'unknown'}).`,
      ...(same ? {} : { fix: { kind: 'chooseVault', location: t.location, subscriptionId: targetSub } }),
    };
  },
};

export const vaultSoftDelete: PreflightRule = {
  id: 'vaultSoftDelete',
  severity: 'error',
  source: 'docs',
  operations: ['enable'],
  check(ctx) {
    if (!ctx.vault) return undefined;
    const r = reason(ctx, 'softDeleteDisabled');
    return {
      ok: !r,
      message: r?.message ?? 'Soft delete is on.',
      ...(r ? { fix: { kind: 'patchVault', vaultId: ctx.vaultId, patch: { enableSoftDelete: true } } } : {}),
    };
  },
};

export const vaultPurgeProtection: PreflightRule = {
  id: 'vaultPurgeProtection',
  severity: 'warning',
  source: 'docs',
  operations: ['enable'],
  check(ctx) {
    if (!ctx.vault) return undefined;
    const r = reason(ctx, 'purgeProtectionDisabled');
    return {
      ok: !r,
      message: r?.message ?? 'Purge protection is on.',
      ...(r ? { fix: { kind: 'patchVault', vaultId: ctx.vaultId, patch: { enablePurgeProtection: true } } } : {}),
    };
  },
};

export const vaultFirewall: PreflightRule = {
  id: 'vaultFirewall',
  severity: 'error',
  source: 'docs',
  operations: ['enable'],
  check(ctx) {
    if (!ctx.vault) return undefined;
    const r = reason(ctx, 'firewallBlocksTrustedServices') ?? reason(ctx, 'publicAccessDisabledNoBypass');
    return {
      ok: !r,
      message: r?.message ?? 'The vault firewall lets ADE through.',
      ...(r ? { fix: { kind: 'patchVault', vaultId: ctx.vaultId, patch: { networkBypass: 'AzureServices' } } } : {}),
    };
  },
};

export const vaultPermissionModel: PreflightRule = {
  id: 'vaultPermissionModel',
  severity: 'info',
  source: 'docs',
  operations: ['enable'],
  check({ vault, readiness }) {
    if (!vault) return undefined;
    return {
      ok: true,
      message:
        readiness?.permissionModel === 'rbac'
          ? 'The vault uses Azure RBAC; you need a Key Vault role (e.g. Key Vault Crypto Officer) to manage the KEK.'
          : 'The vault uses access policies.',
    };
  },
};
