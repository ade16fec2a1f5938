import * as vscode from 'vscode';
import type { ActivityLog } from '../activityLog';
import { LintCodeActions } from './codeActions';
import { SettingHovers } from './hovers';
import { LintController } from './lintController';

const TEMPLATE_SELECTOR: vscode.DocumentSelector = [
  { language: 'bicep' },
  { pattern: '**/*.bicep' },
  { language: 'json' },
  { language: 'jsonc' },
];

/** Wires the linter into the editor: diagnostics, quick fixes, hovers, "Lint Workspace Templates". */
export function registerDiagnostics(context: vscode.ExtensionContext, log: ActivityLog): LintController {
  const controller = new LintController(context.extensionUri, log);
  context.subscriptions.push(
    controller,
    vscode.languages.registerCodeActionsProvider(TEMPLATE_SELECTOR, new LintCodeActions(controller), {
      providedCodeActionKinds: LintCodeActions.kinds,
    }),
    vscode.languages.registerHoverProvider(TEMPLATE_SELECTOR, new SettingHovers(context.extensionUri)),
    vscode.commands.registerCommand('ade.lintWorkspace', () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'ADE: linting templates', cancellable: true },
        async (progress, token) => {
          const entry = log.start('Lint workspace templates');
          const s = await controller.lintWorkspace(token, progress);
          const detail = `${s.templates} templates of ${s.files} files: ${s.errors} errors, ${s.warnings} warnings, ${s.infos} notes`;
          entry.end(s.cancelled ? 'cancelled' : 'succeeded', detail);
          if (!s.cancelled) {
            // Not awaited: the command's result must not wait for the user to dismiss the toast.
            void vscode.window.showInformationMessage(`Linted ${detail}.`, 'Open Problems').then((open) => {
              if (open) void vscode.commands.executeCommand('workbench.actions.view.problems');
            });
          }
          return s;
        },
      ),
    ),
  );
  return controller;
}
