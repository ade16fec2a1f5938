import * as vscode from 'vscode';
import type { Sandbox } from '../../sandbox/types';
import type { ActivityLog } from '../activityLog';
import { ContextKeys, setContext } from '../contextKeys';
import type { AzureApi } from './azureApi';
import { errorNode, subscriptionNode } from './model/build';
import { childrenOf, subscriptionFor } from './model/children';
import { DEFAULT_PAGE_SIZE } from './model/paging';
import type { ExplorerStore } from './model/store';
import type { NodeDescriptor } from './model/types';
import { openAzureSource, openSandboxSource, type ExplorerSource } from './sources';
import { toTreeItem } from './treeItem';

export type ExplorerMode =
  { kind: 'none' } | { kind: 'sandbox'; scenario: string; principal?: string } | { kind: 'azure' };

const FILTER_KEY = 'ade.explorer.selectedSubscriptions';

/**
 * The encryption explorer's data provider. It only translates plain node descriptions (built by
 * `model/`) into tree items; the mode says where the data comes from (the account or the sandbox).
 */
export class ExplorerProvider implements vscode.TreeDataProvider<NodeDescriptor>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<NodeDescriptor | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private modeValue: ExplorerMode = { kind: 'none' };
  private source: ExplorerSource | undefined;
  private view: vscode.TreeView<NodeDescriptor> | undefined;
  /** Latest descriptor object per id (VS Code refreshes elements by identity). */
  private readonly nodes = new Map<string, NodeDescriptor>();
  /** Fresh content for an element after a single-node refresh. */
  private readonly overrides = new Map<string, NodeDescriptor>();
  private readonly parents = new Map<string, NodeDescriptor | undefined>();
  private readonly busy = new Map<string, string>();
  /** Nodes whose own re-read failed: their children become one error node with a retry action. */
  private readonly nodeErrors = new Map<string, { message: string; fix?: string }>();
  private readonly shown = new Map<string, number>();
  private generation = 0;
  private sessionTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: ActivityLog,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('ade.explorer.groupByResourceGroup')) this.changed.fire(undefined);
        if (e.affectsConfiguration('ade.azure.cloud') && this.modeValue.kind === 'azure')
          void this.setMode({ kind: 'azure' });
      }),
      // Signing in or out elsewhere in VS Code (Accounts menu): reload the Azure tree, debounced.
      vscode.authentication.onDidChangeSessions((e) => {
        if (this.modeValue.kind !== 'azure' || !/^microsoft/.test(e.provider.id)) return;
        clearTimeout(this.sessionTimer);
        this.sessionTimer = setTimeout(() => void this.refresh(), 2000);
      }),
      { dispose: () => clearTimeout(this.sessionTimer) },
    );
  }

  get mode(): ExplorerMode {
    return this.modeValue;
  }

  /** The data store of the current mode (tests, pickers and other features read through it). */
  get store(): ExplorerStore | undefined {
    return this.source?.store;
  }

  get azure(): AzureApi | undefined {
    return this.source?.azure;
  }

  /** The running sandbox, in sandbox mode (tests inject faults and read its request log). */
  sandbox(): Sandbox | undefined {
    return this.source?.sandbox;
  }

  attach(view: vscode.TreeView<NodeDescriptor>): void {
    this.view = view;
    this.updateViewDescription();
  }

  /** Signs the sandbox in as another of its principals; the estate (and what was changed in it) stays. */
  async switchSandboxPrincipal(principal: string): Promise<void> {
    const mode = this.modeValue;
    const sandbox = this.source?.sandbox;
    if (mode.kind !== 'sandbox' || !sandbox) throw new Error('Open the sandbox first (ADE: Open Sandbox).');
    await this.setMode({ ...mode, principal }, sandbox);
  }

  async setMode(mode: ExplorerMode, keepSandbox?: Sandbox): Promise<void> {
    const gen = ++this.generation;
    const old = this.source;
    this.source = undefined;
    this.modeValue = mode;
    this.clearNodes();
    if (!keepSandbox) await old?.dispose();
    try {
      if (mode.kind === 'sandbox') this.source = await openSandboxSource(mode.scenario, mode.principal, keepSandbox);
      else if (mode.kind === 'azure') this.source = await openAzureSource();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`Could not open the explorer's data source: ${message}`);
      void vscode.window.showErrorMessage(`The Disk Encryption explorer could not start: ${message}`);
      if (gen === this.generation) this.modeValue = { kind: 'none' };
    }
    if (gen !== this.generation) return;
    if (this.source) {
      // The background verification of "stamped" VMs redraws each VM whose state it settled.
      this.source.store.onVerified = (_sub, ids) => {
        for (const id of ids) {
          const node = this.findNode(id);
          if (node) void this.renderAgain(node);
        }
      };
    }
    await setContext(ContextKeys.sandbox, this.modeValue.kind === 'sandbox');
    await setContext(ContextKeys.signedIn, this.modeValue.kind === 'azure');
    this.log.info(`Explorer source: ${describeMode(this.modeValue)}`);
    this.updateViewDescription();
    this.changed.fire(undefined);
  }

  /** Changes since `setMode` started, e.g. activation's silent sign-in check must not undo a later choice. */
  get modeGeneration(): number {
    return this.generation;
  }

  private updateViewDescription(): void {
    if (!this.view) return;
    this.view.description = this.modeValue.kind === 'sandbox' ? 'Sandbox' : undefined;
  }

  private clearNodes(): void {
    this.nodes.clear();
    this.overrides.clear();
    this.parents.clear();
    this.shown.clear();
    this.nodeErrors.clear();
  }

  // ------------------------------------------------------------------ TreeDataProvider

  getTreeItem(element: NodeDescriptor): vscode.TreeItem {
    const node = this.overrides.get(element.id) ?? element;
    return toTreeItem(node, this.busy.get(element.id));
  }

  getParent(element: NodeDescriptor): NodeDescriptor | undefined {
    return this.parents.get(element.id);
  }

  async getChildren(element?: NodeDescriptor): Promise<NodeDescriptor[]> {
    const source = this.source;
    if (!source || this.modeValue.kind === 'none') return [];
    const parent = element ? (this.overrides.get(element.id) ?? element) : undefined;
    const failed = element ? this.nodeErrors.get(element.id) : undefined;
    const children =
      failed && element
        ? [errorNode(element.id, failed)]
        : await childrenOf(source.store, parent, {
            groupByResourceGroup: vscode.workspace
              .getConfiguration('ade')
              .get<boolean>('explorer.groupByResourceGroup', false),
            selectedSubscriptions: this.selectedSubscriptions(),
            shown: (id) => this.shown.get(id) ?? 0,
            pageSize: DEFAULT_PAGE_SIZE,
          });
    if (source !== this.source) return [];
    for (const c of children) {
      this.nodes.set(c.id, c);
      this.overrides.delete(c.id);
      this.parents.set(c.id, element);
    }
    if (element?.kind === 'subscription') this.updateSubscriptionSummary(element, source);
    return children;
  }

  /** Once a subscription's inventory is in, its description counts VMs (redrawn only when it changed: no loop). */
  private updateSubscriptionSummary(element: NodeDescriptor, source: ExplorerSource): void {
    const inv = source.store.peekInventory(element.ref.subscriptionId ?? '');
    if (!inv?.ok) return;
    const current = this.overrides.get(element.id) ?? element;
    const fresh = subscriptionNode(inv.value.subscription, inv.value);
    if (fresh.description === current.description) return;
    this.overrides.set(element.id, fresh);
    setTimeout(() => this.changed.fire(this.nodes.get(element.id) ?? element), 0);
  }

  /** A node by tree id (lower-cased ARM id), if it has been shown. */
  findNode(id: string): NodeDescriptor | undefined {
    const n = this.nodes.get(id.toLowerCase()) ?? this.nodes.get(id);
    return n ? (this.overrides.get(n.id) ?? n) : undefined;
  }

  // ------------------------------------------------------------------ subscription filter

  selectedSubscriptions(): ReadonlySet<string> | undefined {
    const saved = this.context.globalState.get<string[]>(`${FILTER_KEY}.${this.modeValue.kind}`);
    return saved ? new Set(saved.map((s) => s.toLowerCase())) : undefined;
  }

  async setSelectedSubscriptions(ids: readonly string[] | undefined): Promise<void> {
    await this.context.globalState.update(`${FILTER_KEY}.${this.modeValue.kind}`, ids ? [...ids] : undefined);
    const root = [...this.nodes.values()].find((n) => n.kind === 'root');
    this.changed.fire(root);
  }

  // ------------------------------------------------------------------ refresh

  /**
   * Without a node: forget everything and reload. With a node: re-fetch only what that node shows
   * (a VM re-reads that VM and its disks; a vault its details; a subscription its inventory).
   */
  async refresh(arg?: unknown): Promise<void> {
    const node = asNode(arg);
    const store = this.source?.store;
    if (!node || !store || node.kind === 'root') {
      store?.resetAll();
      this.clearNodes();
      this.changed.fire(undefined);
      return;
    }
    await this.runOnNode(node, 'Refreshing', () => this.refetch(node), { refreshAfter: false });
  }

  /** Retry for an error node: reloads the data of the node the error hangs under. */
  async retry(arg?: unknown): Promise<void> {
    const parentId = typeof arg === 'string' ? arg : asNode(arg)?.ref.parentId;
    const parent = parentId ? this.findNode(parentId) : undefined;
    if (!parent || parent.kind === 'root') return this.refresh();
    await this.runOnNode(parent, 'Retrying', () => this.refetch(parent), { refreshAfter: false });
  }

  /** Shows one more page of a long list. */
  loadMore(arg?: unknown): void {
    const parentId = typeof arg === 'string' ? arg : asNode(arg)?.ref.parentId;
    if (!parentId) return;
    const parent = this.nodes.get(parentId);
    this.shown.set(parentId, Math.max(this.shown.get(parentId) ?? 0, DEFAULT_PAGE_SIZE) + DEFAULT_PAGE_SIZE);
    this.changed.fire(parent);
  }

  private async refetch(node: NodeDescriptor): Promise<void> {
    const store = this.source?.store;
    if (!store) return;
    const sub = await subscriptionFor(store, node);
    const id = node.ref.armId ?? '';
    switch (node.kind) {
      case 'vm':
      case 'scaleSet':
        if (sub) {
          this.nodeErrors.delete(node.id);
          try {
            if (node.kind === 'vm') await store.refreshVm(sub, id);
            else await store.refreshScaleSet(sub, id);
          } catch (err) {
            // The node keeps its last known state; its children say what failed and offer a retry.
            const plain: { message: string; fix?: string } = this.source?.azure.describeAzureError(err) ?? {
              message: String(err),
            };
            this.nodeErrors.set(node.id, {
              message: `Could not refresh ${node.label}: ${plain.message}`,
              ...(plain.fix ? { fix: plain.fix } : {}),
            });
            this.log.error(`Refresh of ${id} failed: ${plain.message}`);
          }
        }
        break;
      case 'vault':
      case 'vaultSection':
        store.resetVault(id);
        break;
      case 'subscription':
      case 'group':
      case 'resourceGroup':
        if (sub) store.resetSubscription(sub.subscriptionId);
        break;
      case 'extension':
        if (sub)
          await (/virtualmachinescalesets/i.test(id) ? store.refreshScaleSet(sub, id) : store.refreshVm(sub, id)).catch(
            () => undefined,
          );
        break;
      default:
        break;
    }
    await this.renderAgain(node);
  }

  /**
   * Settles a VM whose picture is only "ADE settings stamped" by reading its instance view (the status command
   * calls this; opening the node does the same through its children), then redraws it.
   */
  async verifyNode(node: NodeDescriptor): Promise<void> {
    const store = this.source?.store;
    if (!store || node.kind !== 'vm' || !node.ref.armId) return;
    const sub = await subscriptionFor(store, node);
    if (!sub) return;
    await store.verifyVm(sub, node.ref.armId);
    await this.renderAgain(node);
  }

  /** Recomputes a node's own description (from cache) and asks VS Code to redraw it and its children. */
  private async renderAgain(node: NodeDescriptor): Promise<void> {
    const handle = this.nodes.get(node.id) ?? node;
    const parent = this.parents.get(node.id);
    if (this.parents.has(node.id) && this.source) {
      const siblings = await childrenOf(
        this.source.store,
        parent ? (this.overrides.get(parent.id) ?? parent) : undefined,
        {
          groupByResourceGroup: vscode.workspace
            .getConfiguration('ade')
            .get<boolean>('explorer.groupByResourceGroup', false),
          selectedSubscriptions: this.selectedSubscriptions(),
          shown: (id) => this.shown.get(id) ?? 0,
        },
      );
      const fresh = siblings.find((s) => s.id === node.id);
      if (fresh) this.overrides.set(node.id, fresh);
    }
    this.changed.fire(handle);
  }

  /**
   * Runs an operation with a spinner on the node (found by ARM id or descriptor), then re-fetches
   * that node. Other features (wizards) call this so the tree shows what they are doing.
   */
  async runOnNode<T>(
    target: NodeDescriptor | string,
    label: string,
    work: () => Promise<T>,
    options: { refreshAfter?: boolean } = {},
  ): Promise<T> {
    const node = typeof target === 'string' ? this.findNode(target) : target;
    if (!node) return work();
    const handle = this.nodes.get(node.id) ?? node;
    this.busy.set(node.id, label);
    this.changed.fire(handle);
    try {
      const result = await work();
      if (options.refreshAfter !== false) await this.refetch(node).catch(() => undefined);
      return result;
    } finally {
      this.busy.delete(node.id);
      this.changed.fire(this.nodes.get(node.id) ?? handle);
    }
  }

  isBusy(id: string): boolean {
    return this.busy.has(id.toLowerCase());
  }

  async reveal(id: string): Promise<boolean> {
    const node = this.findNode(id);
    if (!node || !this.view) return false;
    await this.view.reveal(node, { select: true, focus: true, expand: false });
    return true;
  }

  dispose(): void {
    this.generation++;
    void this.source?.dispose();
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function asNode(arg: unknown): NodeDescriptor | undefined {
  if (arg && typeof arg === 'object' && 'id' in arg && 'kind' in arg && 'ref' in arg) return arg as NodeDescriptor;
  return undefined;
}

export function describeMode(mode: ExplorerMode): string {
  switch (mode.kind) {
    case 'none':
      return 'signed out';
    case 'sandbox':
      return `Sandbox: ${mode.scenario} (local, not Azure)`;
    case 'azure':
      return 'Azure';
  }
}
