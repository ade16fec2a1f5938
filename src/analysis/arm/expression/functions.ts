import type { ArrayNode, ObjectNode, PropertyNode, Provenance, SourceRange, UnknownNode, ValueNode } from '../../model';
import { compareKeys, mergeSort } from '../../model';
import type { EvalEnv } from '../evaluationContext';
import {
  arrayNode,
  canonicalText,
  findProperty,
  fromPlain,
  mergeOrigins,
  objectNode,
  quote,
  scalar,
  symbol,
  toPlainLimited,
  unknown,
} from './values';

/** One call being evaluated. Arguments are evaluated on first use, so lazy functions skip branches. */
export interface Invocation {
  /** Canonical function name, e.g. `toLower`. */
  readonly name: string;
  /** Where the whole expression is written; every value built by a function is placed here. */
  readonly range: SourceRange;
  readonly env: EvalEnv;
  readonly argCount: number;
  arg(i: number): ValueNode;
}

export interface FunctionSpec {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /**
   * How arguments reach `impl`: `eager` functions get only known, non-symbolic top-level arguments
   * (unknowns propagate, symbols give an unknown); `symbolic` ones likewise, but symbolic arguments
   * make the result a symbol of the call; `raw` ones handle every argument kind themselves.
   */
  readonly mode: 'eager' | 'symbolic' | 'raw';
  /** A `raw` function that evaluates its arguments on demand, so branches not taken are skipped. */
  readonly lazy?: boolean;
  readonly impl: (args: readonly ValueNode[], inv: Invocation) => ValueNode;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function str(v: ValueNode | undefined): string | undefined {
  return v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
}

function num(v: ValueNode | undefined): number | undefined {
  if (v?.kind !== 'scalar') return undefined;
  if (typeof v.value === 'number') return v.value;
  if (typeof v.value === 'string' && /^\s*-?\d+\s*$/.test(v.value)) return Number(v.value);
  return undefined;
}

function typeError(inv: Invocation, message: string): ValueNode {
  return unknown(`${inv.name}(): ${message}`, inv.range);
}

/** A produced string, or an unknown when it would exceed the length limit. */
function stringResult(inv: Invocation, s: string): ValueNode {
  if (s.length > inv.env.state.limits.maxStringLength || !inv.env.state.charge(Math.ceil(s.length / 64))) {
    return unknown(
      inv.env.state.tooComplex(inv.range, `${inv.name}() would produce a string that is too long`),
      inv.range,
    );
  }
  return scalar(s, inv.range);
}

function budget(inv: Invocation): { charge(n: number): boolean } {
  return inv.env.state;
}

/** How ARM turns a value into text inside concat/format/string (booleans as .NET prints them). */
function asText(v: ValueNode, inv: Invocation): string | undefined {
  if (v.kind === 'scalar') {
    if (v.value === null) return '';
    if (typeof v.value === 'boolean') return v.value ? 'True' : 'False';
    return String(v.value);
  }
  const plain = toPlainLimited(v, budget(inv));
  return plain === undefined ? undefined : JSON.stringify(plain);
}

/** Deep equality of two known values; undefined when unknown or symbolic parts make it undecidable. */
function deepEqual(a: ValueNode, b: ValueNode, inv: Invocation, ignoreCase = false): boolean | undefined {
  if (a.kind === 'symbol' && b.kind === 'symbol') return a.expr === b.expr ? true : undefined;
  if (a.kind === 'scalar' && b.kind === 'scalar') {
    if (!inv.env.state.charge(1)) return undefined;
    return plainEqual(a.value, b.value, ignoreCase);
  }
  const pa = toPlainLimited(a, budget(inv));
  const pb = toPlainLimited(b, budget(inv));
  if (pa === undefined || pb === undefined) return undefined;
  return plainEqual(pa, pb, ignoreCase);
}

function plainEqual(a: unknown, b: unknown, ignoreCase: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') return ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => plainEqual(x, b[i], ignoreCase));
  }
  const ea = Object.entries(a as Record<string, unknown>);
  const ob = b as Record<string, unknown>;
  if (ea.length !== Object.keys(ob).length) return false;
  // Object keys compare case-insensitively, as ARM treats them.
  const lowerB = new Map(Object.entries(ob).map(([k, v]) => [k.toLowerCase(), v]));
  return ea.every(([k, v]) => lowerB.has(k.toLowerCase()) && plainEqual(v, lowerB.get(k.toLowerCase()), ignoreCase));
}

/** Three-valued truth of a condition value. */
export function truthOf(v: ValueNode): boolean | undefined {
  if (v.kind !== 'scalar') return undefined;
  if (typeof v.value === 'boolean') return v.value;
  if (typeof v.value === 'string' && /^(true|false)$/i.test(v.value)) return v.value.toLowerCase() === 'true';
  return undefined;
}

function boolResult(inv: Invocation, b: boolean | undefined, why: string, inputs: readonly ValueNode[]): ValueNode {
  if (b === undefined) return unknown(why, inv.range, mergeOrigins(inputs));
  return scalar(b, inv.range, mergeOrigins(inputs));
}

// ---------------------------------------------------------------------------------------------
// Deploy-time symbols

