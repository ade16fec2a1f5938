import type { SubscriptionInfo, SubscriptionInventory, VaultItem } from '../../../azure/inventory/types';
import {
  accessPolicyChildren,
  errorNode,
  extensionChildren,
  groupChildren,
  infoNode,
  keyChildrenOfVault,
  readinessChildren,
  resourceGroupChildren,
  rootNode,
  scaleSetChildren,
  secretChildren,
  selectSubscriptionsNode,
  signInNode,
  subscriptionChildren,
  subscriptionNode,
  tenantSignInNode,
  vaultChildren,
  vmChildren,
} from './build';
import { errorNodeId, syntheticId } from './ids';
import { DEFAULT_PAGE_SIZE, pageChildren } from './paging';
import { sameId, type ExplorerStore } from './store';
import type { NodeDescriptor } from './types';

export interface ChildOptions {
  readonly groupByResourceGroup: boolean;
  /** Selected subscription ids (lower-case); undefined = all. */
  readonly selectedSubscriptions?: ReadonlySet<string>;
  /** How many children of a parent are shown (paging); default one page. */
  readonly shown?: (parentId: string) => number;
  readonly pageSize?: number;
}

export function rootOf(store: ExplorerStore, description?: string): NodeDescriptor {
  return rootNode(store.backend.title, store.backend.kind, description);
}

/** Which subscription a node belongs to, with its display name from the listing. */
export async function subscriptionFor(
  store: ExplorerStore,
  node: NodeDescriptor,
): Promise<SubscriptionInfo | undefined> {
  const id = node.ref.subscriptionId;
  if (!id) return undefined;
  const listing = await store.subscriptions();
  const found = listing.ok ? listing.value.subscriptions.find((s) => sameId(s.subscriptionId, id)) : undefined;
  return found ?? { subscriptionId: id, displayName: id, tenantId: node.ref.tenantId ?? '' };
}

type Loaded =
  { readonly sub: SubscriptionInfo; readonly inv: SubscriptionInventory } | { readonly error: NodeDescriptor[] };

async function inventoryFor(store: ExplorerStore, node: NodeDescriptor, errorParent: string): Promise<Loaded> {
  const sub = await subscriptionFor(store, node);
  if (!sub) return { error: [errorNode(errorParent, { message: 'This node has no subscription.' }, false)] };
  const inv = await store.inventory(sub);
  if (!inv.ok) return { error: [errorNode(errorParent, inv.error)] };
  return { sub, inv: inv.value };
}

function findVault(inv: SubscriptionInventory, id: string | undefined): VaultItem | undefined {
  return id ? inv.vaults?.find((v) => sameId(v.id, id)) : undefined;
}

function gone(node: NodeDescriptor, what: string): NodeDescriptor[] {
  return [
    infoNode(syntheticId(node.id, 'gone'), `This ${what} is no longer in the inventory`, 'refresh the subscription'),
  ];
}

