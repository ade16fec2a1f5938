import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  analyzeFile,
  builtInRules,
  ConfigError,
  IncrementalLinter,
  DEFAULT_CONFIG,
  findConfigFile,
  loadConfigFile,
  type EngineHost,
  type LintConfig,
  type LintResult,
} from '../../analysis/engine';
import { DEFAULT_BUDGET_MS, type Finding, type SeveritySetting } from '../../analysis/model';
import type { ActivityLog } from '../activityLog';
import { DIAGNOSTIC_SOURCE, findingToDiagnostic, issueToDiagnostic } from './convert';

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
 * (debounced), on save; clear on close and delete. The analysis itself is the shared engine;
 * this class only decides when to run it and translates the result.
 */
export class LintController implements vscode.Disposable, FindingLookup {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly findings = new Map<string, readonly Finding[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly configCache = new Map<string, LintConfig>();
  private readonly linters = new Map<string, IncrementalLinter>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly host: EngineHost = {
    // Unsaved editor contents win over the disk, so a module being edited is seen as typed.
    readFile: async (file) => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
      if (open) return open.getText();
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file)));
      } catch {
        return undefined;
      }
    },
  };
  private readonly done = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were updated (tests wait on it). */
  readonly onDidLint = this.done.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: ActivityLog,
  ) {
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
      this.configCache.clear();
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

  private get budgetMs(): number {
    return vscode.workspace.getConfiguration('ade.lint').get<number>('budgetMs', DEFAULT_BUDGET_MS);
  }

  private get enabled(): boolean {
    return vscode.workspace.getConfiguration('ade.lint').get<boolean>('enabled', true);
  }

  private relintOpenDocuments(): void {
    this.configCache.clear();
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
   * Lints an open document now; stale results (the text changed meanwhile) are dropped. Each open
   * document keeps an incremental linter, so typing in a large ARM template re-reads only the
   * resource being edited.
   */
  async lintDocument(doc: vscode.TextDocument): Promise<LintResult | undefined> {
    const version = doc.version;
    const file = engineFileName(doc.uri);
    const key = doc.uri.toString();
    let linter = this.linters.get(key);
    if (!linter || linter.file !== file) {
      linter = new IncrementalLinter(file, { host: this.host });
      this.linters.set(key, linter);
    }
    const config = this.configFor(doc.uri);
    const { result } = await linter.lint(doc.getText(), config, { budgetMs: config.budgetMs ?? this.budgetMs });
    if (doc.isClosed || doc.version !== version) return undefined;
    this.apply(doc.uri, file, result);
    return result;
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
    this.linters.delete(uri.toString());
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

  /** User settings first, then the nearest `.ade-lint.json`, which wins. */
  private configFor(uri: vscode.Uri): LintConfig {
    const fromSettings = vscode.workspace
      .getConfiguration('ade.lint')
      .get<Record<string, SeveritySetting>>('rules', {});
    if (uri.scheme !== 'file') return { ...DEFAULT_CONFIG, rules: { ...fromSettings } };
    const dir = path.dirname(uri.fsPath);
    const cached = this.configCache.get(dir);
    if (cached) return cached;
    let fileConfig: LintConfig = DEFAULT_CONFIG;
    const configFile = findConfigFile(dir);
    if (configFile) {
      try {
        fileConfig = loadConfigFile(configFile, new Set(builtInRules.map((r) => r.meta.id))).config;
      } catch (e) {
        const message = e instanceof ConfigError ? e.message : String(e);
        this.log.error(`${message}\nUsing the built-in defaults until it is fixed.`);
      }
    }
    const merged: LintConfig = { ...fileConfig, rules: { ...fromSettings, ...fileConfig.rules } };
    this.configCache.set(dir, merged);
    return merged;
  }

  /**
   * Lints every template in the workspace into the Problems panel, with progress and cancel.
   * Files are handled one at a time with a yield in between, so the extension host stays
   * responsive in large workspaces.
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
      const text = await this.host.readFile(file);
      if (text === undefined) continue;
      const config = this.configFor(uri);
      const limit = { budgetMs: config.budgetMs ?? this.budgetMs };
      const result = await analyzeFile(file, text, { host: this.host, config, limit });
      if (result.skipped) {
        this.clear(uri);
      } else {
        summary.templates++;
        this.apply(uri, file, result);
        for (const f of result.findings) {
          if (f.location.file !== file) continue;
          if (f.severity === 'error') summary.errors++;
          else if (f.severity === 'warning') summary.warnings++;
          else summary.infos++;
        }
      }
      await new Promise((r) => setImmediate(r));
    }
    return summary;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
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
