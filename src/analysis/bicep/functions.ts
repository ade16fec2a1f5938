// Bicep/ARM built-in functions over evaluated values. Deployment-dependent functions give symbols
// with the canonical text the ARM evaluator uses (`resourceGroup().location`, ...).
import type { ArrayNode, ObjectNode, PropertyNode, SourceRange, UnknownNode, ValueNode } from '../model';
import { compareKeys, getProperty, mergeSort, toPlain } from '../model';
import {
  buildResourceId,
  idScopeForTargetScope,
  RESOURCE_GROUP_PLACEHOLDER,
  SUBSCRIPTION_PLACEHOLDER,
} from './resource-ids';
import type { IdScope } from './resource-ids';
import type { FileScope } from './scope';
import {
  arrayNode,
  callText,
  joinStrings,
  knownBoolean,
  renderArgument,
  objectNode,
  relocate,
  scalar,
  symbol,
  symbolicCall,
  unknown,
} from './values';

type Fn = (args: readonly ValueNode[], range: SourceRange, scope: FileScope) => ValueNode;

/** Deployment context functions: the value is only known symbolically. */
const CONTEXT_FUNCTIONS = new Set([
  'resourceGroup',
  'subscription',
  'deployment',
  'environment',
  'tenant',
  'managementGroup',
]);

/** Deterministic functions that stay symbolic when an argument is symbolic. */
const SYMBOLIC_FUNCTIONS = new Set(['uniqueString', 'guid', 'utcNow', 'newGuid']);

function firstUnknown(args: readonly ValueNode[]): ValueNode | undefined {
  return args.find((a) => a.kind === 'unknown');
}

function str(v: ValueNode | undefined): string | undefined {
  return v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
}

function num(v: ValueNode | undefined): number | undefined {
  return v?.kind === 'scalar' && typeof v.value === 'number' ? v.value : undefined;
}

/** A string function: known strings compute, symbolic input stays symbolic with canonical text. */
function stringFn(name: string, compute: (s: string, rest: readonly ValueNode[]) => ValueNode | undefined): Fn {
  return (args, range) => {
    const u = firstUnknown(args);
    if (u) return unknown(u.kind === 'unknown' ? u.reason : '', range);
    const s = str(args[0]);
    if (s !== undefined) {
      const r = compute(s, args.slice(1));
      if (r) return r;
    }
    if (args.some((a) => a.kind === 'symbol')) return symbolicCall(range, name, args);
    return unknown(`${name}() needs a string`, range);
  };
}

