import * as vscode from 'vscode';
import type { ExplorerProvider } from './explorerProvider';
import { hasSilentSession, sandboxScenario } from './sources';

/**
 * Chooses the explorer's first mode without prompting: the Azure tree when VS Code already has a
 * Microsoft session, the sandbox when `ade.sandbox.openWhenSignedOut` is on, else the welcome view.
 * A choice the user makes meanwhile (open sandbox, sign in) wins.
 */
export async function initialExplorerMode(explorer: ExplorerProvider): Promise<void> {
  const gen = explorer.modeGeneration;
  const signedIn = await hasSilentSession();
  if (explorer.modeGeneration !== gen || explorer.mode.kind !== 'none') return;
  if (signedIn) {
    await explorer.setMode({ kind: 'azure' });
  } else if (vscode.workspace.getConfiguration('ade').get<boolean>('sandbox.openWhenSignedOut', false)) {
    await explorer.setMode({ kind: 'sandbox', scenario: sandboxScenario() });
  }
}
