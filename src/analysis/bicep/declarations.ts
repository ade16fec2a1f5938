// Reads the top-level statements of a Bicep file into a FileScope and wires each declaration's
// lazily evaluated values (parameter values, variable values, resource names, ids and bodies).
import { LineIndex } from '../model';
import type { SourceRange, ValueNode } from '../model';
import { envFor, evaluate, evaluateRef } from './expressions';
import type { Env } from './expressions';
import {
  buildResourceId,
  idScopeForTargetScope,
  isQualifiedType,
  splitTypeReference,
  SUBSCRIPTION_PLACEHOLDER,
} from './resource-ids';
import type { IdScope } from './resource-ids';
import { Lazy, rangeOf } from './scope';
import type {
  FileScope,
  LoopInfo,
  Locals,
  ModuleDecl,
  OutputDeclSyntax,
  ParamDecl,
  ResourceDecl,
  Session,
  VarDecl,
} from './scope';
import { firstChildOfType, forParts, hasToken, ifParts, namedChildren, plainString } from './syntax';
import type { SyntaxNode } from './syntax';
import { formatCallText, joinStrings, quote, scalar, symbol, unknown, withOrigin } from './values';
import type { ModuleCall, Provenance } from '../model';

export interface ScopeOptions {
  readonly via?: readonly ModuleCall[];
  readonly idPrefix?: string;
  readonly argumentOrigin?: (name: string, range: SourceRange) => Provenance;
  /** The lines of `text`, when the caller has them already. */
  readonly lines?: LineIndex;
}

export function createScope(
  file: string,
  text: string,
  root: SyntaxNode,
  session: Session,
  options: ScopeOptions = {},
): FileScope {
  const scope: FileScope = {
    file,
    text,
    lines: options.lines ?? new LineIndex(text),
    session,
    targetScope: 'resourceGroup',
    params: new Map(),
    vars: new Map(),
    resources: new Map(),
    resourceList: [],
    modules: new Map(),
    outputs: new Map(),
    opaque: new Map(),
    via: options.via ?? [],
    idPrefix: options.idPrefix ?? '',
    argumentOrigin: options.argumentOrigin,
  };
  let decorators: SyntaxNode[] = [];
  for (const stmt of namedChildren(root)) {
    if (stmt.type === 'decorators') {
      decorators = namedChildren(stmt);
      continue;
    }
    readStatement(scope, stmt, decorators);
    decorators = [];
  }
  for (const p of scope.params.values()) wireParam(scope, p);
  for (const v of scope.vars.values()) wireVar(scope, v);
  for (const o of scope.outputs.values()) wireOutput(scope, o);
  for (const r of scope.resourceList) wireResource(r);
  for (const m of scope.modules.values()) wireModule(m);
  return scope;
}

function identifierOf(stmt: SyntaxNode): SyntaxNode | undefined {
  return stmt.childForFieldName('name') ?? firstChildOfType(stmt, 'identifier');
}

/** The expression after `=` in a declaration. */
function valueAfterEquals(stmt: SyntaxNode): SyntaxNode | undefined {
  let seenEquals = false;
  for (const c of stmt.children) {
    if (!c.isNamed && c.type === '=') seenEquals = true;
    else if (seenEquals && c.isNamed && c.type !== 'comment') return c;
  }
  return undefined;
}

function readStatement(scope: FileScope, stmt: SyntaxNode, decorators: SyntaxNode[]): void {
  switch (stmt.type) {
    case 'target_scope_assignment': {
      const v = plainString(firstChildOfType(stmt, 'string'), scope.text);
      if (v) scope.targetScope = v;
      return;
    }
    case 'parameter_declaration': {
      const nameNode = identifierOf(stmt);
      if (!nameNode) return;
      const typeNode = firstChildOfType(stmt, 'type') ?? undefined;
      scope.params.set(nameNode.text, {
        name: nameNode.text,
        nameNode,
        typeNode,
        // In a `.bicepparam` file `param x = value` has no type; the value is the assignment.
        defaultNode: valueAfterEquals(stmt),
        decorators,
      });
      return;
    }
    case 'variable_declaration': {
      const nameNode = identifierOf(stmt);
      if (nameNode) scope.vars.set(nameNode.text, { name: nameNode.text, nameNode, valueNode: valueAfterEquals(stmt) });
      return;
    }
    case 'output_declaration': {
      const nameNode = identifierOf(stmt);
      if (nameNode)
        scope.outputs.set(nameNode.text, { name: nameNode.text, nameNode, valueNode: valueAfterEquals(stmt) });
      return;
    }
    case 'resource_declaration':
      readResource(scope, stmt, undefined);
      return;
    case 'module_declaration':
      readModule(scope, stmt);
      return;
    case 'user_defined_function': {
      const n = identifierOf(stmt);
      if (n) scope.opaque.set(n.text, `'${n.text}' is a user-defined function, which is not evaluated`);
      return;
    }
    case 'import_functionality':
    case 'import_statement':
    case 'import_with_statement':
      for (const id of namedChildren(stmt)) {
        if (id.type === 'identifier')
          scope.opaque.set(id.text, `'${id.text}' is imported from another file, which is not read`);
      }
      return;
    default:
      // Types, metadata, `using`, asserts and tests do not affect deployed values.
      return;
  }
}