const FUNCTIONS: Record<string, Fn> = {
  any: (args, range) => (args[0] ? relocate(args[0], range) : unknown('any() needs an argument', range)),
  concat: (args, range) => {
    if (args.length > 0 && args.every((a) => a.kind === 'array')) {
      return arrayNode(
        args.flatMap((a) => (a.kind === 'array' ? a.items : [])),
        range,
      );
    }
    if (args.some((a) => a.kind === 'array' || a.kind === 'object')) {
      return unknown('concat() of these values is not evaluated', range);
    }
    return joinStrings(range, args, () => callText('concat', args));
  },
  format: (args, range) => {
    const template = str(args[0]);
    if (template === undefined) return unknown('format() needs a known format string', range);
    const pieces: ValueNode[] = [];
    let last = 0;
    const re = /\{(\d+)(?::[^}]*)?\}/g;
    for (let m = re.exec(template); m; m = re.exec(template)) {
      pieces.push(scalar(template.slice(last, m.index), range));
      const arg = args[Number(m[1]) + 1];
      pieces.push(arg ?? unknown('format() has too few arguments', range));
      last = m.index + m[0].length;
    }
    pieces.push(scalar(template.slice(last), range));
    return joinStrings(range, pieces, () => callText('format', args));
  },
  toLower: stringFn('toLower', (s) => scalar(s.toLowerCase(), undefinedRange)),
  toUpper: stringFn('toUpper', (s) => scalar(s.toUpperCase(), undefinedRange)),
  trim: stringFn('trim', (s) => scalar(s.trim(), undefinedRange)),
  replace: stringFn('replace', (s, rest) => {
    const a = str(rest[0]);
    const b = str(rest[1]);
    return a !== undefined && b !== undefined ? scalar(s.split(a).join(b), undefinedRange) : undefined;
  }),
  substring: stringFn('substring', (s, rest) => {
    const start = num(rest[0]);
    const len = rest[1] ? num(rest[1]) : undefined;
    if (start === undefined || (rest[1] && len === undefined)) return undefined;
    return scalar(s.substr(start, len), undefinedRange);
  }),
  split: (args, range) => {
    const s = str(args[0]);
    const sep = args[1];
    const seps =
      sep?.kind === 'array'
        ? sep.items.map(str)
        : sep?.kind === 'scalar' && typeof sep.value === 'string'
          ? [sep.value]
          : [];
    if (s === undefined || seps.length === 0 || seps.some((x) => x === undefined)) {
      return unknown('split() needs known strings', range);
    }
    let parts = [s];
    for (const x of seps as string[]) parts = parts.flatMap((p) => p.split(x));
    return arrayNode(
      parts.map((p) => scalar(p, range)),
      range,
    );
  },
  string: (args, range) => {
    const v = args[0];
    if (!v) return unknown('string() needs an argument', range);
    if (v.kind === 'scalar') return scalar(typeof v.value === 'string' ? v.value : JSON.stringify(v.value), range);
    if (v.kind === 'symbol') return symbol(v.expr, range);
    const plain = toPlain(v);
    return plain === undefined
      ? unknown('string() of a value that is not known', range)
      : scalar(JSON.stringify(plain), range);
  },
  int: (args, range) => {
    const v = args[0];
    if (v?.kind === 'scalar' && (typeof v.value === 'number' || typeof v.value === 'string')) {
      const n = parseInt(String(v.value), 10);
      if (Number.isFinite(n)) return scalar(n, range);
    }
    return unknown('int() needs a known number', range);
  },
  bool: (args, range) => {
    const v = args[0];
    if (v?.kind === 'scalar') {
      if (typeof v.value === 'boolean') return scalar(v.value, range);
      if (typeof v.value === 'string' && /^(true|false)$/i.test(v.value))
        return scalar(v.value.toLowerCase() === 'true', range);
      if (typeof v.value === 'number') return scalar(v.value !== 0, range);
    }
    return unknown('bool() needs a known value', range);
  },
  json: (args, range) => {
    const s = str(args[0]);
    if (s === undefined) return unknown('json() needs a known string', range);
    try {
      return fromPlain(JSON.parse(s) as unknown, range);
    } catch {
      return unknown('json() got text that is not JSON', range);
    }
  },
  union: (args, range) => {
    const u = firstUnknown(args);
    if (u && u.kind === 'unknown') return unknown(u.reason, range);
    if (args.length > 0 && args.every((a) => a.kind === 'object')) {
      return args.slice(1).reduce<ValueNode>((acc, a) => mergeObjects(acc, a, range), args[0]!);
    }
    if (args.length > 0 && args.every((a) => a.kind === 'array')) {
      const seen = new Set<string>();
      const items: ValueNode[] = [];
      for (const a of args) {
        for (const item of a.kind === 'array' ? a.items : []) {
          const key = JSON.stringify(toPlain(item) ?? Math.random());
          if (!seen.has(key)) {
            seen.add(key);
            items.push(item);
          }
        }
      }
      return arrayNode(items, range);
    }
    return unknown('union() of these values is not evaluated', range);
  },
  empty: (args, range) => {
    const v = args[0];
    if (!v || v.kind === 'unknown')
      return unknown(v?.kind === 'unknown' ? v.reason : 'empty() needs an argument', range);
    if (v.kind === 'symbol') return unknown('empty() of a value only known at deployment', range);
    if (v.kind === 'object') return scalar(v.properties.length === 0, range);
    if (v.kind === 'array') return scalar(v.items.length === 0, range);
    return scalar(v.value === null || v.value === '', range);
  },
  contains: (args, range) => {
    const [container, item] = args;
    if (!container || !item) return unknown('contains() needs two arguments', range);
    if (container.kind === 'unknown') return unknown(container.reason, range);
    if (item.kind !== 'scalar') return unknown('contains() needs a known item', range);
    if (container.kind === 'object') {
      const key = String(item.value).toLowerCase();
      return scalar(
        container.properties.some((p) => p.key.toLowerCase() === key),
        range,
      );
    }
    if (container.kind === 'array') {
      if (container.items.some((i) => i.kind !== 'scalar')) return unknown('contains() over values not known', range);
      return scalar(
        container.items.some((i) => i.kind === 'scalar' && i.value === item.value),
        range,
      );
    }
    if (container.kind === 'scalar' && typeof container.value === 'string' && typeof item.value === 'string') {
      return scalar(container.value.includes(item.value), range);
    }
    return unknown('contains() of these values is not evaluated', range);
  },
  length: (args, range) => {
    const v = args[0];
    if (v?.kind === 'array') return scalar(v.items.length, range);
    if (v?.kind === 'object') return scalar(v.properties.length, range);
    if (v?.kind === 'scalar' && typeof v.value === 'string') return scalar(v.value.length, range);
    return unknown(v?.kind === 'unknown' ? v.reason : 'length() needs a known value', range);
  },
  coalesce: (args, range) => {
    for (const a of args) {
      if (a.kind === 'unknown') return unknown(a.reason, range);
      if (!(a.kind === 'scalar' && a.value === null)) return a;
    }
    return scalar(null, range);
  },
  first: (args, range) => {
    const v = args[0];
    if (v?.kind === 'array') return v.items[0] ? relocate(v.items[0], range) : scalar(null, range);
    if (v?.kind === 'scalar' && typeof v.value === 'string') return scalar(v.value.slice(0, 1), range);
    return unknown(v?.kind === 'unknown' ? v.reason : 'first() needs a known list', range);
  },
  last: (args, range) => {
    const v = args[0];
    if (v?.kind === 'array') {
      const item = v.items[v.items.length - 1];
      return item ? relocate(item, range) : scalar(null, range);
    }
    if (v?.kind === 'scalar' && typeof v.value === 'string') return scalar(v.value.slice(-1), range);
    return unknown(v?.kind === 'unknown' ? v.reason : 'last() needs a known list', range);
  },
  range: (args, range) => {
    const start = num(args[0]);
    const count = num(args[1]);
    if (start === undefined || count === undefined) return unknown('range() needs known numbers', range);
    if (count > 1000) return unknown('range() is too long to expand', range);
    return arrayNode(
      Array.from({ length: Math.max(0, count) }, (_, i) => scalar(start + i, range)),
      range,
    );
  },
  not: (args, range) => {
    const v = args[0];
    return v?.kind === 'scalar' && typeof v.value === 'boolean'
      ? scalar(!v.value, range)
      : unknown('not() needs a known boolean', range);
  },
  startsWith: stringFn('startsWith', (s, rest) => {
    const p = str(rest[0]);
    return p === undefined ? undefined : scalar(s.toLowerCase().startsWith(p.toLowerCase()), undefinedRange);
  }),
  endsWith: stringFn('endsWith', (s, rest) => {
    const p = str(rest[0]);
    return p === undefined ? undefined : scalar(s.toLowerCase().endsWith(p.toLowerCase()), undefinedRange);
  }),
  resourceId: (args, range) => resourceIdFn(args, range, idScopeForTargetScope('resourceGroup'), 2),
  subscriptionResourceId: (args, range) => resourceIdFn(args, range, idScopeForTargetScope('subscription'), 1),
  tenantResourceId: (args, range) => resourceIdFn(args, range, idScopeForTargetScope('tenant'), 0),
  items: (args, range) => {
    const obj = args[0];
    if (obj?.kind !== 'object')
      return unknown(obj?.kind === 'unknown' ? obj.reason : 'items() needs a known object', range);
    const entries = [...obj.properties].sort((a, b) => compareKeys(a.key, b.key));
    return arrayNode(
      entries.map((p) =>
        objectNode(
          [
            { key: 'key', keyRange: p.keyRange, value: inheritOrigins(scalar(p.key, p.keyRange), obj) },
            { key: 'value', keyRange: p.keyRange, value: inheritOrigins(p.value, obj) },
          ],
          range,
        ),
      ),
      range,
    );
  },
  tryGet: (args, range) => {
    let cur = args[0];
    if (!cur || args.length < 2) return unknown('tryGet() needs a value and at least one key', range);
    for (const key of args.slice(1)) {
      if (cur.kind === 'unknown') return unknown(cur.reason, range);
      if (key.kind === 'unknown') return unknown(key.reason, range);
      if (cur.kind === 'scalar' && cur.value === null) return scalar(null, range);
      if (key.kind !== 'scalar' || (typeof key.value !== 'string' && typeof key.value !== 'number'))
        return unknown('tryGet() needs known keys', range);
      if (cur.kind === 'symbol') {
        // The same symbol text as `x.?k` / `x[?i]` give (see accessProperty and indexValue).
        cur = symbol(typeof key.value === 'number' ? `${cur.expr}[${key.value}]` : `${cur.expr}.${key.value}`, range);
      } else if (cur.kind === 'object' && typeof key.value === 'string') {
        const p = getProperty(cur, key.value);
        cur = p ? inheritOrigins(p.value, cur) : scalar(null, range);
      } else if (cur.kind === 'array' && typeof key.value === 'number') {
        const item: ValueNode | undefined = cur.items[key.value];
        cur = item ? inheritOrigins(item, cur) : scalar(null, range);
      } else return unknown('tryGet() of a value that has no such key', range);
    }
    return relocate(cur, range);
  },
  extensionResourceId: (args, range) => {
    const [base, type, ...names] = args;
    if (!base || !type) return unknown('extensionResourceId() needs a scope, a type and names', range);
    const u = firstUnknown(args);
    if (u?.kind === 'unknown') return unknown(u.reason, range);
    const baseText = str(base);
    const typeText = str(type);
    if (baseText === undefined || typeText === undefined)
      return symbolicOr(range, 'extensionResourceId', args, 'not known');
    const scope: IdScope = { prefix: baseText, fn: 'extensionResourceId', leadingArgs: [renderArgument(base)!] };
    return buildResourceId(range, scope, typeText, names);
  },
};

