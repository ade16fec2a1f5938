import * as vscode from 'vscode';
import type { EditorSettings } from '../../analysis/editor/protocol';
import type { LintResult } from '../../analysis/engine/types';
import type { Finding, SeveritySetting } from '../../analysis/model';
import { DEFAULT_BUDGET_MS } from '../../analysis/model/budget';
import type { ActivityLog } from '../activityLog';
import { DIAGNOSTIC_SOURCE, findingToDiagnostic, issueToDiagnostic } from './convert';
import { LintWorkers, type LintOutcome } from './lintWorkers';

const DEBOUNCE_MS = 300;
const TEMPLATE_EXTENSIONS = /\.(bicep|json|jsonc)$/i;
/** Parse issues that are notices about the file, not problems in it. */
const QUIET_ISSUES = new Set(['skipped', 'not-a-template']);

/** What the code-action provider needs to find the finding behind a diagnostic. */
export interface FindingLookup {
  findingsFor(uri: vscode.Uri): readonly Finding[];
}

export interface LintSummary {
  files: number;
  templates: number;
  errors: number;
  warnings: number;
  infos: number;
  cancelled: boolean;
}

/**
 * Keeps the "ade-lint" diagnostic collection in step with the editor: lint on open, on edit
 * (debounced), on save; clear on close and delete. The analysis runs in worker threads
 * (`LintWorkers`, which keep each document's incremental state); this class only decides when
 * to ask and turns the answers into diagnostics, so no template can stall the extension host.
 */
