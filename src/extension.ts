import * as vscode from 'vscode';
import { ActivityLog } from './vscode/activityLog';
import { registerCommands } from './vscode/commands';
import { registerDiagnostics } from './vscode/diagnostics';
import type { LintController } from './vscode/diagnostics/lintController';
import { ExplorerProvider } from './vscode/explorer/explorerProvider';

/** What the extension hands to other extensions and to its own integration tests. */
export interface ExtensionApi {
  readonly activityLog: ActivityLog;
  readonly explorer: ExplorerProvider;
  readonly lint: LintController;
}

/** Builds the services and registers the adapters; nothing else happens here. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const activityLog = new ActivityLog();
  const explorer = new ExplorerProvider(context, activityLog);
  context.subscriptions.push(
    activityLog,
    explorer,
    vscode.window.registerTreeDataProvider('ade.explorer', explorer),
    ...registerCommands({ context, activityLog, explorer }),
  );
  const lint = registerDiagnostics(context, activityLog);
  return { activityLog, explorer, lint };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
