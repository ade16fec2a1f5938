import { setMaxListeners } from 'node:events';
import type { PlainError } from '../../../azure/errors';
import type {
  Outcome,
  SubscriptionInfo,
  SubscriptionInventory,
  VaultDetails,
  VaultItem,
  VmEncryptionItem,
} from '../../../azure/inventory/types';
import type { ExplorerBackend, SubscriptionListing } from './backend';

/** Turns anything thrown into plain words; the Azure layer's `describeAzureError` when it is loaded. */
export type ErrorDescriber = (err: unknown) => PlainError;

export function fallbackDescribe(err: unknown): PlainError {
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'unknown', message, retryable: true };
}

/**
 * The explorer's data, vscode-free: the subscription listing, one inventory per subscription, vault
 * details on demand. Calls for the same thing in flight are shared; refreshing one thing replaces
 * only that thing.
 */
export class ExplorerStore {
  private listing: Promise<Outcome<SubscriptionListing>> | undefined;
  private readonly inventories = new Map<string, Promise<Outcome<SubscriptionInventory>>>();
  private readonly settled = new Map<string, Outcome<SubscriptionInventory>>();
  private readonly vaultDetails = new Map<string, Promise<Outcome<VaultDetails>>>();
  private controller = ExplorerStore.newController();
  private readonly verifying = new Map<string, Promise<readonly string[]>>();
  /** Called with the ids of VMs whose state a verification pass changed (the tree redraws them). */
  onVerified: ((subscriptionId: string, vmIds: readonly string[]) => void) | undefined;
  /** Instance views read at once by the background verification pass, per subscription. */
  verifyConcurrency = 2;
  /** Whether loading an inventory starts the background verification pass (tests turn it off). */
  backgroundVerify = true;

  /** One signal is shared by every request of the current generation: lift Node's listener warning. */
  private static newController(): AbortController {
    const c = new AbortController();
    setMaxListeners(0, c.signal);
    return c;
  }

  constructor(
    readonly backend: ExplorerBackend,
    private readonly describe: ErrorDescriber = fallbackDescribe,
  ) {}

  private async outcome<T>(p: Promise<T>): Promise<Outcome<T>> {
    try {
      return { ok: true, value: await p };
    } catch (err) {
      return { ok: false, error: this.describe(err) };
    }
  }

  subscriptions(): Promise<Outcome<SubscriptionListing>> {
    this.listing ??= this.outcome(this.backend.listSubscriptions(this.controller.signal));
    return this.listing;
  }

  /** The cached inventory, if loaded (no request). */
  peekInventory(subscriptionId: string): Outcome<SubscriptionInventory> | undefined {
    return this.settled.get(subscriptionId.toLowerCase());
  }

  inventory(sub: SubscriptionInfo): Promise<Outcome<SubscriptionInventory>> {
    const key = sub.subscriptionId.toLowerCase();
    let p = this.inventories.get(key);
    if (!p) {
      p = this.outcome(this.backend.loadSubscription(sub, this.controller.signal)).then((o) => {
        if (this.inventories.get(key) === p) {
          this.settled.set(key, o);
          // The first picture costs a fixed number of list requests; stamped VMs are verified after it.
          if (o.ok && this.backgroundVerify) void this.verifyStamped(sub);
        }
        return o;
      });
      this.inventories.set(key, p);
    }
    return p;
  }

  /**
   * Background pass: reads the instance view of every VM whose picture is "ADE settings stamped", a few at a
   * time, and puts the verified state into the cached inventory. Returns the ids of VMs that changed.
   */
  verifyStamped(sub: SubscriptionInfo): Promise<readonly string[]> {
    const key = sub.subscriptionId.toLowerCase();
    let p = this.verifying.get(key);
    if (p) return p;
    const signal = this.controller.signal;
    p = (async () => {
      const inv = this.settled.get(key);
      if (!inv?.ok) return [];
      const stamped = inv.value.vms.filter((v) => v.state.summary === 'stamped');
      if (stamped.length === 0) return [];
      let verified: VmEncryptionItem[];
      try {
        verified = await this.backend.verifyVms(sub, stamped, { concurrency: this.verifyConcurrency, signal });
      } catch {
        return [];
      }
      if (signal.aborted || verified.length === 0) return [];
      this.patchInventory(sub.subscriptionId, (cur) => ({
        ...cur,
        vms: cur.vms.map((v) => verified.find((x) => sameId(x.id, v.id)) ?? v),
      }));
      const ids = verified.map((v) => v.id);
      this.onVerified?.(sub.subscriptionId, ids);
      return ids;
    })().finally(() => this.verifying.delete(key));
    this.verifying.set(key, p);
    return p;
  }

