import * as path from 'node:path';
import { forgetParseTree } from '../bicep/parser';
import {
  analyzeFile,
  builtInRules,
  ConfigError,
  DEFAULT_CONFIG,
  findConfigFile,
  IncrementalLinter,
  loadConfigFile,
  type EngineHost,
  type LintConfig,
  type LintResult,
} from '../engine';
import { AnalysisStopped, type WorkLimit } from '../model';
import type { AnalyzeRequest, EditorSettings, LintRequest } from './protocol';

/** What a request produced: a result (with config problems worth telling the user), or nothing when cancelled. */
export type Outcome = { readonly result: LintResult; readonly notices: readonly string[] } | 'cancelled';

const URI = /^[a-z][a-z0-9+.-]+:\/\//i;

/**
 * The editor's lint state, inside a worker thread: one incremental linter per open document
 * (so an edit in a large ARM template re-reads one resource) and the `.ade-lint.json` files read
 * so far. Requests carry the text; files the engine needs besides (modules, linked templates) are
 * read through the host, so unsaved editor contents win over the disk.
 */
export class EditorLintService {
  private readonly linters = new Map<string, IncrementalLinter>();
  /** Config files by folder, with the problem to report once when one is invalid. */
  private readonly configs = new Map<string, { readonly config: LintConfig; problem?: string }>();
  private readonly knownRuleIds = new Set(builtInRules.map((r) => r.meta.id));

  constructor(private readonly host: EngineHost) {}

  /** Documents with state (tests check that closing frees it). */
  get documentCount(): number {
    return this.linters.size;
  }

  async lint(req: LintRequest, cancelled?: () => boolean): Promise<Outcome> {
    let linter = this.linters.get(req.doc);
    if (!linter || linter.file !== req.file) {
      linter = new IncrementalLinter(req.file, { host: this.host });
      this.linters.set(req.doc, linter);
    }
    const { config, notices } = this.configFor(req.file, req.settings);
    return stoppable(async () => {
      const { result } = await linter.lint(req.text, config, limitFor(config, req.settings, cancelled));
      return { result, notices };
    });
  }

  async analyze(req: AnalyzeRequest, cancelled?: () => boolean): Promise<Outcome> {
    const { config, notices } = this.configFor(req.file, req.settings);
    return stoppable(async () => {
      const limit = limitFor(config, req.settings, cancelled);
      const result = await analyzeFile(req.file, req.text, { host: this.host, config, limit });
      return { result, notices };
    });
  }

  close(doc: string, file: string): void {
    this.linters.delete(doc);
    forgetParseTree(file);
  }

  configChanged(): void {
    this.configs.clear();
  }

  /** User settings first, then the nearest `.ade-lint.json`, which wins. */
  private configFor(file: string, settings: EditorSettings): { config: LintConfig; notices: string[] } {
    const notices: string[] = [];
    let fileConfig: LintConfig = DEFAULT_CONFIG;
    if (!URI.test(file)) {
      const dir = path.dirname(file);
      let entry = this.configs.get(dir);
      if (!entry) {
        entry = this.readConfig(dir);
        this.configs.set(dir, entry);
      }
      if (entry.problem) notices.push(entry.problem);
      entry.problem = undefined;
      fileConfig = entry.config;
    }
    const config: LintConfig = {
      ...fileConfig,
      rules: { ...settings.rules, ...fileConfig.rules },
      budgetMs: fileConfig.budgetMs ?? settings.budgetMs,
    };
    return { config, notices };
  }

  private readConfig(dir: string): { config: LintConfig; problem?: string } {
    const configFile = findConfigFile(dir);
    if (!configFile) return { config: DEFAULT_CONFIG };
    try {
      return { config: loadConfigFile(configFile, this.knownRuleIds).config };
    } catch (e) {
      const message = e instanceof ConfigError ? e.message : String(e);
      return { config: DEFAULT_CONFIG, problem: `${message}\nUsing the built-in defaults until it is fixed.` };
    }
  }
}

function limitFor(config: LintConfig, settings: EditorSettings, cancelled?: () => boolean): WorkLimit {
  return { budgetMs: config.budgetMs ?? settings.budgetMs, cancelled };
}

async function stoppable(run: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AnalysisStopped && e.reason === 'cancelled') return 'cancelled';
    throw e;
  }
}
