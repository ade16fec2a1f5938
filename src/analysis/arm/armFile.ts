import type { FileKind, ParameterDecl, ParseIssue, Resource, TemplateModel, WorkLimit } from '../model';
import { AnalysisStopped, Deadline, LineIndex, sourceFacts } from '../model';
import { DEFAULT_LIMITS, EvaluationState, type ArmLimits } from './evaluationContext';
import { fileKindForSchema, looksBinary, readTopLevelSchema } from './fileKind';
import { jsonValue, parseJsonTree, type JsonNode } from './json/jsonTree';
import { parametersFileCandidates, readParametersFile } from './parametersFile';
import {
  ENTRY_TEMPLATE,
  linkTopLevelChildren,
  readOutputs,
  readResourceElement,
  resourceElements,
  ResourceCollector,
  type ResourceElement,
} from './templateReader';
import { TemplateScope, type SuppliedParameter } from './templateScope';

export interface ParseArmOptions {
  /** Text of the parameters file whose values replace the template's defaults. */
  readonly parametersText?: string;
  /** Name of that parameters file, for ranges (defaults to the conventional `x.parameters.json`). */
  readonly parametersFile?: string;
  readonly limits?: Partial<ArmLimits>;
  /**
   * Texts of local linked templates (`templateLink.relativePath`), by path resolved against the
   * linking file. `loadArmFile` fills this in by reading the files.
   */
  readonly linkedTemplates?: ReadonlyMap<string, string>;
  /** Time allowed for reading and evaluating the template; past it, `AnalysisStopped` is thrown. */
  readonly limit?: WorkLimit;
}

/** A model plus the linked template paths that were wanted but not supplied. */
export interface ArmParseDetails {
  readonly model: TemplateModel;
  readonly wantedLinks: readonly string[];
  /** What reading the entry template left behind, for re-reading one resource after an edit. */
  readonly reading?: TemplateReading;
}

/** The parts of a full read of a template that an incremental re-read reuses. */
export interface TemplateReading {
  readonly root: JsonNode;
  readonly jsonErrors: number;
  readonly state: EvaluationState;
  readonly scope: TemplateScope;
  readonly collector: ResourceCollector;
  readonly limits: ArmLimits;
  /** Each top-level entry of `resources` with the resources read from it (children included). */
  readonly elements: readonly { readonly element: ResourceElement; readonly resources: readonly Resource[] }[];
}

function emptyModel(file: string, text: string, kind: FileKind, issues: ParseIssue[]): TemplateModel {
  return {
    file,
    language: 'arm',
    kind,
    resources: [],
    parameters: [],
    variables: [],
    outputs: [],
    issues,
    sources: new Map([[file, text]]),
  };
}

/**
 * Reads an ARM JSON file into the shared model: a template (resources, parameters, variables,
 * outputs, all evaluated), a parameters file (its values as parameters), or `notATemplate`.
 * Never throws, except `AnalysisStopped` when `options.limit` stops it; problems become `issues`.
 */
export function parseArmFile(file: string, text: string, options: ParseArmOptions = {}): TemplateModel {
  return parseArmFileDetailed(file, text, options).model;
}

/** `parseArmFile`, also telling which linked templates were referenced but not supplied. */
export function parseArmFileDetailed(file: string, text: string, options: ParseArmOptions = {}): ArmParseDetails {
  try {
    return parseArmFileUnsafe(file, text, options);
  } catch (e) {
    if (e instanceof AnalysisStopped) throw e;
    // Last line of defence: a bug must cost one file, not the whole analysis run.
    const lines = new LineIndex(text);
    return {
      wantedLinks: [],
      model: emptyModel(file, text, 'notATemplate', [
        {
          code: 'internal-error',
          message: `The file could not be analysed: ${e instanceof Error ? e.message : String(e)}`,
          severity: 'error',
          location: { file, range: lines.range(0, 0) },
        },
      ]),
    };
  }
}

