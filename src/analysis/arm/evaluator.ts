import type { PropertyNode, SourceRange, UnknownNode, ValueNode } from '../model';
import { LineIndex } from '../model';
import {
  DEFAULT_LIMITS,
  EMPTY_SCOPE,
  EvaluationState,
  type ArmLimits,
  type EvalEnv,
  type Scope,
} from './evaluationContext';
import {
  ARM_FUNCTIONS,
  inheritOrigins,
  LAMBDA_FUNCTIONS,
  type Invocation,
  type Lambda,
  type LambdaFunctionSpec,
  type LambdaInvocation,
} from './expression/functions';
import { parseExpression, type Expr } from './expression/parser';
import {
  arrayNode,
  canonicalText,
  findProperty,
  mergeOrigins,
  objectNode,
  quote,
  relocate,
  scalar,
  symbol,
  unknown,
} from './expression/values';
import type { JsonNode } from './json/jsonTree';
import { jsonString, jsonValue } from './json/jsonTree';

/** True for strings ARM evaluates: `[...]`, but not the `[[...` escape. */
export function isExpressionString(s: string): boolean {
  return (
    s.length >= 2 &&
    s.charCodeAt(0) === 91 /* [ */ &&
    s.charCodeAt(s.length - 1) === 93 /* ] */ &&
    s.charCodeAt(1) !== 91
  );
}

/**
 * Evaluates a JSON string value as ARM does: `[expr]` is evaluated, `[[text` is the literal
 * `[text`, anything else is itself. The result is placed at `range` (the string token).
 */
export function evaluateStringValue(text: string, range: SourceRange, env: EvalEnv): ValueNode {
  if (!isExpressionString(text)) {
    return scalar(text.startsWith('[[') ? text.slice(1) : text, range);
  }
  if (env.skipReason) return unknown(env.skipReason, range);
  const state = env.state;
  let parsed = state.parsedExpressions.get(text);
  if (!parsed) {
    parsed = parseExpression(text.slice(1, -1), {
      maxLength: state.limits.maxExpressionLength,
      maxDepth: state.limits.maxExpressionDepth,
    });
    if (state.parsedExpressions.size < 10_000) state.parsedExpressions.set(text, parsed);
  }
  if (!parsed.ok) {
    if (parsed.tooComplex) return unknown(state.tooComplex(range, parsed.message), range);
    state.report('expression-syntax', `Invalid template expression: ${parsed.message}.`, range, 'warning');
    return unknown(`invalid expression: ${parsed.message}`, range);
  }
  if (state.referenceDepth > state.limits.maxReferenceDepth) {
    return unknown(state.tooComplex(range, 'references are nested too deeply'), range);
  }
  state.referenceDepth++;
  try {
    return relocate(evalExpr(parsed.expr, env, range), range);
  } finally {
    state.referenceDepth--;
  }
}

function evalExpr(expr: Expr, env: EvalEnv, range: SourceRange): ValueNode {
  const state = env.state;
  if (!state.charge(1)) return unknown(state.tooComplex(range), range);
  if (state.nesting >= state.limits.maxNesting)
    return unknown(state.tooComplex(range, 'values are nested too deeply'), range);
  state.nesting++;
  try {
    return evalExprAt(expr, env, range);
  } finally {
    state.nesting--;
  }
}

function evalExprAt(expr: Expr, env: EvalEnv, range: SourceRange): ValueNode {
  switch (expr.kind) {
    case 'string':
      return scalar(expr.value, range);
    case 'number':
      return scalar(expr.value, range);
    case 'member':
      return access(evalExpr(expr.object, env, range), expr.name, range);
    case 'index': {
      const index = evalExpr(expr.index, env, range);
      const target = evalExpr(expr.object, env, range);
      if (index.kind === 'unknown') return index;
      if (index.kind !== 'scalar' || (typeof index.value !== 'string' && typeof index.value !== 'number')) {
        return unknown('the index is not known before deployment', range);
      }
      return access(target, index.value, range);
    }
    case 'call':
      return evalCall(expr.name, expr.args, env, range);
  }
}

