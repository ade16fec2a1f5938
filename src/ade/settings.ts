import type { AdeOs } from './extension';
import { SOURCES, type Source } from './sources';

/** Public setting names the ADE extension documents (both OS schemas). */
export const SETTING_KEYS = [
  'EncryptionOperation',
  'KeyVaultURL',
  'KeyVaultResourceId',
  'KeyEncryptionKeyURL',
  'KekVaultResourceId',
  'KeyEncryptionAlgorithm',
  'VolumeType',
  'SequenceVersion',
  'ResizeOSDisk',
  'AADClientID',
  'AADClientCertThumbprint',
] as const;
export const LINUX_ONLY_SETTING_KEYS = ['DiskFormatQuery'] as const;
/** Keys that belong in protectedSettings. */
export const PROTECTED_SETTING_KEYS = ['AADClientSecret', 'AADClientCertificate', 'Passphrase'] as const;

export interface KeyCaseRule {
  /** True when the handler reads keys by exact name, so another case is not seen. */
  readonly caseSensitive: boolean;
  readonly text: string;
  readonly source: Source;
}

/**
 * How each handler matches setting names. The Linux handler reads them with `dict.get` and the exact
 * constants of `CommonVariables` (VMEncryption/main/Common.py, ExtensionParameter.py), so another case is not
 * read. For Windows this is not documented, and Microsoft's quickstart 201-encrypt-vmss-windows-jumpbox
 * writes lower-camel keys, so a non-canonical key is only worth a note.
 */
export const KEY_CASE: Readonly<Record<AdeOs, KeyCaseRule>> = {
  Linux: {
    caseSensitive: true,
    text: 'the Linux ADE handler reads setting names case-sensitively',
    source: SOURCES.linuxHandlerKeys,
  },
  Windows: {
    caseSensitive: false,
    text: 'whether the Windows ADE handler matches setting names case-insensitively is not documented',
    source: SOURCES.vmssWindowsQuickstart,
  },
};

/** The documented names a handler knows, public (settings) or protected. */
export function knownSettingKeys(os: AdeOs | undefined, where: 'settings' | 'protectedSettings'): readonly string[] {
  if (where === 'protectedSettings') {
    return os === 'Linux' ? PROTECTED_SETTING_KEYS : PROTECTED_SETTING_KEYS.filter((k) => k !== 'Passphrase');
  }
  return os === 'Linux' ? [...SETTING_KEYS, ...LINUX_ONLY_SETTING_KEYS] : SETTING_KEYS;
}