export class LintController implements vscode.Disposable, FindingLookup {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly findings = new Map<string, readonly Finding[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The request in flight for each document, so a second ask for the same version shares it. */
  private readonly inflight = new Map<
    string,
    { version: number; settings: string; result: Promise<LintResult | undefined> }
  >();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly workers: LintWorkers;
  private readonly done = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were updated (tests wait on it). */
  readonly onDidLint = this.done.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: ActivityLog,
  ) {
    this.workers = new LintWorkers({
      workerFile: vscode.Uri.joinPath(extensionUri, 'dist', 'lint-worker.js').fsPath,
      readFile: (file) => this.readFile(file),
    });
    const ws = vscode.workspace;
    this.disposables.push(
      this.collection,
      this.done,
      ws.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      ws.onDidChangeTextDocument((e) => e.contentChanges.length && this.schedule(e.document, DEBOUNCE_MS)),
      ws.onDidSaveTextDocument((d) => this.schedule(d, 0)),
      ws.onDidCloseTextDocument((d) => this.clear(d.uri)),
      ws.onDidDeleteFiles((e) => e.files.forEach((u) => this.clearTree(u))),
      ws.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('ade.lint')) this.relintOpenDocuments();
      }),
    );
    // Deletes outside the editor (git checkout, terminal) and config edits.
    const watcher = ws.createFileSystemWatcher('**/*.{bicep,json,jsonc}', true, true, false);
    watcher.onDidDelete((u) => this.clearTree(u));
    const configWatcher = ws.createFileSystemWatcher('**/.ade-lint.json');
    const onConfig = (): void => {
      this.workers.configChanged();
      this.inflight.clear();
      this.relintOpenDocuments();
    };
    configWatcher.onDidChange(onConfig);
    configWatcher.onDidCreate(onConfig);
    configWatcher.onDidDelete(onConfig);
    this.disposables.push(watcher, configWatcher);
    this.relintOpenDocuments();
  }

  findingsFor(uri: vscode.Uri): readonly Finding[] {
    return this.findings.get(uri.toString()) ?? [];
  }

  /** The document is waiting for, or in, an analysis (tests check the host answers meanwhile). */
  isAnalysing(uri: vscode.Uri): boolean {
    return this.timers.has(uri.toString()) || this.workers.isBusy(uri.toString());
  }

  /** Unsaved editor contents win over the disk, so a module being edited is seen as typed. */
  private async readFile(file: string): Promise<string | undefined> {
    const uri = /^[a-z][a-z0-9+.-]+:\/\//i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }

  private get enabled(): boolean {
    return vscode.workspace.getConfiguration('ade.lint').get<boolean>('enabled', true);
  }

  /** What the workers need from the settings; a `.ade-lint.json` next to a file wins over them. */
  private settings(): EditorSettings {
    const config = vscode.workspace.getConfiguration('ade.lint');
    return {
      // A plain copy: the configuration object cannot cross to a worker thread.
      rules: { ...config.get<Record<string, SeveritySetting>>('rules', {}) },
      budgetMs: config.get<number>('budgetMs', DEFAULT_BUDGET_MS),
    };
  }

  private relintOpenDocuments(): void {
    if (!this.enabled) {
      this.collection.clear();
      this.findings.clear();
      return;
    }
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!isCandidate(doc) || !this.enabled) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.lintDocument(doc);
      }, delayMs),
    );
  }

  /**
   * Lints an open document now, in a worker; undefined when a newer version superseded it or the
   * worker had to be stopped. Stale results (the text changed meanwhile) are dropped.
   */
  async lintDocument(doc: vscode.TextDocument): Promise<LintResult | undefined> {
    const key = doc.uri.toString();
    const version = doc.version;
    const settings = this.settings();
    const same = this.inflight.get(key);
    // A request for this very text and settings is on its way: share it rather than cancel it.
    if (same && same.version === version && same.settings === JSON.stringify(settings)) return same.result;
    const file = engineFileName(doc.uri);
    const result = this.workers.lint(key, file, doc.getText(), settings).then((outcome) => {
      if (this.inflight.get(key)?.result === result) this.inflight.delete(key);
      if (doc.isClosed || doc.version !== version) return undefined;
      return this.applyOutcome(doc.uri, file, outcome);
    });
    this.inflight.set(key, { version, settings: JSON.stringify(settings), result });
    return result;
  }

  private applyOutcome(uri: vscode.Uri, file: string, outcome: LintOutcome): LintResult | undefined {
    if (outcome.kind === 'superseded') return undefined;
    if (outcome.kind === 'stopped') {
      const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), outcome.message, vscode.DiagnosticSeverity.Warning);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = 'too-complex';
      this.findings.set(uri.toString(), []);
      this.collection.set(uri, [d]);
      this.done.fire(uri);
      return undefined;
    }
    for (const notice of outcome.notices) this.log.error(notice);
    this.apply(uri, file, outcome.result);
    return outcome.result;
  }

  private apply(uri: vscode.Uri, file: string, result: LintResult): void {
    // Findings in other files (a module's own body) are shown when that file is linted itself.
    const mine = result.findings.filter((f) => f.location.file === file);
    const diagnostics = mine.map((f) => findingToDiagnostic(f, this.extensionUri));
    for (const issue of result.issues) {
      if (issue.location.file === file && !QUIET_ISSUES.has(issue.code)) diagnostics.push(issueToDiagnostic(issue));
    }
    this.findings.set(uri.toString(), mine);
    this.collection.set(uri, diagnostics);
    this.done.fire(uri);
  }

  private clear(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    this.inflight.delete(uri.toString());
    this.workers.close(uri.toString(), engineFileName(uri));
    this.findings.delete(uri.toString());
    this.collection.delete(uri);
  }

  /** A deleted folder takes the diagnostics of everything under it along. */
  private clearTree(uri: vscode.Uri): void {
    const prefix = uri.toString();
    this.collection.forEach((u) => {
      if (u.toString() === prefix || u.toString().startsWith(`${prefix}/`)) this.clear(u);
    });
  }

  /**
   * Lints every template in the workspace into the Problems panel, with progress and cancel.
   * Files go to the workers one at a time, so edits in open documents are linted in between.
   */
  async lintWorkspace(
    token: vscode.CancellationToken,
    progress?: vscode.Progress<{ message?: string; increment?: number }>,
  ): Promise<LintSummary> {
    const uris = await vscode.workspace.findFiles(
      '**/*.{bicep,json,jsonc}',
      '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**}',
      undefined,
      token,
    );
    const summary: LintSummary = {
      files: uris.length,
      templates: 0,
      errors: 0,
      warnings: 0,
      infos: 0,
      cancelled: false,
    };
    for (const [i, uri] of uris.entries()) {
      if (token.isCancellationRequested) {
        summary.cancelled = true;
        break;
      }
      progress?.report({
        message: `${i + 1}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`,
        increment: 100 / uris.length,
      });
      const file = engineFileName(uri);
      const text = await this.readFile(file);
      if (text === undefined) continue;
      const result = this.applyOutcome(uri, file, await this.workers.analyze(file, text, this.settings()));
      if (!result) continue;
      if (result.skipped) {
        this.clear(uri);
      } else {
        summary.templates++;
        for (const f of result.findings) {
          if (f.location.file !== file) continue;
          if (f.severity === 'error') summary.errors++;
          else if (f.severity === 'warning') summary.warnings++;
          else summary.infos++;
        }
      }
    }
    return summary;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.workers.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

function isCandidate(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return false;
  if (doc.languageId === 'bicep') return true;
  return (
    TEMPLATE_EXTENSIONS.test(doc.uri.path) &&
    doc.uri.path.toLowerCase() !== '/.ade-lint.json' &&
    !doc.uri.path.endsWith('/.ade-lint.json')
  );
}

/** The engine works on paths for files on disk (so relative module paths resolve) and URIs otherwise. */
export function engineFileName(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}
