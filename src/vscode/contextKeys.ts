import * as vscode from 'vscode';

/** Context keys used in `when` clauses of package.json (welcome views, menus). */
export const ContextKeys = {
  signedIn: 'ade.signedIn',
  sandbox: 'ade.sandbox',
} as const;

export function setContext(key: (typeof ContextKeys)[keyof typeof ContextKeys], value: boolean): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