/** Splits `= value` into the loop, condition and object of a resource or module declaration. */
function declarationValue(stmt: SyntaxNode): { body?: SyntaxNode; condition?: SyntaxNode; forNode?: SyntaxNode } {
  const value = valueAfterEquals(stmt);
  if (!value) return {};
  if (value.type === 'object') return { body: value };
  if (value.type === 'if_statement') {
    const p = ifParts(value);
    return { body: p.body, condition: p.condition };
  }
  if (value.type === 'for_statement') {
    const body = forParts(value).body;
    if (body?.type === 'if_statement') {
      const p = ifParts(body);
      return { body: p.body, condition: p.condition, forNode: value };
    }
    return { body: body?.type === 'object' ? body : undefined, forNode: value };
  }
  return {};
}

function readResource(scope: FileScope, stmt: SyntaxNode, lexicalParent: ResourceDecl | undefined): void {
  const nameNode = identifierOf(stmt);
  const typeNode = firstChildOfType(stmt, 'string');
  if (!nameNode) return;
  const typeText = plainString(typeNode, scope.text) ?? '';
  const { type, apiVersion } = splitTypeReference(typeText);
  const writtenType = lexicalParent && !isQualifiedType(type) ? `${lexicalParent.writtenType}/${type}` : type;
  const { body, condition, forNode } = declarationValue(stmt);
  const symbol = lexicalParent ? `${lexicalParent.symbol}::${nameNode.text}` : nameNode.text;
  const decl: ResourceDecl = {
    kind: 'resource',
    symbol,
    localName: nameNode.text,
    nameNode,
    typeText,
    writtenType,
    apiVersion: apiVersion ?? lexicalParent?.apiVersion,
    existing: hasToken(stmt, 'existing'),
    lexicalParent,
    bodyNode: body,
    conditionNode: condition,
    forNode,
    scope,
    children: new Map(),
  };
  if (lexicalParent) lexicalParent.children.set(nameNode.text, decl);
  else scope.resources.set(nameNode.text, decl);
  scope.resourceList.push(decl);
  if (!body) return;
  for (const prop of namedChildren(body)) {
    if (prop.type !== 'object_property') continue;
    const nested = firstChildOfType(prop, 'resource_declaration');
    if (nested) readResource(scope, nested, decl);
  }
}

function readModule(scope: FileScope, stmt: SyntaxNode): void {
  const nameNode = identifierOf(stmt);
  const pathNode = firstChildOfType(stmt, 'string');
  if (!nameNode || !pathNode) return;
  const { body, condition, forNode } = declarationValue(stmt);
  const decl: ModuleDecl = {
    kind: 'module',
    symbol: nameNode.text,
    nameNode,
    pathText: plainString(pathNode, scope.text),
    pathNode,
    bodyNode: body,
    conditionNode: condition,
    forNode,
    scope,
  };
  scope.modules.set(nameNode.text, decl);
}

// ---------------------------------------------------------------------------------------------
// Lazy values

function cycle(scope: FileScope, node: SyntaxNode, what: string): () => ValueNode {
  return () => unknown(`${what} refers to itself`, rangeOf(scope, node));
}

function wireParam(scope: FileScope, p: ParamDecl): void {
  p.defaultValue = new Lazy<ValueNode | undefined>(
    () => {
      if (!p.defaultNode) return undefined;
      const v = evaluate(p.defaultNode, envFor(scope));
      return withOrigin(v, {
        kind: 'parameterDefault',
        name: p.name,
        location: { file: scope.file, range: rangeOf(scope, p.defaultNode) },
      });
    },
    () => undefined,
  );
  p.value = new Lazy<ValueNode>(
    () => {
      const bound = p.bind?.();
      if (bound) return bound;
      const d = p.defaultValue?.get();
      if (d) return d;
      const nullable = p.typeNode?.text.trim().endsWith('?');
      if (nullable) return scalar(null, rangeOf(scope, p.nameNode));
      // Chosen at deployment; the symbol is the text the compiled ARM template uses.
      return symbol(`parameters(${quote(p.name)})`, rangeOf(scope, p.nameNode));
    },
    cycle(scope, p.nameNode, `parameter '${p.name}'`),
  );
}

