import * as vscode from 'vscode';
import type { ActivityLog } from '../activityLog';
import { ContextKeys, setContext } from '../contextKeys';

export type ExplorerMode = { kind: 'none' } | { kind: 'sandbox'; scenario: string } | { kind: 'azure' };

/**
 * The encryption explorer's data provider. It only translates what the Azure layer reports into
 * tree items; the mode says where the data comes from (the signed-in account or the sandbox).
 */
export class ExplorerProvider implements vscode.TreeDataProvider<vscode.TreeItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.TreeItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private modeValue: ExplorerMode = { kind: 'none' };

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: ActivityLog,
  ) {}

  get mode(): ExplorerMode {
    return this.modeValue;
  }

  async setMode(mode: ExplorerMode): Promise<void> {
    this.modeValue = mode;
    await setContext(ContextKeys.sandbox, mode.kind === 'sandbox');
    await setContext(ContextKeys.signedIn, mode.kind === 'azure');
    this.log.info(`Explorer source: ${describeMode(mode)}`);
    this.changed.fire(undefined);
  }

  refresh(item?: vscode.TreeItem): void {
    this.changed.fire(item);
  }

  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    return element;
  }

  getChildren(element?: vscode.TreeItem): vscode.TreeItem[] {
    if (element || this.modeValue.kind === 'none') return [];
    const root = new vscode.TreeItem(describeMode(this.modeValue), vscode.TreeItemCollapsibleState.None);
    root.iconPath = new vscode.ThemeIcon(this.modeValue.kind === 'sandbox' ? 'beaker' : 'azure');
    return [root];
  }

  dispose(): void {
    this.changed.dispose();
    void this.context;
  }
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
