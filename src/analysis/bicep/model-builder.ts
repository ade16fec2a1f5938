// Turns evaluated scopes into the shared TemplateModel shape: resources (with those of followed
// modules), parameters, variables and outputs of the entry file.
import { getProperty, toPlain } from '../model';
import type { ObjectNode, OutputDecl, ParameterDecl, Resource, ValueNode, VariableDecl } from '../model';
import { conditionValue, resourceLocals } from './declarations';
import { evaluate, envFor } from './expressions';
import type { FileScope, ModuleDecl, OutputDeclSyntax, ParamDecl, ResourceDecl, VarDecl } from './scope';
import { rangeOf } from './scope';
import { namedChildren } from './syntax';
import { knownBoolean, objectNode, scalar } from './values';

/** What a module call adds to every resource it brings in. */
interface CallContext {
  readonly condition?: ValueNode;
  readonly loop?: Resource['loop'];
}

export function collectResources(scope: FileScope, context: CallContext = {}): Resource[] {
  const out: Resource[] = [];
  for (const decl of scope.resourceList) {
    // A defect in evaluating one declaration must cost that resource only, not the file.
    try {
      out.push(toResource(decl, context));
    } catch (e) {
      scope.session.issues.push({
        code: 'internal-error',
        severity: 'warning',
        message: `Resource '${decl.symbol}' could not be analysed: ${e instanceof Error ? e.message : String(e)}`,
        location: { file: scope.file, range: rangeOf(scope, decl.nameNode) },
      });
    }
  }
  for (const m of scope.modules.values()) {
    if (!m.target) continue;
    out.push(...collectResources(m.target, moduleContext(m, context)));
  }
  return out;
}

function moduleContext(m: ModuleDecl, outer: CallContext): CallContext {
  const scope = m.scope;
  const own = conditionValue(scope, m.conditionNode, m.loop?.get()?.locals);
  const info = m.loop?.get();
  const loop = info ? { count: info.count, range: rangeOf(scope, info.forNode) } : undefined;
  return { condition: combineConditions(outer.condition, own), loop: outer.loop ?? loop };
}

/** Both conditions must hold; a known false wins, otherwise the inner one is kept. */
function combineConditions(a: ValueNode | undefined, b: ValueNode | undefined): ValueNode | undefined {
  if (!a) return b;
  if (!b) return a;
  if (knownBoolean(a) === false) return a;
  if (knownBoolean(b) === false) return b;
  if (knownBoolean(a) === true) return b;
  return knownBoolean(b) === true ? a : b;
}

export function toResource(decl: ResourceDecl, context: CallContext = {}): Resource {
  const scope = decl.scope;
  const declRange = rangeOf(scope, decl.nameNode);
  const bodyValue = decl.body?.get();
  const body: ObjectNode = bodyValue?.kind === 'object' ? bodyValue : objectNode([], declRange);
  const info = decl.loop?.get() ?? inheritedLoop(decl);
  const ownLoop = info ? { count: info.count, range: rangeOf(scope, info.forNode) } : undefined;
  const ownCondition = conditionValue(scope, decl.conditionNode, resourceLocals(decl));
  const parent = decl.parent?.get();
  const condition = combineConditions(context.condition, ownCondition);
  const loop = ownLoop ?? context.loop;
  const resource: Resource = {
    id: scope.idPrefix + decl.symbol,
    type: decl.fullType?.get() ?? decl.writtenType,
    apiVersion: decl.apiVersion,
    name: decl.name?.get() ?? scalar(null, declRange),
    location: getProperty(body, 'location')?.value,
    properties: getProperty(body, 'properties')?.value,
    body,
    declRange,
    file: scope.file,
    parentId: parent ? parent.scope.idPrefix + parent.symbol : undefined,
    existing: decl.existing,
    condition,
    loop,
    via: scope.via.length > 0 ? scope.via : undefined,
  };
  return stripUndefined(resource);
}

/** A child nested in a looped parent is deployed once per parent item. */
function inheritedLoop(decl: ResourceDecl): ReturnType<NonNullable<ResourceDecl['loop']>['get']> {
  for (let p = decl.lexicalParent; p; p = p.lexicalParent) {
    const info = p.loop?.get();
    if (info) return info;
  }
  return undefined;
}

function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function collectParameters(scope: FileScope): ParameterDecl[] {
  return [...scope.params.values()].map((p) => parameterDecl(scope, p));
}

export function parameterDecl(scope: FileScope, p: ParamDecl): ParameterDecl {
  const allowed = p.decorators.find((d) => /^@\s*(sys\.)?allowed\b/.test(d.text));
  let allowedValues: unknown[] | undefined;
  if (allowed) {
    const arg = allowed.descendantsOfType('arguments')[0];
    const list = arg ? namedChildren(arg)[0] : undefined;
    const v = list ? evaluate(list, envFor(scope)) : undefined;
    const plain = v ? toPlain(v) : undefined;
    if (Array.isArray(plain)) allowedValues = plain;
  }
  const decl: ParameterDecl = {
    name: p.name,
    type: p.typeNode?.text,
    declRange: rangeOf(scope, p.nameNode),
    defaultValue: p.defaultValue?.get(),
    value: p.value!.get(),
    allowedValues,
  };
  return stripUndefined(decl);
}

export function collectVariables(scope: FileScope): VariableDecl[] {
  return [...scope.vars.values()].map((v) => variableDecl(scope, v));
}

export function variableDecl(scope: FileScope, v: VarDecl): VariableDecl {
  return { name: v.name, declRange: rangeOf(scope, v.nameNode), value: v.value!.get() };
}

export function collectOutputs(scope: FileScope): OutputDecl[] {
  return [...scope.outputs.values()].map((o) => outputDecl(scope, o));
}

export function outputDecl(scope: FileScope, o: OutputDeclSyntax): OutputDecl {
  return { name: o.name, declRange: rangeOf(scope, o.nameNode), value: o.value!.get() };
}
