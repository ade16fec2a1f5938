// Every preflight rule, in the order the checks are reported (volume type first, then the target, the vault,
// the key encryption key, and the notes).
import type { PreflightRule } from '../rule';
import { kekAutoRotation, kekKeySize, kekKeyType, kekUrl, kekVaultExists, kekVersioned } from './kek';
import { alreadyEncrypted, retirement } from './lifecycle';
import {
  diskEncryptionSetConflict,
  encryptionAtHostConflict,
  ephemeralOsDisk,
  legacyAad,
  managedDisksOnly,
  unsupportedDiskType,
  vmMemory,
  vmSize,
} from './target';
import {
  vaultEnabledForDiskEncryption,
  vaultFirewall,
  vaultFound,
  vaultPermissionModel,
  vaultPurgeProtection,
  vaultSameRegion,
  vaultSameSubscription,
  vaultSoftDelete,
} from './vault';
import { linuxOsEncrypted, notEncrypted, volumeType } from './volume';

export const PREFLIGHT_RULES: readonly PreflightRule[] = [
  linuxOsEncrypted,
  volumeType,
  notEncrypted,
  legacyAad,
  vmSize,
  vmMemory,
  encryptionAtHostConflict,
  diskEncryptionSetConflict,
  unsupportedDiskType,
  ephemeralOsDisk,
  managedDisksOnly,
  vaultFound,
  vaultEnabledForDiskEncryption,
  vaultSameSubscription,
  vaultSameRegion,
  vaultSoftDelete,
  vaultPurgeProtection,
  vaultFirewall,
  vaultPermissionModel,
  kekUrl,
  kekVersioned,
  kekVaultExists,
  kekKeyType,
  kekKeySize,
  kekAutoRotation,
  alreadyEncrypted,
  retirement,
];
