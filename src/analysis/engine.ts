/**
 * The lint engine: file → parser → model → rules → findings. Shared by the editor and the CLI;
 * no vscode, no Azure SDK.
 *
 * - `analyzeFile(file, text, opts)`: one file, parser chosen by extension and content.
 * - `lintModel(model, opts)`: rules on an already parsed model (synchronous, for the editor).
 * - `lintFiles(paths, opts)`: several files in this thread (the CLI spreads them over workers).
 */
import * as path from 'node:path';
import { type TemplateModel } from './model';
import { DEFAULT_CONFIG } from './engine/config';
import { defaultParsers, defaultRules } from './engine/defaults';
import { describeFailure, fileIssue, languageForPath, looksBinary, tooLargeReason } from './engine/guards';
import { lintModel } from './engine/lint-model';
import { templateFileCandidates } from './arm';
import type { AnalyzeOptions, EngineHost, LintResult } from './engine/types';

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

/** Lints one file's text. Never throws: failures become issues on the result. */
export async function analyzeFile(file: string, text: string, opts: AnalyzeOptions): Promise<LintResult> {
  const config = opts.config ?? DEFAULT_CONFIG;
  const tooLarge = tooLargeReason(Buffer.byteLength(text, 'utf8'), config.maxFileSizeMB);
  if (tooLarge) return skipped(file, tooLarge);
  if (looksBinary(text)) return skipped(file, 'binary file, not a template');

  const parsers = opts.parsers ?? defaultParsers;
  const language = languageForPath(file);
  try {
    switch (language) {
      case 'bicep':
        return lint(file, await parsers.parseBicepFile(file, text, opts.host), opts);
      case 'bicepParams':
        // A .bicepparam names its template (`using`): lint that template with these values.
        if (opts.followParameters === false) {
          return {
            ...skipped(file, 'Bicep parameters file: it is linted together with its template'),
            kind: 'bicepParams',
          };
        }
        return lint(file, await parsers.parseBicepFile(file, text, opts.host), opts);
      case 'json':
        break;
      default:
        return skipped(file, 'not a .bicep, .json or .jsonc file');
    }
    const kind = parsers.detectArmFileKind(text);
    if (kind === 'armParameters') return await lintParametersFile(file, text, opts);
    if (kind !== 'armTemplate') {
      return { ...skipped(file, 'not an ARM template or parameters file (no deploymentTemplate $schema)'), kind };
    }
    const params = await parametersFor(opts);
    return lint(file, parsers.parseArmFile(file, text, params), opts);
  } catch (e) {
    const { code, message } = describeFailure(e);
    return { file, kind: 'unknown', findings: [], issues: [fileIssue(file, code, message)] };
  }
}

/** Reads and lints files one after another, in order. */
export async function lintFiles(paths: readonly string[], opts: AnalyzeOptions): Promise<LintResult[]> {
  const out: LintResult[] = [];
  for (const p of paths) out.push(await lintPath(p, opts));
  return out;
}

/** Reads one file through the host (checking its size first when the host can) and lints it. */
export async function lintPath(file: string, opts: AnalyzeOptions): Promise<LintResult> {
  const config = opts.config ?? DEFAULT_CONFIG;
  const size = await opts.host.fileSize?.(file);
  const tooLarge = size === undefined ? undefined : tooLargeReason(size, config.maxFileSizeMB);
  if (tooLarge) return skipped(file, tooLarge);
  const text = await opts.host.readFile(file);
  if (text === undefined) {
    return { file, kind: 'unknown', findings: [], issues: [fileIssue(file, 'unreadable', 'the file cannot be read')] };
  }
  return analyzeFile(file, text, opts);
}

function lint(file: string, model: TemplateModel, opts: AnalyzeOptions): LintResult {
  const { findings, issues } = lintModel(model, { config: opts.config, rules: opts.rules ?? defaultRules });
  return { file, kind: model.kind, findings, issues };
}

async function parametersFor(opts: AnalyzeOptions): Promise<{ parametersText?: string; parametersFile?: string }> {
  if (opts.parametersText !== undefined)
    return { parametersText: opts.parametersText, parametersFile: opts.parametersFile };
  if (opts.parametersFile === undefined) return {};
  const text = await opts.host.readFile(opts.parametersFile);
  if (text === undefined) throw new Error(`parameters file ${opts.parametersFile} cannot be read`);
  return { parametersText: text, parametersFile: opts.parametersFile };
}

/** A parameters file is linted as its template with its values (findings land in the template). */
async function lintParametersFile(file: string, text: string, opts: AnalyzeOptions): Promise<LintResult> {
  if (opts.followParameters === false) {
    return { ...skipped(file, 'parameters file: it is linted together with its template'), kind: 'armParameters' };
  }
  const host: EngineHost = opts.host;
  for (const candidate of templateFileCandidates(file, text)) {
    const templateText = await host.readFile(candidate);
    if (templateText === undefined) continue;
    const result = await analyzeFile(candidate, templateText, {
      ...opts,
      parametersText: text,
      parametersFile: file,
      followParameters: false,
    });
    if (result.kind !== 'armTemplate') continue;
    return { ...result, file, kind: 'armParameters', template: candidate };
  }
  const looked = templateFileCandidates(file, text).map((c) => path.basename(c));
  return {
    ...skipped(
      file,
      `parameters file whose template was not found (looked for ${looked.join(', ') || 'metadata.template'})`,
    ),
    kind: 'armParameters',
  };
}

function skipped(file: string, reason: string): LintResult {
  return { file, kind: 'unknown', findings: [], issues: [], skipped: reason };
}
