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
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