function symbolFunction(name: string): FunctionSpec {
  return {
    name,
    minArgs: 0,
    maxArgs: 2,
    mode: 'raw',
    impl: (args, inv) => {
      // resourceGroup() and friends take no arguments in the common case; with arguments they
      // name another scope, which is still a stable symbol when the arguments are known.
      const texts = args.map((a) => canonicalText(a, budget(inv)));
      if (texts.some((t) => t === undefined)) {
        return unknown(`${name}() of an unknown scope`, inv.range, mergeOrigins(args));
      }
      return symbol(`${name}(${texts.join(', ')})`, inv.range, mergeOrigins(args));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Resource ids

/** Placeholders for the deployment's own scope in resource ids built from `resourceId()`. */
export const SUBSCRIPTION_PLACEHOLDER = '{subscriptionId}';
export const RESOURCE_GROUP_PLACEHOLDER = '{rg}';

/** `Microsoft.Network/virtualNetworks/subnets` + [vnet, sub] → `Microsoft.Network/virtualNetworks/vnet/subnets/sub`. */
function interleave(type: string, written: readonly string[]): string | undefined {
  const segments = type.split('/');
  // Children are often named in one argument, `resourceId('Microsoft.KeyVault/vaults/keys', 'kv/kek')`.
  const names = segments.length - 1 === written.length ? written : written.join('/').split('/');
  if (segments.length < 2 || segments.length - 1 !== names.length) return undefined;
  let out = segments[0]!;
  for (let i = 1; i < segments.length; i++) out += `/${segments[i]}/${names[i - 1]}`;
  return out;
}

/** ARM accepts `'Microsoft.Network/publicIPAddresses/'` for `'Microsoft.Network/publicIPAddresses'`. */
function trimTrailingSlashes(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  let end = s.length;
  while (end > 0 && s[end - 1] === '/') end--;
  return s.slice(0, end);
}

function looksLikeType(s: string | undefined): boolean {
  return s !== undefined && /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)+\/[^/]/.test(s);
}

/** Whether a scope argument just restates the deployment's own subscription or resource group. */
function isOwnScope(v: ValueNode, expr: string): boolean {
  return v.kind === 'symbol' && v.expr === expr;
}

type IdScope = 'resourceGroup' | 'subscription' | 'tenant';

function resourceIdFunction(name: string, scopeKind: IdScope): FunctionSpec {
  return {
    name,
    minArgs: 2,
    maxArgs: 64,
    mode: 'raw',
    impl: (args, inv) => {
      const origins = mergeOrigins(args);
      const unknownArg = args.find((a) => a.kind === 'unknown');
      if (unknownArg) return unknown(unknownArg.kind === 'unknown' ? unknownArg.reason : '', inv.range, origins);

      // Optional leading scope arguments come before the first argument that looks like a type.
      let typeAt = args.findIndex((a) => looksLikeType(str(a)));
      const maxScopeArgs = scopeKind === 'resourceGroup' ? 2 : scopeKind === 'subscription' ? 1 : 0;
      if (typeAt < 0 || typeAt > maxScopeArgs) typeAt = 0;
      const scopeArgs = args.slice(0, typeAt);
      const type = trimTrailingSlashes(str(args[typeAt]));
      const nameArgs = args.slice(typeAt + 1);

      // Scope arguments that restate the deployment's own scope, and a trailing slash on the type,
      // do not change which resource is meant: the symbol is written without them, as a resource
      // declared in this template would name itself.
      const ownScope = scopeArgs.every(
        (a) => isOwnScope(a, 'subscription().subscriptionId') || isOwnScope(a, 'resourceGroup().name'),
      );
      const symbolicFallback = (): ValueNode => {
        const canonical = type !== undefined && ownScope ? [scalar(type, inv.range), ...nameArgs] : args;
        const texts = canonical.map((a) => canonicalText(a, budget(inv)));
        if (texts.some((t) => t === undefined))
          return unknown(`${name}() of values not known before deployment`, inv.range, origins);
        return symbol(`${name}(${texts.join(', ')})`, inv.range, origins);
      };
      if (type === undefined) return symbolicFallback();

      let subscription = SUBSCRIPTION_PLACEHOLDER;
      let group = RESOURCE_GROUP_PLACEHOLDER;
      let foreign = false;
      if (scopeKind === 'resourceGroup' && scopeArgs.length === 2) {
        const [s, g] = scopeArgs as [ValueNode, ValueNode];
        if (!isOwnScope(s, 'subscription().subscriptionId')) {
          if (str(s) === undefined) return symbolicFallback();
          subscription = str(s)!;
          foreign = true;
        }
        if (!isOwnScope(g, 'resourceGroup().name')) {
          if (str(g) === undefined) return symbolicFallback();
          group = str(g)!;
          foreign = true;
        }
      } else if (scopeKind === 'resourceGroup' && scopeArgs.length === 1) {
        const g = scopeArgs[0]!;
        if (!isOwnScope(g, 'resourceGroup().name')) {
          if (str(g) === undefined) return symbolicFallback();
          group = str(g)!;
          foreign = true;
        }
      } else if (scopeKind === 'subscription' && scopeArgs.length === 1) {
        const s = scopeArgs[0]!;
        if (!isOwnScope(s, 'subscription().subscriptionId')) {
          if (str(s) === undefined) return symbolicFallback();
          subscription = str(s)!;
          foreign = true;
        }
      }

      const names = nameArgs.map(str);
      if (names.some((n) => n === undefined)) return symbolicFallback();
      const path = interleave(type, names as string[]);
      if (path === undefined) {
        return typeError(
          inv,
          `type '${type}' needs ${type.split('/').length - 1} name segment(s), got ${names.length}`,
        );
      }
      const prefix =
        scopeKind === 'tenant'
          ? ''
          : scopeKind === 'subscription'
            ? `/subscriptions/${subscription}`
            : `/subscriptions/${subscription}/resourceGroups/${group}`;
      const ref = {
        type,
        name: (names as string[]).join('/'),
        ...(foreign
          ? {
              scope:
                scopeKind === 'subscription'
                  ? `/subscriptions/${subscription}`
                  : `/subscriptions/${subscription}/resourceGroups/${group}`,
            }
          : {}),
      };
      const id = `${prefix}/providers/${path}`;
      return scalar(id, inv.range, origins, ref);
    },
  };
}

const extensionResourceId: FunctionSpec = {
  name: 'extensionResourceId',
  minArgs: 3,
  maxArgs: 64,
  mode: 'symbolic',
  impl: (args, inv) => {
    const base = str(args[0]);
    const type = str(args[1]);
    const names = args.slice(2).map(str);
    if (base === undefined || type === undefined || names.some((n) => n === undefined)) {
      return typeError(inv, 'expects a resource id, a type and names');
    }
    const path = interleave(type, names as string[]);
    if (path === undefined) return typeError(inv, `type '${type}' does not match the number of names`);
    return scalar(`${base}/providers/${path}`, inv.range, mergeOrigins(args), {
      type,
      name: (names as string[]).join('/'),
    });
  },
};

const reference: FunctionSpec = {
  name: 'reference',
  minArgs: 1,
  maxArgs: 3,
  mode: 'raw',
  impl: (args, inv) => {
    const target = args[0]!;
    const text = canonicalText(target, budget(inv));
    if (text === undefined)
      return unknown(`reference() to a resource that is not known before deployment`, inv.range, mergeOrigins(args));
    // apiVersion and 'Full' change the shape, not the identity of what is referenced.
    const full = args.length === 3 && str(args[2])?.toLowerCase() === 'full';
    return symbol(`reference(${text}${full ? ", 'Full'" : ''})`, inv.range, mergeOrigins(args));
  },
};

// ---------------------------------------------------------------------------------------------
// Function table

function eager(name: string, minArgs: number, maxArgs: number, impl: FunctionSpec['impl']): FunctionSpec {
  return { name, minArgs, maxArgs, mode: 'eager', impl };
}

function symbolic(name: string, minArgs: number, maxArgs: number, impl: FunctionSpec['impl']): FunctionSpec {
  return { name, minArgs, maxArgs, mode: 'symbolic', impl };
}

const MANY = 1024;

function stringFn(
  name: string,
  f: (s: string, args: readonly ValueNode[], inv: Invocation) => ValueNode,
): FunctionSpec {
  return symbolic(name, 1, MANY, (args, inv) => {
    const s = str(args[0]);
    if (s === undefined) return typeError(inv, 'expects a string');
    return f(s, args, inv);
  });
}

/** greater/less and friends: two numbers, or two strings compared ordinally. */
function compare(name: string, test: (c: number) => boolean): FunctionSpec {
  return eager(name, 2, 2, (args, inv) => {
    const [a, b] = args as [ValueNode, ValueNode];
    const bothStrings = str(a) !== undefined && str(b) !== undefined;
    const bothNumbers =
      a.kind === 'scalar' && b.kind === 'scalar' && typeof a.value === 'number' && typeof b.value === 'number';
    if (bothNumbers) return scalar(test((a.value as number) - (b.value as number)), inv.range);
    if (bothStrings) {
      const sa = str(a)!;
      const sb = str(b)!;
      return scalar(test(sa < sb ? -1 : sa > sb ? 1 : 0), inv.range);
    }
    return typeError(inv, 'expects two numbers or two strings');
  });
}

function arithmetic(name: string, op: (a: number, b: number) => number | undefined): FunctionSpec {
  return eager(name, 2, 2, (args, inv) => {
    const a = num(args[0]);
    const b = num(args[1]);
    if (a === undefined || b === undefined) return typeError(inv, 'expects two integers');
    const r = op(a, b);
    return r === undefined || !Number.isFinite(r) ? typeError(inv, 'invalid arithmetic') : scalar(r, inv.range);
  });
}

function itemsOf(v: ValueNode): readonly ValueNode[] | undefined {
  return v.kind === 'array' ? v.items : undefined;
}

function takeSkip(name: string, take: boolean): FunctionSpec {
  return symbolic(name, 2, 2, (args, inv) => {
    const n = num(args[1]);
    if (n === undefined) return typeError(inv, 'expects a count');
    const s = str(args[0]);
    const count = Math.max(0, n);
    if (s !== undefined) return stringResult(inv, take ? s.slice(0, count) : s.slice(count));
    const items = itemsOf(args[0]!);
    if (!items) return typeError(inv, 'expects a string or an array');
    return arrayNode(take ? items.slice(0, count) : items.slice(count), inv.range);
  });
}

function firstLast(name: string, first: boolean): FunctionSpec {
  return symbolic(name, 1, 1, (args, inv) => {
    const s = str(args[0]);
    if (s !== undefined) return scalar(s.length === 0 ? '' : first ? s[0]! : s[s.length - 1]!, inv.range);
    const items = itemsOf(args[0]!);
    if (!items) return typeError(inv, 'expects a string or an array');
    if (items.length === 0) return scalar(null, inv.range);
    return (first ? items[0] : items[items.length - 1])!;
  });
}

function minMax(name: string, pick: (a: number, b: number) => number): FunctionSpec {
  return eager(name, 1, MANY, (args, inv) => {
    const values = args.length === 1 && args[0]!.kind === 'array' ? args[0]!.items : args;
    const nums = values.map(num);
    if (nums.length === 0 || nums.some((n) => n === undefined)) return typeError(inv, 'expects integers');
    return scalar((nums as number[]).reduce(pick), inv.range);
  });
}

/** Deep merge used by union() for objects: later values win, nested objects merge. */
function mergeObjects(a: ObjectNode, b: ObjectNode, range: SourceRange, inv: Invocation): ObjectNode | undefined {
  if (!inv.env.state.charge(a.properties.length + b.properties.length)) return undefined;
  const props: PropertyNode[] = [...a.properties];
  const at = new Map(props.map((p, i) => [p.key.toLowerCase(), i]));
  for (const p of b.properties) {
    const i = at.get(p.key.toLowerCase());
    if (i === undefined) {
      at.set(p.key.toLowerCase(), props.length);
      props.push(p);
      continue;
    }
    const prev = props[i]!;
    if (prev.value.kind === 'object' && p.value.kind === 'object') {
      const merged = mergeObjects(prev.value, p.value, p.value.range, inv);
      if (!merged) return undefined;
      props[i] = { ...p, value: merged };
    } else props[i] = p;
  }
  return objectNode(props, range);
}

/**
 * .NET composite formatting: `{0}`, `{0,-5}`, `{0:spec}`, `{{` and `}}`. Scanned by hand, in one
 * pass, because format strings are untrusted and a regular expression could backtrack on them.
 */
function formatText(fmt: string, args: readonly ValueNode[], inv: Invocation): { text: string } | { failure: string } {
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const open = fmt.indexOf('{', i);
    const close = fmt.indexOf('}', i);
    const next = open < 0 ? close : close < 0 ? open : Math.min(open, close);
    if (next < 0) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, next);
    if (fmt[next] === '}') {
      if (fmt[next + 1] !== '}') return { failure: "unbalanced '}'" };
      out += '}';
      i = next + 2;
      continue;
    }
    if (fmt[next + 1] === '{') {
      out += '{';
      i = next + 2;
      continue;
    }
    const end = fmt.indexOf('}', next);
    if (end < 0) return { failure: "unbalanced '{'" };
    const item = /^(\d+)(?:,\s*-?\d+)?(?::(.*))?$/s.exec(fmt.slice(next + 1, end));
    if (!item) return { failure: `invalid format item '${fmt.slice(next, Math.min(end + 1, next + 20))}'` };
    const v = args[Number(item[1]) + 1];
    if (!v) return { failure: `format item {${item[1]}} has no argument` };
    if (item[2] && v.kind === 'scalar' && typeof v.value === 'number') {
      return { failure: `format specifier '${item[2]}' is not evaluated` };
    }
    const t = asText(v, inv);
    if (t === undefined) return { failure: 'an argument is not known' };
    out += t;
    if (out.length > inv.env.state.limits.maxStringLength) break;
    i = end + 1;
  }
  return { text: out };
}

