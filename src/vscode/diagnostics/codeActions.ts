import * as vscode from 'vscode';
import { suppressionEdit } from '../../analysis/engine/suppression';
import type { Finding, TemplateLanguage } from '../../analysis/model';
import { DIAGNOSTIC_SOURCE, toRange, toWorkspaceEdit } from './convert';
import type { FindingLookup } from './lintController';

/**
 * Quick fixes for our diagnostics: the rule's own fixes (real edits that keep the file's
 * formatting, computed by the rule) and "suppress for this line / file" with a reason placeholder.
 */
export class LintCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly lookup: FindingLookup) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const findings = this.lookup.findingsFor(doc.uri);
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const finding = findings.find((f) => matches(f, diagnostic));
      if (!finding) continue;
      for (const fix of finding.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(fix.edits);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred ?? false;
        actions.push(action);
      }
      const language: TemplateLanguage = doc.uri.path.toLowerCase().endsWith('.bicep') ? 'bicep' : 'arm';
      for (const scope of ['line', 'file'] as const) {
        const edit = suppressionEdit(finding, doc.getText(), scope, language);
        const action = new vscode.CodeAction(
          `Suppress ${finding.ruleId} for this ${scope}`,
          vscode.CodeActionKind.QuickFix,
        );
        action.edit = toWorkspaceEdit([{ ...edit, file: finding.location.file }]);
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
    }
    return actions;
  }
}

function matches(f: Finding, d: vscode.Diagnostic): boolean {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === f.ruleId && d.message === f.message && d.range.isEqual(toRange(f.location.range));
}
