// Constructors and transformations of model ValueNodes used by the Bicep evaluator.
import type {
  ArrayNode,
  ObjectNode,
  PropertyNode,
  Provenance,
  ScalarNode,
  SourceRange,
  SymbolNode,
  UnknownNode,
  ValueNode,
} from '../model';

export function scalar(range: SourceRange, value: ScalarNode['value']): ScalarNode {
  return { kind: 'scalar', range, value };
}

export function unknown(range: SourceRange, reason: string): UnknownNode {
  return { kind: 'unknown', range, reason };
}

export function symbol(range: SourceRange, expr: string): SymbolNode {
  return { kind: 'symbol', range, expr };
}

export function objectNode(range: SourceRange, properties: PropertyNode[]): ObjectNode {
  return { kind: 'object', range, properties };
}

export function arrayNode(range: SourceRange, items: ValueNode[]): ArrayNode {
  return { kind: 'array', range, items };
}

/**
 * The value seen at a use site: written at `range`, coming from `origin` (nearest first, before
 * the value's own origins). Inner nodes keep their ranges: they are where the parts are written.
 */
export function relocate(value: ValueNode, range: SourceRange, origin?: Provenance): ValueNode {
  const origins = origin ? [origin, ...(value.origins ?? [])] : value.origins;
  return origins && origins.length > 0 ? { ...value, range, origins } : { ...value, range, origins: undefined };
}

/** Adds a provenance at the front, keeping the range. */
export function withOrigin(value: ValueNode, origin: Provenance): ValueNode {
  return { ...value, origins: [origin, ...(value.origins ?? [])] };
}

/**
 * Moves a value written in another file into the file being analysed: every node gets `range`
 * (the use site) and a provenance pointing at where that part was really written, so a rule can
 * report at the caller's argument, where the fix belongs.
 */
export function rebaseAcrossFiles(
  value: ValueNode,
  range: SourceRange,
  makeOrigin: (originalRange: SourceRange) => Provenance,
): ValueNode {
  const origins = [makeOrigin(value.range), ...(value.origins ?? [])];
  switch (value.kind) {
    case 'object':
      return {
        ...value,
        range,
        origins,
        properties: value.properties.map((p) => ({
          key: p.key,
          keyRange: range,
          value: rebaseAcrossFiles(p.value, range, makeOrigin),
        })),
      };
    case 'array':
      return { ...value, range, origins, items: value.items.map((i) => rebaseAcrossFiles(i, range, makeOrigin)) };
    default:
      return { ...value, range, origins };
  }
}

/** Single-quoted Bicep-style literal text, used inside canonical symbol expressions. */
export function quote(s: string): string {
  return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

/** Canonical text of a value inside a symbolic expression; undefined when it cannot be written. */
export function renderArgument(v: ValueNode): string | undefined {
  switch (v.kind) {
    case 'symbol':
      return v.expr;
    case 'scalar':
      if (typeof v.value === 'string') return quote(v.value);
      return v.value === null ? 'null' : String(v.value);
    default:
      return undefined;
  }
}

/** A symbol formed by a function over known or symbolic arguments, e.g. `uniqueString(resourceGroup().id)`. */
export function symbolicCall(range: SourceRange, fn: string, args: readonly ValueNode[]): ValueNode {
  const rendered: string[] = [];
  for (const a of args) {
    if (a.kind === 'unknown') return unknown(range, a.reason);
    const r = renderArgument(a);
    if (r === undefined) return unknown(range, `${fn}() of an object or array is not evaluated`);
    rendered.push(r);
  }
  return symbol(range, `${fn}(${rendered.join(', ')})`);
}

/** Is this symbol a string mixing literal text and symbols (`'kv${uniqueString(...)}'`)? */
function isMixedString(expr: string): boolean {
  return expr.startsWith("'");
}

function escapeTemplateText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${');
}

/** Text of a scalar inside a string, as ARM converts values when concatenating. */
export function stringOf(v: ScalarNode): string {
  if (typeof v.value === 'string') return v.value;
  if (v.value === null) return '';
  return String(v.value);
}

/**
 * Concatenates string pieces. All known → a string scalar. Some symbolic → one symbol whose
 * canonical text is a Bicep-style interpolated literal, e.g. `'kv${uniqueString(resourceGroup().id)}'`;
 * a lone symbol stays itself. Any unknown piece makes the whole unknown.
 */
export function concatStrings(range: SourceRange, pieces: readonly ValueNode[]): ValueNode {
  let allKnown = true;
  for (const p of pieces) {
    if (p.kind === 'unknown') return unknown(range, p.reason);
    if (p.kind === 'object' || p.kind === 'array') {
      // ARM writes objects/arrays as JSON when they are interpolated.
      continue;
    }
    if (p.kind === 'symbol') allKnown = false;
  }
  const texts = pieces.map((p) =>
    p.kind === 'scalar' ? stringOf(p) : p.kind === 'object' || p.kind === 'array' ? JSON.stringify(plain(p)) : '',
  );
  if (allKnown) return scalar(range, texts.join(''));
  const nonEmpty = pieces.filter((p, i) => p.kind === 'symbol' || texts[i] !== '');
  if (nonEmpty.length === 1 && nonEmpty[0]!.kind === 'symbol') return symbol(range, nonEmpty[0]!.expr);
  let body = '';
  pieces.forEach((p, i) => {
    if (p.kind === 'symbol') body += isMixedString(p.expr) ? p.expr.slice(1, -1) : '${' + p.expr + '}';
    else body += escapeTemplateText(texts[i]!);
  });
  return symbol(range, "'" + body + "'");
}

/** A name as text inside a resource id: a known string, or the symbol's canonical text. */
export function nameText(v: ValueNode): string | undefined {
  if (v.kind === 'scalar') return v.value === null ? undefined : stringOf(v);
  if (v.kind === 'symbol') return isMixedString(v.expr) ? v.expr.slice(1, -1) : '${' + v.expr + '}';
  return undefined;
}

function plain(v: ValueNode): unknown {
  switch (v.kind) {
    case 'scalar':
      return v.value;
    case 'symbol':
      return `[${v.expr}]`;
    case 'array':
      return v.items.map(plain);
    case 'object':
      return Object.fromEntries(v.properties.map((p) => [p.key, plain(p.value)]));
    default:
      return null;
  }
}

/** Truthiness of a known boolean value; undefined when not a known boolean. */
export function knownBoolean(v: ValueNode): boolean | undefined {
  return v.kind === 'scalar' && typeof v.value === 'boolean' ? v.value : undefined;
}
