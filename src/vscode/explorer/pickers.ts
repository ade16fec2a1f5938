import * as vscode from 'vscode';
import type { SubscriptionInfo } from '../../azure/inventory/types';
import type { ExplorerProvider } from './explorerProvider';
import { keyChildrenOfVault, scaleSetNode, vaultNode, vmNode } from './model/build';
import type { NodeDescriptor } from './model/types';

export type PickKind = 'vm' | 'scaleSet' | 'vault';

class Cancelled extends Error {}

function needSource(explorer: ExplorerProvider) {
  const store = explorer.store;
  if (!store) {
    void vscode.window
      .showInformationMessage(
        'Sign in to Azure or open the sandbox first: the explorer has nothing to pick from.',
        'Open Sandbox',
        'Sign In',
      )
      .then((c) => {
        if (c === 'Open Sandbox') void vscode.commands.executeCommand('ade.openSandbox');
        if (c === 'Sign In') void vscode.commands.executeCommand('ade.signIn');
      });
    throw new Cancelled();
  }
  return store;
}

async function pickSubscription(explorer: ExplorerProvider): Promise<SubscriptionInfo> {
  const store = needSource(explorer);
  const listing = await store.subscriptions();
  if (!listing.ok) {
    void vscode.window.showErrorMessage(`Could not list subscriptions: ${listing.error.message}`);
    throw new Cancelled();
  }
  const sel = explorer.selectedSubscriptions();
  const subs = listing.value.subscriptions.filter((s) => !sel || sel.has(s.subscriptionId.toLowerCase()));
  if (subs.length === 1 && subs[0]) return subs[0];
  const choice = await vscode.window.showQuickPick(
    subs.map((s) => ({ label: s.displayName, description: s.subscriptionId, sub: s })),
    { title: 'Select a subscription', placeHolder: 'Subscription', ignoreFocusOut: true },
  );
  if (!choice) throw new Cancelled();
  return choice.sub;
}

/** Palette flow: subscription (if several), then one VM / scale set / vault, with the same badges as the tree. */
export async function pickResource(
  explorer: ExplorerProvider,
  kinds: readonly PickKind[],
  title: string,
): Promise<NodeDescriptor | undefined> {
  try {
    const store = needSource(explorer);
    const sub = await pickSubscription(explorer);
    const inv = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Loading ${sub.displayName}…` },
      () => store.inventory(sub),
    );
    if (!inv.ok) {
      void vscode.window.showErrorMessage(
        `Could not load ${sub.displayName}: ${inv.error.message}${inv.error.fix ? ` ${inv.error.fix}` : ''}`,
      );
      return undefined;
    }
    const ref = { subscriptionId: sub.subscriptionId, tenantId: sub.tenantId };
    const nodes: NodeDescriptor[] = [
      ...(kinds.includes('vm') ? inv.value.vms.map((v) => vmNode(ref, v)) : []),
      ...(kinds.includes('scaleSet') ? inv.value.scaleSets.map((s) => scaleSetNode(ref, s)) : []),
      ...(kinds.includes('vault') ? (inv.value.vaults ?? []).map((v) => vaultNode(ref, v)) : []),
    ];
    if (!nodes.length) {
      void vscode.window.showInformationMessage(`${sub.displayName} has nothing to pick for "${title}".`);
      return undefined;
    }
    const kindLabel: Record<string, string> = { vm: 'VM', scaleSet: 'Scale set', vault: 'Key vault' };
    const choice = await vscode.window.showQuickPick(
      nodes.map((n) => ({
        label: `$(${n.icon?.id ?? 'circle'}) ${n.label}`,
        description: `${kindLabel[n.kind] ?? n.kind} · ${n.description ?? ''}`,
        detail: n.ref.resourceGroup,
        node: n,
      })),
      {
        title,
        placeHolder: 'Type to filter by name',
        matchOnDescription: true,
        matchOnDetail: true,
        ignoreFocusOut: true,
      },
    );
    return choice?.node;
  } catch (e) {
    if (e instanceof Cancelled) return undefined;
    throw e;
  }
}

/** Palette flow for key URLs: a vault, then one of its keys. */
export async function pickKey(explorer: ExplorerProvider): Promise<NodeDescriptor | undefined> {
  const vault = await pickResource(explorer, ['vault'], 'Copy key URL: select the key vault');
  const store = explorer.store;
  if (!vault || !store) return undefined;
  const sub = { subscriptionId: vault.ref.subscriptionId ?? '', tenantId: vault.ref.tenantId ?? '', displayName: '' };
  const d = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Reading ${vault.label}…` },
    () => store.vault(sub, vault.ref.armId ?? ''),
  );
  if (!d.ok) {
    void vscode.window.showErrorMessage(`Could not read ${vault.label}: ${d.error.message}`);
    return undefined;
  }
  const inv = store.peekInventory(sub.subscriptionId);
  const item = inv?.ok
    ? inv.value.vaults?.find((v) => v.id.toLowerCase() === (vault.ref.armId ?? '').toLowerCase())
    : undefined;
  if (!item) return undefined;
  const keys = keyChildrenOfVault(item, sub, d.value).filter((k) => k.kind === 'key');
  if (!keys.length) {
    void vscode.window.showInformationMessage(`${vault.label} has no keys.`);
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(
    keys.map((k) => ({ label: `$(key) ${k.label}`, description: k.description, node: k })),
    { title: 'Copy key URL: select the key', ignoreFocusOut: true },
  );
  return choice?.node;
}
