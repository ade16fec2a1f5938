import * as vscode from 'vscode';
import type { ActivityLog } from './activityLog';
import { signIn } from './explorer/explorerCommands';
import type { ExplorerProvider } from './explorer/explorerProvider';

export interface CommandServices {
  readonly context: vscode.ExtensionContext;
  readonly activityLog: ActivityLog;
  readonly explorer: ExplorerProvider;
}

/** The command table: id → handler. Handlers translate; the work happens in the layers below. */
export function registerCommands(s: CommandServices): vscode.Disposable[] {
  const table: Record<string, (...args: unknown[]) => unknown> = {
    'ade.showActivityLog': () => s.activityLog.show(),
    'ade.openSandbox': async () => {
      const scenario = vscode.workspace.getConfiguration('ade').get<string>('sandbox.scenario', 'default');
      await s.explorer.setMode({ kind: 'sandbox', scenario });
      await vscode.commands.executeCommand('ade.explorer.focus');
      void vscode.window.showInformationMessage(
        `The Disk Encryption explorer now shows the local sandbox ("${scenario}"): nothing you do there touches Azure.`,
      );
    },
    'ade.closeSandbox': () => s.explorer.setMode({ kind: 'none' }),
    'ade.sandboxSignInAs': async (principal?: unknown) => {
      const sandbox = s.explorer.sandbox();
      if (!sandbox) {
        void vscode.window.showWarningMessage('Open the sandbox first (ADE: Open Sandbox), then choose who to be.');
        return;
      }
      const current = s.explorer.mode.kind === 'sandbox' ? (s.explorer.mode.principal ?? 'ade-operator') : undefined;
      const name =
        typeof principal === 'string'
          ? principal
          : (
              await vscode.window.showQuickPick(
                sandbox.principals.map((p) => ({
                  label: p.name,
                  description: p.name === current ? 'signed in' : p.appId,
                })),
                { title: 'Sign in to the sandbox as', placeHolder: 'A service principal of the scenario' },
              )
            )?.label;
      if (!name) return;
      await s.explorer.switchSandboxPrincipal(name);
      s.activityLog.info(`Sandbox: signed in as ${name}.`);
    },
    'ade.refresh': (node?: unknown) => s.explorer.refresh(node),
    'ade.signIn': async () => {
      try {
        await signIn(s.explorer, s.activityLog);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        s.activityLog.error(`Sign-in failed: ${message}`);
        const choice = await vscode.window.showWarningMessage(
          `Could not sign in to Azure (${message}). You can explore the sandbox instead.`,
          'Open Sandbox',
        );
        if (choice) await vscode.commands.executeCommand('ade.openSandbox');
      }
    },
  };
  return Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}
