// Reading and linting one file: parser chosen by extension and content, skipped and unreadable
// inputs as results, parameters files linted as their template (see ../engine.ts for the API).
import * as path from 'node:path';
import { AnalysisStopped, type TemplateModel } from '../model';
import { DEFAULT_CONFIG } from './config';
import { defaultParsers, defaultRules } from './defaults';
import {
  bicepNestingDepth,
  describeFailure,
  fileIssue,
  languageForPath,
  looksBinary,
  MAX_BICEP_NESTING,
  tooComplexResult,
  tooLargeReason,
} from './guards';
import { lintModel } from './lint-model';
import { readParametersFile, templateFileCandidates } from '../arm';
import type { AnalyzeOptions, LintResult, LintResultKind } from './types';

/**
 * What reading a file produced: a model to lint (for a parameters file, its template's model with
 * its values, `template` naming the template), or a final result when the file is skipped or
 * unreadable.
 */
export type LoadOutcome =
  { readonly model: TemplateModel; readonly template?: string } | { readonly result: LintResult };

/** Lints one file's text. Never throws: failures become issues on the result. */
export async function analyzeFile(file: string, text: string, opts: AnalyzeOptions): Promise<LintResult> {
  return lintOutcome(file, await loadModel(file, text, opts), opts);
}

/** Lints what `loadModel` read (or passes its final result on). */
export function lintOutcome(file: string, outcome: LoadOutcome, opts: AnalyzeOptions): LintResult {
  if ('result' in outcome) return outcome.result;
  const { findings, issues } = lintModel(outcome.model, { config: opts.config, rules: opts.rules ?? defaultRules });
  const kind = outcome.template !== undefined ? 'armParameters' : outcome.model.kind;
  return { file, kind, findings, issues, ...(outcome.template !== undefined ? { template: outcome.template } : {}) };
}

/**
 * Chooses the parser by extension and content and parses, without running rules (the editor's
 * incremental path and the benchmarks' parse-only baseline). Never throws, except
 * `AnalysisStopped('cancelled')` when the caller's `limit` says a newer request replaced this one.
 */
export async function loadModel(file: string, text: string, opts: AnalyzeOptions): Promise<LoadOutcome> {
  const config = opts.config ?? DEFAULT_CONFIG;
  const tooLarge = tooLargeReason(Buffer.byteLength(text, 'utf8'), config.maxFileSizeMB);
  if (tooLarge) return skipped(file, tooLarge);
  if (looksBinary(text)) return skipped(file, 'binary file, not a template');

  const parsers = opts.parsers ?? defaultParsers;
  try {
    switch (languageForPath(file)) {
      case 'bicep':
        if (opts.limit && bicepNestingDepth(text, MAX_BICEP_NESTING) > MAX_BICEP_NESTING) {
          return tooComplex(
            file,
            `Too complex to analyse: brackets nest more than ${MAX_BICEP_NESTING} levels deep — findings paused ` +
              'for this file. Close the brackets left open (or split the expression) and it is analysed again.',
          );
        }
        return await loadBicepFile(file, text, opts);
      case 'bicepParams':
        // A .bicepparam names its template (`using`): the parser binds these values to it.
        if (opts.followParameters === false) {
          return skipped(
            file,
            'Bicep parameters file: name it on the command line (or as --params) to lint its template with its values',
            'bicepParams',
          );
        }
        return { model: await parsers.parseBicepFile(file, text, opts.host, undefined, opts.limit) };
      case 'json':
        break;
      default:
        return skipped(file, 'not a .bicep, .json or .jsonc file');
    }
    const kind = parsers.detectArmFileKind(text);
    if (kind === 'armParameters') return await loadParametersFile(file, text, opts);
    if (kind !== 'armTemplate') {
      return skipped(file, 'not an ARM template or parameters file (no deploymentTemplate $schema)', kind);
    }
    const armOptions = { ...(await parametersFor(opts)), limit: opts.limit };
    return { model: await parsers.parseArmFile(file, text, armOptions, opts.host) };
  } catch (e) {
    if (e instanceof AnalysisStopped) {
      if (e.reason === 'cancelled') throw e;
      return tooComplex(file, e.message);
    }
    const { code, message } = describeFailure(e);
    return { result: { file, kind: 'unknown', findings: [], issues: [fileIssue(file, code, message)] } };
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
  if (tooLarge) return skipped(file, tooLarge).result;
  const text = await opts.host.readFile(file);
  if (text === undefined) {
    return { file, kind: 'unknown', findings: [], issues: [fileIssue(file, 'unreadable', 'the file cannot be read')] };
  }
  return analyzeFile(file, text, opts);
}

async function parametersFor(opts: AnalyzeOptions): Promise<{ parametersText?: string; parametersFile?: string }> {
  if (opts.parametersText !== undefined)
    return { parametersText: opts.parametersText, parametersFile: opts.parametersFile };
  if (opts.parametersFile === undefined) return {};
  const text = await opts.host.readFile(opts.parametersFile);
  if (text === undefined) throw new Error(`parameters file ${opts.parametersFile} cannot be read`);
  return { parametersText: text, parametersFile: opts.parametersFile };
}

/**
 * A `.bicep` file, with the values of a parameters file when one is given: a JSON parameters file
 * binds its values to the template's parameters; a `.bicepparam` is linted instead (it names its
 * template with `using` and carries the values).
 */
async function loadBicepFile(file: string, text: string, opts: AnalyzeOptions): Promise<LoadOutcome> {
  const parsers = opts.parsers ?? defaultParsers;
  const params = await parametersFor(opts);
  if (params.parametersText === undefined || params.parametersFile === undefined) {
    return { model: await parsers.parseBicepFile(file, text, opts.host, undefined, opts.limit) };
  }
  if (/\.bicepparam$/i.test(params.parametersFile)) {
    const model = await parsers.parseBicepFile(
      params.parametersFile,
      params.parametersText,
      opts.host,
      undefined,
      opts.limit,
    );
    return { model };
  }
  const supplied = readParametersFile(params.parametersFile, params.parametersText);
  if (!supplied.isParametersFile) {
    throw new Error(`${params.parametersFile} is not an ARM parameters file (no deploymentParameters $schema)`);
  }
  return { model: await parsers.parseBicepFile(file, text, opts.host, supplied.values, opts.limit) };
}

/** A parameters file is linted as its template with its values (findings land in the template). */
async function loadParametersFile(file: string, text: string, opts: AnalyzeOptions): Promise<LoadOutcome> {
  if (opts.followParameters === false) {
    return skipped(
      file,
      'parameters file: name it on the command line (or as --params) to lint its template with its values',
      'armParameters',
    );
  }
  const candidates = templateFileCandidates(file, text);
  for (const candidate of candidates) {
    const templateText = await opts.host.readFile(candidate);
    if (templateText === undefined) continue;
    const outcome = await loadModel(candidate, templateText, {
      ...opts,
      parametersText: text,
      parametersFile: file,
      followParameters: false,
    });
    if ('model' in outcome && (outcome.model.kind === 'armTemplate' || outcome.model.kind === 'bicep'))
      return { model: outcome.model, template: candidate };
  }
  const looked = candidates.map((c) => path.basename(c)).join(', ') || 'metadata.template';
  return skipped(file, `parameters file whose template was not found (looked for ${looked})`, 'armParameters');
}

function tooComplex(file: string, message: string): { result: LintResult } {
  return { result: tooComplexResult(file, message) };
}

function skipped(file: string, reason: string, kind: LintResultKind = 'unknown'): { result: LintResult } {
  return { result: { file, kind, findings: [], issues: [], skipped: reason } };
}