const formatFn = symbolic('format', 1, MANY, (args, inv) => {
  const fmt = str(args[0]);
  if (fmt === undefined) return typeError(inv, 'expects a format string');
  const result = formatText(fmt, args, inv);
  if ('failure' in result) return unknown(`format(): ${result.failure}`, inv.range, mergeOrigins(args));
  return stringResult(inv, result.text);
});

const concat = symbolic('concat', 0, MANY, (args, inv) => {
  if (args.length > 0 && args.every((a) => a.kind === 'array')) {
    const total = (args as ArrayNode[]).reduce((n, a) => n + a.items.length, 0);
    if (!inv.env.state.charge(total)) return unknown(inv.env.state.tooComplex(inv.range), inv.range);
    // No spread into push: it overflows the stack on arrays of a few hundred thousand items.
    const items: ValueNode[] = [];
    for (const a of args as ArrayNode[]) for (const item of a.items) items.push(item);
    return arrayNode(items, inv.range);
  }
  let out = '';
  for (const a of args) {
    const t = asText(a, inv);
    if (t === undefined) return unknown('concat(): an argument is not known', inv.range, mergeOrigins(args));
    out += t;
    if (out.length > inv.env.state.limits.maxStringLength) break;
  }
  return stringResult(inv, out);
});

const coalesce: FunctionSpec = {
  name: 'coalesce',
  lazy: true,
  minArgs: 1,
  maxArgs: MANY,
  mode: 'raw',
  impl: (_args, inv) => {
    for (let i = 0; i < inv.argCount; i++) {
      const v = inv.arg(i);
      if (v.kind === 'scalar' && v.value === null) continue;
      // An unknown or symbolic value might be null at deploy time, so the answer is open.
      if (v.kind === 'unknown' || v.kind === 'symbol') {
        return v.kind === 'unknown' ? v : unknown(`coalesce(): '${v.expr}' may be null`, inv.range, v.origins);
      }
      return v;
    }
    return scalar(null, inv.range);
  },
};

