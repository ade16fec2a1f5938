import type { Disk, VirtualMachine, VirtualMachineInstanceView, VirtualMachineScaleSet } from '@azure/arm-compute';
import type { Vault } from '@azure/arm-keyvault';
import type { OsKind } from '../ade/extension';
import type { PlainError } from '../errors';
import type { EncryptionState, VaultReadiness } from '../state/types';

export interface TenantInfo {
  readonly tenantId: string;
  readonly displayName?: string;
  readonly defaultDomain?: string;
}

export interface SubscriptionInfo {
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly tenantId: string;
  readonly state?: string;
}

/** Per-subscription (or per-tenant) outcome: one failure never hides the others. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PlainError };

export interface VmEncryptionItem {
  /** ARM id as Azure returned it (compare case-insensitively). */
  readonly id: string;
  readonly name: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly os: OsKind | undefined;
  readonly vmSize?: string;
  readonly state: EncryptionState;
  /** Raw models, for wizards and preflight (no second GET needed). */
  readonly model: VirtualMachine;
  readonly disks: readonly Disk[];
  readonly instanceView?: VirtualMachineInstanceView;
}

export interface ScaleSetEncryptionItem {
  readonly id: string;
  readonly name: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly os: OsKind | undefined;
  readonly capacity?: number;
  /** `Manual` means model changes reach instances only after "update instances". */
  readonly upgradeMode?: string;
  readonly state: EncryptionState;
  readonly model: VirtualMachineScaleSet;
}

export interface VaultItem {
  readonly id: string;
  readonly name: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly sku?: string;
  readonly vaultUri?: string;
  /** Readiness for ADE, without a VM in mind (region/subscription checks need one: call `vaultReadiness(vault, target)`). */
  readonly readiness: VaultReadiness;
  readonly model: Vault;
}

export interface SubscriptionInventory {
  readonly subscription: SubscriptionInfo;
  readonly vms: readonly VmEncryptionItem[];
  readonly scaleSets: readonly ScaleSetEncryptionItem[];
  /** Undefined when vaults were not requested. */
  readonly vaults?: readonly VaultItem[];
  /** Number of HTTP requests this subscription cost (pages + instance views). */
  readonly requestCount: number;
  /** Parts that failed while the rest loaded (e.g. no permission to list vaults). */
  readonly partialErrors: readonly {
    readonly part: 'vaults' | 'scaleSets' | 'disks' | 'instanceViews';
    readonly error: PlainError;
  }[];
}

export interface InventoryProgress {
  readonly subscriptionId: string;
  readonly done: number;
  readonly total: number;
  readonly outcome: 'ok' | 'error';
}

export interface InventoryOptions {
  readonly signal?: AbortSignal;
  /** Parallel subscriptions (default 4). */
  readonly concurrency?: number;
  /** Also list key vaults (default true). */
  readonly includeVaults?: boolean;
  /** Also list scale sets (default true). */
  readonly includeScaleSets?: boolean;
  /**
   * `auto` (default): instance views only for VMs whose ADE extension is not in a final state or whose state can't
   * be told from models. `all`: the `az vm encryption show` level of detail for every VM. `none`: models only.
   */
  readonly instanceViews?: 'auto' | 'all' | 'none';
  /** Parallel instance-view reads inside one subscription (default 8). */
  readonly instanceViewConcurrency?: number;
  readonly onProgress?: (p: InventoryProgress) => void;
  /** Partial result per subscription as soon as it is ready (for incremental tree rendering). */
  readonly onSubscription?: (subscriptionId: string, result: Outcome<SubscriptionInventory>) => void;
  /** Clock for retirement countdowns. */
  readonly now?: Date;
}

export interface KeySummary {
  readonly name: string;
  readonly kty?: string;
  readonly keySize?: number;
  readonly enabled?: boolean;
  /** Expiry (seconds since epoch → Date). */
  readonly expires?: Date;
  readonly keyUri?: string;
  readonly keyUriWithVersion?: string;
  /** ADE can't use EC keys; RSA-HSM needs premium. */
  readonly usableAsKek: boolean;
  readonly rotationPolicyRotates: boolean;
}

export interface SecretSummary {
  readonly name: string;
  readonly enabled?: boolean;
  readonly contentType?: string;
  readonly secretUri?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** ADE tags its BEK secrets (`DiskEncryptionKeyFileName`, `MachineName`, `VolumeLetter`, …). */
  readonly isAdeBek: boolean;
  /** VM named in the ADE tags, if any. */
  readonly machineName?: string;
}

export interface VaultDetails {
  readonly vault: Vault;
  readonly readiness: VaultReadiness;
  readonly permissionModel: 'rbac' | 'accessPolicies';
  readonly accessPolicies: NonNullable<Vault['properties']['accessPolicies']>;
  readonly networkAcls?: Vault['properties']['networkAcls'];
  readonly keys: Outcome<readonly KeySummary[]>;
  readonly secrets: Outcome<readonly SecretSummary[]>;
}
