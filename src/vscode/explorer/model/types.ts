/**
 * Plain node descriptions for the Encryption Explorer. No `vscode` import: the tree provider turns
 * these into TreeItems, unit tests and the benchmark use them directly.
 */

export type Collapsible = 'none' | 'collapsed' | 'expanded';

/** A codicon id and an optional theme colour id (e.g. `charts.green`). */
export interface IconRef {
  readonly id: string;
  readonly color?: string;
}

export type NodeKind =
  | 'root'
  | 'signIn'
  | 'tenantSignIn'
  | 'selectSubscriptions'
  | 'subscription'
  | 'resourceGroup'
  | 'group'
  | 'vm'
  | 'scaleSet'
  | 'vault'
  | 'vaultSection'
  | 'disk'
  | 'extension'
  | 'vaultRef'
  | 'keyRef'
  | 'retirement'
  | 'setting'
  | 'reason'
  | 'accessPolicy'
  | 'key'
  | 'secret'
  | 'info'
  | 'error'
  | 'loadMore';

export type GroupKind = 'vaults' | 'vms' | 'scaleSets';
export type VaultSection = 'readiness' | 'accessPolicies' | 'keys' | 'secrets';

/** What a node stands for: enough to fetch its children and to run commands on it. */
export interface NodeRef {
  readonly subscriptionId?: string;
  readonly tenantId?: string;
  /** ARM id as Azure returned it (the node id is its lower-cased form). */
  readonly armId?: string;
  readonly resourceGroup?: string;
  readonly group?: GroupKind;
  readonly section?: VaultSection;
  readonly vaultUri?: string;
  readonly keyUrl?: string;
  readonly secretUrl?: string;
  /** For error and load-more nodes: the node whose children they belong to. */
  readonly parentId?: string;
}

export interface NodeCommand {
  readonly command: string;
  readonly title: string;
  readonly args?: readonly unknown[];
}

export interface NodeDescriptor {
  /** Lower-cased ARM id, plus a `#suffix` for synthetic nodes. Unique in the tree. */
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  readonly icon?: IconRef;
  /** `viewItem` value for menus, e.g. `ade.vm.encrypted`, `ade.vault.notReady`. */
  readonly contextValue: string;
  readonly collapsible: Collapsible;
  readonly command?: NodeCommand;
  readonly ref: NodeRef;
}
