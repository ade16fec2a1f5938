// Bicep → TemplateModel. Public entry points of the Bicep side of the analysis core.
//
// Conventions shared with the ARM parser (src/analysis/arm), so that a .bicep file and the JSON
// compiled from it give the same model:
// - Resource.id: the symbolic name (`kv`), `parent::child` for nested children (as compiled
//   languageVersion 2.0 names them), prefixed by the module call chain (`vault/kv`).
// - Names of children: `parent/child`; when a part is symbolic, the symbol of the compiled
//   `format('{0}/{1}', parent, child)`.
// - Resource ids: `/subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/<type>/<name>` with
//   `resourceRef`; symbolic when a name is: the text of the compiled `resourceId(...)` call.
// - Symbols: ARM expression text (`resourceGroup().location`, `format('kv{0}', uniqueString(...))`,
//   strings quoted ARM-style, `true()`/`null()`): interpolation is the format() call Bicep emits.
// - Provenance: references carry `parameterDefault` / `variable` / `moduleArgument` /
//   `parameterFile` / `output` / `expression` origins, nearest first; values bound from another file
//   sit at their use site with the origin at the caller's argument.
import type { ParseIssue, Provenance, TemplateModel, ValueNode, WorkLimit } from '../model';
import { AnalysisStopped, LineIndex } from '../model';
import { collectOutputs, collectParameters, collectResources, collectVariables } from './model-builder';
import { defaultHost, loadModules, parseDeadline, parseIntoScope } from './modules';
import { bindParametersFile } from './params-file';
import { initBicepParser } from './parser';
import { readSyntax, type FileSyntax } from './syntax-cache';
import type { BicepParserOptions } from './parser';
import type { BicepHost, FileScope, Session } from './scope';
import { rangeOf } from './scope';
import { rebaseAcrossFiles } from './values';

export { initBicepParser } from './parser';
export type { BicepParserOptions } from './parser';
export type { BicepHost } from './scope';

export interface ParseBicepOptions extends BicepParserOptions {
  /** How deep module calls are followed (default 8). */
  readonly maxModuleDepth?: number;
  /** Set false to analyse the file alone, without reading its local modules. */
  readonly followModules?: boolean;
  /** How many expression evaluations one analysis may spend (default 2 000 000). */
  readonly evaluationBudget?: number;
  /**
   * Values for the template's parameters from a JSON parameters file (`main.parameters.json`),
   * by name, case-insensitively as ARM matches them; each keeps where it is written.
   */
  readonly parameterValues?: ReadonlyMap<string, SuppliedValue>;
  /** Time allowed for each parse; past it, `AnalysisStopped` is thrown (the only exception). */
  readonly parseLimit?: WorkLimit;
}

/** A parameter value written in a parameters file. */
export interface SuppliedValue {
  readonly value: ValueNode;
  readonly provenance: Provenance;
}

/**
 * Parses and evaluates a `.bicep` (or `.bicepparam`) file into the shared model. Never throws:
 * problems become `issues` (except a parse stopped by `options.parseLimit`, which throws
 * `AnalysisStopped`). `host.readFile` reads module files (default: the file system).
 */
export async function parseBicepFile(
  file: string,
  text: string,
  host: BicepHost = defaultHost,
  options: ParseBicepOptions = {},
): Promise<TemplateModel> {
  return (await readBicepFile(file, text, host, options)).model;
}

/** What one read of a Bicep file gives besides the model (for the incremental re-read). */
export interface BicepReading {
  readonly model: TemplateModel;
  /** Evaluations spent out of the budget. */
  readonly spent: number;
}

/** `parseBicepFile`, with the entry file's syntax given by the caller when `syntax` is set. */
export async function readBicepFile(
  file: string,
  text: string,
  host: BicepHost = defaultHost,
  options: ParseBicepOptions = {},
  syntax?: FileSyntax,
): Promise<BicepReading> {
  const isParams = /\.bicepparam$/i.test(file);
  const budget = options.evaluationBudget ?? DEFAULT_EVALUATION_BUDGET;
  const session: Session = {
    host,
    sources: new Map([[file, text]]),
    issues: [],
    loading: new Set([file]),
    maxModuleDepth: options.maxModuleDepth ?? 8,
    budget,
    parseLimit: options.parseLimit,
  };
  const done = (model: TemplateModel): BicepReading => ({ model, spent: budget - session.budget });
  try {
    const parser = await initBicepParser(options);
    if (isParams) return done(await bindParametersFile(parser, file, text, session, options.followModules !== false));
    const scope = parseIntoScope(
      parser,
      file,
      text,
      session,
      {},
      syntax ?? readSyntax(parser, file, text, parseDeadline(session, text)),
    );
    if (!scope) return done(emptyModel(file, text, 'bicep', session, 'The file could not be parsed.'));
    if (options.parameterValues) bindSuppliedValues(scope, options.parameterValues);
    if (options.followModules !== false) await loadModules(parser, scope);
    return done({
      file,
      language: 'bicep',
      kind: 'bicep',
      resources: collectResources(scope),
      parameters: collectParameters(scope),
      variables: collectVariables(scope),
      outputs: collectOutputs(scope),
      issues: session.issues,
      sources: session.sources,
    });
  } catch (e) {
    if (e instanceof AnalysisStopped) throw e;
    const kind = isParams ? 'bicepParams' : 'bicep';
    return done(
      emptyModel(file, text, kind, session, `The file could not be analysed: ${(e as Error)?.message ?? String(e)}`),
    );
  }
}

/** How many expression evaluations one analysis may spend by default. */
export const DEFAULT_EVALUATION_BUDGET = 2_000_000;

function emptyModel(
  file: string,
  text: string,
  kind: 'bicep' | 'bicepParams',
  session: Session,
  message: string,
): TemplateModel {
  const lines = new LineIndex(text);
  const issue: ParseIssue = {
    code: 'parse-error',
    severity: 'error',
    message,
    location: { file, range: lines.range(0, 0) },
  };
  return {
    file,
    language: 'bicep',
    kind,
    resources: [],
    parameters: [],
    variables: [],
    outputs: [],
    issues: [...session.issues, issue],
    sources: session.sources,
  };
}

/** Binds parameters-file values to the template's parameters (they win over defaults, as in ARM). */
function bindSuppliedValues(scope: FileScope, values: ReadonlyMap<string, SuppliedValue>): void {
  const byName = new Map([...values].map(([k, v]) => [k.toLowerCase(), v]));
  for (const p of scope.params.values()) {
    const given = byName.get(p.name.toLowerCase());
    if (!given) continue;
    p.bind = () =>
      rebaseAcrossFiles(given.value, rangeOf(scope, p.nameNode), (range) => ({
        ...given.provenance,
        location: { file: given.provenance.location.file, range },
      }));
  }
}
