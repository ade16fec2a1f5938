import type { Rule } from '../model';
import { rule as adeRetirement } from './ade-retirement';
import { rule as adeEncryptionOperation } from './ade-encryption-operation';
import { rule as adeVolumeType } from './ade-volume-type';
import { rule as adeExtensionVersion } from './ade-extension-version';
import { rule as adeKekSettings } from './ade-kek-settings';
import { rule as adeKeyVaultSettings } from './ade-key-vault-settings';
import { rule as adeSettingsKeys } from './ade-settings-keys';
import { rule as adeAadSecretInSettings } from './ade-aad-secret-in-settings';
import { rule as kvDiskEncryptionFlag } from './kv-disk-encryption-flag';
import { rule as adeVaultLocation } from './ade-vault-location';
import { rule as adeConflictingEncryption } from './ade-conflicting-encryption';
import { rule as adeKekKey } from './ade-kek-key';
import { rule as adeUnsupportedTarget } from './ade-unsupported-target';
import { rule as adeVmNoEncryption } from './ade-vm-no-encryption';
import { rule as adeEncryptionAtHost } from './ade-encryption-at-host';
import { rule as adeDiskEncryptionDisabled } from './ade-disk-encryption-disabled';
import { rule as adeExtensionSettingsSecret } from './ade-extension-settings-secret';
import { rule as kvSoftDelete } from './kv-soft-delete';
import { rule as kvPurgeProtection } from './kv-purge-protection';
import { rule as kvSoftDeleteRetention } from './kv-soft-delete-retention';
import { rule as kvFirewall } from './kv-firewall';
import { rule as kvPublicNetworkAccess } from './kv-public-network-access';
import { rule as kvRbacAuthorization } from './kv-rbac-authorization';
import { rule as kvAccessPolicyPermissions } from './kv-access-policy-permissions';
import { rule as kvKeyExpiry } from './kv-key-expiry';
import { rule as kvKeyRotationPolicy } from './kv-key-rotation-policy';
import { rule as kvKeyStrength } from './kv-key-strength';
import { rule as kvKeyHsm } from './kv-key-hsm';
import { rule as kvSecretExpiry } from './kv-secret-expiry';
import { rule as kvSecretContentType } from './kv-secret-content-type';
import { rule as kvDefenderPlan } from './kv-defender-plan';

/** Every lint rule, in documentation order. */
export const allRules: Rule[] = [
  adeRetirement,
  adeEncryptionOperation,
  adeVolumeType,
  adeExtensionVersion,
  adeKekSettings,
  adeKeyVaultSettings,
  adeSettingsKeys,
  adeAadSecretInSettings,
  kvDiskEncryptionFlag,
  adeVaultLocation,
  adeConflictingEncryption,
  adeKekKey,
  adeUnsupportedTarget,
  adeVmNoEncryption,
  adeEncryptionAtHost,
  adeDiskEncryptionDisabled,
  adeExtensionSettingsSecret,
  kvSoftDelete,
  kvPurgeProtection,
  kvSoftDeleteRetention,
  kvFirewall,
  kvPublicNetworkAccess,
  kvRbacAuthorization,
  kvAccessPolicyPermissions,
  kvKeyExpiry,
  kvKeyRotationPolicy,
  kvKeyStrength,
  kvKeyHsm,
  kvSecretExpiry,
  kvSecretContentType,
  kvDefenderPlan,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