function parseArmFileUnsafe(file: string, text: string, options: ParseArmOptions): ArmParseDetails {
  const limits: ArmLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const lines = new LineIndex(text);
  const deadline = options.limit && Deadline.forText(options.limit, text.length);
  const state = new EvaluationState(file, lines, limits, deadline);

  if (looksBinary(text)) {
    state.report('skipped', 'Binary file: not analysed.', lines.range(0, 0), 'info');
    return { wantedLinks: [], model: emptyModel(file, text, 'notATemplate', state.issues) };
  }

  // Classify with the scanner first: other JSON (lock files, settings) is skipped without a tree.
  const kind = fileKindForSchema(readTopLevelSchema(text));
  if (kind === 'notATemplate') {
    state.report(
      'skipped',
      'Not an ARM template or parameters file (no deploymentTemplate or deploymentParameters $schema): not analysed.',
      lines.range(0, 0),
      'info',
    );
    return { wantedLinks: [], model: emptyModel(file, text, kind, state.issues) };
  }
  if (kind === 'armParameters') return { wantedLinks: [], model: parametersModel(file, text, limits) };

  const { root, errors } = parseJsonTree(text);
  for (const e of errors) {
    state.report('parse-error', `Invalid JSON: ${e.message}.`, state.range(e.offset, e.length), 'error');
  }

  const sources = new Map([[file, text]]);
  const supplied = new Map<string, SuppliedParameter>();
  const extraIssues: ParseIssue[] = [];
  if (options.parametersText !== undefined) {
    const parametersFile = options.parametersFile ?? parametersFileCandidates(file)[0] ?? `${file}.parameters.json`;
    const content = readParametersFile(parametersFile, options.parametersText, limits);
    for (const [key, v] of content.values) supplied.set(key, v);
    extraIssues.push(...content.issues);
    sources.set(parametersFile, options.parametersText);
  }

  const scope = new TemplateScope(state, jsonValue(root, 'parameters'), jsonValue(root, 'variables'), supplied);
  const env = { state, scope, copyIndexes: new Map<string, number>() };
  const collector = new ResourceCollector(options.linkedTemplates);
  const elements: { element: ResourceElement; resources: Resource[] }[] = [];
  for (const element of root ? resourceElements(root) : []) {
    const first = collector.resources.length;
    readResourceElement(element, env, collector, ENTRY_TEMPLATE);
    elements.push({ element, resources: collector.resources.slice(first) });
  }
  const parameters = scope.parameterDecls();
  const variables = scope.variableDecls();
  const outputs = root ? readOutputs(root, env) : [];
  const stopped = state.stopped ?? collector.linkedStates.find((s) => s.stopped)?.stopped;
  if (stopped && deadline) throw new AnalysisStopped(stopped, deadline);
  reportUnusedSuppliedValues(supplied, parameters, extraIssues);

  for (const [path, linkedText] of collector.linkedSources) if (!sources.has(path)) sources.set(path, linkedText);
  sourceFacts(sources, file).lines = lines;
  const model: TemplateModel = {
    file,
    language: 'arm',
    kind,
    resources: linkTopLevelChildren(collector.resources),
    parameters,
    variables,
    outputs,
    issues: [...state.issues, ...extraIssues, ...collector.linkedStates.flatMap((s) => s.issues)],
    sources,
  };
  const reading = root ? { root, jsonErrors: errors.length, state, scope, collector, limits, elements } : undefined;
  return { model, wantedLinks: [...collector.wantedLinks], reading };
}

function reportUnusedSuppliedValues(
  supplied: ReadonlyMap<string, SuppliedParameter>,
  declared: readonly ParameterDecl[],
  issues: ParseIssue[],
): void {
  const names = new Set(declared.map((p) => p.name.toLowerCase()));
  for (const [key, v] of supplied) {
    if (names.has(key)) continue;
    issues.push({
      code: 'unknown-parameter',
      message: `The parameters file sets '${v.provenance.name}', which the template does not declare.`,
      severity: 'warning',
      location: v.provenance.location,
    });
  }
}

/** A parameters file on its own: its values, as parameters with `parameterFile` provenance. */
function parametersModel(file: string, text: string, limits: ArmLimits): TemplateModel {
  const content = readParametersFile(file, text, limits);
  const parameters: ParameterDecl[] = [...content.values.values()].map((v) => ({
    name: v.name,
    declRange: v.keyRange,
    value: { ...v.value, origins: [v.provenance, ...(v.value.origins ?? [])] },
  }));
  return { ...emptyModel(file, text, 'armParameters', [...content.issues]), parameters };
}
