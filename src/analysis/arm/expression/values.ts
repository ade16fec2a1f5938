import type {
  ObjectNode,
  PropertyNode,
  Provenance,
  SourceRange,
  SymbolNode,
  UnknownNode,
  ValueNode,
} from '../../model';
import { arrayNode, objectNode, scalar, symbol, unknown } from '../../model/construct';

/** Small constructors and conversions for evaluated values. */

export { arrayNode, objectNode, scalar, symbol, unknown };

/** The same value reported at another place, with its provenance kept. */
export function relocate(node: ValueNode, range: SourceRange): ValueNode {
  return node.range === range ? node : { ...node, range };
}

export function withOrigins(node: ValueNode, origins: readonly Provenance[]): ValueNode {
  if (origins.length === 0) return node;
  return { ...node, origins };
}

/** Union of the provenance of several values, nearest first, without repeats. */
export function mergeOrigins(nodes: readonly (ValueNode | undefined)[]): Provenance[] {
  const out: Provenance[] = [];
  const seen = new Set<string>();
  for (const n of nodes) {
    for (const o of n?.origins ?? []) {
      const key = `${o.kind}\u0000${o.name}\u0000${o.location.file}\u0000${o.location.range.start.offset}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(o);
    }
  }
  return out;
}

/** ARM object keys are case-insensitive. */
export function findProperty(obj: ObjectNode, key: string): PropertyNode | undefined {
  const lower = key.toLowerCase();
  let found: PropertyNode | undefined;
  for (const p of obj.properties) {
    if (p.key === key) return p;
    if (!found && p.key.toLowerCase() === lower) found = p;
  }
  return found;
}

/** Quotes a string as an ARM expression literal. */
export function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * Canonical expression text of a value, used to build symbol expressions: two symbols with the
 * same text denote the same deploy-time value. Undefined when part of the value is unknown.
 */
export function canonicalText(node: ValueNode, budget: { charge(n: number): boolean }): string | undefined {
  switch (node.kind) {
    case 'symbol':
      return node.expr;
    case 'scalar':
      if (typeof node.value === 'string') return quote(node.value);
      if (node.value === null) return 'null()';
      if (typeof node.value === 'boolean') return node.value ? 'true()' : 'false()';
      return String(node.value);
    case 'unknown':
      return undefined;
    default: {
      const plain = toPlainLimited(node, budget);
      return plain === undefined ? undefined : `json(${quote(JSON.stringify(plain))})`;
    }
  }
}

/**
 * Plain JSON of a fully known value, charging the budget per node so that values shared many times
 * over (a DAG built by repeated variable references) cannot make the conversion exponential.
 */
export function toPlainLimited(node: ValueNode, budget: { charge(n: number): boolean }): unknown {
  if (!budget.charge(1)) return undefined;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'array': {
      const out: unknown[] = [];
      for (const item of node.items) {
        const p = toPlainLimited(item, budget);
        if (p === undefined) return undefined;
        out.push(p);
      }
      return out;
    }
    case 'object': {
      // No prototype: a `__proto__` key must stay an ordinary key.
      const out = Object.create(null) as Record<string, unknown>;
      for (const prop of node.properties) {
        const p = toPlainLimited(prop.value, budget);
        if (p === undefined) return undefined;
        out[prop.key] = p;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** Builds value nodes for plain JSON (from `json()`), all placed at `range`. */
export function fromPlain(
  value: unknown,
  range: SourceRange,
  budget: { charge(n: number): boolean },
  depth = 0,
): ValueNode {
  if (!budget.charge(1) || depth > 256) return unknown('value is too large or too deeply nested', range);
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return scalar(value, range);
  }
  if (Array.isArray(value))
    return arrayNode(
      value.map((v) => fromPlain(v, range, budget, depth + 1)),
      range,
    );
  if (typeof value === 'object') {
    const props: PropertyNode[] = Object.entries(value as Record<string, unknown>).map(([key, v]) => ({
      key,
      keyRange: range,
      value: fromPlain(v, range, budget, depth + 1),
    }));
    return objectNode(props, range);
  }
  return unknown('unsupported value', range);
}

/** The first unknown among values, for propagating its reason. */
export function firstUnknown(nodes: readonly ValueNode[]): UnknownNode | undefined {
  for (const n of nodes) if (n.kind === 'unknown') return n;
  return undefined;
}

export function firstSymbol(nodes: readonly ValueNode[]): SymbolNode | undefined {
  for (const n of nodes) if (n.kind === 'symbol') return n;
  return undefined;
}
