import type { SourceLocation, SourceRange } from './source';

/**
 * An evaluated value with the place it was written. Values are three-valued: a node is either
 * known (object, array, scalar, symbol) or `unknown` with the reason it could not be evaluated.
 * Rules must never report a violation on an unknown value.
 *
 * `range` is where the value (or the expression producing it) is written in the file being
 * analysed. When the value came from elsewhere (a parameter default, a variable, a module
 * argument, a parameters file), `origins` lists those places, nearest first.
 */
export type ValueNode = ObjectNode | ArrayNode | ScalarNode | SymbolNode | UnknownNode;

export interface ValueBase {
  readonly range: SourceRange;
  /** Where the value really came from, nearest first (empty or absent when written in place). */
  readonly origins?: readonly Provenance[];
}

export interface ObjectNode extends ValueBase {
  readonly kind: 'object';
  readonly properties: readonly PropertyNode[];
}

export interface PropertyNode {
  /** The key exactly as written (case preserved, quotes removed). */
  readonly key: string;
  readonly keyRange: SourceRange;
  readonly value: ValueNode;
}

export interface ArrayNode extends ValueBase {
  readonly kind: 'array';
  readonly items: readonly ValueNode[];
}

export interface ScalarNode extends ValueBase {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
  /**
   * Set when this string is a resource id produced by `resourceId()`-style functions or a Bicep
   * symbolic `.id`: the referenced resource's full type (e.g. `Microsoft.KeyVault/vaults`) and
   * name segments joined by '/'. Lets rules find the declared resource an id points at.
   */
  readonly resourceRef?: ResourceRef;
}

/**
 * A value that is only known symbolically, such as `resourceGroup().location` or
 * `subscription().subscriptionId`: two symbols with the same `expr` are equal; anything else
 * compared with a symbol is unknown.
 */
export interface SymbolNode extends ValueBase {
  readonly kind: 'symbol';
  /** Canonical text, e.g. `resourceGroup().location`. */
  readonly expr: string;
}

export interface UnknownNode extends ValueBase {
  readonly kind: 'unknown';
  /** Why the value is unknown, in words a user understands, e.g. "parameter 'loc' has no default". */
  readonly reason: string;
}

export interface ResourceRef {
  readonly type: string;
  readonly name: string;
  /** Set when the id points into another subscription/resource group than the deployment's own. */
  readonly scope?: string;
}

export type ProvenanceKind =
  'parameterDefault' | 'parameterFile' | 'variable' | 'moduleArgument' | 'output' | 'expression';

export interface Provenance {
  readonly kind: ProvenanceKind;
  /** The parameter, variable or module name. */
  readonly name: string;
  readonly location: SourceLocation;
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by parsers and rules

export function isKnown(v: ValueNode | undefined): v is ObjectNode | ArrayNode | ScalarNode | SymbolNode {
  return v !== undefined && v.kind !== 'unknown';
}

/** Property lookup, case-insensitive as ARM property names are. */
export function getProperty(obj: ValueNode | undefined, key: string): PropertyNode | undefined {
  if (!obj || obj.kind !== 'object') return undefined;
  const props = obj.properties;
  for (const p of props) if (p.key === key) return p;
  // Rules ask for many keys an object lacks: compare lengths before building lower-case copies.
  let lower: string | undefined;
  for (const p of props) {
    if (p.key.length !== key.length) continue;
    lower ??= key.toLowerCase();
    if (p.key.toLowerCase() === lower) return p;
  }
  return undefined;
}

/** Follows a path of property names (case-insensitive); undefined when any step is missing. */
export function getPath(obj: ValueNode | undefined, ...path: string[]): ValueNode | undefined {
  let cur: ValueNode | undefined = obj;
  for (const key of path) {
    cur = getProperty(cur, key)?.value;
    if (!cur) return undefined;
  }
  return cur;
}

/** The string value of a known scalar, else undefined. */
export function stringValue(v: ValueNode | undefined): string | undefined {
  return v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
}

export function booleanValue(v: ValueNode | undefined): boolean | undefined {
  if (v?.kind !== 'scalar') return undefined;
  if (typeof v.value === 'boolean') return v.value;
  // ARM accepts "true"/"false" strings for booleans in many resource providers.
  if (typeof v.value === 'string' && /^(true|false)$/i.test(v.value)) return v.value.toLowerCase() === 'true';
  return undefined;
}

export function numberValue(v: ValueNode | undefined): number | undefined {
  if (v?.kind !== 'scalar') return undefined;
  if (typeof v.value === 'number') return v.value;
  if (typeof v.value === 'string' && /^-?\d+(\.\d+)?$/.test(v.value)) return Number(v.value);
  return undefined;
}

/** Converts a fully known node to plain JSON; undefined when any part is unknown or symbolic. */
export function toPlain(v: ValueNode): unknown {
  switch (v.kind) {
    case 'scalar':
      return v.value;
    case 'array': {
      const out: unknown[] = [];
      for (const item of v.items) {
        const p = toPlain(item);
        if (p === undefined) return undefined;
        out.push(p);
      }
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of v.properties) {
        const p = toPlain(prop.value);
        if (p === undefined) return undefined;
        out[prop.key] = p;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/**
 * Three-valued equality: true/false when both sides are known (strings compared
 * case-insensitively when `ignoreCase`), undefined when either side is unknown.
 */
export function valuesEqual(
  a: ValueNode | undefined,
  b: ValueNode | undefined,
  ignoreCase = true,
): boolean | undefined {
  if (!a || !b) return undefined;
  if (a.kind === 'symbol' && b.kind === 'symbol') return a.expr === b.expr ? true : undefined;
  if (a.kind !== 'scalar' || b.kind !== 'scalar') return undefined;
  if (ignoreCase && typeof a.value === 'string' && typeof b.value === 'string') {
    return normaliseRegion(a.value) === normaliseRegion(b.value);
  }
  return a.value === b.value;
}

/** Azure accepts 'West Europe' and 'westeurope' alike for locations. */
export function normaliseRegion(s: string): string {
  return s.replace(/\s+/g, '').toLowerCase();
}
