import type { OsKind } from '../ade/extension';

/**
 * One badge per VM / scale set. ADE states win over the others because a VM that has (or had) ADE
 * cannot use encryption at host or SSE with customer keys (Migrate from Azure Disk Encryption to encryption at host).
 */
export type EncryptionSummary =
  /** ADE: OS and every data disk encrypted. */
  | 'encrypted'
  /** ADE: data disks encrypted, OS disk not (the normal Linux "VolumeType DATA" result). */
  | 'osNotEncrypted'
  /** ADE: OS disk encrypted, at least one data disk not. */
  | 'dataNotEncrypted'
  /** No ADE, no encryption at host, no customer key: platform-managed keys only. */
  | 'none'
  /** ADE extension or a disk is still working (enable or disable). */
  | 'inProgress'
  /** The ADE extension reported failure. */
  | 'failed'
  | 'encryptionAtHost'
  /** Server-side encryption with a customer-managed key (disk encryption set). */
  | 'sseCustomerKey'
  /** ADE with the legacy Microsoft Entra (AAD) app schema. */
  | 'legacyAad'
  /**
   * ADE settings are stamped on the disks (or the VM model) but no instance view has said whether the
   * volumes are encrypted: stamped is not encrypted ("Verify encryption status" on Microsoft Learn).
   */
  | 'stamped'
  /**
   * No ADE now, but a disk's `encryptionSettingsVersion` says it had ADE: that flag cannot be overwritten
   * (DiskRP spec), and encryption at host is not supported on such disks.
   */
  | 'hadAde'
  /** Not enough information (e.g. the ADE extension succeeded but no disk says anything yet). */
  | 'unknown';

/**
 * Per-disk ADE status, the vocabulary of `EncryptionState/<state>` codes and the Azure SDKs. `encrypted` needs
 * instance-view evidence (a disk status or the Linux substatus); a stamp alone gives `unknown`.
 */
export type DiskAdeStatus = 'encrypted' | 'notEncrypted' | 'inProgress' | 'vmRestartPending' | 'notMounted' | 'unknown';

/** Where a disk's ADE status came from, weakest last. */
export type DiskStatusSource =
  /** `instanceView.disks[].statuses` `EncryptionState/*` (what `az vm encryption show` prints). */
  | 'instanceView'
  /** Linux extension substatus JSON `{ os, data }`. */
  | 'extensionSubstatus'
  /**
   * Encryption settings stamped on the managed disk (single-pass) or in the VM model (dual-pass).
   * Docs caveat: "the disks are stamped first and encrypted later".
   */
  | 'diskStamp'
  | 'none';

/** Server-side encryption of a managed disk (always on; only the key owner varies). */
export type SseKind =
  'platformKey' | 'customerKey' | 'platformAndCustomerKey' | 'confidential' | 'unmanaged' | 'unknown';

export interface DiskEncryptionDetail {
  readonly name: string;
  readonly role: 'os' | 'data';
  readonly lun?: number;
  /** Managed disk id, lower-cased; absent for unmanaged disks. */
  readonly diskId?: string;
  readonly adeStatus: DiskAdeStatus;
  readonly statusSource: DiskStatusSource;
  /** Exact code/displayStatus when read from the instance view, e.g. `EncryptionState/encrypted`. */
  readonly statusCode?: string;
  readonly statusMessage?: string;
  /** True when ADE settings are stamped on the disk (managed disk `encryptionSettingsCollection.enabled`) or VM model. */
  readonly adeStamped: boolean;
  /** The managed disk's `encryptionSettingsCollection.encryptionSettingsVersion` ('1.0' AAD, '1.1'): it had ADE once. */
  readonly adeSettingsVersion?: string;
  readonly sse: SseKind;
  readonly diskEncryptionSetId?: string;
  /** BEK secret URL and vault, and KEK URL, from the stamp. */
  readonly secretUrl?: string;
  readonly keyEncryptionKeyUrl?: string;
  readonly vaultId?: string;
}

/** What the ADE extension says, straight from its model and (when read) instance view. */
export interface AdeExtensionInfo {
  /** Extension resource name (usually the handler type). */
  readonly name: string;
  readonly type: string;
  readonly typeHandlerVersion?: string;
  readonly legacy: boolean;
  readonly provisioningState?: string;
  readonly volumeType?: string;
  readonly encryptionOperation?: string;
  readonly keyVaultUrl?: string;
  readonly keyVaultResourceId?: string;
  readonly keyEncryptionKeyUrl?: string;
  readonly kekVaultResourceId?: string;
  readonly keyEncryptionAlgorithm?: string;
  readonly sequenceVersion?: string;
  /** First status of the extension instance view (code / message). */
  readonly statusCode?: string;
  readonly statusMessage?: string;
  readonly substatusMessage?: string;
  /** False when only the stamps on disks show ADE and no extension is installed. */
  readonly installed: boolean;
}

