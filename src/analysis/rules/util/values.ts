import type {
  ObjectNode,
  PropertyNode,
  Provenance,
  RelatedLocation,
  Resource,
  RuleContext,
  RuleReport,
  Severity,
  SourceLocation,
  SourceRange,
  ValueNode,
  Fix,
} from '../../model';
import { getProperty, stringValue } from '../../model';
import { perContext } from './memo';

/**
 * Three-valued property lookup: `present` (with the property), `missing` (the holder is a known
 * object without the key) or `unknown` (the holder itself is not a known object).
 */
export type Lookup =
  | { readonly state: 'present'; readonly prop: PropertyNode; readonly value: ValueNode }
  | { readonly state: 'missing'; readonly holder: ObjectNode }
  | { readonly state: 'unknown' };

export function lookup(obj: ValueNode | undefined, key: string): Lookup {
  if (!obj || obj.kind !== 'object') return { state: 'unknown' };
  const prop = getProperty(obj, key);
  if (!prop) return { state: 'missing', holder: obj };
  return { state: 'present', prop, value: prop.value };
}

/**
 * Follows a path; stops at the first missing key. `anchor` is the key range of the deepest
 * property that exists on the way (where a "missing" finding goes), undefined when the first
 * step is already missing.
 */
export type PathLookup =
  | { readonly state: 'present'; readonly prop: PropertyNode; readonly value: ValueNode }
  | {
      readonly state: 'missing';
      /** The object that lacks `missingKey`. */
      readonly holder: ObjectNode;
      readonly missingKey: string;
      /** Keys still missing after `holder` (missingKey first). */
      readonly rest: readonly string[];
      /** The property whose value is `holder` (undefined when holder is the root). */
      readonly holderProp?: PropertyNode;
    }
  | { readonly state: 'unknown' };

export function lookupPath(
  root: ValueNode | undefined,
  path: readonly string[],
  incomplete?: (obj: ObjectNode) => boolean,
): PathLookup {
  let cur: ValueNode | undefined = root;
  let holderProp: PropertyNode | undefined;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (!cur || cur.kind !== 'object') return { state: 'unknown' };
    const prop = getProperty(cur, key);
    if (!prop) {
      if (incomplete?.(cur)) return { state: 'unknown' };
      return { state: 'missing', holder: cur, missingKey: key, rest: path.slice(i), holderProp };
    }
    if (i === path.length - 1) return { state: 'present', prop, value: prop.value };
    holderProp = prop;
    cur = prop.value;
  }
  return { state: 'unknown' };
}

/** A literal `null`: in a resource body, ARM treats it as the property left out. */
export function isNull(v: ValueNode | undefined): boolean {
  return v?.kind === 'scalar' && v.value === null;
}

/** Issue codes that mean text was not read, so keys may be missing from the model. */
const UNREAD_CODES = new Set(['parse-error', 'too-deep']);

/** Sorted start offsets of "not read" issues per file, computed once per model. */
const unreadOffsets = new WeakMap<object, Map<string, number[]>>();
const incompleteCache = new WeakMap<ValueNode, boolean>();

function unreadIn(ctx: RuleContext, file: string): number[] {
  let byFile = unreadOffsets.get(ctx.model);
  if (!byFile) {
    byFile = new Map();
    for (const i of ctx.model.issues) {
      if (!UNREAD_CODES.has(i.code)) continue;
      const list = byFile.get(i.location.file) ?? [];
      list.push(i.location.range.start.offset);
      byFile.set(i.location.file, list);
    }
    for (const list of byFile.values()) list.sort((a, b) => a - b);
    unreadOffsets.set(ctx.model, byFile);
  }
  return byFile.get(file) ?? [];
}

/** Whether any sorted offset lies in [start, end]. */
function anyWithin(sorted: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! <= end;
}

/**
 * Whether an object may have properties the model does not show: the parser could not read text
 * inside it (a syntax error). Spreads (`...x`) are merged by the Bicep evaluator, and a spread it
 * cannot evaluate makes the whole object unknown, so they need no check here. Problems evaluating
 * a value (an undeclared parameter deep inside `accessPolicies`, say) make that value unknown, but
 * hide no keys, so they do not count. Cached per node: rules ask about the same objects repeatedly.
 */
export function isIncomplete(ctx: RuleContext, file: string, obj: ValueNode): boolean {
  const cached = incompleteCache.get(obj);
  if (cached !== undefined) return cached;
  const result = anyWithin(unreadIn(ctx, file), obj.range.start.offset, obj.range.end.offset);
  incompleteCache.set(obj, result);
  return result;
}

/** Lookup under the resource body, e.g. `['properties', 'enablePurgeProtection']`; never `missing` in incomplete objects. */
export function lookupResource(ctx: RuleContext, resource: Resource, ...path: string[]): PathLookup {
  return lookupPath(resource.body, path, (obj) => isIncomplete(ctx, resource.file, obj));
}

/** Where to report a missing property: the key of the object that should hold it, else the declaration. */
export function missingRange(resource: Resource, l: PathLookup & { state: 'missing' }): SourceRange {
  return l.holderProp?.keyRange ?? resource.declRange;
}

