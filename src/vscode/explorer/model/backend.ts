import type { AzureCloud } from '../../../azure/auth/clouds';
import type { PlainError } from '../../../azure/errors';
import type {
  ScaleSetEncryptionItem,
  SubscriptionInfo,
  SubscriptionInventory,
  TenantInfo,
  VaultDetails,
  VmEncryptionItem,
} from '../../../azure/inventory/types';

export interface SubscriptionListing {
  readonly subscriptions: readonly SubscriptionInfo[];
  /** Tenants whose subscriptions could not be listed without an interactive sign-in (MFA, consent). */
  readonly tenantsNeedingSignIn: readonly { readonly tenant: TenantInfo; readonly error: PlainError }[];
  /** Tenants that failed for other reasons (shown, never fatal). */
  readonly failedTenants: readonly { readonly tenant: TenantInfo; readonly error: PlainError }[];
}

/**
 * Where the explorer's data comes from. One implementation over the Azure layer serves both the
 * signed-in account and the sandbox (which only differ in transport and credential).
 */
export interface ExplorerBackend {
  readonly kind: 'sandbox' | 'azure';
  /** Root node label, e.g. `Sandbox: default` or `Azure (user@contoso.com)`. */
  readonly title: string;
  readonly cloud: AzureCloud;
  listSubscriptions(signal?: AbortSignal): Promise<SubscriptionListing>;
  /** The whole encryption picture of one subscription in a fixed number of list requests. */
  loadSubscription(sub: SubscriptionInfo, signal?: AbortSignal): Promise<SubscriptionInventory>;
  /**
   * Reads the instance view of VMs whose picture is "ADE settings stamped" and returns them verified
   * (one request per VM, `concurrency` at a time); the ones that could not be read are left out.
   */
  verifyVms(
    sub: SubscriptionInfo,
    items: readonly VmEncryptionItem[],
    options: { concurrency: number; signal?: AbortSignal },
  ): Promise<VmEncryptionItem[]>;
  /** One VM and its disks only. */
  getVm(sub: SubscriptionInfo, vmId: string, signal?: AbortSignal): Promise<VmEncryptionItem>;
  getScaleSet(sub: SubscriptionInfo, scaleSetId: string, signal?: AbortSignal): Promise<ScaleSetEncryptionItem>;
  /** Vault, access policies, keys and secrets (management plane; never secret values). */
  getVaultDetails(sub: SubscriptionInfo, vaultId: string, signal?: AbortSignal): Promise<VaultDetails>;
  /** `az vm encryption show` / `az vmss encryption show` JSON. */
  showStatus(sub: SubscriptionInfo, resourceId: string, signal?: AbortSignal): Promise<unknown>;
  /** HTTP requests sent so far (for tests and the benchmark). */
  requestCount(): number;
  dispose?(): Promise<void> | void;
}