/** `x.name`, `x['name']` and `x[0]`, keeping where the selected value is really written. */
function access(target: ValueNode, key: string | number, range: SourceRange): ValueNode {
  switch (target.kind) {
    case 'unknown':
      return target;
    case 'symbol': {
      const suffix =
        typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${quote(key)}]`;
      return symbol(`${target.expr}${suffix}`, range, target.origins);
    }
    case 'object': {
      if (typeof key !== 'string') return unknown(`cannot index an object with ${key}`, range);
      const prop = findProperty(target, key);
      if (!prop) return unknown(`property '${key}' does not exist`, range, target.origins);
      return inheritOrigins(prop.value, target.origins);
    }
    case 'array': {
      const i = typeof key === 'number' ? key : /^\d+$/.test(key) ? Number(key) : undefined;
      if (i === undefined) return unknown(`cannot read '${key}' of an array`, range);
      const item = target.items[i];
      if (!item) return unknown(`index ${i} is out of range`, range, target.origins);
      return inheritOrigins(item, target.origins);
    }
    case 'scalar':
      if (typeof target.value === 'string' && typeof key === 'number') {
        const c = target.value[key];
        return c === undefined ? unknown(`index ${key} is out of range`, range) : scalar(c, range, target.origins);
      }
      return unknown(`cannot read '${key}' of a ${target.value === null ? 'null' : typeof target.value}`, range);
  }
}

function evalCall(name: string, argExprs: readonly Expr[], env: EvalEnv, range: SourceRange): ValueNode {
  const lower = name.toLowerCase();
  const cache: (ValueNode | undefined)[] = [];
  const arg = (i: number): ValueNode => {
    const e = argExprs[i];
    if (!e) return unknown(`${name}(): missing argument ${i + 1}`, range);
    return (cache[i] ??= evalExpr(e, env, range));
  };

  // Name lookups and loop positions depend on the environment, not just on argument values.
  switch (lower) {
    case 'parameters':
    case 'variables': {
      if (argExprs.length !== 1) return unknown(`${lower}() expects one name`, range);
      const n = arg(0);
      if (n.kind !== 'scalar' || typeof n.value !== 'string') {
        return n.kind === 'unknown'
          ? n
          : unknown(`the ${lower === 'parameters' ? 'parameter' : 'variable'} name is not known`, range);
      }
      const found = lower === 'parameters' ? env.scope.parameter(n.value, range) : env.scope.variable(n.value, range);
      if (!found) {
        const what = lower === 'parameters' ? 'parameter' : 'variable';
        env.state.report('undeclared-name', `The ${what} '${n.value}' is not declared.`, range, 'warning');
        return unknown(`${what} '${n.value}' is not declared`, range);
      }
      return found;
    }
    case 'copyindex':
      return copyIndex(argExprs.length, arg, env, range);
    case 'lambdavariables':
      return lambdaVariable(argExprs.length, arg, env, range);
    case 'lambda':
      // Reached only where a lambda is not an argument of a lambda function.
      return unknown(`lambda() is only evaluated as an argument of ${LAMBDA_NAMES}`, range);
    case 'tryget':
      // Not an environment lookup: it is here because it shares member access with `x.a`.
      return tryGet(argExprs.length, arg, range);
  }
  // Lambda arguments are functions of their variables, not values: they are applied per item.
  const lambdaSpec = LAMBDA_FUNCTIONS.get(lower);
  if (lambdaSpec) return callWithLambdas(lambdaSpec, argExprs, arg, env, range);

  const spec = ARM_FUNCTIONS.get(lower);
  if (!spec) {
    const what = name.includes('.') ? `user-defined function '${name}'` : `function '${name}'`;
    return unknown(`${what} is not evaluated`, range);
  }
  if (argExprs.length < spec.minArgs || argExprs.length > spec.maxArgs) {
    return unknown(`${spec.name}() does not take ${argExprs.length} argument(s)`, range);
  }
  const inv: Invocation = { name: spec.name, range, env, argCount: argExprs.length, arg };

  if (spec.mode === 'raw') {
    // Lazy functions (if, and, or, coalesce) evaluate arguments through `inv.arg` themselves.
    const args = spec.lazy ? [] : argExprs.map((_, i) => arg(i));
    return spec.impl(args, inv);
  }

  const args = argExprs.map((_, i) => arg(i));
  const origins = mergeOrigins(args);
  const u = args.find((a) => a.kind === 'unknown');
  if (u) return unknown(u.kind === 'unknown' ? u.reason : '', range, origins);
  const sym = args.find((a) => a.kind === 'symbol');
  if (sym) {
    const texts = args.map((a) => canonicalText(a, env.state));
    if (spec.mode === 'symbolic' && texts.every((t) => t !== undefined)) {
      return symbol(`${spec.name}(${texts.join(', ')})`, range, origins);
    }
    return unknown(
      `${spec.name}() of '${sym.kind === 'symbol' ? sym.expr : ''}', which is only known at deployment`,
      range,
      origins,
    );
  }
  const result = spec.impl(args, inv);
  // Values computed from parameters or variables remember them, for "comes from" hints.
  if (
    result.range === range &&
    !result.origins &&
    origins.length > 0 &&
    result.kind !== 'object' &&
    result.kind !== 'array'
  ) {
    return { ...result, origins };
  }
  return result;
}

function copyIndex(argCount: number, arg: (i: number) => ValueNode, env: EvalEnv, range: SourceRange): ValueNode {
  let loop = '';
  let offset = 0;
  for (let i = 0; i < argCount; i++) {
    const a = arg(i);
    if (a.kind !== 'scalar') return a.kind === 'unknown' ? a : unknown('copyIndex() argument is not known', range);
    if (typeof a.value === 'string') loop = a.value;
    else if (typeof a.value === 'number') offset = a.value;
  }
  const index = env.copyIndexes.get(loop.toLowerCase());
  if (index === undefined) {
    return unknown(
      loop ? `copyIndex('${loop}') outside of that copy loop` : 'copyIndex() outside of a copy loop',
      range,
    );
  }
  return scalar(index + offset, range);
}

const LAMBDA_NAMES = [...LAMBDA_FUNCTIONS.values()].map((f) => `${f.name}()`).join(', ');

function lambdaVariable(argCount: number, arg: (i: number) => ValueNode, env: EvalEnv, range: SourceRange): ValueNode {
  if (argCount !== 1) return unknown('lambdaVariables() expects one name', range);
  const n = arg(0);
  if (n.kind !== 'scalar' || typeof n.value !== 'string') {
    return n.kind === 'unknown' ? n : unknown('the lambda variable name is not known', range);
  }
  const found = env.lambdaVariables?.get(n.value.toLowerCase());
  if (found) return found;
  return unknown(
    env.lambdaVariables
      ? `lambda variable '${n.value}' is not declared`
      : `lambdaVariables('${n.value}') outside of a lambda`,
    range,
  );
}

/** `tryGet(x, k1, k2, ...)`: `x.k1.k2`, except that a missing property or index gives null. */
function tryGet(argCount: number, arg: (i: number) => ValueNode, range: SourceRange): ValueNode {
  if (argCount < 2) return unknown('tryGet() expects a value and at least one key', range);
  let cur = arg(0);
  for (let i = 1; i < argCount; i++) {
    const key = arg(i);
    if (cur.kind === 'unknown') return cur;
    if (key.kind === 'unknown') return key;
    if (cur.kind === 'scalar' && cur.value === null) return scalar(null, range, cur.origins);
    if (key.kind !== 'scalar' || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
      return unknown('tryGet(): the key is not known before deployment', range);
    }
    const missing =
      (cur.kind === 'object' && (typeof key.value !== 'string' || !findProperty(cur, key.value))) ||
      (cur.kind === 'array' && (typeof key.value !== 'number' || cur.items[key.value] === undefined));
    if (missing) return scalar(null, range, cur.origins);
    cur = access(cur, key.value, range);
  }
  return cur;
}

function callWithLambdas(
  spec: LambdaFunctionSpec,
  argExprs: readonly Expr[],
  arg: (i: number) => ValueNode,
  env: EvalEnv,
  range: SourceRange,
): ValueNode {
  if (argExprs.length < spec.minArgs || argExprs.length > spec.maxArgs) {
    return unknown(`${spec.name}() does not take ${argExprs.length} argument(s)`, range);
  }
  const inv: LambdaInvocation = {
    name: spec.name,
    range,
    env,
    argCount: argExprs.length,
    arg,
    lambda: (i) => makeLambda(argExprs[i], spec.name, env, range),
  };
  return spec.impl(inv);
}

/**
 * `lambda('x', 'y', body)` as a function of its variables. The body is evaluated anew for every
 * application, with the variables added to those of enclosing lambdas.
 */
function makeLambda(expr: Expr | undefined, fn: string, env: EvalEnv, range: SourceRange): Lambda | UnknownNode {
  if (expr?.kind !== 'call' || expr.name.toLowerCase() !== 'lambda') {
    return unknown(`${fn}() expects a lambda() argument`, range);
  }
  const body = expr.args[expr.args.length - 1];
  const names = expr.args.slice(0, -1).map((a) => (a.kind === 'string' ? a.value : undefined));
  if (!body || names.some((n) => n === undefined)) {
    return unknown('lambda() expects variable names as string literals, then a body', range);
  }
  const params = names as string[];
  return {
    kind: 'lambda',
    params,
    apply: (values) => {
      const vars = new Map(env.lambdaVariables ?? []);
      params.forEach((p, i) => vars.set(p.toLowerCase(), values[i] ?? unknown(`'${p}' has no value`, range)));
      return evalExpr(body, { ...env, lambdaVariables: vars }, range);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// JSON values

/**
 * Converts a JSON value to an evaluated value: strings that are expressions are evaluated,
 * everything else is literal. Every node keeps the exact range where it is written; property
 * `copy` arrays are expanded into the arrays they declare.
 */
export function evaluateJson(node: JsonNode, env: EvalEnv, depth = 0): ValueNode {
  const state = env.state;
  const range = state.range(node.offset, node.length);
  if (depth > state.limits.maxJsonDepth) {
    state.report(
      'too-deep',
      `JSON nested more than ${state.limits.maxJsonDepth} levels deep is not analysed.`,
      range,
      'warning',
    );
    return unknown('the value is nested too deeply to analyse', range);
  }
  if (!state.charge(1)) return unknown(state.tooComplex(range), range);
  if (state.nesting >= state.limits.maxNesting)
    return unknown(state.tooComplex(range, 'values are nested too deeply'), range);
  state.nesting++;
  try {
    return evaluateJsonAt(node, range, env, depth);
  } finally {
    state.nesting--;
  }
}

function evaluateJsonAt(node: JsonNode, range: SourceRange, env: EvalEnv, depth: number): ValueNode {
  const state = env.state;
  const foreign = env.foreignSubtrees?.get(node);
  if (foreign !== undefined && env.skipReason === undefined) env = { ...env, skipReason: foreign };
  switch (node.type) {
    case 'string':
      return evaluateStringValue(node.value as string, range, env);
    case 'number':
    case 'boolean':
    case 'null':
      return scalar(node.value, range);
    case 'array':
      return arrayNode(
        node.items.map((item) => evaluateJson(item, env, depth + 1)),
        range,
      );
    case 'object': {
      const props: PropertyNode[] = [];
      for (const p of node.properties) {
        if (!p.value) continue;
        const keyRange = state.range(p.keyOffset, p.keyLength);
        if (p.key.toLowerCase() === 'copy' && p.value.type === 'array') {
          props.push(...expandPropertyCopies(p.value.items, env, depth + 1));
          continue;
        }
        props.push({ key: p.key, keyRange, value: evaluateJson(p.value, env, depth + 1) });
      }
      return objectNode(props, range);
    }
  }
}

/** Property loops: `"copy": [{ "name": "dataDisks", "count": 2, "input": {...} }]` → `dataDisks: [...]`. */
function expandPropertyCopies(entries: readonly JsonNode[], env: EvalEnv, depth: number): PropertyNode[] {
  const out: PropertyNode[] = [];
  for (const entry of entries) {
    const nameNode = jsonValue(entry, 'name');
    const name = jsonString(nameNode);
    if (!name || !nameNode) continue;
    const keyRange = env.state.range(nameNode.offset, nameNode.length);
    out.push({ key: name, keyRange, value: expandCopy(entry, name, env, depth) });
  }
  return out;
}

/** The array a `{ name, count, input }` copy entry produces. */
export function expandCopy(entry: JsonNode, loopName: string, env: EvalEnv, depth: number): ValueNode {
  const state = env.state;
  const range = state.range(entry.offset, entry.length);
  const countNode = jsonValue(entry, 'count');
  const input = jsonValue(entry, 'input');
  if (!countNode || !input) return unknown(`copy '${loopName}' needs a count and an input`, range);
  const count = evaluateJson(countNode, env, depth + 1);
  if (count.kind !== 'scalar' || typeof count.value !== 'number') {
    return unknown(
      count.kind === 'unknown' ? count.reason : `the count of copy '${loopName}' is not known`,
      range,
      count.origins,
    );
  }
  if (count.value > state.limits.maxCopyCount) {
    return unknown(
      state.tooComplex(range, `copy '${loopName}' has more than ${state.limits.maxCopyCount} items`),
      range,
    );
  }
  state.copyItems += Math.max(0, count.value);
  if (state.copyItems > state.limits.maxCopyItems) {
    return unknown(state.tooComplex(range, `copy loops produce more than ${state.limits.maxCopyItems} items`), range);
  }
  const items: ValueNode[] = [];
  for (let i = 0; i < count.value; i++) {
    if (state.exhausted) return unknown(state.tooComplex(range), range);
    const copyIndexes = new Map(env.copyIndexes);
    copyIndexes.set(loopName.toLowerCase(), i);
    items.push(evaluateJson(input, { ...env, copyIndexes }, depth + 1));
  }
  return arrayNode(items, state.range(input.offset, input.length));
}

// ---------------------------------------------------------------------------------------------
// Standalone use

export interface EvaluateOptions {
  /** Plain parameter values by name (case-insensitive). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Plain variable values by name (case-insensitive). */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** File name used in ranges and issues. */
  readonly file?: string;
  /** Where the string is written; defaults to the whole `text`. */
  readonly range?: SourceRange;
  readonly copyIndex?: number;
  readonly limits?: Partial<ArmLimits>;
}

/**
 * Evaluates one ARM string value (`"[concat('a', parameters('p'))]"`, or a plain string) outside a
 * template, with plain values for parameters and variables. Never throws.
 */
export function evaluateArmExpression(text: string, options: EvaluateOptions = {}): ValueNode {
  const lines = new LineIndex(text);
  const state = new EvaluationState(options.file ?? '', lines, { ...DEFAULT_LIMITS, ...options.limits });
  const range = options.range ?? lines.range(0, text.length);
  const lookup = (values: Readonly<Record<string, unknown>> | undefined, name: string): ValueNode | undefined => {
    if (!values) return undefined;
    const key = Object.keys(values).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key === undefined) return undefined;
    return plainValue(values[key], range, state);
  };
  const scope: Scope = {
    parameter: (name) => lookup(options.parameters, name),
    variable: (name) => lookup(options.variables, name),
  };
  const copyIndexes = new Map<string, number>();
  if (options.copyIndex !== undefined) copyIndexes.set('', options.copyIndex);
  try {
    return evaluateStringValue(text, range, {
      state,
      scope: options.parameters || options.variables ? scope : EMPTY_SCOPE,
      copyIndexes,
    });
  } catch (e) {
    return unknown(`evaluation failed: ${e instanceof Error ? e.message : String(e)}`, range);
  }
}

function plainValue(value: unknown, range: SourceRange, state: EvaluationState): ValueNode {
  if (value === undefined) return unknown('no value', range);
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return scalar(value, range);
  }
  if (Array.isArray(value))
    return arrayNode(
      value.map((v) => plainValue(v, range, state)),
      range,
    );
  if (typeof value === 'object') {
    return objectNode(
      Object.entries(value as Record<string, unknown>).map(([key, v]) => ({
        key,
        keyRange: range,
        value: plainValue(v, range, state),
      })),
      range,
    );
  }
  return unknown('unsupported value', range);
}
