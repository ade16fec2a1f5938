// Evaluates Bicep expressions into three-valued model values. Anything not understood becomes an
// unknown value with a reason; evaluation never throws.
import { getProperty, LAMBDA_ITEM_LIMIT, valuesEqual } from '../model';
import type { PropertyNode, SourceRange, UnknownNode, ValueNode } from '../model';
import { callFunction, callLambdaFunction, inheritOrigins, isLambdaFunction } from './functions';
import type { BicepLambda, LambdaCall } from './functions';
import type { Declaration, FileScope, Locals, ModuleDecl, ResourceDecl } from './scope';
import { rangeOf } from './scope';
import { buildOpTree, isOperatorExpression, type OpTree, type OpTreeOptions } from './operators';
import { firstChildOfType, forParts, namedChildren, plainString, stringParts } from './syntax';
import type { SyntaxNode } from './syntax';
import {
  arrayNode,
  formatCallText,
  joinStrings,
  knownBoolean,
  objectNode,
  placeAllAt,
  rebaseAcrossFiles,
  relocate,
  renderArgument,
  scalar,
  symbol,
  unknown,
} from './values';

export interface Env {
  readonly scope: FileScope;
  readonly locals?: Locals;
  readonly depth: number;
  /**
   * Start of the lambda whose body is being evaluated. The grammar can nest operators and postfix
   * chains of the body around the lambda (see lambdaOf): that lambda then stands for its body.
   */
  readonly lambdaAt?: number;
}

/** A reference to a declared resource or module, before it is used as a value. */
export interface RefValue {
  readonly kind: 'ref';
  readonly range: SourceRange;
  readonly target: Declaration;
  /** A looped declaration referenced without an index. */
  readonly collection: boolean;
  /** `kv.properties`: members read what the declaration writes or what the platform derives. */
  readonly properties?: boolean;
}

export type Evaluated = ValueNode | RefValue;

const MAX_DEPTH = 150;
/** Value loops over longer arrays are not expanded (the rules only need representative items). */
const MAX_LOOP_ITEMS = 200;

export function envFor(scope: FileScope, locals?: Locals): Env {
  return { scope, locals, depth: 0 };
}

/** Evaluates an expression to a value; resource references become their resource ids. */
export function evaluate(node: SyntaxNode | undefined, env: Env): ValueNode {
  if (!node) return unknown('the value is missing', env.scope.lines.range(0, 0));
  return finalise(evaluateRef(node, env));
}

/** Turns a reference into a value: a resource's id (its `properties` object for `kv.properties`). */
export function finalise(v: Evaluated): ValueNode {
  if (v.kind !== 'ref') return v;
  if (v.properties && v.target.kind === 'resource') return resourceBodyMember(v.target, 'properties', v.range);
  if (v.collection) return unknown(`'${v.target.symbol}' is a collection declared with a loop`, v.range);
  if (v.target.kind === 'resource') {
    const id = v.target.id?.get();
    return id ? relocate(id, v.range) : unknown(`the id of '${v.target.symbol}' is not known`, v.range);
  }
  return unknown(`module '${v.target.symbol}' is not a value`, v.range);
}