function wireVar(scope: FileScope, v: VarDecl): void {
  v.value = new Lazy(() => evaluate(v.valueNode, envFor(scope)), cycle(scope, v.nameNode, `variable '${v.name}'`));
}

function wireOutput(scope: FileScope, o: OutputDeclSyntax): void {
  o.value = new Lazy(() => evaluate(o.valueNode, envFor(scope)), cycle(scope, o.nameNode, `output '${o.name}'`));
}

/**
 * Bindings for one representative iteration: the first item (or `start` of `range(start, n)`)
 * and index 0. Item values that cannot be evaluated are unknown.
 */
export function loopInfo(scope: FileScope, forNode: SyntaxNode, outer: Locals | undefined): LoopInfo {
  const parts = forParts(forNode);
  const locals = new Map(outer ?? []);
  const range = rangeOf(scope, forNode);
  const env: Env = envFor(scope, outer);
  let item: ValueNode = unknown(`the items of the loop are not known`, range);
  let count: ValueNode | undefined;
  const iter = parts.iterable;
  if (iter) {
    const fn = iter.type === 'call_expression' ? iter.childForFieldName('function')?.text : undefined;
    const args = fn === 'range' ? namedChildren(iter.childForFieldName('arguments') ?? iter) : [];
    if (fn === 'range' && args.length === 2) {
      // range(start, count): no need to expand the list to know the first item.
      const start = evaluate(args[0], env);
      count = evaluate(args[1], env);
      item = start.kind === 'scalar' ? start : unknown(start.kind === 'unknown' ? start.reason : 'not a number', range);
    } else {
      const source = evaluate(iter, env);
      if (source.kind === 'array') {
        count = scalar(source.items.length, source.range);
        item = source.items[0] ?? unknown('the loop runs over an empty list', range);
      } else {
        count = source.kind === 'unknown' ? source : undefined;
        item = unknown(source.kind === 'unknown' ? source.reason : 'the loop does not run over a list', range);
      }
    }
  }
  if (parts.itemName) locals.set(parts.itemName, item);
  if (parts.indexName) locals.set(parts.indexName, scalar(0, range));
  return { forNode, locals, count };
}

export function resourceLocals(r: ResourceDecl): Locals | undefined {
  const outer = r.lexicalParent ? resourceLocals(r.lexicalParent) : undefined;
  return r.loop?.get()?.locals ?? outer;
}

export function bodyProperty(r: ResourceDecl | ModuleDecl, key: string): SyntaxNode | undefined {
  if (!r.bodyNode) return undefined;
  for (const prop of namedChildren(r.bodyNode)) {
    if (prop.type !== 'object_property') continue;
    const kids = namedChildren(prop);
    const k = kids[0];
    if (k && (k.type === 'identifier' ? k.text : plainString(k, r.scope.text)) === key) {
      return kids.length >= 2 ? kids[kids.length - 1] : undefined;
    }
  }
  return undefined;
}

function wireResource(r: ResourceDecl): void {
  const scope = r.scope;
  const here = (): SourceRange => rangeOf(scope, r.nameNode);
  r.loop = new Lazy<LoopInfo | undefined>(
    () => {
      const outer = r.lexicalParent ? resourceLocals(r.lexicalParent) : undefined;
      return r.forNode ? loopInfo(scope, r.forNode, outer) : undefined;
    },
    () => undefined,
  );
  const env = (): Env => envFor(scope, resourceLocals(r));
  r.parent = new Lazy<ResourceDecl | undefined>(
    () => {
      if (r.lexicalParent) return r.lexicalParent;
      const parentNode = bodyProperty(r, 'parent');
      if (!parentNode) return undefined;
      const ref = evaluateRef(parentNode, env());
      if (ref.kind !== 'ref' || ref.target.kind !== 'resource') return undefined;
      // `parent:` chains that lead back here (Bicep rejects them) would send every walk up the chain round forever.
      for (let p: ResourceDecl | undefined = ref.target; p; p = p.parent?.get()) if (p === r) return undefined;
      return ref.target;
    },
    () => undefined,
  );
  r.fullType = new Lazy<string>(
    () => {
      const parent = r.parent?.get();
      const type = splitTypeReference(r.typeText).type;
      if (parent && !r.lexicalParent && !isQualifiedType(type))
        return `${parent.fullType?.get() ?? parent.writtenType}/${type}`;
      return r.writtenType;
    },
    () => r.writtenType,
  );
  r.ownName = new Lazy<ValueNode>(
    () => {
      const nameNode = bodyProperty(r, 'name');
      return nameNode ? evaluate(nameNode, env()) : unknown(`resource '${r.symbol}' has no name`, here());
    },
    cycle(scope, r.nameNode, `the name of '${r.symbol}'`),
  );
  r.name = new Lazy<ValueNode>(
    () => {
      const own = r.ownName!.get();
      const parent = r.parent?.get();
      if (!parent) return own;
      const parentName = parent.name?.get() ?? unknown('the parent name is not known', own.range);
      // Compiled ARM writes a child's name as format('{0}/{1}', parent, child).
      const joined = joinStrings(own.range, [parentName, scalar('/', own.range), own], () =>
        formatCallText([parentName, '/', own]),
      );
      return own.origins && joined.kind !== 'unknown' ? { ...joined, origins: own.origins } : joined;
    },
    cycle(scope, r.nameNode, `the name of '${r.symbol}'`),
  );
  r.id = new Lazy<ValueNode>(
    () => {
      const range = here();
      const idScope = resourceIdScope(r, env());
      if (!idScope) return unknown(`the scope of '${r.symbol}' is not known`, range);
      return buildResourceId(range, idScope, r.fullType?.get() ?? r.writtenType, nameSegments(r));
    },
    cycle(scope, r.nameNode, `the id of '${r.symbol}'`),
  );
  r.body = new Lazy<ValueNode>(
    () => (r.bodyNode ? evaluate(r.bodyNode, env()) : unknown('the resource body could not be read', here())),
    cycle(scope, r.nameNode, `resource '${r.symbol}'`),
  );
}