/**
 * A part of a value that came from elsewhere (a variable, a default) comes from the same place,
 * narrowed to where the part is written. Parts with their own provenance keep it.
 */
export function inheritOrigins(part: ValueNode, whole: ValueNode): ValueNode {
  if (part.origins?.length || !whole.origins?.length) return part;
  const [first, ...rest] = whole.origins;
  return { ...part, origins: [{ ...first!, location: { file: first!.location.file, range: part.range } }, ...rest] };
}

/** Placeholder for string helpers; `withRange` replaces it before the value leaves this module. */
const undefinedRange: SourceRange = {
  start: { offset: 0, line: 0, character: 0 },
  end: { offset: 0, line: 0, character: 0 },
};

/**
 * `resourceId([subscriptionId], [resourceGroupName], type, name1, ...)`: the type is the first
 * argument that looks like `Namespace/type`; arguments before it choose another scope. Scope
 * arguments naming the deployment's own scope (`resourceGroup().name`) keep the placeholders.
 */
function resourceIdFn(args: readonly ValueNode[], range: SourceRange, base: IdScope, maxScopeArgs: number): ValueNode {
  const u = firstUnknown(args);
  if (u?.kind === 'unknown') return unknown(u.reason, range);
  const typeAt = args.findIndex((a) => {
    const s = str(a);
    return s !== undefined && /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)+\/[^/]/.test(s);
  });
  if (typeAt < 0 || typeAt > maxScopeArgs) return symbolicOr(range, base.fn, args, 'the resource type is not known');
  const scopeArgs = args.slice(0, typeAt);
  const leadingArgs = scopeArgs.map(renderArgument) as string[];
  let subscription = SUBSCRIPTION_PLACEHOLDER;
  let group = RESOURCE_GROUP_PLACEHOLDER;
  let foreign = false;
  const own = (v: ValueNode, expr: string): boolean => v.kind === 'symbol' && v.expr === expr;
  const groupArg = base.fn === 'resourceId' ? scopeArgs[scopeArgs.length - 1] : undefined;
  const subArg = base.fn === 'resourceId' ? (scopeArgs.length === 2 ? scopeArgs[0] : undefined) : scopeArgs[0];
  if (subArg && !own(subArg, 'subscription().subscriptionId')) {
    if (str(subArg) === undefined) return symbolicOr(range, base.fn, args, 'the subscription is not known');
    subscription = str(subArg)!;
    foreign = true;
  }
  if (groupArg && !own(groupArg, 'resourceGroup().name')) {
    if (str(groupArg) === undefined) return symbolicOr(range, base.fn, args, 'the resource group is not known');
    group = str(groupArg)!;
    foreign = true;
  }
  const prefix =
    base.fn === 'tenantResourceId'
      ? ''
      : base.fn === 'subscriptionResourceId'
        ? `/subscriptions/${subscription}`
        : `/subscriptions/${subscription}/resourceGroups/${group}`;
  const scope: IdScope = {
    prefix,
    fn: base.fn,
    leadingArgs,
    foreign: foreign ? prefix : undefined,
  };
  return buildResourceId(range, scope, str(args[typeAt])!, args.slice(typeAt + 1));
}