  /** Lazy verification of one VM (node expand): reads its instance view when its picture is only stamped. */
  async verifyVm(sub: SubscriptionInfo, vmId: string): Promise<void> {
    const inv = this.settled.get(sub.subscriptionId.toLowerCase());
    const item = inv?.ok ? inv.value.vms.find((v) => sameId(v.id, vmId)) : undefined;
    if (!item || item.state.summary !== 'stamped') return;
    const [verified] = await this.backend.verifyVms(sub, [item], { concurrency: 1, signal: this.controller.signal });
    if (!verified) return;
    this.patchInventory(sub.subscriptionId, (cur) => ({
      ...cur,
      vms: cur.vms.map((v) => (sameId(v.id, vmId) ? verified : v)),
    }));
  }

  vault(sub: SubscriptionInfo, vaultId: string): Promise<Outcome<VaultDetails>> {
    const key = vaultId.toLowerCase();
    let p = this.vaultDetails.get(key);
    if (!p) {
      p = this.outcome(this.backend.getVaultDetails(sub, vaultId, this.controller.signal)).then((o) => {
        // Keep the vault's badge in step with what was just read.
        if (o.ok) this.patchInventory(sub.subscriptionId, (inv) => replaceVault(inv, vaultId, o.value));
        return o;
      });
      this.vaultDetails.set(key, p);
    }
    return p;
  }

  /** Forget everything (title-bar refresh); requests in flight are cancelled. */
  resetAll(): void {
    this.controller.abort();
    this.controller = ExplorerStore.newController();
    this.listing = undefined;
    this.inventories.clear();
    this.settled.clear();
    this.vaultDetails.clear();
  }

  resetListing(): void {
    this.listing = undefined;
  }

  resetSubscription(subscriptionId: string): void {
    const key = subscriptionId.toLowerCase();
    this.inventories.delete(key);
    this.settled.delete(key);
    const prefix = `/subscriptions/${key}/`;
    for (const id of [...this.vaultDetails.keys()]) if (id.startsWith(prefix)) this.vaultDetails.delete(id);
  }

  resetVault(vaultId: string): void {
    this.vaultDetails.delete(vaultId.toLowerCase());
  }

  /** Re-reads one VM (and its disks) and puts it into the cached inventory. */
  async refreshVm(sub: SubscriptionInfo, vmId: string): Promise<void> {
    const vm = await this.backend.getVm(sub, vmId, this.controller.signal);
    this.patchInventory(sub.subscriptionId, (inv) => ({
      ...inv,
      vms: inv.vms.some((v) => sameId(v.id, vmId))
        ? inv.vms.map((v) => (sameId(v.id, vmId) ? vm : v))
        : [...inv.vms, vm],
    }));
  }

  async refreshScaleSet(sub: SubscriptionInfo, id: string): Promise<void> {
    const ss = await this.backend.getScaleSet(sub, id, this.controller.signal);
    this.patchInventory(sub.subscriptionId, (inv) => ({
      ...inv,
      scaleSets: inv.scaleSets.map((s) => (sameId(s.id, id) ? ss : s)),
    }));
  }

  private patchInventory(subscriptionId: string, f: (inv: SubscriptionInventory) => SubscriptionInventory): void {
    const key = subscriptionId.toLowerCase();
    const cur = this.settled.get(key);
    if (!cur?.ok) return;
    const next: Outcome<SubscriptionInventory> = { ok: true, value: f(cur.value) };
    this.settled.set(key, next);
    this.inventories.set(key, Promise.resolve(next));
  }
}

export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function replaceVault(inv: SubscriptionInventory, vaultId: string, d: VaultDetails): SubscriptionInventory {
  if (!inv.vaults) return inv;
  return {
    ...inv,
    vaults: inv.vaults.map((v): VaultItem =>
      sameId(v.id, vaultId) ? { ...v, readiness: d.readiness, model: d.vault } : v,
    ),
  };
}
