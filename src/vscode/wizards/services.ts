/**
 * What the wizards need from Azure, vscode-free: listings from the explorer's store (no extra
 * requests when the tree already loaded them), fresh reads before preflight, and the operations.
 * The Azure layer is passed in (the extension loads it lazily).
 */
import type { Disk, VirtualMachine, VirtualMachineScaleSet } from '@azure/arm-compute';
import type { Vault } from '@azure/arm-keyvault';
import type * as AzureLayer from '../../azure';
import type { AzureClientFactory } from '../../azure/clients';
import type { OsKind } from '../../azure/ade/extension';
import type { KeySummary, SubscriptionInfo, SubscriptionInventory } from '../../azure/inventory/types';
import type { EncryptionState } from '../../azure/state/types';
import type { ExplorerStore } from '../explorer/model/store';

export type AzureModule = typeof AzureLayer;

export interface TargetInfo {
  readonly id: string;
  readonly name: string;
  readonly kind: 'vm' | 'vmss';
  readonly os: OsKind | undefined;
  readonly location: string;
  readonly subscriptionId: string;
  readonly tenantId?: string;
  readonly resourceGroup: string;
  readonly state: EncryptionState;
  readonly dataDiskCount: number;
  readonly vm?: VirtualMachine;
  readonly vmss?: VirtualMachineScaleSet;
  readonly disks?: readonly Disk[];
}

export interface VaultInfo {
  readonly id: string;
  readonly name: string;
  readonly location: string;
  readonly subscriptionId: string;
  readonly tenantId?: string;
  readonly resourceGroup: string;
  readonly premium: boolean;
  readonly rbac: boolean;
  readonly model: Vault;
}

export interface WizardServices {
  readonly az: AzureModule;
  readonly factory: AzureClientFactory;
  readonly mode: 'sandbox' | 'azure';
  subscriptions(): Promise<readonly SubscriptionInfo[]>;
  /** VMs and scale sets of every listed subscription (cached inventories where loaded). */
  listTargets(): Promise<TargetInfo[]>;
  listVaults(): Promise<VaultInfo[]>;
  /** Fresh read (model, instance view, disks) right before preflight. */
  readTarget(id: string): Promise<TargetInfo>;
  readVault(id: string): Promise<VaultInfo>;
  listKeys(vault: VaultInfo): Promise<readonly KeySummary[]>;
  /** Object id of the signed-in user, when the token says it. */
  signedInObjectId(tenantId?: string): Promise<string | undefined>;
  tenantOf(subscriptionId: string): string | undefined;
}

function vaultInfo(az: AzureModule, v: Vault, tenantId?: string): VaultInfo {
  const p = az.parseResourceId(v.id ?? '');
  return {
    id: v.id ?? '',
    name: v.name ?? p?.name ?? '',
    location: v.location ?? '',
    subscriptionId: p?.subscriptionId ?? '',
    ...(tenantId ? { tenantId } : {}),
    resourceGroup: p?.resourceGroup ?? '',
    premium: (v.properties?.sku?.name ?? '').toLowerCase() === 'premium',
    rbac: v.properties?.enableRbacAuthorization === true,
    model: v,
  };
}

/** Decodes the `oid` claim of a JWT access token (no signature check: it only picks a default). */
export function objectIdFromToken(token: string): string | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const json = JSON.parse(Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')) as {
      oid?: unknown;
    };
    return typeof json.oid === 'string' ? json.oid : undefined;
  } catch {
    return undefined;
  }
}