/** Name segments from the root ancestor down: `[vault, key]` for `kv::key`. */
function nameSegments(r: ResourceDecl): ValueNode[] {
  const parent = r.parent?.get();
  const own = r.ownName?.get() ?? unknown('no name', rangeOf(r.scope, r.nameNode));
  return parent ? [...nameSegments(parent), own] : [own];
}

/**
 * Where a resource's id starts: its root ancestor's scope, the `scope:` it is deployed to (a
 * resource group, a subscription, or another resource for extension resources), or the file's
 * target scope.
 */
function resourceIdScope(r: ResourceDecl, env: Env): IdScope | undefined {
  const parent = r.parent?.get();
  if (parent) return resourceIdScope(parent, envFor(parent.scope, resourceLocals(parent)));
  const own = idScopeForTargetScope(r.scope.targetScope);
  const scopeNode = bodyProperty(r, 'scope');
  if (!scopeNode) return own;
  if (scopeNode.type === 'call_expression') {
    const fn = scopeNode.childForFieldName('function')?.text.replace(/^az\./, '');
    const argsNode = scopeNode.childForFieldName('arguments');
    const args = argsNode ? namedChildren(argsNode).map((a) => evaluate(a, env)) : [];
    if (fn === 'resourceGroup' || fn === 'subscription') {
      if (args.length === 0) return idScopeForTargetScope(fn);
      const texts = args.map((a) => (a.kind === 'scalar' && typeof a.value === 'string' ? a.value : undefined));
      if (texts.some((t) => t === undefined)) return undefined;
      const sub = fn === 'subscription' || texts.length === 2 ? texts[0]! : SUBSCRIPTION_PLACEHOLDER;
      const prefix =
        fn === 'subscription'
          ? `/subscriptions/${sub}`
          : `/subscriptions/${sub}/resourceGroups/${texts[texts.length - 1]!}`;
      return {
        prefix,
        foreign: prefix,
        fn: fn === 'subscription' ? 'subscriptionResourceId' : 'resourceId',
        leadingArgs: texts.map((t) => quote(t!)),
      };
    }
    return undefined;
  }
  const target = evaluateRef(scopeNode, env);
  if (target.kind === 'ref' && target.target.kind === 'resource' && !target.collection) {
    // An extension resource (role assignment, lock, ...) lives under the resource it is scoped to.
    const id = target.target.id?.get();
    if (id?.kind === 'scalar' && typeof id.value === 'string') {
      return { prefix: id.value, fn: 'extensionResourceId', leadingArgs: [quote(id.value)] };
    }
    if (id?.kind === 'symbol')
      return { prefix: '', fn: 'extensionResourceId', leadingArgs: [id.expr], symbolicOnly: true };
  }
  return undefined;
}

function wireModule(m: ModuleDecl): void {
  const scope = m.scope;
  m.loop = new Lazy<LoopInfo | undefined>(
    () => (m.forNode ? loopInfo(scope, m.forNode, undefined) : undefined),
    () => undefined,
  );
  m.body = new Lazy<ValueNode>(
    () =>
      m.bodyNode
        ? evaluate(m.bodyNode, envFor(scope, m.loop?.get()?.locals))
        : unknown('the module body could not be read', rangeOf(scope, m.nameNode)),
    cycle(scope, m.nameNode, `module '${m.symbol}'`),
  );
}

export function conditionValue(
  scope: FileScope,
  node: SyntaxNode | undefined,
  locals: Locals | undefined,
): ValueNode | undefined {
  return node ? evaluate(node, envFor(scope, locals)) : undefined;
}