/** Evaluates an expression, keeping resource/module references as references. */
export function evaluateRef(node: SyntaxNode, env: Env): Evaluated {
  const range = rangeOf(env.scope, node);
  if (env.depth > MAX_DEPTH) return unknown('the expression is nested too deeply to evaluate', range);
  if (--env.scope.session.budget < 0) return unknown('the template is too large to evaluate completely', range);
  if (node.isError || node.isMissing) return unknown('this part of the file could not be read', range);
  const inner: Env = { ...env, depth: env.depth + 1 };
  switch (node.type) {
    case 'string':
      return evaluateString(node, inner, range);
    case 'number': {
      const n = Number(node.text);
      return Number.isFinite(n) ? scalar(n, range) : unknown(`'${node.text}' is not a number`, range);
    }
    case 'boolean':
      return scalar(node.text === 'true', range);
    case 'null':
      return scalar(null, range);
    case 'object':
      return evaluateObject(node, inner, range);
    case 'array':
      return evaluateArray(node, inner, range);
    case 'non_null_expression': {
      // `x!` asserts that x is not null; the value is x's.
      const e = node.childForFieldName('argument') ?? namedChildren(node)[0];
      return e ? evaluateRef(e, inner) : unknown('incomplete non-null assertion', range);
    }
    case 'parenthesized_expression': {
      const e = namedChildren(node)[0];
      return e ? evaluateRef(e, inner) : unknown('empty parentheses', range);
    }
    case 'identifier':
    case 'compatible_identifier':
      return resolveIdentifier(node.text, range, inner);
    case 'member_expression':
    case 'subscript_expression':
      return isOperatorExpression(node, opTreeOptions(inner))
        ? evaluateOperators(node, inner)
        : evaluatePostfixChain(node, inner);
    case 'resource_expression':
      return evaluateResourceAccessor(node, inner, range);
    case 'call_expression':
      return evaluateCall(node, inner, range);
    case 'unary_expression':
    case 'binary_expression':
    case 'ternary_expression':
      return evaluateOperators(node, inner);
    case 'for_statement':
      return evaluateValueLoop(node, inner, range);
    case 'lambda_expression': {
      const body = node.startIndex === env.lambdaAt ? lambdaParts(node)?.body : undefined;
      return body
        ? evaluateRef(body, inner)
        : unknown(
            'a lambda is only evaluated as an argument of filter(), map(), reduce(), sort(), toObject(), groupBy() or mapValues()',
            range,
          );
    }
    default:
      return unknown(`'${node.type.replace(/_/g, ' ')}' is not evaluated`, range);
  }
}

function evaluateString(node: SyntaxNode, env: Env, range: SourceRange): ValueNode {
  const parts = stringParts(node, env.scope.text);
  if (parts.length === 1 && typeof parts[0] === 'string') return scalar(parts[0], range);
  if (parts.length === 0) return scalar('', range);
  const values: (string | ValueNode)[] = parts.map((p) => {
    if (typeof p === 'string') return p;
    const e = namedChildren(p)[0];
    return e ? evaluate(e, env) : unknown('empty interpolation', rangeOf(env.scope, p));
  });
  const pieces = values.map((v) => (typeof v === 'string' ? scalar(v, range) : v));
  // Bicep compiles `'a${x}b'` to `format('a{0}b', x)`: the symbol text is that call.
  return joinStrings(range, pieces, () => formatCallText(values));
}

/** `[a, ...b]`: a spread's items join the array; a spread not known makes the array unknown. */
function evaluateArray(node: SyntaxNode, env: Env, range: SourceRange): ValueNode {
  const items: ValueNode[] = [];
  for (const item of namedChildren(node)) {
    if (item.type === 'decorators') continue;
    if (item.type !== 'spread_element') {
      items.push(evaluate(item, env));
      continue;
    }
    const spread = evaluate(namedChildren(item)[0], env);
    if (spread.kind !== 'array') return unknown(spreadReason(spread, 'array'), range);
    // The items keep their own places; the spread's provenance (a variable, a parameter) joins theirs.
    for (const it of spread.items) items.push(inheritOrigins(it, spread));
  }
  return arrayNode(items, range);
}

/** Why a literal with a spread of `spread` (not an array or object) is not known. */
function spreadReason(spread: ValueNode, into: 'array' | 'object'): string {
  if (spread.kind === 'unknown') return spread.reason;
  if (spread.kind === 'symbol') return `the ${into} spreads '${spread.expr}', known only at deployment`;
  return `the ${into} spreads a value that is not an ${into}`;
}

