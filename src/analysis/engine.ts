/**
 * The lint engine: file → parser → model → rules → findings. Shared by the editor and the CLI;
 * no vscode, no Azure SDK.
 *
 * - `analyzeFile(file, text, opts)`: one file's text (an open editor buffer), parser chosen by
 *   extension and content; skipped, unreadable and crashing inputs come back as notices/issues.
 * - `loadModel(file, text, opts)` + `lintModel(model, opts)`: the same in two steps, for callers
 *   that keep the model (hover, code actions) or measure parsing alone.
 * - `lintPath` / `lintFiles(paths, opts)`: read through the host and lint, in this thread (the
 *   CLI spreads files over worker threads, see src/cli/pool.ts).
 * - `suppressionEdit(finding, text, scope, language)`: the "suppress" quick fix's text edit.
 */
export * from './engine/types';
export { createRuleContext } from './engine/context';
export {
  lintModel,
  effectiveSeverity,
  compareFindings,
  type LintModelOptions,
  type ModelLintResult,
} from './engine/lint-model';
export { parseSuppressions, suppressionEdit, REASON_PLACEHOLDER, type Suppression } from './engine/suppression';
export {
  CONFIG_FILE_NAME,
  ConfigError,
  DEFAULT_CONFIG,
  findConfigFile,
  loadConfigFile,
  parseConfig,
  type LintConfig,
  type ParsedConfig,
} from './engine/config';
export { ENGINE_RULES } from './engine/engine-rules';
export { defaultRules as builtInRules } from './engine/defaults';
export { nodeHost } from './engine/node-host';
export { IncrementalLinter, type IncrementalResult } from './engine/incremental';

export { analyzeFile, lintFiles, lintOutcome, lintPath, loadModel, type LoadOutcome } from './engine/analyze';