/** The key material ADE points at; used to link a VM to its vault in the tree. */
export interface KeyReferences {
  /** Vault resource ids (lower-cased), disk-encryption vault first. */
  readonly vaultIds: readonly string[];
  readonly keyVaultUrls: readonly string[];
  /** KEK URLs (versioned when set by the CLI). */
  readonly keyEncryptionKeyUrls: readonly string[];
  readonly diskEncryptionSetIds: readonly string[];
}

export interface RetirementNotice {
  readonly date: string;
  readonly daysLeft: number;
  readonly message: string;
}

interface EncryptionStateBase {
  readonly os: OsKind | undefined;
  /** One short line for a badge tooltip / description. */
  readonly label: string;
  /** OS disk ADE-encrypted; undefined when unknown. */
  readonly osDiskEncrypted: boolean | undefined;
  /** Every data disk ADE-encrypted; undefined when unknown or there are no data disks. */
  readonly dataDisksEncrypted: boolean | undefined;
  readonly encryptionAtHost: boolean;
  readonly disks: readonly DiskEncryptionDetail[];
  readonly keys: KeyReferences;
  /** True when reading the VM instance view would make the answer exact (or is required for it). */
  readonly needsInstanceView: boolean;
  /** Where the answer came from: models only, or models + instance view. */
  readonly basis: 'model' | 'instanceView';
  /** Conflicts and oddities worth showing (e.g. ADE together with encryption at host). */
  readonly problems: readonly string[];
  /**
   * ADE is installed or stamped now, or a disk's encryptionSettingsVersion says it once was: encryption at host
   * cannot be turned on in place (Migrate from Azure Disk Encryption to encryption at host).
   */
  readonly everAde: boolean;
}

export type AdeSummary = 'encrypted' | 'osNotEncrypted' | 'dataNotEncrypted' | 'inProgress' | 'legacyAad' | 'stamped';

export type EncryptionState =
  | (EncryptionStateBase & {
      readonly summary: AdeSummary;
      readonly ade: AdeExtensionInfo;
      readonly retirement: RetirementNotice;
    })
  | (EncryptionStateBase & {
      readonly summary: 'failed';
      readonly ade: AdeExtensionInfo;
      readonly retirement: RetirementNotice;
      /** The extension's own message, as plain as Azure gives it. */
      readonly error: string;
      /** The usual fix for that message, when known. */
      readonly hint?: string;
    })
  | (EncryptionStateBase & {
      readonly summary: 'encryptionAtHost' | 'sseCustomerKey' | 'none' | 'hadAde';
      /** Present when an ADE extension is installed but every disk is decrypted. */
      readonly ade?: AdeExtensionInfo;
      readonly retirement?: undefined;
    })
  | (EncryptionStateBase & {
      readonly summary: 'unknown';
      readonly ade?: AdeExtensionInfo;
      readonly retirement?: RetirementNotice;
      readonly reason: string;
    });

export type ReadinessSeverity = 'error' | 'warning' | 'info';

/** A vault change that fixes a reason; applied with `vaults.update` (PATCH), never a PUT. */
export interface VaultPatch {
  readonly enabledForDiskEncryption?: true;
  readonly enableSoftDelete?: true;
  readonly enablePurgeProtection?: true;
  /** Let trusted Microsoft services through the firewall. */
  readonly networkBypass?: 'AzureServices';
}

export interface VaultReadinessReason {
  readonly id:
    | 'diskEncryptionDisabled'
    | 'softDeleteDisabled'
    | 'purgeProtectionDisabled'
    | 'firewallBlocksTrustedServices'
    | 'publicAccessDisabledNoBypass'
    | 'rbacAuthorization'
    | 'accessPolicies'
    | 'regionMismatch'
    | 'subscriptionMismatch'
    | 'notProvisioned';
  readonly severity: ReadinessSeverity;
  readonly message: string;
  readonly fix?: VaultPatch;
}

export interface VaultReadiness {
  /** No error-severity reason. */
  readonly ready: boolean;
  readonly reasons: readonly VaultReadinessReason[];
  readonly permissionModel: 'rbac' | 'accessPolicies';
}