const ifFn: FunctionSpec = {
  name: 'if',
  lazy: true,
  minArgs: 3,
  maxArgs: 3,
  mode: 'raw',
  impl: (_args, inv) => {
    const cond = inv.arg(0);
    const t = truthOf(cond);
    if (t === undefined) {
      const a = inv.arg(1);
      const b = inv.arg(2);
      // Both branches agreeing makes the condition irrelevant.
      if (deepEqual(a, b, inv) === true) return a;
      const reason =
        cond.kind === 'unknown'
          ? cond.reason
          : cond.kind === 'symbol'
            ? `the condition '${cond.expr}' is only known at deployment`
            : 'the condition is not a boolean';
      return unknown(reason, inv.range, mergeOrigins([cond]));
    }
    return inv.arg(t ? 1 : 2);
  },
};

function logical(name: 'and' | 'or'): FunctionSpec {
  const decisive = name === 'or';
  return {
    name,
    minArgs: 1,
    maxArgs: MANY,
    mode: 'raw',
    lazy: true,
    impl: (_args, inv) => {
      let open: ValueNode | undefined;
      const seen: ValueNode[] = [];
      for (let i = 0; i < inv.argCount; i++) {
        const v = inv.arg(i);
        seen.push(v);
        const t = truthOf(v);
        if (t === decisive) return scalar(decisive, inv.range, mergeOrigins([v]));
        if (t === undefined) open ??= v;
      }
      if (open)
        return unknown(
          open.kind === 'unknown' ? open.reason : `${name}(): an operand is not known`,
          inv.range,
          mergeOrigins(seen),
        );
      return scalar(!decisive, inv.range, mergeOrigins(seen));
    },
  };
}

const notFn: FunctionSpec = {
  name: 'not',
  minArgs: 1,
  maxArgs: 1,
  mode: 'raw',
  impl: (args, inv) => {
    const t = truthOf(args[0]!);
    if (t === undefined) return args[0]!.kind === 'unknown' ? args[0]! : typeError(inv, 'expects a boolean');
    return scalar(!t, inv.range, args[0]!.origins);
  },
};

const equals: FunctionSpec = {
  name: 'equals',
  minArgs: 2,
  maxArgs: 2,
  mode: 'raw',
  impl: (args, inv) => {
    const [a, b] = args as [ValueNode, ValueNode];
    const u = a.kind === 'unknown' ? a : b.kind === 'unknown' ? b : undefined;
    if (u) return unknown(u.kind === 'unknown' ? u.reason : '', inv.range, mergeOrigins(args));
    return boolResult(inv, deepEqual(a, b, inv), 'equals(): compares values not known before deployment', args);
  },
};

/** `items(object)`: `{ key, value }` entries sorted by key, as ARM returns them. */
const itemsFn = eager('items', 1, 1, (args, inv) => {
  const obj = args[0]!;
  if (obj.kind !== 'object') return typeError(inv, 'expects an object');
  if (!inv.env.state.charge(obj.properties.length)) return unknown(inv.env.state.tooComplex(inv.range), inv.range);
  const entries = [...obj.properties].sort((a, b) => compareKeys(a.key, b.key));
  return arrayNode(
    entries.map((p) =>
      objectNode(
        [
          { key: 'key', keyRange: p.keyRange, value: inheritOrigins(scalar(p.key, p.keyRange), obj.origins) },
          { key: 'value', keyRange: p.keyRange, value: inheritOrigins(p.value, obj.origins) },
        ],
        inv.range,
      ),
    ),
    inv.range,
  );
});