export function loc(resource: Resource, range: SourceRange): SourceLocation {
  return { file: resource.file, range };
}

export function describeOrigin(o: Provenance): string {
  switch (o.kind) {
    case 'parameterDefault':
      return `value comes from parameter '${o.name}' default`;
    case 'parameterFile':
      return `value comes from parameter '${o.name}' in the parameters file`;
    case 'variable':
      return `value comes from variable '${o.name}'`;
    case 'moduleArgument':
      return `value comes from module argument '${o.name}'`;
    case 'output':
      return `value comes from output '${o.name}'`;
    default:
      return `value computed by '${o.name}'`;
  }
}

/** Related entries for each origin of a value (parameter default, variable, module argument). */
export function originRelated(v: ValueNode | undefined): RelatedLocation[] {
  if (!v?.origins) return [];
  return v.origins.map((o) => ({ message: describeOrigin(o), location: o.location }));
}

export interface ReportOptions {
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly (Fix | undefined)[];
  readonly severity?: Severity;
  /** Value whose origins are appended to `related`. */
  readonly value?: ValueNode;
}

/** Builds a report on `range` of the resource's file, adding provenance of `opts.value`. */
export function report(resource: Resource, range: SourceRange, message: string, opts: ReportOptions = {}): RuleReport {
  const related = [...(opts.related ?? []), ...originRelated(opts.value)];
  const fixes = (opts.fixes ?? []).filter((f): f is Fix => f !== undefined);
  return {
    message,
    location: loc(resource, range),
    resource,
    ...(related.length ? { related } : {}),
    ...(fixes.length ? { fixes } : {}),
    ...(opts.severity ? { severity: opts.severity } : {}),
  };
}

/** Case-insensitive type comparison. */
export function isType(resource: Resource, type: string): boolean {
  return resource.type.toLowerCase() === type.toLowerCase();
}

/** Resources a rule reports on: not `existing` references. */
export function declared(resources: readonly Resource[]): Resource[] {
  return resources.filter((r) => !r.existing && !neverDeployed(r));
}

/** A resource whose condition is known to be false. */
export function neverDeployed(r: Resource): boolean {
  return r.condition?.kind === 'scalar' && (r.condition.value === false || r.condition.value === 'false');
}

/** The last segment of a resource's evaluated name, when known. */
export function nameOf(resource: Resource): string | undefined {
  const n = stringValue(resource.name);
  if (n === undefined) return undefined;
  const parts = n.split('/');
  return parts[parts.length - 1];
}

/** Short label for messages: the resource's name when known, else its symbolic id. */
export function label(resource: Resource): string {
  const name = stringValue(resource.name);
  if (name !== undefined) return name;
  // ARM ids of resources named by an expression are `<type>/<name as written>`: the name is enough.
  const prefix = `${resource.type}/`;
  return resource.id.length > prefix.length && resource.id.toLowerCase().startsWith(prefix.toLowerCase())
    ? resource.id.slice(prefix.length)
    : resource.id;
}

/** Resources by id, and by type and name (first declared, then `existing`), once per lint. */
const indexes = perContext((ctx) => {
  const byId = new Map<string, Resource>();
  const byName = new Map<string, Resource[]>();
  for (const r of ctx.model.resources) {
    if (!byId.has(r.id)) byId.set(r.id, r);
    const n = stringValue(r.name);
    if (n === undefined) continue;
    const key = `${r.type}|${n}`.toLowerCase();
    const list = byName.get(key);
    if (list) list.push(r);
    else byName.set(key, [r]);
  }
  return { byId, byName };
});

function named(ctx: RuleContext, type: string, name: string): readonly Resource[] {
  return indexes(ctx).byName.get(`${type}|${name}`.toLowerCase()) ?? [];
}

/** The parent resource (by `parentId`, or by the first name segment of a `parent/child` name). */
export function parentOf(ctx: RuleContext, resource: Resource, parentType: string): Resource | undefined {
  if (resource.parentId) {
    const p = indexes(ctx).byId.get(resource.parentId);
    if (p) return p.existing ? (declaredTwin(ctx, p) ?? p) : p;
  }
  const full = stringValue(resource.name);
  if (full === undefined || !full.includes('/')) return undefined;
  return named(ctx, parentType, full.slice(0, full.lastIndexOf('/')))[0];
}

/** The declared resource an `existing` reference stands for (same type and name), if any. */
export function declaredTwin(ctx: RuleContext, ref: Resource): Resource | undefined {
  const n = stringValue(ref.name);
  if (n === undefined) return undefined;
  return named(ctx, ref.type, n).find((r) => !r.existing);
}

/** String comparison ignoring case; undefined when either side is not a known string. */
export function sameText(a: string | undefined, b: string | undefined): boolean | undefined {
  if (a === undefined || b === undefined) return undefined;
  return a.toLowerCase() === b.toLowerCase();
}

/** True when `v` is a known scalar or symbol (not unknown, not absent). */
export function isKnownScalar(v: ValueNode | undefined): boolean {
  return v?.kind === 'scalar' || v?.kind === 'symbol';
}
