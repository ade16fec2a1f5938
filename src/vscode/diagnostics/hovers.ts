import * as vscode from 'vscode';
import { settingDoc, type SettingContext } from '../../analysis/knowledge/settingDocs';
import { docsUri } from './convert';

/** Where a key's explanation applies: the document must mention what the context is about. */
const CONTEXT_MARKERS: Record<SettingContext, RegExp> = {
  adeSettings: /AzureDiskEncryption/i,
  extension: /AzureDiskEncryption/i,
  vaultProperties: /Microsoft\.KeyVault\/vaults/i,
  vmSecurityProfile: /securityProfile/i,
};

/**
 * Hovers on ADE extension settings and Key Vault properties: what the key means and its trap.
 * Only property keys get a hover (`"Key":` in JSON, `Key:` in Bicep), never values.
 */
export class SettingHovers implements vscode.HoverProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const range = doc.getWordRangeAtPosition(position, /[A-Za-z_][A-Za-z0-9_]*/);
    if (!range) return undefined;
    const line = doc.lineAt(position.line).text;
    const after = line.slice(range.end.character);
    if (!/^["']?\s*:/.test(after)) return undefined;
    const doc0 = settingDoc(doc.getText(range));
    if (!doc0 || !CONTEXT_MARKERS[doc0.context].test(doc.getText())) return undefined;
    const md = new vscode.MarkdownString(doc0.markdown);
    if (doc0.rule) md.appendMarkdown(`\n\n[Rule ${doc0.rule}](${docsUri(this.extensionUri, doc0.rule).toString()})`);
    return new vscode.Hover(md, range);
  }
}