function evaluateObject(node: SyntaxNode, env: Env, range: SourceRange): ValueNode {
  const properties: PropertyNode[] = [];
  for (const prop of namedChildren(node)) {
    if (prop.type === 'spread_element') {
      // `...expr`: its properties join the object, later keys winning; a spread not known makes the
      // object unknown, since it could add or override any property.
      const spread = evaluate(namedChildren(prop)[0], env);
      if (spread.kind !== 'object') return unknown(spreadReason(spread, 'object'), range);
      for (const p of spread.properties) {
        const at = properties.findIndex((q) => q.key.toLowerCase() === p.key.toLowerCase());
        if (at >= 0) properties.splice(at, 1);
        // Each value stays where it is written (a fix edits it there) and comes from the spread value.
        properties.push({ ...p, value: inheritOrigins(p.value, spread) });
      }
      continue;
    }
    if (prop.type !== 'object_property') continue;
    const kids = namedChildren(prop);
    const keyNode = kids[0];
    // Nested `resource` declarations sit in the body as properties without a key.
    if (!keyNode || keyNode.type === 'resource_declaration') continue;
    const valueNode = kids.length >= 2 ? kids[kids.length - 1] : undefined;
    const key = propertyKey(keyNode, env);
    const at = properties.findIndex((q) => q.key.toLowerCase() === key.toLowerCase());
    if (at >= 0) properties.splice(at, 1);
    properties.push({ key, keyRange: rangeOf(env.scope, keyNode), value: evaluate(valueNode, env) });
  }
  return objectNode(properties, range);
}

function propertyKey(keyNode: SyntaxNode, env: Env): string {
  if (keyNode.type !== 'string') return keyNode.text;
  const plain = plainString(keyNode, env.scope.text);
  if (plain !== undefined) return plain;
  const v = evaluate(keyNode, env);
  if (v.kind === 'scalar' && typeof v.value === 'string') return v.value;
  if (v.kind === 'symbol') return v.expr;
  return keyNode.text.slice(1, -1);
}

function resolveIdentifier(name: string, range: SourceRange, env: Env): Evaluated {
  const { scope, locals } = env;
  const local = locals?.get(name);
  if (local) return relocate(local, range);
  const param = scope.params.get(name);
  if (param?.value) {
    const v = param.value.get();
    // A value bound from another file (module argument, parameters file) has no place of its own
    // in this file: all its parts are where the parameter is used, each with its provenance.
    const foreign = v.origins?.[0] && v.origins[0].location.file !== scope.file;
    return foreign ? placeAllAt(v, range) : relocate(v, range);
  }
  const variable = scope.vars.get(name);
  if (variable?.value) {
    const v = variable.value.get();
    return relocate(v, range, { kind: 'variable', name, location: { file: scope.file, range: v.range } });
  }
  const resource = scope.resources.get(name);
  if (resource) return { kind: 'ref', range, target: resource, collection: !!resource.forNode };
  const mod = scope.modules.get(name);
  if (mod) return { kind: 'ref', range, target: mod, collection: !!mod.forNode };
  const opaque = scope.opaque.get(name);
  if (opaque) return unknown(opaque, range);
  return unknown(`'${name}' is not declared in this file`, range);
}

const POSTFIX = new Set(['member_expression', 'subscript_expression']);

/** `a.b`, `a[i]` and chains of them on an operand (chains after operators: see operators.ts). */
function evaluatePostfixChain(node: SyntaxNode, env: Env): Evaluated {
  const chain: SyntaxNode[] = [];
  let base = node;
  while (POSTFIX.has(base.type)) {
    chain.unshift(base);
    const inner = base.childForFieldName('object');
    if (!inner) return unknown('incomplete property access', rangeOf(env.scope, node));
    base = inner;
  }
  return applyChain(evaluateRef(base, env), base.startIndex, chain, env);
}

function applyChain(start: Evaluated, startIndex: number, chain: readonly SyntaxNode[], env: Env): Evaluated {
  let value = start;
  for (const step of chain) {
    const range = env.scope.lines.range(startIndex, step.endIndex);
    value = applyPostfix(value, step, env, range);
  }
  return value;
}

