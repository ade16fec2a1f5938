import type { ParseIssue, Resource, TemplateModel, WorkLimit } from '../model';
import { sourceFacts, type LineIndex } from '../model';
import {
  diffTexts,
  InsideChangeError,
  noChange,
  PositionShifter,
  translatedResource,
  type Reread,
  type TextChange,
} from '../model/shift';
import { parseArmFileDetailed, type ParseArmOptions, type TemplateReading } from './armFile';
import { EvaluationState } from './evaluationContext';
import { jsonProperty, parseJsonValueAt } from './json/jsonTree';
import {
  ENTRY_TEMPLATE,
  linkTopLevelChildren,
  readResourceElement,
  ResourceCollector,
  type ResourceElement,
} from './templateReader';

export type { ResourceChange, Reread } from '../model/shift';

interface Element {
  readonly offset: number;
  readonly length: number;
  readonly symbolicName?: string;
  /** Resources read from this entry, before top-level children are linked to their parents. */
  readonly resources: readonly Resource[];
}

interface Session {
  readonly lines: LineIndex;
  readonly model: TemplateModel;
  readonly reading: TemplateReading;
  readonly elements: readonly Element[];
  /** Where the parameters, variables and functions end: edits before this re-read everything. */
  readonly scopeEnd: number;
}

const DEPLOYMENTS = 'microsoft.resources/deployments';
/** Issues that mean the read was cut short: its parts cannot be reused. */
const INCOMPLETE_READ = new Set(['parse-error', 'too-deep', 'expression-too-complex', 'internal-error']);
/** Far below the evaluation state's cap, so a partial re-read reports what a full one would. */
const MAX_ISSUES = 150;

/**
 * Reads one ARM template again and again as it is edited. When an edit stays inside one entry
 * of the template's `resources`, only that entry is parsed and evaluated again; everything else
 * is reused, moved to its new position. Anything else (an edit to parameters or variables, a
 * syntax error, a nested deployment, renumbered ids) is a full read, so the result is always
 * what `parseArmFile` gives for the same text.
 */
export class ArmReparser {
  private session?: Session;

  constructor(
    private readonly file: string,
    private readonly options: ParseArmOptions = {},
  ) {}

  /** `limit` bounds a full read (`AnalysisStopped` past it); a partial read is one resource's work. */
  read(text: string, limit?: WorkLimit): Reread {
    const s = this.session;
    if (s) {
      if (text === s.lines.text) return { model: s.model, change: noChange(this.file, s.lines) };
      const partial = this.tryPartial(s, text);
      if (partial) return partial;
    }
    return { model: this.full(text, limit) };
  }

  private full(text: string, limit: WorkLimit | undefined): TemplateModel {
    this.session = undefined;
    const { model, reading } = parseArmFileDetailed(this.file, text, limit ? { ...this.options, limit } : this.options);
    this.session = reading && reusable(model, reading) ? session(model, reading) : undefined;
    return model;
  }

