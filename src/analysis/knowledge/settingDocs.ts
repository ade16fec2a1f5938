import {
  ADE_EXTENSIONS,
  ADE_RETIREMENT,
  EAH_TEMP_DISK_KEYS,
  KEY_VAULT_REQUIREMENTS,
  LINUX_OS_ENCRYPTION_COST,
  SOURCES,
  sourceUrl,
  type Source,
} from '../../ade';
/**
 * Short explanations of the ADE extension settings and Key Vault properties, shown as hovers in
 * templates. Keyed by property name (matched case-insensitively); `context` says where the key
 * is meaningful so that a `VolumeType` in an unrelated object gets no ADE hover.
 */
export type SettingContext = 'adeSettings' | 'vaultProperties' | 'vmSecurityProfile' | 'extension';

export interface SettingDoc {
  readonly key: string;
  readonly context: SettingContext;
  /** Markdown, a few sentences: what it is, the trap, what to write. */
  readonly markdown: string;
  /** The rule page that goes deeper. */
  readonly rule?: string;
}

const RETIREMENT =
  `Azure Disk Encryption retires on **${ADE_RETIREMENT.longDate}**: after that date ADE-encrypted disks stop unlocking at reboot. ` +
  'New VMs should use encryption at host (`securityProfile.encryptionAtHost: true`).';

/** A "Source:" line for a hover. */
function from(...sources: Source[]): string {
  return `\n\nSources: ${sources.map((s) => `[${s.title}](${sourceUrl(s)})`).join(' · ')}`;
}

