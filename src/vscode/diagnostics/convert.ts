import * as vscode from 'vscode';
import type { Finding, ParseIssue, Severity, SourceRange, TextEdit } from '../../analysis/model';

export const DIAGNOSTIC_SOURCE = 'ade-lint';

export function toRange(r: SourceRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    default:
      return vscode.DiagnosticSeverity.Information;
  }
}

/** A file path or URI string from the engine back to a URI (the engine sees what we gave it). */
export function toUri(file: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
}

/** The rule's docs page, shipped in the extension (works offline). */
export function docsUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`);
}

export function findingToDiagnostic(f: Finding, extensionUri: vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.location.range), f.message, toSeverity(f.severity));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.ruleId, target: docsUri(extensionUri, f.ruleId) };
  if (f.related?.length) {
    d.relatedInformation = f.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(toUri(r.location.file), toRange(r.location.range)),
          r.message,
        ),
    );
  }
  return d;
}

/** Parse problems are shown as information: "could not be read", never as a rule violation. */
export function issueToDiagnostic(issue: ParseIssue): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    toRange(issue.location.range),
    issue.message,
    issue.severity === 'error' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
  );
  d.source = DIAGNOSTIC_SOURCE;
  d.code = issue.code;
  return d;
}

export function toWorkspaceEdit(edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(toUri(e.file), toRange(e.range), e.newText);
  return we;
}