const FUNCTION_LIST: FunctionSpec[] = [
  // Logic and comparison
  ifFn,
  logical('and'),
  logical('or'),
  notFn,
  equals,
  coalesce,
  compare('greater', (c) => c > 0),
  compare('greaterOrEquals', (c) => c >= 0),
  compare('less', (c) => c < 0),
  compare('lessOrEquals', (c) => c <= 0),
  eager('true', 0, 0, (_a, inv) => scalar(true, inv.range)),
  eager('false', 0, 0, (_a, inv) => scalar(false, inv.range)),
  eager('null', 0, 0, (_a, inv) => scalar(null, inv.range)),

  // Strings
  concat,
  formatFn,
  stringFn('toLower', (s, _a, inv) => scalar(s.toLowerCase(), inv.range)),
  stringFn('toUpper', (s, _a, inv) => scalar(s.toUpperCase(), inv.range)),
  stringFn('trim', (s, _a, inv) => scalar(s.trim(), inv.range)),
  // Symbolic when the base is (typically `deployment().properties.templateLink.uri`), so that
  // linked templates next to the deploying one can be found on disk.
  symbolic('uri', 2, 2, (args, inv) => {
    const base = str(args[0]);
    const rel = str(args[1]);
    if (base === undefined || rel === undefined) return typeError(inv, 'expects two strings');
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(rel)) return scalar(rel, inv.range);
    const origin = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*/.exec(base)?.[0] ?? '';
    return stringResult(inv, rel.startsWith('/') ? origin + rel : base.slice(0, base.lastIndexOf('/') + 1) + rel);
  }),
  stringFn('replace', (s, args, inv) => {
    const from = str(args[1]);
    const to = str(args[2]);
    if (from === undefined || to === undefined || args.length !== 3) return typeError(inv, 'expects three strings');
    if (from === '') return scalar(s, inv.range);
    return stringResult(inv, s.split(from).join(to));
  }),
  stringFn('substring', (s, args, inv) => {
    const start = num(args[1]) ?? 0;
    const length = args.length > 2 ? num(args[2]) : s.length - start;
    if (length === undefined || start < 0 || length < 0 || start + length > s.length) {
      return typeError(inv, 'index out of range');
    }
    return scalar(s.substr(start, length), inv.range);
  }),
  stringFn('padLeft', (s, args, inv) => {
    const total = num(args[1]);
    const pad = args.length > 2 ? str(args[2]) : ' ';
    if (total === undefined || pad === undefined || pad.length !== 1)
      return typeError(inv, 'expects a length and one padding character');
    if (total > inv.env.state.limits.maxStringLength)
      return unknown(inv.env.state.tooComplex(inv.range, 'padLeft() length is too large'), inv.range);
    return scalar(s.padStart(total, pad), inv.range);
  }),
  eager('split', 2, 2, (args, inv) => {
    const s = str(args[0]);
    const d = args[1]!;
    const delims = d.kind === 'array' ? d.items.map(str) : [str(d)];
    if (s === undefined || delims.some((x) => x === undefined))
      return typeError(inv, 'expects a string and delimiters');
    let parts = [s];
    for (const delim of delims as string[]) parts = parts.flatMap((p) => (delim === '' ? [p] : p.split(delim)));
    if (!inv.env.state.charge(parts.length)) return unknown(inv.env.state.tooComplex(inv.range), inv.range);
    return arrayNode(
      parts.map((p) => scalar(p, inv.range)),
      inv.range,
    );
  }),
  eager('startsWith', 2, 2, (args, inv) => {
    const [a, b] = [str(args[0]), str(args[1])];
    if (a === undefined || b === undefined) return typeError(inv, 'expects two strings');
    return scalar(a.toLowerCase().startsWith(b.toLowerCase()), inv.range);
  }),
  eager('endsWith', 2, 2, (args, inv) => {
    const [a, b] = [str(args[0]), str(args[1])];
    if (a === undefined || b === undefined) return typeError(inv, 'expects two strings');
    return scalar(a.toLowerCase().endsWith(b.toLowerCase()), inv.range);
  }),
  eager('indexOf', 2, 2, (args, inv) => {
    const [a, b] = [str(args[0]), str(args[1])];
    if (a === undefined || b === undefined) return typeError(inv, 'expects two strings');
    return scalar(a.toLowerCase().indexOf(b.toLowerCase()), inv.range);
  }),
  eager('lastIndexOf', 2, 2, (args, inv) => {
    const [a, b] = [str(args[0]), str(args[1])];
    if (a === undefined || b === undefined) return typeError(inv, 'expects two strings');
    return scalar(a.toLowerCase().lastIndexOf(b.toLowerCase()), inv.range);
  }),
  // Hashes are stable per input: a symbol of the call identifies the value without computing it.
  {
    name: 'uniqueString',
    minArgs: 1,
    maxArgs: MANY,
    mode: 'raw',
    impl: (args, inv) => hashSymbol('uniqueString', args, inv),
  },
  { name: 'guid', minArgs: 1, maxArgs: MANY, mode: 'raw', impl: (args, inv) => hashSymbol('guid', args, inv) },

  // Conversions
  symbolic('string', 1, 1, (args, inv) => {
    const v = args[0]!;
    if (v.kind === 'scalar' && typeof v.value === 'string') return scalar(v.value, inv.range);
    const t = asText(v, inv);
    return t === undefined ? typeError(inv, 'the value is not fully known') : stringResult(inv, t);
  }),
  eager('int', 1, 1, (args, inv) => {
    const v = args[0]!;
    const n = num(v);
    if (n === undefined) return typeError(inv, 'expects an integer or an integer string');
    return scalar(Math.trunc(n), inv.range);
  }),
  eager('bool', 1, 1, (args, inv) => {
    const v = args[0]!;
    const t = truthOf(v);
    if (t !== undefined) return scalar(t, inv.range);
    if (v.kind === 'scalar' && typeof v.value === 'number') return scalar(v.value !== 0, inv.range);
    return typeError(inv, "expects a boolean, 'true'/'false' or a number");
  }),
  eager('json', 1, 1, (args, inv) => {
    const s = str(args[0]);
    if (s === undefined) return typeError(inv, 'expects a string');
    try {
      return fromPlain(JSON.parse(s), inv.range, budget(inv));
    } catch {
      return typeError(inv, 'the string is not valid JSON');
    }
  }),
  eager('array', 1, 1, (args, inv) => (args[0]!.kind === 'array' ? args[0]! : arrayNode([args[0]!], inv.range))),
  eager('createArray', 0, MANY, (args, inv) => arrayNode(args, inv.range)),
  {
    name: 'createObject',
    minArgs: 0,
    maxArgs: MANY,
    mode: 'raw',
    impl: (args, inv) => {
      if (args.length % 2 !== 0) return typeError(inv, 'expects key/value pairs');
      const props: PropertyNode[] = [];
      for (let i = 0; i < args.length; i += 2) {
        const key = str(args[i]);
        if (key === undefined) return unknown('createObject(): a key is not known', inv.range, mergeOrigins(args));
        props.push({ key, keyRange: inv.range, value: args[i + 1]! });
      }
      return objectNode(props, inv.range);
    },
  },

  // Collections
  eager('empty', 1, 1, (args, inv) => {
    const v = args[0]!;
    if (v.kind === 'scalar') {
      if (v.value === null || v.value === '') return scalar(true, inv.range);
      if (typeof v.value === 'string') return scalar(false, inv.range);
      return typeError(inv, 'expects a string, array or object');
    }
    return scalar(
      v.kind === 'array' ? v.items.length === 0 : v.kind === 'object' ? v.properties.length === 0 : false,
      inv.range,
    );
  }),
  eager('length', 1, 1, (args, inv) => {
    const v = args[0]!;
    if (v.kind === 'array') return scalar(v.items.length, inv.range);
    if (v.kind === 'object') return scalar(v.properties.length, inv.range);
    const s = str(v);
    return s === undefined ? typeError(inv, 'expects a string, array or object') : scalar(s.length, inv.range);
  }),
  {
    name: 'contains',
    minArgs: 2,
    maxArgs: 2,
    mode: 'raw',
    impl: (args, inv) => {
      const [container, item] = args as [ValueNode, ValueNode];
      const origins = mergeOrigins(args);
      if (container.kind === 'unknown') return unknown(container.reason, inv.range, origins);
      if (container.kind === 'object') {
        const key = str(item);
        if (key === undefined) return unknown('contains(): the key is not known', inv.range, origins);
        return scalar(findProperty(container, key) !== undefined, inv.range, origins);
      }
      if (container.kind === 'array') {
        let open = false;
        for (const x of container.items) {
          const eq = deepEqual(x, item, inv);
          if (eq === true) return scalar(true, inv.range, origins);
          if (eq === undefined) open = true;
        }
        return open
          ? unknown('contains(): some items are not known', inv.range, origins)
          : scalar(false, inv.range, origins);
      }
      const s = str(container);
      const sub = str(item);
      if (s !== undefined && sub !== undefined) return scalar(s.includes(sub), inv.range, origins);
      return unknown('contains(): a value is not known before deployment', inv.range, origins);
    },
  },
  eager('union', 1, MANY, (args, inv) => {
    if (args.every((a) => a.kind === 'object')) {
      let acc: ObjectNode | undefined = args[0] as ObjectNode;
      for (const a of args.slice(1)) acc = acc && mergeObjects(acc, a as ObjectNode, inv.range, inv);
      if (!acc) return unknown(inv.env.state.tooComplex(inv.range), inv.range);
      return objectNode(acc.properties, inv.range);
    }
    if (args.every((a) => a.kind === 'array')) {
      const items: ValueNode[] = [];
      for (const a of args as ArrayNode[]) {
        for (const x of a.items) {
          // Pairwise comparison is quadratic: stop as soon as the budget is spent.
          if (inv.env.state.exhausted) return unknown(inv.env.state.tooComplex(inv.range), inv.range);
          if (!items.some((y) => deepEqual(x, y, inv) === true)) items.push(x);
        }
      }
      return arrayNode(items, inv.range);
    }
    return typeError(inv, 'expects only objects or only arrays');
  }),
  itemsFn,
  firstLast('first', true),
  firstLast('last', false),
  takeSkip('take', true),
  takeSkip('skip', false),
  minMax('min', (a, b) => Math.min(a, b)),
  minMax('max', (a, b) => Math.max(a, b)),
  eager('range', 2, 2, (args, inv) => {
    const start = num(args[0]);
    const count = num(args[1]);
    if (start === undefined || count === undefined || count < 0) return typeError(inv, 'expects a start and a count');
    if (count > 10_000 || !inv.env.state.charge(count))
      return unknown(inv.env.state.tooComplex(inv.range, 'range() is too large'), inv.range);
    return arrayNode(
      Array.from({ length: count }, (_, i) => scalar(start + i, inv.range)),
      inv.range,
    );
  }),

  // Arithmetic
  arithmetic('add', (a, b) => a + b),
  arithmetic('sub', (a, b) => a - b),
  arithmetic('mul', (a, b) => a * b),
  arithmetic('div', (a, b) => (b === 0 ? undefined : Math.trunc(a / b))),
  arithmetic('mod', (a, b) => (b === 0 ? undefined : a % b)),

  // Resource ids and deploy-time values
  resourceIdFunction('resourceId', 'resourceGroup'),
  resourceIdFunction('subscriptionResourceId', 'subscription'),
  resourceIdFunction('tenantResourceId', 'tenant'),
  extensionResourceId,
  reference,
  symbolFunction('resourceGroup'),
  symbolFunction('subscription'),
  symbolFunction('deployment'),
  symbolFunction('environment'),
  symbolFunction('tenant'),
  symbolFunction('managementGroup'),
];