export function createServices(
  az: AzureModule,
  factory: AzureClientFactory,
  store: ExplorerStore,
  mode: 'sandbox' | 'azure',
): WizardServices {
  let subs: readonly SubscriptionInfo[] = [];
  const subscriptions = async () => {
    const listing = await store.subscriptions();
    if (!listing.ok) throw new az.AzureOperationError(listing.error);
    subs = listing.value.subscriptions;
    return subs;
  };
  const tenantOf = (subscriptionId: string) =>
    subs.find((s) => s.subscriptionId.toLowerCase() === subscriptionId.toLowerCase())?.tenantId || undefined;
  const inventories = async () => {
    const all = await subscriptions();
    const out = await Promise.all(all.map(async (s) => ({ s, inv: await store.inventory(s) })));
    return out
      .filter((x) => x.inv.ok)
      .map((x) => ({
        s: x.s,
        inv: (x.inv as { ok: true; value: SubscriptionInventory }).value,
      }));
  };
  return {
    az,
    factory,
    mode,
    subscriptions,
    tenantOf,
    async listTargets() {
      const out: TargetInfo[] = [];
      for (const { s, inv } of await inventories()) {
        for (const vm of inv.vms) {
          out.push({
            id: vm.id,
            name: vm.name,
            kind: 'vm',
            os: vm.os,
            location: vm.location,
            subscriptionId: s.subscriptionId,
            ...(s.tenantId ? { tenantId: s.tenantId } : {}),
            resourceGroup: vm.resourceGroup,
            state: vm.state,
            dataDiskCount: vm.model.storageProfile?.dataDisks?.length ?? 0,
            vm: vm.model,
            disks: vm.disks,
          });
        }
        for (const ss of inv.scaleSets) {
          out.push({
            id: ss.id,
            name: ss.name,
            kind: 'vmss',
            os: ss.os,
            location: ss.location,
            subscriptionId: s.subscriptionId,
            ...(s.tenantId ? { tenantId: s.tenantId } : {}),
            resourceGroup: ss.resourceGroup,
            state: ss.state,
            dataDiskCount: ss.model.virtualMachineProfile?.storageProfile?.dataDisks?.length ?? 0,
            vmss: ss.model,
          });
        }
      }
      return out;
    },
    async listVaults() {
      const out: VaultInfo[] = [];
      for (const { s, inv } of await inventories())
        for (const v of inv.vaults ?? []) out.push(vaultInfo(az, v.model, s.tenantId));
      return out;
    },
    async readTarget(id) {
      const p = az.requireResourceId(id, 'Resource');
      if (!subs.length) await subscriptions();
      const tenantId = tenantOf(p.subscriptionId);
      const opts = tenantId ? { tenantId } : {};
      if (p.type.toLowerCase() === 'virtualmachinescalesets') {
        const ss = await factory
          .compute(p.subscriptionId, tenantId)
          .virtualMachineScaleSets.get(p.resourceGroup, p.name);
        return {
          id: ss.id ?? id,
          name: ss.name ?? p.name,
          kind: 'vmss',
          os: az.osKindOf(ss.virtualMachineProfile?.storageProfile?.osDisk?.osType),
          location: ss.location,
          subscriptionId: p.subscriptionId,
          ...(tenantId ? { tenantId } : {}),
          resourceGroup: p.resourceGroup,
          state: az.scaleSetEncryptionState(ss),
          dataDiskCount: ss.virtualMachineProfile?.storageProfile?.dataDisks?.length ?? 0,
          vmss: ss,
        };
      }
      const r = await az.getVmEncryption(factory, id, opts);
      return {
        id: r.vm.id ?? id,
        name: r.vm.name ?? p.name,
        kind: 'vm',
        os: az.osKindOf(r.vm.storageProfile?.osDisk?.osType),
        location: r.vm.location,
        subscriptionId: p.subscriptionId,
        ...(tenantId ? { tenantId } : {}),
        resourceGroup: p.resourceGroup,
        state: r.state,
        dataDiskCount: r.vm.storageProfile?.dataDisks?.length ?? 0,
        vm: r.vm,
        disks: r.disks,
      };
    },
    async readVault(id) {
      const p = az.requireResourceId(id, 'Key vault');
      if (!subs.length) await subscriptions();
      const tenantId = tenantOf(p.subscriptionId);
      return vaultInfo(az, await az.getVault(factory, id, tenantId ? { tenantId } : {}), tenantId);
    },
    async listKeys(vault) {
      const kv = factory.keyVault(vault.subscriptionId, vault.tenantId);
      const keys = [];
      for await (const k of kv.keys.list(vault.resourceGroup, vault.name)) keys.push(az.summarizeKey(k, vault.premium));
      return keys;
    },
    async signedInObjectId(tenantId) {
      try {
        const token = await factory.credentialFor(tenantId).getToken(factory.connection.cloud.managementScope);
        return token ? objectIdFromToken(token.token) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
