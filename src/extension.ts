import * as vscode from 'vscode';
import { ActivityLog } from './vscode/activityLog';
import { registerCommands } from './vscode/commands';
import { registerDiagnostics } from './vscode/diagnostics';
import type { LintController } from './vscode/diagnostics/lintController';
import type { Sandbox } from './sandbox/types';
import { initialExplorerMode } from './vscode/explorer/activation';
import { registerExplorerCommands } from './vscode/explorer/explorerCommands';
import { ExplorerProvider } from './vscode/explorer/explorerProvider';
import { registerWizards } from './vscode/wizards';

/** What the extension hands to other extensions and to its own integration tests. */
export interface ExtensionApi {
  readonly activityLog: ActivityLog;
  readonly explorer: ExplorerProvider;
  /** The running sandbox in sandbox mode (tests inject faults and count requests with it). */
  readonly sandbox: () => Sandbox | undefined;
  readonly lint: LintController;
}

/** Builds the services and registers the adapters; nothing else happens here. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const activityLog = new ActivityLog();
  const explorer = new ExplorerProvider(context, activityLog);
  const explorerView = vscode.window.createTreeView('ade.explorer', {
    treeDataProvider: explorer,
    showCollapseAll: true,
  });
  explorer.attach(explorerView);
  context.subscriptions.push(
    activityLog,
    explorer,
    explorerView,
    ...registerExplorerCommands(context, explorer, activityLog),
    ...registerCommands({ context, activityLog, explorer }),
    ...registerWizards(context, explorer, activityLog),
  );
  const lint = registerDiagnostics(context, activityLog);
  void initialExplorerMode(explorer);
  return { activityLog, explorer, sandbox: () => explorer.sandbox(), lint };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