function applyPostfix(target: Evaluated, step: SyntaxNode, env: Env, range: SourceRange): Evaluated {
  if (step.type === 'member_expression') {
    const prop = step.childForFieldName('property')?.text;
    if (!prop) return unknown('incomplete property access', range);
    const safe = step.children.some((c) => !c.isNamed && c.type === '.?');
    if (target.kind === 'ref') return refMember(target, prop, range);
    return accessProperty(target, prop, range, safe);
  }
  const indexSyntax = step.childForFieldName('index');
  if (!indexSyntax) return unknown('incomplete index access', range);
  const index = evaluate(indexSyntax, env);
  if (firstChildOfType(step, 'from_end')) return indexFromEnd(finalise(target), index, range);
  if (target.kind === 'ref') {
    // `kvs[i]` on a looped declaration: every element looks like the representative one.
    if (target.collection) return { ...target, range, collection: false };
    if (index.kind === 'scalar' && typeof index.value === 'string') return refMember(target, index.value, range);
    return unknown(`'${target.target.symbol}' cannot be indexed`, range);
  }
  return indexValue(target, index, range);
}

/** `.x` / `.?x` on a value. A missing property with `.?` is null, as in Bicep. */
export function accessProperty(target: ValueNode, prop: string, range: SourceRange, safe: boolean): ValueNode {
  switch (target.kind) {
    case 'object': {
      const p = getProperty(target, prop);
      if (p) return relocate(inheritOrigins(p.value, target), range, undefined);
      return safe ? scalar(null, range) : unknown(`the object has no property '${prop}'`, range);
    }
    case 'symbol':
      return symbol(`${target.expr}.${prop}`, range);
    case 'unknown':
      return unknown(target.reason, range);
    case 'scalar':
      if (target.value === null && safe) return scalar(null, range);
      return unknown(`a ${target.value === null ? 'null' : typeof target.value} has no property '${prop}'`, range);
    default:
      return unknown(`an array has no property '${prop}'`, range);
  }
}

export function indexValue(target: ValueNode, index: ValueNode, range: SourceRange): ValueNode {
  if (target.kind === 'unknown') return unknown(target.reason, range);
  if (index.kind === 'unknown') return unknown(index.reason, range);
  if (target.kind === 'symbol' && index.kind === 'scalar') {
    return symbol(
      `${target.expr}[${typeof index.value === 'string' ? `'${index.value}'` : String(index.value)}]`,
      range,
    );
  }
  if (index.kind !== 'scalar') return unknown('the index is not known', range);
  if (target.kind === 'array' && typeof index.value === 'number') {
    const item = target.items[index.value];
    return item
      ? relocate(inheritOrigins(item, target), range)
      : unknown(`index ${index.value} is outside the array`, range);
  }
  if (target.kind === 'object' && typeof index.value === 'string')
    return accessProperty(target, index.value, range, false);
  return unknown('the index does not fit the value', range);
}

/** `a[^n]`: the n-th item counted from the end (`a[^1]` is the last). */
function indexFromEnd(target: ValueNode, index: ValueNode, range: SourceRange): ValueNode {
  if (target.kind === 'unknown') return unknown(target.reason, range);
  if (index.kind === 'unknown') return unknown(index.reason, range);
  if (target.kind !== 'array' || index.kind !== 'scalar' || typeof index.value !== 'number') {
    return unknown('an index from the end needs a known array and a number', range);
  }
  const at = target.items.length - index.value;
  return at >= 0 && index.value >= 1
    ? indexValue(target, scalar(at, index.range), range)
    : unknown(`index ^${index.value} is outside the array`, range);
}

/** `kv::key`: a nested child resource. */
function evaluateResourceAccessor(node: SyntaxNode, env: Env, range: SourceRange): Evaluated {
  const objectSyntax = node.childForFieldName('object');
  const childName = node.childForFieldName('resource')?.text;
  if (!objectSyntax || !childName) return unknown('incomplete resource access', range);
  const parent = evaluateRef(objectSyntax, env);
  if (parent.kind !== 'ref' || parent.target.kind !== 'resource') {
    return unknown(`'${objectSyntax.text}' is not a resource`, range);
  }
  const child = parent.target.children.get(childName);
  if (!child) return unknown(`'${objectSyntax.text}' has no nested resource '${childName}'`, range);
  return { kind: 'ref', range, target: child, collection: !!child.forNode };
}

