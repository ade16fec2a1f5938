import type { Source } from '../../ade';
import type { VolumeType } from '../ade/extension';
import type { VaultPatch } from '../state/types';

export type PreflightFix =
  /** Apply with `patchVault(vaultId, patch)` (PATCH; access policies untouched). */
  | { readonly kind: 'patchVault'; readonly vaultId: string; readonly patch: VaultPatch }
  | { readonly kind: 'setVolumeType'; readonly volumeType: VolumeType }
  /** Pick a vault in the VM's region and subscription (or create one). */
  | { readonly kind: 'chooseVault'; readonly location: string; readonly subscriptionId: string }
  /** Use a versioned key URL (`…/keys/<name>/<version>`); `createKek` returns one. */
  | { readonly kind: 'useVersionedKek'; readonly keyUrl?: string }
  | { readonly kind: 'createKek'; readonly minKeySize: 2048 | 3072 | 4096; readonly hsm: boolean }
  /** Something only a person can do; `steps` says what. */
  | { readonly kind: 'manual'; readonly steps: string };

export type PreflightCheckId =
  | 'vaultFound'
  | 'vaultEnabledForDiskEncryption'
  | 'vaultSameSubscription'
  | 'vaultSameRegion'
  | 'vaultSoftDelete'
  | 'vaultPurgeProtection'
  | 'vaultFirewall'
  | 'vaultPermissionModel'
  | 'kekVersioned'
  | 'kekVaultExists'
  | 'kekKeyType'
  | 'kekKeySize'
  | 'kekAutoRotation'
  | 'vmSize'
  | 'encryptionAtHostConflict'
  | 'diskEncryptionSetConflict'
  | 'unsupportedDiskType'
  | 'ephemeralOsDisk'
  | 'volumeType'
  | 'legacyAad'
  | 'alreadyEncrypted'
  | 'notEncrypted'
  | 'linuxOsEncrypted'
  | 'vmMemory'
  | 'kekUrl'
  | 'managedDisksOnly'
  | 'retirement';

export interface PreflightCheck {
  readonly id: PreflightCheckId;
  readonly ok: boolean;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly fix?: PreflightFix;
  /**
   * Checks the Azure CLI itself makes before `az vm encryption enable` (`_verify_keyvault_good_for_encryption`
   * in disk_encryption.py); others come from the ADE docs or the extension handler.
   */
  readonly source: 'cli' | 'docs' | 'handler';
  /** The public source of the fact, when the check reads it from src/ade. */
  readonly ref?: Source;
}

export interface PreflightReport {
  readonly checks: readonly PreflightCheck[];
  /** No failed error-severity check. */
  readonly canProceed: boolean;
  readonly blocking: readonly PreflightCheck[];
}