function hashSymbol(name: string, args: readonly ValueNode[], inv: Invocation): ValueNode {
  const texts = args.map((a) => canonicalText(a, budget(inv)));
  const origins = mergeOrigins(args);
  const u = args.find((a) => a.kind === 'unknown');
  if (u?.kind === 'unknown') return unknown(u.reason, inv.range, origins);
  if (texts.some((t) => t === undefined))
    return unknown(`${name}() of values not known before deployment`, inv.range, origins);
  return symbol(`${name}(${texts.join(', ')})`, inv.range, origins);
}

/** Functions by lower-case name (ARM function names are case-insensitive). */
export const ARM_FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  FUNCTION_LIST.map((f) => [f.name.toLowerCase(), f]),
);

/**
 * A part selected from a value that came from elsewhere: the innermost origin now points at where
 * the part itself is written, and the part's own origins follow.
 */
export function inheritOrigins(part: ValueNode, parentOrigins: readonly Provenance[] | undefined): ValueNode {
  if (!parentOrigins || parentOrigins.length === 0) return part;
  const relocated = parentOrigins.map((o, i) =>
    i === parentOrigins.length - 1 ? { ...o, location: { file: o.location.file, range: part.range } } : o,
  );
  return { ...part, origins: [...relocated, ...(part.origins ?? [])] };
}