/** Members of a resource or module reference: `.id`, `.name`, `.properties.x`, `.outputs.x`. */
function refMember(ref: RefValue, prop: string, range: SourceRange): Evaluated {
  const target = ref.target;
  if (ref.collection) return unknown(`'${target.symbol}' is a collection declared with a loop`, range);
  if (target.kind === 'module') return moduleMember(target, prop, range);
  if (ref.properties) return resourcePropertiesMember(target, prop, range);
  if (prop === 'properties') return { ...ref, range, properties: true };
  switch (prop) {
    case 'id':
      return finalise({ ...ref, range, properties: false });
    case 'name': {
      const name = target.name?.get();
      return name ? relocate(name, range) : unknown(`the name of '${target.symbol}' is not known`, range);
    }
    case 'type':
      return scalar(target.fullType?.get() ?? target.writtenType, range);
    case 'apiVersion':
      return target.apiVersion ? scalar(target.apiVersion, range) : unknown('no API version', range);
    default:
      return resourceBodyMember(target, prop, range);
  }
}

function resourceBodyMember(target: ResourceDecl, prop: string, range: SourceRange): ValueNode {
  const body = target.body?.get();
  const written = getProperty(body, prop);
  if (written) {
    const v = written.value;
    return relocate(v, range, {
      kind: 'expression',
      name: `${target.symbol}.${prop}`,
      location: { file: target.scope.file, range: v.range },
    });
  }
  if (prop === 'properties') {
    return unknown(`the properties of '${target.symbol}' are only known after deployment`, range);
  }
  return unknown(`'${target.symbol}.${prop}' is only known after deployment`, range);
}

function resourcePropertiesMember(target: ResourceDecl, prop: string, range: SourceRange): ValueNode {
  const written = getProperty(getProperty(target.body?.get(), 'properties')?.value, prop);
  if (written) {
    return relocate(written.value, range, {
      kind: 'expression',
      name: `${target.symbol}.properties.${prop}`,
      location: { file: target.scope.file, range: written.value.range },
    });
  }
  return (
    derivedProperty(target, prop, range) ??
    runtimeUri(target, prop, range) ??
    unknown(`'${target.symbol}.properties.${prop}' is only known after deployment`, range)
  );
}

/** Runtime URIs of keys and secrets, which the rules follow back to the key they name. */
const RUNTIME_URIS: Readonly<Record<string, readonly string[]>> = {
  'microsoft.keyvault/vaults/keys': ['keyUri', 'keyUriWithVersion'],
  'microsoft.keyvault/vaults/secrets': ['secretUri', 'secretUriWithVersion'],
};

/**
 * `key.properties.keyUriWithVersion` as the symbol the compiled template evaluates to,
 * `reference('<key id>').keyUriWithVersion`, so that both languages name the key the same way.
 */
function runtimeUri(target: ResourceDecl, prop: string, range: SourceRange): ValueNode | undefined {
  const type = (target.fullType?.get() ?? target.writtenType).toLowerCase();
  const canonical = RUNTIME_URIS[type]?.find((p) => p.toLowerCase() === prop.toLowerCase());
  const id = canonical ? target.id?.get() : undefined;
  const idText = id ? renderArgument(id) : undefined;
  if (!canonical || !idText || id?.kind === 'object' || id?.kind === 'array') return undefined;
  return symbol(`reference(${idText}).${canonical}`, range);
}

/** Runtime properties that follow from the declaration, such as a vault's URI from its name. */
export function derivedProperty(target: ResourceDecl, path: string, range: SourceRange): ValueNode | undefined {
  const type = (target.fullType?.get() ?? target.writtenType).toLowerCase();
  if (type === 'microsoft.keyvault/vaults' && path.toLowerCase() === 'vaulturi') {
    const name = target.name?.get();
    if (!name) return undefined;
    const parts = ['https://', name, '.vault.azure.net/'];
    return joinStrings(
      range,
      parts.map((p) => (typeof p === 'string' ? scalar(p, range) : p)),
      () => formatCallText(parts),
    );
  }
  return undefined;
}

