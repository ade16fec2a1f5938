// Constructors and transformations of model ValueNodes used by the Bicep evaluator.
import type { Provenance, ScalarNode, SourceRange, ValueNode } from '../model';
import { arrayNode, objectNode, scalar, symbol, unknown } from '../model/construct';

export { arrayNode, objectNode, scalar, symbol, unknown };

/**
 * The value seen at a use site: written at `range`, coming from `origin` (nearest first, before
 * the value's own origins). Inner nodes keep their ranges: they are where the parts are written.
 */
export function relocate(value: ValueNode, range: SourceRange, origin?: Provenance): ValueNode {
  const origins = origin ? [origin, ...(value.origins ?? [])] : value.origins;
  if (origins && origins.length > 0) return { ...value, range, origins };
  // No `origins: undefined` key: values written in place have no origins property at all.
  const { origins: _none, ...rest } = value;
  return { ...rest, range };
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

/** The value with every part's range (and key range) set to `range`; provenance unchanged. */
export function placeAllAt(value: ValueNode, range: SourceRange): ValueNode {
  switch (value.kind) {
    case 'object':
      return {
        ...value,
        range,
        properties: value.properties.map((p) => ({ key: p.key, keyRange: range, value: placeAllAt(p.value, range) })),
      };
    case 'array':
      return { ...value, range, items: value.items.map((i) => placeAllAt(i, range)) };
    default:
      return { ...value, range };
  }
}

/** An ARM string literal (`'it''s'`): canonical symbol texts use ARM expression syntax, like the ARM evaluator. */
export function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * Canonical ARM-expression text of a value inside a symbolic expression (the same text the ARM
 * evaluator builds for the compiled template); undefined when part of the value is unknown.
 */
export function renderArgument(v: ValueNode): string | undefined {
  switch (v.kind) {
    case 'symbol':
      return v.expr;
    case 'scalar':
      if (typeof v.value === 'string') return quote(v.value);
      if (v.value === null) return 'null()';
      if (typeof v.value === 'boolean') return v.value ? 'true()' : 'false()';
      return String(v.value);
    case 'unknown':
      return undefined;
    default: {
      const p = plain(v);
      return p === undefined ? undefined : `json(${quote(JSON.stringify(p))})`;
    }
  }
}

/** A symbol formed by a function over known or symbolic arguments, e.g. `uniqueString(resourceGroup().id)`. */
export function symbolicCall(range: SourceRange, fn: string, args: readonly ValueNode[]): ValueNode {
  const rendered: string[] = [];
  for (const a of args) {
    if (a.kind === 'unknown') return unknown(a.reason, range);
    const r = renderArgument(a);
    if (r === undefined) return unknown(`${fn}() of a value that is not fully known`, range);
    rendered.push(r);
  }
  return symbol(`${fn}(${rendered.join(', ')})`, range);
}

/** Text of a known value inside a string, as ARM converts values when formatting. */
export function stringOf(v: ScalarNode): string {
  if (typeof v.value === 'string') return v.value;
  if (v.value === null) return '';
  if (typeof v.value === 'boolean') return v.value ? 'True' : 'False';
  return String(v.value);
}

/**
 * Joins string pieces. All known → a string scalar; any unknown → unknown; otherwise a symbol
 * whose text is `symbolicText()` (the call the compiled ARM template makes, e.g.
 * `format('kv{0}', uniqueString(resourceGroup().id))`), so both languages give the same symbol.
 */
export function joinStrings(
  range: SourceRange,
  pieces: readonly ValueNode[],
  symbolicText: () => string | undefined,
): ValueNode {
  let symbolic = false;
  for (const p of pieces) {
    if (p.kind === 'unknown') return unknown(p.reason, range);
    if (p.kind === 'symbol') symbolic = true;
  }
  if (!symbolic) {
    const texts = pieces.map((p) => (p.kind === 'scalar' ? stringOf(p) : JSON.stringify(plain(p))));
    return scalar(texts.join(''), range);
  }
  const text = symbolicText();
  return text === undefined ? unknown('the text mixes values not known before deployment', range) : symbol(text, range);
}

/** `format('<template>', args...)` text for literal parts and interpolated values, as Bicep compiles `'a${x}b'`. */
export function formatCallText(parts: readonly (string | ValueNode)[]): string | undefined {
  let template = '';
  const args: string[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      template += part.replace(/\{/g, '{{').replace(/\}/g, '}}');
      continue;
    }
    const r = renderArgument(part);
    if (r === undefined) return undefined;
    template += `{${args.length}}`;
    args.push(r);
  }
  return `format(${[quote(template), ...args].join(', ')})`;
}

/** A name as text inside a resource id, when known. */
export function nameText(v: ValueNode): string | undefined {
  if (v.kind === 'scalar') return v.value === null ? undefined : stringOf(v);
  return undefined;
}

function plain(v: ValueNode): unknown {
  switch (v.kind) {
    case 'symbol':
    case 'unknown':
      return undefined;
    case 'scalar':
      return v.value;
    case 'array': {
      const items = v.items.map(plain);
      return items.includes(undefined) ? undefined : items;
    }
    case 'object': {
      const entries = v.properties.map((p) => [p.key, plain(p.value)] as const);
      return entries.some(([, x]) => x === undefined) ? undefined : Object.fromEntries(entries);
    }
  }
}

/** `fn(arg, ...)` in canonical text; undefined when an argument cannot be written. */
export function callText(fn: string, args: readonly ValueNode[]): string | undefined {
  const texts = args.map(renderArgument);
  return texts.some((t) => t === undefined) ? undefined : `${fn}(${texts.join(', ')})`;
}

/** Truthiness of a known boolean value; undefined when not a known boolean. */
export function knownBoolean(v: ValueNode): boolean | undefined {
  return v.kind === 'scalar' && typeof v.value === 'boolean' ? v.value : undefined;
}
