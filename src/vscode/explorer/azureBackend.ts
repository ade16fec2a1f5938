import type { Disk, VirtualMachineScaleSetVM } from '@azure/arm-compute';
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { AzureCloud } from '../../azure/auth/clouds';
import type { AzureClientFactory } from '../../azure/clients';
import type { PlainError } from '../../azure/errors';
import type {
  ScaleSetEncryptionItem,
  SubscriptionInfo,
  SubscriptionInventory,
  TenantInfo,
  VaultDetails,
  VmEncryptionItem,
} from '../../azure/inventory/types';
import type { AzureApi } from './azureApi';
import type { ExplorerBackend, SubscriptionListing } from './model/backend';

export interface BackendOptions {
  readonly kind: 'sandbox' | 'azure';
  readonly title: string;
  readonly cloud: AzureCloud;
  readonly credential: TokenCredential | ((tenantId?: string) => TokenCredential);
  readonly endpoint?: string;
  readonly httpClient?: HttpClient;
  /** Known subscriptions (the sandbox): skips the tenant/subscription listing. */
  readonly subscriptions?: readonly SubscriptionInfo[];
  /** Total requests, when the transport counts them better than the client factory (the sandbox's request log). */
  readonly requestCount?: () => number;
  readonly retry?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

async function collect<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iter) out.push(x);
  return out;
}

/** An error that needs an interactive sign-in (MFA, consent, expired session) rather than a fix. */
export function needsInteractiveSignIn(e: PlainError): boolean {
  return (
    e.kind === 'unauthenticated' ||
    /AADSTS50076|AADSTS50079|AADSTS50158|interaction_required|multi-factor|mfa/i.test(
      `${e.code ?? ''} ${e.message} ${e.detail ?? ''}`,
    )
  );
}

/** The explorer's data through the Azure layer: inventory per subscription, single-resource reads for refresh. */
export class AzureLayerBackend implements ExplorerBackend {
  readonly kind: 'sandbox' | 'azure';
  readonly title: string;
  readonly cloud: AzureCloud;
  readonly factory: AzureClientFactory;
  private readonly knownSubs: readonly SubscriptionInfo[] | undefined;
  private readonly counter: (() => number) | undefined;
  private seenSubscriptions = new Set<string>();

  constructor(
    private readonly az: AzureApi,
    options: BackendOptions,
  ) {
    this.kind = options.kind;
    this.title = options.title;
    this.cloud = options.cloud;
    this.knownSubs = options.subscriptions;
    this.counter = options.requestCount;
    this.factory = new az.AzureClientFactory({
      cloud: options.cloud,
      credential: options.credential,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.httpClient ? { httpClient: options.httpClient } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
    });
  }

  requestCount(): number {
    if (this.counter) return this.counter();
    let n = this.factory.requestCount('');
    for (const s of this.seenSubscriptions) n += this.factory.requestCount(s);
    return n;
  }

  async listSubscriptions(signal?: AbortSignal): Promise<SubscriptionListing> {
    if (this.knownSubs) return { subscriptions: this.knownSubs, tenantsNeedingSignIn: [], failedTenants: [] };
    const tenants = await this.az.listTenants(this.factory, signal ? { signal } : {});
    const subscriptions: SubscriptionInfo[] = [];
    const tenantsNeedingSignIn: { tenant: TenantInfo; error: PlainError }[] = [];
    const failedTenants: { tenant: TenantInfo; error: PlainError }[] = [];
    const seen = new Set<string>();
    await Promise.all(
      tenants.map(async (tenant) => {
        try {
          const subs = await this.az.listSubscriptions(this.factory, tenant.tenantId, signal ? { signal } : {});
          for (const s of subs) {
            // The same subscription can be visible through two tenants (guest access): show it once.
            if (seen.has(s.subscriptionId.toLowerCase())) continue;
            seen.add(s.subscriptionId.toLowerCase());
            subscriptions.push(s);
          }
        } catch (err) {
          const error = this.az.describeAzureError(err);
          if (err instanceof this.az.NotSignedInError || needsInteractiveSignIn(error))
            tenantsNeedingSignIn.push({ tenant, error });
          else failedTenants.push({ tenant, error });
        }
      }),
    );
    return { subscriptions, tenantsNeedingSignIn, failedTenants };
  }