function moduleMember(target: ModuleDecl, prop: string, range: SourceRange): ValueNode {
  if (prop === 'outputs') {
    const scope = target.target;
    if (!scope) return unknown(`the outputs of module '${target.symbol}' are not known (module not read)`, range);
    const properties: PropertyNode[] = [];
    for (const out of scope.outputs.values()) {
      if (!out.value) continue;
      const v = out.value.get();
      properties.push({
        key: out.name,
        keyRange: range,
        value: rebaseAcrossFiles(v, range, (r) => ({
          kind: 'output',
          name: out.name,
          location: { file: scope.file, range: r },
        })),
      });
    }
    return objectNode(properties, range);
  }
  const body = target.body?.get();
  const written = getProperty(body, prop);
  return written ? relocate(written.value, range) : unknown(`module '${target.symbol}' has no '${prop}'`, range);
}

function evaluateCall(node: SyntaxNode, env: Env, range: SourceRange): Evaluated {
  const fnNode = node.childForFieldName('function');
  const argsNode = node.childForFieldName('arguments') ?? firstChildOfType(node, 'arguments');
  if (!fnNode) return unknown('incomplete function call', range);
  let name = fnNode.text;
  // `sys.` and `az.` are the built-in namespaces; other prefixes are imported functions.
  const dotted = /^(sys|az)\.(\w+)$/.exec(name);
  if (dotted) name = dotted[2]!;
  else if (fnNode.type !== 'identifier') return unknown(`the function '${name}' is not evaluated`, range);
  const argNodes = argsNode ? namedChildren(argsNode) : [];
  if (isLambdaFunction(name)) return callWithLambdas(name, argNodes, env, range);
  if (argNodes.some((a) => lambdaOf(a))) {
    return unknown(`${name}() with a lambda is not evaluated`, range);
  }
  const args = argNodes.map((a) => evaluate(a, env));
  return callFunction(name, args, range, env.scope);
}

function callWithLambdas(name: string, argNodes: readonly SyntaxNode[], env: Env, range: SourceRange): ValueNode {
  const values: ValueNode[] = [];
  const call: LambdaCall = {
    name,
    range,
    argCount: argNodes.length,
    maxItems: LAMBDA_ITEM_LIMIT,
    charge: () => --env.scope.session.budget >= 0,
    value: (i) => (values[i] ??= evaluate(argNodes[i], env)),
    lambda: (i) => makeLambda(argNodes[i], name, env, range),
  };
  return callLambdaFunction(call);
}

/** Tree positions that can hold the lambda an argument starts with (see Env.lambdaAt). */
const LEFT_OPERAND: Readonly<Record<string, string>> = {
  member_expression: 'object',
  subscript_expression: 'object',
  binary_expression: 'left',
  ternary_expression: 'condition',
};

/**
 * The lambda an argument starts with. tree-sitter-bicep 1.1.0 ends a lambda's body before a
 * postfix chain, so `(c, i) => i.key == 'a' ? c : i` reads as `(((c, i) => i).key == 'a') ? c : i`:
 * the lambda is then the left-most operand, and the whole argument is its body.
 */
function lambdaOf(node: SyntaxNode): SyntaxNode | undefined {
  let n: SyntaxNode | null = node;
  while (n && n.type !== 'lambda_expression') {
    const field: string | undefined = LEFT_OPERAND[n.type];
    n = field ? n.childForFieldName(field) : null;
  }
  return n ?? undefined;
}

/** Variables and body of `x => body` or `(x, y) => body`. */
function lambdaParts(node: SyntaxNode): { params: string[]; body: SyntaxNode } | undefined {
  const arrow = node.children.findIndex((c) => c.type === '=>');
  const body = arrow < 0 ? undefined : node.children.slice(arrow + 1).find((c) => c.isNamed);
  if (!body) return undefined;
  const params: string[] = [];
  for (const c of node.children.slice(0, arrow)) {
    const names = c.type === 'parenthesized_expression' ? namedChildren(c) : c.isNamed ? [c] : [];
    for (const n of names) {
      if (n.type !== 'identifier') return undefined;
      params.push(n.text);
    }
  }
  return { params, body };
}