// ---------------------------------------------------------------------------------------------
// Lambda functions: filter, map, reduce, sort, toObject, groupBy, mapValues

/** A `lambda('x', ..., body)` argument, applied to values for its variables. */
export interface Lambda {
  readonly kind: 'lambda';
  readonly params: readonly string[];
  /** Evaluates the body with the variables bound to `values` in order; extra values are ignored. */
  apply(values: readonly ValueNode[]): ValueNode;
}

/** A call of a lambda function: ordinary arguments through `arg`, lambdas through `lambda`. */
export interface LambdaInvocation extends Invocation {
  /** The lambda written at position `i`, or an unknown saying why that argument is not one. */
  lambda(i: number): Lambda | UnknownNode;
}

export interface LambdaFunctionSpec {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly impl: (inv: LambdaInvocation) => ValueNode;
}

/** The lambda at `i`, when it declares between `min` and `max` variables. */
function lambdaArg(inv: LambdaInvocation, i: number, min: number, max: number): Lambda | UnknownNode {
  const fn = inv.lambda(i);
  if (fn.kind === 'unknown' || (fn.params.length >= min && fn.params.length <= max)) return fn;
  const count = min === max ? `${min}` : `${min} or ${max}`;
  return unknown(`${inv.name}(): the lambda must declare ${count} variable(s)`, inv.range);
}

function inputArray(inv: LambdaInvocation): ArrayNode | UnknownNode {
  const v = inv.arg(0);
  return v.kind === 'array' ? withinItemLimit(inv, v, v.items.length) : rejectInput(inv, v, 'an array');
}

function inputObject(inv: LambdaInvocation): ObjectNode | UnknownNode {
  const v = inv.arg(0);
  return v.kind === 'object' ? withinItemLimit(inv, v, v.properties.length) : rejectInput(inv, v, 'an object');
}

function withinItemLimit<T extends ValueNode>(inv: LambdaInvocation, v: T, count: number): T | UnknownNode {
  const max = inv.env.state.limits.maxLambdaItems;
  if (count <= max) return v;
  return unknown(inv.env.state.tooComplex(inv.range, `${inv.name}() runs over more than ${max} items`), inv.range);
}

/** Why a lambda function cannot run over `v`: not known, only known at deployment, or the wrong type. */
function rejectInput(inv: LambdaInvocation, v: ValueNode, expected: string): UnknownNode {
  if (v.kind === 'unknown') return unknown(v.reason, inv.range, v.origins);
  if (v.kind === 'symbol') {
    return unknown(`${inv.name}() of '${v.expr}', which is only known at deployment`, inv.range, v.origins);
  }
  return unknown(`${inv.name}(): expects ${expected}`, inv.range, v.origins);
}

/** A lambda result that does not decide the outcome (a condition, a key) makes the whole result unknown. */
function undecided(inv: LambdaInvocation, v: ValueNode, what: string, input: ValueNode): UnknownNode {
  const reason = v.kind === 'unknown' ? v.reason : `${inv.name}(): ${what} is not known before deployment`;
  return unknown(reason, inv.range, mergeOrigins([input, v]));
}

/**
 * Visits each value (carrying the collection's provenance) with its index, charging the budget per
 * application; stops at the first unknown `visit` returns or when the budget is spent.
 */
function forEachValue(
  inv: LambdaInvocation,
  values: readonly ValueNode[],
  whole: ValueNode,
  visit: (value: ValueNode, index: number) => UnknownNode | undefined,
): UnknownNode | undefined {
  const state = inv.env.state;
  for (let i = 0; i < values.length; i++) {
    if (!state.charge(1)) return unknown(state.tooComplex(inv.range), inv.range);
    const stop = visit(inheritOrigins(values[i]!, whole.origins), i);
    if (stop) return stop;
  }
  return undefined;
}

/** The string a key lambda gives for `item`, or why it has none. */
function keyOf(inv: LambdaInvocation, fn: Lambda, item: ValueNode, input: ValueNode): string | UnknownNode {
  const k = fn.apply([item]);
  return str(k) ?? undecided(inv, k, 'a key', input);
}

/** `filter(array, lambda('item'[, 'index'], condition))` */
const filterFn: LambdaFunctionSpec = {
  name: 'filter',
  minArgs: 2,
  maxArgs: 2,
  impl: (inv) => {
    const input = inputArray(inv);
    const fn = lambdaArg(inv, 1, 1, 2);
    if (input.kind === 'unknown') return input;
    if (fn.kind === 'unknown') return fn;
    const kept: ValueNode[] = [];
    const stop = forEachValue(inv, input.items, input, (item, index) => {
      const keep = fn.apply([item, scalar(index, inv.range)]);
      const t = truthOf(keep);
      if (t === undefined) return undecided(inv, keep, 'the condition for an item', input);
      if (t) kept.push(item);
      return undefined;
    });
    return stop ?? arrayNode(kept, inv.range);
  },
};