  loadSubscription(sub: SubscriptionInfo, signal?: AbortSignal): Promise<SubscriptionInventory> {
    this.seenSubscriptions.add(sub.subscriptionId);
    return this.az.loadSubscriptionInventory(this.factory, sub, {
      ...(signal ? { signal } : {}),
      instanceViews: 'auto',
    });
  }

  verifyVms(
    sub: SubscriptionInfo,
    items: readonly VmEncryptionItem[],
    options: { concurrency: number; signal?: AbortSignal },
  ): Promise<VmEncryptionItem[]> {
    return this.az.verifyStampedVms(this.factory, sub, items, {
      concurrency: options.concurrency,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  private ids(id: string, what: string) {
    const parsed = this.az.parseResourceId(id);
    if (!parsed) throw new Error(`${what} '${id}' is not a valid Azure resource id.`);
    return parsed;
  }

  async getVm(sub: SubscriptionInfo, vmId: string, signal?: AbortSignal): Promise<VmEncryptionItem> {
    const { resourceGroup, name } = this.ids(vmId, 'VM');
    const compute = this.factory.compute(sub.subscriptionId, sub.tenantId || undefined);
    const vm = await compute.virtualMachines.get(resourceGroup, name, { expand: 'instanceView', abortSignal: signal });
    const sp = vm.storageProfile;
    const diskIds = [sp?.osDisk?.managedDisk?.id, ...(sp?.dataDisks ?? []).map((d) => d.managedDisk?.id)].filter(
      (x): x is string => !!x,
    );
    const disks: Disk[] = await Promise.all(
      diskIds.map((id) => {
        const p = this.ids(id, 'Disk');
        return compute.disks.get(p.resourceGroup, p.name, { abortSignal: signal });
      }),
    );
    const state = this.az.encryptionState(vm, vm.instanceView, disks, { now: new Date() });
    return {
      id: vm.id ?? vmId,
      name: vm.name ?? name,
      resourceGroup,
      location: vm.location,
      os: state.os,
      ...(vm.hardwareProfile?.vmSize ? { vmSize: vm.hardwareProfile.vmSize } : {}),
      state,
      model: vm,
      disks,
      ...(vm.instanceView ? { instanceView: vm.instanceView } : {}),
    };
  }

  async getScaleSet(sub: SubscriptionInfo, id: string, signal?: AbortSignal): Promise<ScaleSetEncryptionItem> {
    const { resourceGroup, name } = this.ids(id, 'Scale set');
    const s = await this.factory
      .compute(sub.subscriptionId, sub.tenantId || undefined)
      .virtualMachineScaleSets.get(resourceGroup, name, { abortSignal: signal });
    const state = this.az.scaleSetEncryptionState(s, { now: new Date() });
    return {
      id: s.id ?? id,
      name: s.name ?? name,
      resourceGroup,
      location: s.location,
      os: state.os,
      ...(s.sku?.capacity !== undefined ? { capacity: s.sku.capacity } : {}),
      ...(s.upgradePolicy?.mode ? { upgradeMode: s.upgradePolicy.mode } : {}),
      state,
      model: s,
    };
  }

  getVaultDetails(sub: SubscriptionInfo, vaultId: string, signal?: AbortSignal): Promise<VaultDetails> {
    return this.az.getVaultDetails(this.factory, vaultId, {
      ...(signal ? { signal } : {}),
      ...(sub.tenantId ? { tenantId: sub.tenantId } : {}),
    });
  }

  async showStatus(sub: SubscriptionInfo, resourceId: string, signal?: AbortSignal): Promise<unknown> {
    const p = this.ids(resourceId, 'Resource');
    const compute = this.factory.compute(sub.subscriptionId, sub.tenantId || undefined);
    if (p.type.toLowerCase() === 'virtualmachinescalesets') {
      const instances: VirtualMachineScaleSetVM[] = await collect(
        compute.virtualMachineScaleSetVMs.list(p.resourceGroup, p.name, {
          expand: 'instanceView',
          select: 'instanceView',
          abortSignal: signal,
        }),
      );
      return this.az.scaleSetShowStatus(instances);
    }
    const vm = await compute.virtualMachines.get(p.resourceGroup, p.name, {
      expand: 'instanceView',
      abortSignal: signal,
    });
    return this.az.vmShowStatus(vm, vm.instanceView) ?? null;
  }
}