function symbolicOr(range: SourceRange, fn: string, args: readonly ValueNode[], reason: string): ValueNode {
  const text = callText(fn, args);
  return text === undefined ? unknown(reason, range) : symbol(text, range);
}

function mergeObjects(a: ValueNode, b: ValueNode, range: SourceRange): ValueNode {
  if (a.kind !== 'object' || b.kind !== 'object') return b;
  const props: PropertyNode[] = [...a.properties];
  for (const p of b.properties) {
    const at = props.findIndex((q) => q.key.toLowerCase() === p.key.toLowerCase());
    if (at < 0) props.push(p);
    else {
      const prev = props[at]!;
      // Nested objects merge deeply, like ARM's union().
      props[at] =
        prev.value.kind === 'object' && p.value.kind === 'object'
          ? { ...p, value: mergeObjects(prev.value, p.value, p.value.range) }
          : p;
    }
  }
  return objectNode(props, range);
}

function fromPlain(v: unknown, range: SourceRange): ValueNode {
  if (Array.isArray(v))
    return arrayNode(
      v.map((x) => fromPlain(x, range)),
      range,
    );
  if (v !== null && typeof v === 'object') {
    return objectNode(
      Object.entries(v as Record<string, unknown>).map(([key, value]) => ({
        key,
        keyRange: range,
        value: fromPlain(value, range),
      })),
      range,
    );
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return scalar(v, range);
  return unknown('unsupported JSON value', range);
}

/** Gives every node produced by a helper the call's range. */
function withRange(v: ValueNode, range: SourceRange): ValueNode {
  return v.range === undefinedRange ? { ...v, range } : v;
}

export function callFunction(
  name: string,
  args: readonly ValueNode[],
  range: SourceRange,
  scope: FileScope,
): ValueNode {
  if (CONTEXT_FUNCTIONS.has(name)) return symbolicCall(range, name, args);
  if (SYMBOLIC_FUNCTIONS.has(name)) return symbolicCall(range, name, args);
  const fn =
    FUNCTIONS[name] ?? FUNCTIONS[Object.keys(FUNCTIONS).find((k) => k.toLowerCase() === name.toLowerCase()) ?? ''];
  if (!fn) return unknown(`the function '${name}()' is not evaluated`, range);
  try {
    return withRange(fn(args, range, scope), range);
  } catch {
    return unknown(`${name}() could not be evaluated`, range);
  }
}

// ---------------------------------------------------------------------------------------------
// Lambda functions: filter, map, reduce, sort, toObject, groupBy, mapValues. The semantics match
// the ARM evaluator's, so that a Bicep file and its compiled template give the same values.

/** An `x => body` or `(x, y) => body` argument, applied to values for its variables. */
export interface BicepLambda {
  readonly kind: 'lambda';
  readonly params: readonly string[];
  /** Evaluates the body with the variables bound to `values` in order; extra values are ignored. */
  apply(values: readonly ValueNode[]): ValueNode;
}

/** A call of a lambda function: ordinary arguments through `value`, lambdas through `lambda`. */
export interface LambdaCall {
  readonly name: string;
  readonly range: SourceRange;
  readonly argCount: number;
  /** Longest collection a lambda function runs over. */
  readonly maxItems: number;
  /** Counts one lambda application against the evaluation budget; false once it is spent. */
  charge(): boolean;
  value(i: number): ValueNode;
  lambda(i: number): BicepLambda | UnknownNode;
}

interface LambdaFunction {
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly impl: (call: LambdaCall) => ValueNode;
}

const TOO_LARGE = 'the template is too large to evaluate completely';

/** The lambda at `i`, when it declares between `min` and `max` variables. */
function lambdaArg(call: LambdaCall, i: number, min: number, max: number): BicepLambda | UnknownNode {
  const fn = call.lambda(i);
  if (fn.kind === 'unknown' || (fn.params.length >= min && fn.params.length <= max)) return fn;
  const count = min === max ? `${min}` : `${min} or ${max}`;
  return unknown(`${call.name}(): the lambda must declare ${count} variable(s)`, call.range);
}

function inputArray(call: LambdaCall): ArrayNode | UnknownNode {
  const v = call.value(0);
  if (v.kind !== 'array') return rejectInput(call, v, 'an array');
  return v.items.length > call.maxItems ? tooMany(call) : v;
}

function inputObject(call: LambdaCall): ObjectNode | UnknownNode {
  const v = call.value(0);
  if (v.kind !== 'object') return rejectInput(call, v, 'an object');
  return v.properties.length > call.maxItems ? tooMany(call) : v;
}

function tooMany(call: LambdaCall): UnknownNode {
  return unknown(`${call.name}() runs over more than ${call.maxItems} items`, call.range);
}

function rejectInput(call: LambdaCall, v: ValueNode, expected: string): UnknownNode {
  if (v.kind === 'unknown') return unknown(v.reason, call.range);
  if (v.kind === 'symbol')
    return unknown(`${call.name}() of '${v.expr}', which is only known at deployment`, call.range);
  return unknown(`${call.name}() needs ${expected}`, call.range);
}

/** A lambda result that does not decide the outcome (a condition, a key) makes the whole result unknown. */
function undecided(call: LambdaCall, v: ValueNode, what: string): UnknownNode {
  return unknown(
    v.kind === 'unknown' ? v.reason : `${call.name}(): ${what} is not known before deployment`,
    call.range,
  );
}

/** Visits each value (with the collection's provenance) and its index, charging the budget per application. */
function forEachValue(
  call: LambdaCall,
  values: readonly ValueNode[],
  whole: ValueNode,
  visit: (value: ValueNode, index: number) => UnknownNode | undefined,
): UnknownNode | undefined {
  for (let i = 0; i < values.length; i++) {
    if (!call.charge()) return unknown(TOO_LARGE, call.range);
    const stop = visit(inheritOrigins(values[i]!, whole), i);
    if (stop) return stop;
  }
  return undefined;
}

function keyOf(call: LambdaCall, fn: BicepLambda, item: ValueNode): string | UnknownNode {
  const k = fn.apply([item]);
  return str(k) ?? undecided(call, k, 'a key');
}

const filterFn: LambdaFunction = {
  minArgs: 2,
  maxArgs: 2,
  impl: (call) => {
    const input = inputArray(call);
    const fn = lambdaArg(call, 1, 1, 2);
    if (input.kind === 'unknown') return input;
    if (fn.kind === 'unknown') return fn;
    const kept: ValueNode[] = [];
    const stop = forEachValue(call, input.items, input, (item, index) => {
      const keep = fn.apply([item, scalar(index, call.range)]);
      const b = knownBoolean(keep);
      if (b === undefined) return undecided(call, keep, 'the condition for an item');
      if (b) kept.push(item);
      return undefined;
    });
    return stop ?? arrayNode(kept, call.range);
  },
};

const mapFn: LambdaFunction = {
  minArgs: 2,
  maxArgs: 2,
  impl: (call) => {
    const input = inputArray(call);
    const fn = lambdaArg(call, 1, 1, 2);
    if (input.kind === 'unknown') return input;
    if (fn.kind === 'unknown') return fn;
    const out: ValueNode[] = [];
    const stop = forEachValue(call, input.items, input, (item, index) => {
      out.push(fn.apply([item, scalar(index, call.range)]));
      return undefined;
    });
    return stop ?? arrayNode(out, call.range);
  },
};

const reduceFn: LambdaFunction = {
  minArgs: 3,
  maxArgs: 3,
  impl: (call) => {
    const input = inputArray(call);
    const fn = lambdaArg(call, 2, 2, 3);
    if (input.kind === 'unknown') return input;
    if (fn.kind === 'unknown') return fn;
    // An unknown accumulator is carried on: later steps may not depend on it.
    let acc = call.value(1);
    const stop = forEachValue(call, input.items, input, (item, index) => {
      acc = fn.apply([acc, item, scalar(index, call.range)]);
      return undefined;
    });
    return stop ?? acc;
  },
};

const sortFn: LambdaFunction = {
  minArgs: 2,
  maxArgs: 2,
  impl: (call) => {
    const input = inputArray(call);
    const fn = lambdaArg(call, 1, 2, 2);
    if (input.kind === 'unknown') return input;
    if (fn.kind === 'unknown') return fn;
    let stop: UnknownNode | undefined;
    const before = (a: ValueNode, b: ValueNode): boolean | undefined => {
      if (!call.charge()) {
        stop = unknown(TOO_LARGE, call.range);
        return undefined;
      }
      const r = fn.apply([a, b]);
      const first = knownBoolean(r);
      if (first === undefined) stop = undecided(call, r, 'the order of two items');
      return first;
    };
    const sorted = mergeSort(
      input.items.map((x) => inheritOrigins(x, input)),
      before,
    );
    return sorted ? arrayNode(sorted, call.range) : (stop ?? unknown('sort(): the order is not known', call.range));
  },
};

const toObjectFn: LambdaFunction = {
  minArgs: 2,
  maxArgs: 3,
  impl: (call) => {
    const input = inputArray(call);
    const keyFn = lambdaArg(call, 1, 1, 1);
    const valueFn = call.argCount > 2 ? lambdaArg(call, 2, 1, 1) : undefined;
    if (input.kind === 'unknown') return input;
    if (keyFn.kind === 'unknown') return keyFn;
    if (valueFn?.kind === 'unknown') return valueFn;
    const props: PropertyNode[] = [];
    const seen = new Set<string>();
    const stop = forEachValue(call, input.items, input, (item) => {
      const key = keyOf(call, keyFn, item);
      if (typeof key !== 'string') return key;
      // Which of two equal keys would win is not documented: the value is left open.
      if (seen.has(key.toLowerCase())) return unknown(`toObject(): the key '${key}' is produced twice`, call.range);
      seen.add(key.toLowerCase());
      props.push({ key, keyRange: call.range, value: valueFn ? valueFn.apply([item]) : item });
      return undefined;
    });
    return stop ?? objectNode(props, call.range);
  },
};

const groupByFn: LambdaFunction = {
  minArgs: 2,
  maxArgs: 3,
  impl: (call) => {
    const input = inputArray(call);
    const keyFn = lambdaArg(call, 1, 1, 1);
    const valueFn = call.argCount > 2 ? lambdaArg(call, 2, 1, 1) : undefined;
    if (input.kind === 'unknown') return input;
    if (keyFn.kind === 'unknown') return keyFn;
    if (valueFn?.kind === 'unknown') return valueFn;
    // Keys compare ignoring case, as object keys do in ARM; the first spelling names the group.
    const groups = new Map<string, { key: string; items: ValueNode[] }>();
    const stop = forEachValue(call, input.items, input, (item) => {
      const key = keyOf(call, keyFn, item);
      if (typeof key !== 'string') return key;
      let group = groups.get(key.toLowerCase());
      if (!group) groups.set(key.toLowerCase(), (group = { key, items: [] }));
      group.items.push(valueFn ? valueFn.apply([item]) : item);
      return undefined;
    });
    if (stop) return stop;
    const props = [...groups.values()].map((g) => ({
      key: g.key,
      keyRange: call.range,
      value: arrayNode(g.items, call.range),
    }));
    return objectNode(props, call.range);
  },
};

const mapValuesFn: LambdaFunction = {
  minArgs: 2,
  maxArgs: 2,
  impl: (call) => {
    const input = inputObject(call);
    const fn = lambdaArg(call, 1, 1, 1);
    if (input.kind === 'unknown') return input;
    if (fn.kind === 'unknown') return fn;
    const props: PropertyNode[] = [];
    const values = input.properties.map((p) => p.value);
    const stop = forEachValue(call, values, input, (value, index) => {
      const p = input.properties[index]!;
      props.push({ key: p.key, keyRange: p.keyRange, value: fn.apply([value]) });
      return undefined;
    });
    return stop ?? objectNode(props, call.range);
  },
};

const LAMBDA_FUNCTIONS: Record<string, LambdaFunction> = {
  filter: filterFn,
  map: mapFn,
  reduce: reduceFn,
  sort: sortFn,
  toObject: toObjectFn,
  groupBy: groupByFn,
  mapValues: mapValuesFn,
};

/** Whether `name` is a function whose lambda arguments are applied per item. */
export function isLambdaFunction(name: string): boolean {
  return lambdaFunctionNamed(name) !== undefined;
}

function lambdaFunctionNamed(name: string): LambdaFunction | undefined {
  const key = Object.keys(LAMBDA_FUNCTIONS).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : LAMBDA_FUNCTIONS[key];
}

export function callLambdaFunction(call: LambdaCall): ValueNode {
  const fn = lambdaFunctionNamed(call.name);
  if (!fn) return unknown(`the function '${call.name}()' is not evaluated`, call.range);
  if (call.argCount < fn.minArgs || call.argCount > fn.maxArgs) {
    return unknown(`${call.name}() does not take ${call.argCount} argument(s)`, call.range);
  }
  return fn.impl(call);
}