/** A lambda argument as a function of its variables, which become locals of the body. */
function makeLambda(arg: SyntaxNode | undefined, fn: string, env: Env, range: SourceRange): BicepLambda | UnknownNode {
  const node = arg && lambdaOf(arg);
  const parts = node && lambdaParts(node);
  if (!arg || !node || !parts) return unknown(`${fn}() expects a lambda here`, range);
  return {
    kind: 'lambda',
    params: parts.params,
    apply: (values) => {
      const locals = new Map(env.locals ?? []);
      parts.params.forEach((p, i) => locals.set(p, values[i] ?? unknown(`'${p}' has no value`, range)));
      return evaluate(arg, { ...env, locals, lambdaAt: node.startIndex });
    },
  };
}

function opTreeOptions(env: Env): OpTreeOptions {
  return { lambdaAt: env.lambdaAt, lambdaBody: (n) => lambdaParts(n)?.body, maxDepth: MAX_DEPTH - env.depth };
}

/** Unary, binary and conditional operators, grouped as Bicep groups them (see operators.ts). */
function evaluateOperators(node: SyntaxNode, env: Env): Evaluated {
  return evaluateTree(buildOpTree(node, opTreeOptions(env)), env);
}

function evaluateTree(tree: OpTree, env: Env): Evaluated {
  const range = env.scope.lines.range(tree.start, tree.end);
  if (--env.scope.session.budget < 0) return unknown('the template is too large to evaluate completely', range);
  switch (tree.kind) {
    case 'missing':
      return unknown(tree.reason, range);
    case 'operand':
      return tree.chain.length === 0
        ? evaluateRef(tree.node, env)
        : applyChain(evaluateRef(tree.node, env), tree.node.startIndex, tree.chain, env);
    case 'unary':
      return evaluateUnary(tree.op, finalise(evaluateTree(tree.arg, env)), range);
    case 'binary':
      return evaluateBinary(tree, env, range);
    case 'ternary':
      return evaluateTernary(tree, env, range);
  }
}

function evaluateUnary(op: string, arg: ValueNode, range: SourceRange): ValueNode {
  if (arg.kind === 'unknown') return unknown(arg.reason, range);
  if (op === '!') {
    const b = knownBoolean(arg);
    return b === undefined ? unknown("'!' needs a known boolean", range) : scalar(!b, range);
  }
  if (op === '-' && arg.kind === 'scalar' && typeof arg.value === 'number') return scalar(-arg.value, range);
  return unknown(`the operator '${op}' is not evaluated here`, range);
}

function evaluateBinary(tree: OpTree & { kind: 'binary' }, env: Env, range: SourceRange): ValueNode {
  const op = tree.op;
  const side = (t: OpTree): ValueNode => finalise(evaluateTree(t, env));
  const left = side(tree.left);
  if (op === '??') {
    if (left.kind === 'unknown') return unknown(left.reason, range);
    if (left.kind === 'scalar' && left.value === null) return side(tree.right);
    return left;
  }
  if (op === '&&' || op === '||') {
    const l = knownBoolean(left);
    const short = op === '&&' ? false : true;
    if (l === short) return scalar(short, range);
    const right = side(tree.right);
    const r = knownBoolean(right);
    if (r === short) return scalar(short, range);
    if (l !== undefined && r !== undefined) return scalar(!short, range);
    const why = left.kind === 'unknown' ? left.reason : right.kind === 'unknown' ? right.reason : undefined;
    return unknown(why ?? `'${op}' needs known booleans`, range);
  }
  const right = side(tree.right);
  if (op === '==' || op === '!=' || op === '=~' || op === '!~') {
    const eq = strictEquals(left, right, op === '=~' || op === '!~');
    if (eq === undefined) {
      const why = left.kind === 'unknown' ? left.reason : right.kind === 'unknown' ? right.reason : undefined;
      return unknown(why ?? 'the comparison depends on values only known at deployment', range);
    }
    return scalar(op === '==' || op === '=~' ? eq : !eq, range);
  }
  if (left.kind === 'unknown') return unknown(left.reason, range);
  if (right.kind === 'unknown') return unknown(right.reason, range);
  const a = left.kind === 'scalar' ? left.value : undefined;
  const b = right.kind === 'scalar' ? right.value : undefined;
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+':
        return scalar(a + b, range);
      case '-':
        return scalar(a - b, range);
      case '*':
        return scalar(a * b, range);
      case '/':
        return b === 0 ? unknown('division by zero', range) : scalar(Math.trunc(a / b), range);
      case '%':
        return b === 0 ? unknown('division by zero', range) : scalar(a % b, range);
      case '<':
        return scalar(a < b, range);
      case '<=':
        return scalar(a <= b, range);
      case '>':
        return scalar(a > b, range);
      case '>=':
        return scalar(a >= b, range);
    }
  }
  if (typeof a === 'string' && typeof b === 'string') {
    switch (op) {
      case '<':
        return scalar(a < b, range);
      case '<=':
        return scalar(a <= b, range);
      case '>':
        return scalar(a > b, range);
      case '>=':
        return scalar(a >= b, range);
    }
  }
  return unknown(`'${op}' is not evaluated for these values`, range);
}