/** Children of a node, as plain descriptors. Network failures come back as error nodes, never as throws. */
export async function childrenOf(
  store: ExplorerStore,
  node: NodeDescriptor | undefined,
  options: ChildOptions,
): Promise<NodeDescriptor[]> {
  if (!node) return [rootOf(store)];
  const shown = options.shown?.(node.id) ?? 0;
  const page = (all: NodeDescriptor[]) => pageChildren(node.id, all, shown, options.pageSize ?? DEFAULT_PAGE_SIZE);
  switch (node.kind) {
    case 'root': {
      const listing = await store.subscriptions();
      if (!listing.ok) {
        // Signed out or the session expired: offer sign-in next to the reason.
        return listing.error.kind === 'unauthenticated'
          ? [signInNode(), errorNode(node.id, listing.error)]
          : [errorNode(node.id, listing.error)];
      }
      const { subscriptions, tenantsNeedingSignIn, failedTenants } = listing.value;
      const sel = options.selectedSubscriptions;
      const visible = sel ? subscriptions.filter((s) => sel.has(s.subscriptionId.toLowerCase())) : [...subscriptions];
      visible.sort((a, b) => a.displayName.localeCompare(b.displayName));
      const out = visible.map((s) => {
        const inv = store.peekInventory(s.subscriptionId);
        return subscriptionNode(s, inv?.ok ? inv.value : undefined);
      });
      if (subscriptions.length > 0 && visible.length === 0) out.push(selectSubscriptionsNode(subscriptions.length));
      if (subscriptions.length === 0 && tenantsNeedingSignIn.length === 0) {
        out.push(
          infoNode(syntheticId(node.id, 'nosubs'), 'No subscriptions', 'this account sees no Azure subscription'),
        );
      }
      for (const t of tenantsNeedingSignIn) out.push(tenantSignInNode(t.tenant, t.error));
      for (const t of failedTenants) {
        out.push(
          errorNode(syntheticId(node.id, `tenant:${t.tenant.tenantId}`), {
            message: `Tenant ${t.tenant.displayName ?? t.tenant.tenantId}: ${t.error.message}`,
            ...(t.error.fix ? { fix: t.error.fix } : {}),
          }),
        );
      }
      return page(out);
    }
    case 'subscription': {
      const r = await inventoryFor(store, node, node.id);
      if ('error' in r) return r.error;
      return subscriptionChildren(
        node.ref as { subscriptionId: string; tenantId: string },
        r.inv,
        options.groupByResourceGroup,
      );
    }
    case 'resourceGroup': {
      const r = await inventoryFor(store, node, node.id);
      if ('error' in r) return r.error;
      return resourceGroupChildren(
        { subscriptionId: r.sub.subscriptionId, tenantId: r.sub.tenantId },
        r.inv,
        node.ref.resourceGroup ?? '',
      );
    }
    case 'group': {
      const r = await inventoryFor(store, node, node.id);
      if ('error' in r) return r.error;
      const sub = { subscriptionId: r.sub.subscriptionId, tenantId: r.sub.tenantId };
      return page(groupChildren(sub, r.inv, node.ref.group ?? 'vms', node.ref.resourceGroup));
    }
    case 'vm':
    case 'scaleSet': {
      const r = await inventoryFor(store, node, node.id);
      if ('error' in r) return r.error;
      const sub = { subscriptionId: r.sub.subscriptionId, tenantId: r.sub.tenantId };
      const id = node.ref.armId ?? '';
      if (node.kind === 'vm') {
        // Opening a VM whose picture is only "stamped" reads its instance view first (lazy verification).
        await store.verifyVm(r.sub, id).catch(() => undefined);
        const fresh = store.peekInventory(r.sub.subscriptionId);
        const vms = fresh?.ok ? fresh.value.vms : r.inv.vms;
        const vm = vms.find((v) => sameId(v.id, id));
        return vm ? vmChildren(sub, vm, r.inv.vaults ?? []) : gone(node, 'VM');
      }
      const ss = r.inv.scaleSets.find((s) => sameId(s.id, id));
      return ss ? scaleSetChildren(sub, ss, r.inv.vaults ?? []) : gone(node, 'scale set');
    }
    case 'extension': {
      const r = await inventoryFor(store, node, node.id);
      if ('error' in r) return r.error;
      const id = node.ref.armId ?? '';
      const owner = r.inv.vms.find((v) => sameId(v.id, id)) ?? r.inv.scaleSets.find((s) => sameId(s.id, id));
      return owner?.state.ade ? extensionChildren(node.id, owner.state.ade) : gone(node, 'extension');
    }
    case 'vault':
    case 'vaultSection': {
      const vaultNodeId = (node.ref.armId ?? '').toLowerCase();
      const r = await inventoryFor(store, node, vaultNodeId);
      if ('error' in r) return r.error;
      const sub = { subscriptionId: r.sub.subscriptionId, tenantId: r.sub.tenantId };
      const d = await store.vault(r.sub, node.ref.armId ?? '');
      if (!d.ok) return [errorNode(vaultNodeId, d.error)];
      // Re-read after the details patched the badge.
      const fresh = store.peekInventory(r.sub.subscriptionId);
      const vault = findVault(fresh?.ok ? fresh.value : r.inv, node.ref.armId);
      if (!vault) return gone(node, 'vault');
      if (node.kind === 'vault') return vaultChildren(sub, vault, d.value);
      switch (node.ref.section) {
        case 'readiness':
          return readinessChildren(vault, d.value);
        case 'accessPolicies':
          return page(accessPolicyChildren(vault, d.value));
        case 'keys':
          return page(keyChildrenOfVault(vault, sub, d.value));
        case 'secrets':
          return page(secretChildren(vault, sub, d.value));
        default:
          return [];
      }
    }
    default:
      return [];
  }
}

export { errorNodeId };