/** `map(array, lambda('item'[, 'index'], value))` */
const mapFn: LambdaFunctionSpec = {
  name: 'map',
  minArgs: 2,
  maxArgs: 2,
  impl: (inv) => {
    const input = inputArray(inv);
    const fn = lambdaArg(inv, 1, 1, 2);
    if (input.kind === 'unknown') return input;
    if (fn.kind === 'unknown') return fn;
    const out: ValueNode[] = [];
    const stop = forEachValue(inv, input.items, input, (item, index) => {
      out.push(fn.apply([item, scalar(index, inv.range)]));
      return undefined;
    });
    return stop ?? arrayNode(out, inv.range);
  },
};

/** `reduce(array, initial, lambda('current', 'next'[, 'index'], value))` */
const reduceFn: LambdaFunctionSpec = {
  name: 'reduce',
  minArgs: 3,
  maxArgs: 3,
  impl: (inv) => {
    const input = inputArray(inv);
    const fn = lambdaArg(inv, 2, 2, 3);
    if (input.kind === 'unknown') return input;
    if (fn.kind === 'unknown') return fn;
    // An unknown accumulator is carried on: later steps may not depend on it.
    let acc = inv.arg(1);
    const stop = forEachValue(inv, input.items, input, (item, index) => {
      acc = fn.apply([acc, item, scalar(index, inv.range)]);
      return undefined;
    });
    return stop ?? acc;
  },
};

/** `sort(array, lambda('a', 'b', aComesFirst))`: stable, so that the order is the same on every run. */
const sortFn: LambdaFunctionSpec = {
  name: 'sort',
  minArgs: 2,
  maxArgs: 2,
  impl: (inv) => {
    const input = inputArray(inv);
    const fn = lambdaArg(inv, 1, 2, 2);
    if (input.kind === 'unknown') return input;
    if (fn.kind === 'unknown') return fn;
    const state = inv.env.state;
    let stop: UnknownNode | undefined;
    const before = (a: ValueNode, b: ValueNode): boolean | undefined => {
      if (!state.charge(1)) {
        stop = unknown(state.tooComplex(inv.range), inv.range);
        return undefined;
      }
      const r = fn.apply([a, b]);
      const t = truthOf(r);
      if (t === undefined) stop = undecided(inv, r, 'the order of two items', input);
      return t;
    };
    const sorted = mergeSort(
      input.items.map((x) => inheritOrigins(x, input.origins)),
      before,
    );
    return sorted ? arrayNode(sorted, inv.range) : (stop ?? unknown('sort(): the order is not known', inv.range));
  },
};

/** `toObject(array, lambda('item', key)[, lambda('item', value)])` */
const toObjectFn: LambdaFunctionSpec = {
  name: 'toObject',
  minArgs: 2,
  maxArgs: 3,
  impl: (inv) => {
    const input = inputArray(inv);
    const keyFn = lambdaArg(inv, 1, 1, 1);
    const valueFn = inv.argCount > 2 ? lambdaArg(inv, 2, 1, 1) : undefined;
    if (input.kind === 'unknown') return input;
    if (keyFn.kind === 'unknown') return keyFn;
    if (valueFn?.kind === 'unknown') return valueFn;
    const props: PropertyNode[] = [];
    const seen = new Set<string>();
    const stop = forEachValue(inv, input.items, input, (item) => {
      const key = keyOf(inv, keyFn, item, input);
      if (typeof key !== 'string') return key;
      // Which of two equal keys would win is not documented: the value is left open.
      if (seen.has(key.toLowerCase())) {
        return unknown(`toObject(): the key '${key}' is produced twice`, inv.range, input.origins);
      }
      seen.add(key.toLowerCase());
      props.push({ key, keyRange: inv.range, value: valueFn ? valueFn.apply([item]) : item });
      return undefined;
    });
    return stop ?? objectNode(props, inv.range);
  },
};

/** `groupBy(array, lambda('item', key)[, lambda('item', value)])`: keys compare ignoring case, like ARM's. */
const groupByFn: LambdaFunctionSpec = {
  name: 'groupBy',
  minArgs: 2,
  maxArgs: 3,
  impl: (inv) => {
    const input = inputArray(inv);
    const keyFn = lambdaArg(inv, 1, 1, 1);
    const valueFn = inv.argCount > 2 ? lambdaArg(inv, 2, 1, 1) : undefined;
    if (input.kind === 'unknown') return input;
    if (keyFn.kind === 'unknown') return keyFn;
    if (valueFn?.kind === 'unknown') return valueFn;
    const groups = new Map<string, { key: string; items: ValueNode[] }>();
    const stop = forEachValue(inv, input.items, input, (item) => {
      const key = keyOf(inv, keyFn, item, input);
      if (typeof key !== 'string') return key;
      let group = groups.get(key.toLowerCase());
      if (!group) groups.set(key.toLowerCase(), (group = { key, items: [] }));
      group.items.push(valueFn ? valueFn.apply([item]) : item);
      return undefined;
    });
    if (stop) return stop;
    const props = [...groups.values()].map((g) => ({
      key: g.key,
      keyRange: inv.range,
      value: arrayNode(g.items, inv.range),
    }));
    return objectNode(props, inv.range);
  },
};

/** `mapValues(object, lambda('value', newValue))` */
const mapValuesFn: LambdaFunctionSpec = {
  name: 'mapValues',
  minArgs: 2,
  maxArgs: 2,
  impl: (inv) => {
    const input = inputObject(inv);
    const fn = lambdaArg(inv, 1, 1, 1);
    if (input.kind === 'unknown') return input;
    if (fn.kind === 'unknown') return fn;
    const props: PropertyNode[] = [];
    const values = input.properties.map((p) => p.value);
    const stop = forEachValue(inv, values, input, (value, index) => {
      const p = input.properties[index]!;
      props.push({ key: p.key, keyRange: p.keyRange, value: fn.apply([value]) });
      return undefined;
    });
    return stop ?? objectNode(props, inv.range);
  },
};

/** Functions whose lambda arguments are applied per item, by lower-case name. */
export const LAMBDA_FUNCTIONS: ReadonlyMap<string, LambdaFunctionSpec> = new Map(
  [filterFn, mapFn, reduceFn, sortFn, toObjectFn, groupByFn, mapValuesFn].map((f) => [f.name.toLowerCase(), f]),
);

export { quote };