function evaluateTernary(tree: OpTree & { kind: 'ternary' }, env: Env, range: SourceRange): Evaluated {
  const cond = finalise(evaluateTree(tree.condition, env));
  const b = knownBoolean(cond);
  if (b === true) return evaluateTree(tree.yes, env);
  if (b === false) return evaluateTree(tree.no, env);
  // Both branches alike: the value is known whatever the condition.
  const yes = finalise(evaluateTree(tree.yes, env));
  const no = finalise(evaluateTree(tree.no, env));
  if (yes.kind === 'scalar' && no.kind === 'scalar' && yes.value === no.value) return scalar(yes.value, range);
  const why =
    cond.kind === 'unknown'
      ? cond.reason
      : cond.kind === 'symbol'
        ? `'${cond.expr}' is only known at deployment`
        : 'the condition is not a boolean';
  return unknown(`depends on a condition that is not known (${why})`, range);
}

/** Bicep `==` is case-sensitive for strings (unlike the model's region-aware comparison). */
function strictEquals(a: ValueNode, b: ValueNode, ignoreCase: boolean): boolean | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  if (a.kind === 'symbol' || b.kind === 'symbol') return valuesEqual(a, b);
  if (a.kind === 'scalar' && b.kind === 'scalar') {
    if (ignoreCase && typeof a.value === 'string' && typeof b.value === 'string') {
      return a.value.toLowerCase() === b.value.toLowerCase();
    }
    return a.value === b.value;
  }
  const pa = JSON.stringify(plainOrUndefined(a));
  const pb = JSON.stringify(plainOrUndefined(b));
  return pa === undefined || pb === undefined ? undefined : pa === pb;
}

function plainOrUndefined(v: ValueNode): unknown {
  if (v.kind === 'scalar') return v.value;
  if (v.kind === 'array') return v.items.map(plainOrUndefined);
  if (v.kind === 'object') return Object.fromEntries(v.properties.map((p) => [p.key, plainOrUndefined(p.value)]));
  return undefined;
}

/** A value loop `[for x in xs: f(x)]`: expanded when the list is known and short. */
function evaluateValueLoop(node: SyntaxNode, env: Env, range: SourceRange): ValueNode {
  const parts = forParts(node);
  if (!parts.body || !parts.iterable) return unknown('this loop could not be read', range);
  const source = evaluate(parts.iterable, env);
  if (source.kind !== 'array') {
    return unknown(source.kind === 'unknown' ? source.reason : 'the loop does not run over a list', range);
  }
  if (source.items.length > MAX_LOOP_ITEMS) return unknown('the loop is too long to expand', range);
  const items = source.items.map((item, i) => {
    const locals = new Map(env.locals ?? []);
    if (parts.itemName) locals.set(parts.itemName, item);
    if (parts.indexName) locals.set(parts.indexName, scalar(i, item.range));
    return evaluate(parts.body, { ...env, locals });
  });
  return arrayNode(items, range);
}
