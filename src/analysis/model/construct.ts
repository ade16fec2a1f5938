// The value constructors both evaluators (ARM expressions and Bicep) build their values with: one
// signature, the value first and where it is written second, origins (nearest first) optional.
import type { SourceRange } from './source';
import type {
  ArrayNode,
  ObjectNode,
  PropertyNode,
  Provenance,
  ResourceRef,
  ScalarNode,
  SymbolNode,
  UnknownNode,
  ValueNode,
} from './value';

export function scalar(
  value: string | number | boolean | null,
  range: SourceRange,
  origins?: readonly Provenance[],
  resourceRef?: ResourceRef,
): ScalarNode {
  const node: { -readonly [K in keyof ScalarNode]: ScalarNode[K] } = { kind: 'scalar', value, range };
  if (origins && origins.length > 0) node.origins = origins;
  if (resourceRef) node.resourceRef = resourceRef;
  return node;
}

export function unknown(reason: string, range: SourceRange, origins?: readonly Provenance[]): UnknownNode {
  return origins && origins.length > 0
    ? { kind: 'unknown', reason, range, origins }
    : { kind: 'unknown', reason, range };
}

export function symbol(expr: string, range: SourceRange, origins?: readonly Provenance[]): SymbolNode {
  return origins && origins.length > 0 ? { kind: 'symbol', expr, range, origins } : { kind: 'symbol', expr, range };
}

export function arrayNode(items: readonly ValueNode[], range: SourceRange): ArrayNode {
  return { kind: 'array', items, range };
}

export function objectNode(properties: readonly PropertyNode[], range: SourceRange): ObjectNode {
  return { kind: 'object', properties, range };
}
