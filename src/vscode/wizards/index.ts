import * as vscode from 'vscode';
import type { ActivityLog } from '../activityLog';
import type { ExplorerProvider } from '../explorer/explorerProvider';
import {
  disableEncryptionCommand,
  grantAccessCommand,
  migrateCommand,
  retirementReportCommand,
  revokeAccessCommand,
  rotateKekCommand,
} from './commands';
import { enableEncryptionCommand } from './enable/command';
import { WizardHost } from './runner';

export type { WizardOptions, WizardOutcome } from './runner';

/**
 * The wizards' commands. Each takes a tree node (context menu) or, from the palette, nothing and
 * asks with pickers; tests pass `{ prompter, target }` and get the outcome back.
 */
export function registerWizards(
  _context: vscode.ExtensionContext,
  explorer: ExplorerProvider,
  log: ActivityLog,
): vscode.Disposable[] {
  const host = new WizardHost(explorer, log);
  const table: Record<string, (...args: unknown[]) => unknown> = {
    'ade.wizard.enableEncryption': (...args) => enableEncryptionCommand(host, args),
    'ade.wizard.disableEncryption': (...args) => disableEncryptionCommand(host, args),
    'ade.wizard.rotateKek': (...args) => rotateKekCommand(host, args),
    'ade.wizard.grantAccess': (...args) => grantAccessCommand(host, args),
    'ade.wizard.revokeAccess': (...args) => revokeAccessCommand(host, args),
    'ade.wizard.migrateToEncryptionAtHost': (...args) => migrateCommand(host, args),
    'ade.wizard.retirementReport': (...args) => retirementReportCommand(host, args),
  };
  return Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}
