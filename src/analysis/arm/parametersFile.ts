import type { ParseIssue, Provenance, SourceRange } from '../model';
import { LineIndex } from '../model';
import { DEFAULT_LIMITS, EMPTY_SCOPE, EvaluationState, type ArmLimits } from './evaluationContext';
import { evaluateJson } from './evaluator';
import { unknown } from './expression/values';
import { fileKindForSchema, looksBinary } from './fileKind';
import { jsonString, jsonValue, parseJsonTree } from './json/jsonTree';
import { resolveRelativeTo, splitDir } from './paths';
import type { SuppliedParameter } from './templateScope';

export interface ParametersFileContent {
  /** Supplied values by lower-case parameter name. */
  readonly values: ReadonlyMap<string, SuppliedParameter & { readonly name: string; readonly keyRange: SourceRange }>;
  readonly issues: readonly ParseIssue[];
  /** The template path named in `metadata` (`template`, `templateFile` or `templatePath`), as written. */
  readonly templateHint?: string;
  /** False when the text is not a deploymentParameters file. */
  readonly isParametersFile: boolean;
}

const KEY_VAULT_REFERENCE = 'the value is a Key Vault secret reference, read at deployment';

/**
 * Reads `{ "parameters": { "x": { "value": ... } } }`. Values are literal: expressions are not
 * evaluated in parameters files, so a `[...]` string stays unknown.
 */
export function readParametersFile(
  file: string,
  text: string,
  limits: ArmLimits = DEFAULT_LIMITS,
): ParametersFileContent {
  const lines = new LineIndex(text);
  const state = new EvaluationState(file, lines, limits);
  const values = new Map<string, SuppliedParameter & { name: string; keyRange: SourceRange }>();
  if (looksBinary(text)) {
    state.report('skipped', 'Binary file: not read as a parameters file.', lines.range(0, 0), 'info');
    return { values, issues: state.issues, isParametersFile: false };
  }
  const { root, errors } = parseJsonTree(text);
  for (const e of errors)
    state.report('parse-error', `Invalid JSON: ${e.message}.`, state.range(e.offset, e.length), 'error');
  const isParametersFile = fileKindForSchema(jsonString(jsonValue(root, '$schema'))) === 'armParameters';
  const metadata = jsonValue(root, 'metadata');
  const templateHint =
    jsonString(jsonValue(metadata, 'template')) ??
    jsonString(jsonValue(metadata, 'templateFile')) ??
    jsonString(jsonValue(metadata, 'templatePath'));

  const env = {
    state,
    scope: EMPTY_SCOPE,
    copyIndexes: new Map<string, number>(),
    skipReason: 'expressions in parameters files are not evaluated',
  };
  const section = jsonValue(root, 'parameters');
  if (section?.type === 'object') {
    for (const p of section.properties) {
      if (!p.value) continue;
      const keyRange = state.range(p.keyOffset, p.keyLength);
      const valueJson = jsonValue(p.value, 'value');
      const at = valueJson ?? p.value;
      const range = state.range(at.offset, at.length);
      const provenance: Provenance = { kind: 'parameterFile', name: p.key, location: { file, range } };
      const value = valueJson ? evaluateJson(valueJson, env) : unknown(KEY_VAULT_REFERENCE, range);
      values.set(p.key.toLowerCase(), { name: p.key, keyRange, value, provenance });
    }
  }
  return { values, issues: state.issues, templateHint, isParametersFile };
}

// ---------------------------------------------------------------------------------------------
// Pairing templates and parameters files by name.

/** Parameters files conventionally paired with a template: `x.json` → `x.parameters.json`. */
export function parametersFileCandidates(templateFile: string): string[] {
  const { dir, base } = splitDir(templateFile);
  const m = /^(.*)\.(json|jsonc)$/i.exec(base);
  if (!m || /\.parameters$/i.test(m[1]!)) return [];
  return [`${dir}${m[1]}.parameters.json`];
}

/**
 * Templates a parameters file may belong to: the `metadata` path first (resolved against the
 * parameters file's folder), then the name convention (`x.parameters.json` or
 * `x.parameters.<env>.json` → `x.json`).
 */
export function templateFileCandidates(parametersFile: string, parametersText?: string): string[] {
  const { dir, base } = splitDir(parametersFile);
  const out: string[] = [];
  if (parametersText !== undefined) {
    const hint = readParametersFile(parametersFile, parametersText).templateHint;
    if (hint) out.push(resolveRelativeTo(parametersFile, hint));
  }
  const m = /^(.*?)\.parameters(\.[^.]+)?\.json$/i.exec(base);
  // `main.parameters.json` also serves `main.bicep` (the Bicep convention before .bicepparam).
  if (m) out.push(`${dir}${m[1]}.json`, `${dir}${m[1]}.bicep`);
  return [...new Set(out)];
}