export const SETTING_DOCS: readonly SettingDoc[] = [
  {
    key: 'EncryptionOperation',
    context: 'adeSettings',
    markdown:
      '**EncryptionOperation**: what the ADE extension does on this run. `EnableEncryption` encrypts; ' +
      '`EnableEncryptionFormatAll` (Linux only) formats and encrypts empty data drives; `DisableEncryption` decrypts — ' +
      'on Linux only data volumes can be decrypted, and nothing at all while the OS volume is encrypted. A template that ' +
      'deploys `DisableEncryption` turns encryption off on every deployment.' +
      from(SOURCES.linuxOverview, SOURCES.linuxHandler),
    rule: 'ade-encryption-operation',
  },
  {
    key: 'VolumeType',
    context: 'adeSettings',
    markdown:
      '**VolumeType**: which volumes ADE encrypts: `OS`, `Data` or `All`. On a Linux VM, `Data` leaves the **OS disk ' +
      `unencrypted**; \`All\` covers it, but ${LINUX_OS_ENCRYPTION_COST} — for a new VM prefer encryption at host. ` +
      'Linux scale sets support only `Data`. Windows cannot encrypt data volumes before the OS volume: `Data` works ' +
      'only once the OS volume is encrypted, so use `All`.' +
      from(SOURCES.linuxOverview, SOURCES.windowsFaq, SOURCES.scaleSets),
    rule: 'ade-volume-type',
  },
  {
    key: 'KeyVaultURL',
    context: 'adeSettings',
    markdown:
      '**KeyVaultURL**: the vault where ADE stores the disk encryption key (the **BEK**, a Key Vault *secret*), e.g. ' +
      "`https://myvault.vault.azure.net/`. The vault must have `enabledForDiskEncryption: true` and be in the VM's " +
      `region and subscription; ${KEY_VAULT_REQUIREMENTS.noPort.text}.` +
      from(SOURCES.keyVault, SOURCES.linuxOverview),
    rule: 'ade-key-vault-settings',
  },
  {
    key: 'KeyVaultResourceId',
    context: 'adeSettings',
    markdown:
      '**KeyVaultResourceId**: the ARM id of the vault named by `KeyVaultURL`. Both must point at the same vault.',
    rule: 'ade-key-vault-settings',
  },
  {
    key: 'KeyEncryptionKeyURL',
    context: 'adeSettings',
    markdown:
      '**KeyEncryptionKeyURL**: optional **KEK**, an RSA key that wraps the BEK before it is stored. Use the ' +
      '**versioned** key URL (`…/keys/<name>/<version>`) of a Key Vault key — not Managed HSM — in the vault named by ' +
      '`KekVaultResourceId`, and no port in the URL.' +
      from(SOURCES.keyVault),
    rule: 'ade-kek-settings',
  },
  {
    key: 'KekVaultResourceId',
    context: 'adeSettings',
    markdown:
      '**KekVaultResourceId**: the ARM id of the vault holding the KEK (the vault of `KeyEncryptionKeyURL`). Required ' +
      'whenever `KeyEncryptionKeyURL` is set, and meaningless without it. The legacy Windows schema (1.1) has it too.' +
      from(SOURCES.keyVault, SOURCES.windowsExtension),
    rule: 'ade-kek-settings',
  },
  {
    key: 'KeyEncryptionAlgorithm',
    context: 'adeSettings',
    markdown:
      '**KeyEncryptionAlgorithm**: how the KEK wraps the BEK: `RSA-OAEP` (default), `RSA-OAEP-256` or `RSA1_5` ' +
      '(legacy padding; avoid).',
    rule: 'ade-kek-settings',
  },
  {
    key: 'SequenceVersion',
    context: 'adeSettings',
    markdown:
      '**SequenceVersion**: change it (a new GUID) to make the extension run again, e.g. after rotating the KEK. ' +
      'Re-deploying with the same value does nothing.',
  },
  {
    key: 'AADClientID',
    context: 'adeSettings',
    markdown:
      '**AADClientID**: legacy ADE with a Microsoft Entra app (extension 1.1 on Windows, 0.1 on Linux). Current ADE ' +
      '(2.2 / 1.1) needs no app and must not be given one. ' +
      RETIREMENT,
    rule: 'ade-extension-version',
  },
  {
    key: 'AADClientSecret',
    context: 'adeSettings',
    markdown:
      '**AADClientSecret**: a secret. It belongs in `protectedSettings`, which is encrypted and never returned by ' +
      'Azure; in `settings` it is readable by anyone who can read the VM.',
    rule: 'ade-aad-secret-in-settings',
  },
  {
    key: 'typeHandlerVersion',
    context: 'extension',
    markdown:
      `**typeHandlerVersion** of the ADE extension: \`${ADE_EXTENSIONS.Windows.current}\` on Windows (\`${ADE_EXTENSIONS.Windows.type}\`) and ` +
      `\`${ADE_EXTENSIONS.Linux.current}\` on Linux (\`${ADE_EXTENSIONS.Linux.type}\`). \`${ADE_EXTENSIONS.Windows.legacy}\` on Windows and ` +
      `\`${ADE_EXTENSIONS.Linux.legacy}\` on Linux are the legacy Microsoft Entra versions; Windows ` +
      `\`${ADE_EXTENSIONS.Windows.earlierMinor.join(', ')}\` was the earlier single-pass release (a minor upgrade away).` +
      from(SOURCES.windowsExtension, SOURCES.linuxExtension),
    rule: 'ade-extension-version',
  },
  {
    key: 'enabledForDiskEncryption',
    context: 'vaultProperties',
    markdown:
      '**enabledForDiskEncryption**: lets the Azure platform read secrets and unwrap keys of this vault for Azure Disk ' +
      "Encryption. Without it, enabling ADE fails. ADE does not use the VM's managed identity for this.",
    rule: 'kv-disk-encryption-flag',
  },
  {
    key: 'enableSoftDelete',
    context: 'vaultProperties',
    markdown:
      '**enableSoftDelete**: deleted keys and secrets stay recoverable for the retention period. It is on by default ' +
      'and can no longer be turned off; `false` fails on new vaults.',
    rule: 'kv-soft-delete',
  },
  {
    key: 'softDeleteRetentionInDays',
    context: 'vaultProperties',
    markdown: '**softDeleteRetentionInDays**: 7 to 90 days (default 90). It cannot be changed after creation.',
    rule: 'kv-soft-delete-retention',
  },
  {
    key: 'enablePurgeProtection',
    context: 'vaultProperties',
    markdown:
      '**enablePurgeProtection**: nobody can purge a soft-deleted key or secret before the retention ends. Without it a ' +
      'deleted BEK or KEK can be destroyed for good, and the disks with it. Once on, it cannot be turned off; `false` ' +
      'is not accepted (omit the property instead).',
    rule: 'kv-purge-protection',
  },
  {
    key: 'enableRbacAuthorization',
    context: 'vaultProperties',
    markdown:
      '**enableRbacAuthorization**: Azure RBAC decides data-plane access and **access policies are ignored**. Vaults ' +
      'created with API 2026-02-01 or later default to RBAC.',
  },
  {
    key: 'networkAcls',
    context: 'vaultProperties',
    markdown:
      '**networkAcls**: the vault firewall. With `defaultAction: Deny`, set `bypass: AzureServices` so that Azure Disk ' +
      'Encryption (a trusted service) can still reach the vault.',
    rule: 'kv-firewall',
  },
  {
    key: 'encryptionAtHost',
    context: 'vmSecurityProfile',
    markdown:
      "**encryptionAtHost**: encrypts caches and data flows at the host with the disks' keys (platform or customer), " +
      `and ${EAH_TEMP_DISK_KEYS.text} — the successor of ADE and not combinable with it (not on VMs that ever had ADE). ` +
      RETIREMENT +
      from(EAH_TEMP_DISK_KEYS.source, SOURCES.migrate),
    rule: 'ade-encryption-at-host',
  },
];

const byKey = new Map(SETTING_DOCS.map((d) => [d.key.toLowerCase(), d]));

/** The doc for a property name, matched case-insensitively (ARM keys are case-insensitive). */
export function settingDoc(key: string): SettingDoc | undefined {
  return byKey.get(key.toLowerCase());
}