  private tryPartial(s: Session, text: string): Reread | undefined {
    const diff = diffTexts(this.file, s.lines, text);
    if (!diff || diff.change.start < s.scopeEnd) return undefined;
    const { change, lines } = diff;
    const i = elementAround(s.elements, change.start, change.oldEnd.offset);
    const old = i === undefined ? undefined : s.elements[i];
    if (i === undefined || !old || old.resources.some(isDeployment)) return undefined;

    const delta = change.newEnd.offset - change.oldEnd.offset;
    const { root, errors } = parseJsonValueAt(text, old.offset);
    if (errors.length > 0 || root?.type !== 'object' || root.length !== old.length + delta) return undefined;

    const state = new EvaluationState(this.file, lines, s.reading.limits);
    const collector = new ResourceCollector();
    const others = s.elements.filter((e) => e !== old).flatMap((e) => e.resources.map((r) => r.id));
    collector.reserve(others);
    const element: ResourceElement = { json: root, symbolicName: old.symbolicName };
    readResourceElement(element, { state, scope: s.reading.scope, copyIndexes: new Map() }, collector, ENTRY_TEMPLATE);
    if (collector.renumbered || state.exhausted || collector.resources.some(isDeployment)) return undefined;
    if (state.issues.some((x) => INCOMPLETE_READ.has(x.code))) return undefined;

    const shifter = new PositionShifter(change);
    let elements: Element[];
    let issues: ParseIssue[];
    try {
      elements = s.elements.map((e, j) => {
        if (j < i) return e;
        if (j === i)
          return {
            offset: old.offset,
            length: root.length,
            symbolicName: old.symbolicName,
            resources: collector.resources,
          };
        return {
          ...e,
          offset: e.offset + delta,
          resources: moveResources(e, change, lines, shifter),
        };
      });
      const end = old.offset + old.length;
      const kept = s.model.issues.filter((x) => {
        const at = x.location.range.start.offset;
        return x.location.file !== this.file || at < old.offset || at >= end;
      });
      issues = [...kept.map((x) => shifter.issue(x)), ...state.issues];
    } catch (e) {
      if (e instanceof InsideChangeError) return undefined;
      throw e;
    }
    if (issues.length > MAX_ISSUES) return undefined;

    const sources = new Map(s.model.sources);
    sources.set(this.file, text);
    sourceFacts(sources, this.file).lines = lines;
    const model: TemplateModel = {
      ...s.model,
      resources: linkTopLevelChildren(elements.flatMap((e) => e.resources)),
      outputs: s.model.outputs.map((o) => shifter.output(o)),
      issues,
      sources,
    };
    this.session = { ...s, lines, model, elements };
    return {
      model,
      change: { shifter, before: old.resources.map((r) => r.id), after: collector.resources.map((r) => r.id) },
    };
  }
}

/**
 * The resources of an entry after the change, moved. An entry that starts on a later line than
 * the change ends on moves by whole lines: its resources are moved lazily. One that starts on
 * that very line (minified JSON) also moves sideways: it is copied now.
 */
function moveResources(
  e: Element,
  change: TextChange,
  lines: LineIndex,
  shifter: PositionShifter,
): readonly Resource[] {
  if (shifter.identity) return e.resources;
  const delta = change.newEnd.offset - change.oldEnd.offset;
  if (lines.position(e.offset + delta).line === change.newEnd.line) return e.resources.map((r) => shifter.resource(r));
  const lineDelta = change.newEnd.line - change.oldEnd.line;
  return e.resources.map((r) => translatedResource(r, e.offset, delta, lineDelta));
}

function isDeployment(r: Resource): boolean {
  return r.type.toLowerCase() === DEPLOYMENTS || (r.via?.length ?? 0) > 0;
}

/** A full read whose parts can be reused: valid JSON, read completely, ids not renumbered. */
function reusable(model: TemplateModel, reading: TemplateReading): boolean {
  return (
    model.kind === 'armTemplate' &&
    reading.jsonErrors === 0 &&
    !reading.collector.renumbered &&
    !reading.state.exhausted &&
    model.issues.length <= MAX_ISSUES &&
    !model.issues.some((x) => INCOMPLETE_READ.has(x.code))
  );
}

function session(model: TemplateModel, reading: TemplateReading): Session {
  let scopeEnd = 0;
  for (const key of ['parameters', 'variables', 'functions']) {
    const value = jsonProperty(reading.root, key)?.value;
    if (value) scopeEnd = Math.max(scopeEnd, value.offset + value.length);
  }
  const elements = reading.elements.map(({ element, resources }) => ({
    offset: element.json.offset,
    length: element.json.length,
    symbolicName: element.symbolicName,
    resources,
  }));
  return { lines: reading.state.lines, model, reading, elements, scopeEnd };
}

/** The entry whose braces strictly enclose `[start, end)`, by binary search over sorted entries. */
function elementAround(elements: readonly Element[], start: number, end: number): number | undefined {
  let lo = 0;
  let hi = elements.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = elements[mid]!;
    if (e.offset + e.length <= start) lo = mid + 1;
    else if (e.offset >= start) hi = mid - 1;
    else return start > e.offset && end < e.offset + e.length ? mid : undefined;
  }
  return undefined;
}
