import type { ModuleCall, ObjectNode, OutputDecl, Resource, SourceRange, ValueNode } from '../model';
import { getPath, getProperty, LineIndex, stringValue, valuesOf, withParent } from '../model';
import { EvaluationState, type EvalEnv } from './evaluationContext';
import { evaluateJson, expandCopy } from './evaluator';
import { truthOf } from './expression/functions';
import { mergeOrigins, objectNode, scalar, unknown } from './expression/values';
import type { JsonNode, JsonObject } from './json/jsonTree';
import { jsonString, jsonValue, parseJsonTree } from './json/jsonTree';
import { looksBinary } from './fileKind';
import { resolveRelativeTo } from './paths';
import { TemplateScope, type SuppliedParameter } from './templateScope';

const DEPLOYMENTS_TYPE = 'microsoft.resources/deployments';
const INNER_SCOPE_REASON = "evaluated in the nested deployment's own scope";

/** Collects resources of a file and of the nested and linked deployments it declares. */
export class ResourceCollector {
  readonly resources: Resource[] = [];
  /** Linked template files read, with their texts (for the model's `sources`). */
  readonly linkedSources = new Map<string, string>();
  /** Evaluation states of linked files, whose issues belong to the model too. */
  readonly linkedStates: EvaluationState[] = [];
  /** Linked template paths that were referenced but not available. */
  readonly wantedLinks = new Set<string>();
  private readonly usedIds = new Set<string>();
  /** Set once an id needed a `#n` suffix: ids then depend on declaration order. */
  renumbered = false;

  /** @param linkedTemplates texts of local linked templates (`templateLink.relativePath`) by resolved path */
  constructor(readonly linkedTemplates: ReadonlyMap<string, string> = new Map()) {}

  /** A unique id: the symbolic name, else `type/name`, with `#n` added when already taken. */
  uniqueId(base: string): string {
    let id = base;
    for (let n = 2; this.usedIds.has(id.toLowerCase()); n++) {
      id = `${base}#${n}`;
      this.renumbered = true;
    }
    this.usedIds.add(id.toLowerCase());
    return id;
  }

  /** Marks ids as taken (the resources of a template that is read again in part). */
  reserve(ids: Iterable<string>): void {
    for (const id of ids) this.usedIds.add(id.toLowerCase());
  }
}

/** The deployments a template body is read through (none for the entry template). */
export interface DeploymentContext {
  readonly via: readonly ModuleCall[];
  readonly depth: number;
  /** The enclosing deployments' condition: their resources deploy only when it holds. */
  readonly condition?: ValueNode;
  readonly loop?: Resource['loop'];
}

export const ENTRY_TEMPLATE: DeploymentContext = { via: [], depth: 0 };

/** Both conditions must hold; known when either is false or both are known. */
function bothConditions(own: ValueNode | undefined, inherited: ValueNode | undefined): ValueNode | undefined {
  if (!inherited) return own;
  if (!own) return inherited;
  const a = truthOf(own);
  const b = truthOf(inherited);
  if (a === false || b === true) return own;
  if (b === false || a === true) return inherited;
  const reason =
    own.kind === 'unknown'
      ? own.reason
      : inherited.kind === 'unknown'
        ? inherited.reason
        : 'the conditions are only known at deployment';
  return unknown(reason, own.range, mergeOrigins([own, inherited]));
}

interface ParentInfo {
  readonly id: string;
  readonly type: string;
  readonly name: ValueNode;
  /** How many parents above this one: bounds the recursion on hostile nesting. */
  readonly depth: number;
}

/** ARM resource types have a handful of levels; anything deeper is not a real template. */
const MAX_CHILD_DEPTH = 32;

/** One entry of a template's `resources`: an array item, or a symbolic name and its body. */
export interface ResourceElement {
  readonly json: JsonNode;
  readonly symbolicName?: string;
}

/** The entries of a template body's `resources` (array or symbolic-name object), in order. */
export function resourceElements(template: JsonNode): ResourceElement[] {
  const section = jsonValue(template, 'resources');
  if (section?.type === 'array') return section.items.map((json) => ({ json }));
  // languageVersion 2.0 (Bicep output): resources keyed by symbolic name.
  if (section?.type === 'object') {
    return section.properties.flatMap((p) => (p.value ? [{ json: p.value, symbolicName: p.key }] : []));
  }
  return [];
}

/** Reads the `resources` of a template body (array or symbolic-name object) in `env`. */
export function readResources(
  template: JsonNode,
  env: EvalEnv,
  collector: ResourceCollector,
  context: DeploymentContext,
): void {
  for (const e of resourceElements(template)) readResourceElement(e, env, collector, context);
}

/** Reads one top-level entry of `resources` with its children and nested deployments. */
export function readResourceElement(
  element: ResourceElement,
  env: EvalEnv,
  collector: ResourceCollector,
  context: DeploymentContext,
): void {
  readResource(element.json, element.symbolicName, undefined, env, collector, context);
}

function readResource(
  json: JsonNode,
  symbolicName: string | undefined,
  parent: ParentInfo | undefined,
  outerEnv: EvalEnv,
  collector: ResourceCollector,
  context: DeploymentContext,
): void {
  const state = outerEnv.state;
  const via = context.via;
  if (json.type !== 'object') {
    state.report('invalid-resource', 'A resource must be an object.', state.range(json.offset, json.length));
    return;
  }
  const typeNode = jsonValue(json, 'type');
  const writtenType = jsonString(typeNode);
  if (!typeNode || writtenType === undefined || writtenType === '') {
    state.report('invalid-resource', "A resource has no 'type'.", state.range(json.offset, Math.min(json.length, 1)));
    return;
  }
  const declRange = state.range(typeNode.offset, typeNode.length);
  // A nested child may give its full type (`Microsoft.X/parents/children`) or just its own segment.
  const type = parent && !isQualifiedType(writtenType) ? `${parent.type}/${writtenType}` : writtenType;

  // A resource loop is read once, for a representative item (the first).
  const copy = jsonValue(json, 'copy');
  let env = outerEnv;
  let loop: Resource['loop'];
  if (copy?.type === 'object') {
    const loopName = jsonString(jsonValue(copy, 'name')) ?? '';
    const countNode = jsonValue(copy, 'count');
    const copyIndexes = new Map(outerEnv.copyIndexes);
    copyIndexes.set('', 0);
    if (loopName) copyIndexes.set(loopName.toLowerCase(), 0);
    env = { ...outerEnv, copyIndexes };
    loop = {
      count: countNode ? evaluateJson(countNode, outerEnv) : undefined,
      range: state.range(copy.offset, copy.length),
    };
  }

  // An inner-scoped nested template is evaluated with its own parameters, not here.
  const isDeployment = type.toLowerCase() === DEPLOYMENTS_TYPE;
  const properties = jsonValue(json, 'properties');
  const innerTemplate = isDeployment ? jsonValue(properties, 'template') : undefined;
  const innerScope =
    jsonString(jsonValue(jsonValue(properties, 'expressionEvaluationOptions'), 'scope'))?.toLowerCase() === 'inner';
  if (innerTemplate && innerScope) {
    env = { ...env, foreignSubtrees: new Map([[innerTemplate, INNER_SCOPE_REASON]]) };
  }

  const evaluated = evaluateJson(json, env);
  const body: ObjectNode = evaluated.kind === 'object' ? evaluated : objectNode([], evaluated.range);
  const writtenName = getProperty(body, 'name')?.value ?? unknown('the resource has no name', declRange);
  const name = parent && type !== writtenType ? joinNames(parent.name, writtenName) : writtenName;
  const nameText =
    stringValue(name) ?? (name.kind === 'symbol' ? `[${name.expr}]` : (jsonString(jsonValue(json, 'name')) ?? '?'));
  const id = collector.uniqueId(symbolicName ?? `${type}/${nameText}`);
  const condition = bothConditions(getProperty(body, 'condition')?.value, context.condition);
  const existingNode = jsonValue(json, 'existing');

  const resource: Resource = {
    id,
    type,
    apiVersion: jsonString(jsonValue(json, 'apiVersion')),
    name,
    location: getProperty(body, 'location')?.value,
    properties: getProperty(body, 'properties')?.value,
    body,
    declRange,
    file: state.file,
    parentId: parent?.id,
    // Only Bicep output (languageVersion 2.0) marks references as `existing`.
    existing: existingNode?.type === 'boolean' && existingNode.value === true,
    condition,
    // Resources of a deployment in a loop are deployed once per iteration.
    loop: loop ?? context.loop,
    via: via.length > 0 ? via : undefined,
  };
  collector.resources.push(resource);

  const children = jsonValue(json, 'resources');
  if (children?.type === 'array') {
    const self: ParentInfo = { id, type, name, depth: (parent?.depth ?? 0) + 1 };
    if (self.depth > MAX_CHILD_DEPTH) {
      state.report(
        'too-deep',
        `Child resources nested more than ${MAX_CHILD_DEPTH} levels deep are not read.`,
        declRange,
      );
    } else {
      for (const child of children.items) readResource(child, undefined, self, env, collector, context);
    }
  }

  if (!isDeployment) return;
  const callRange = nameRange(json, state) ?? declRange;
  const linkPath = innerTemplate ? undefined : linkedTemplatePath(body, json, state);
  if (innerTemplate?.type !== 'object' && linkPath === undefined) return;
  const call: ModuleCall = {
    name: stringValue(name) ?? nameText,
    location: { file: state.file, range: callRange },
    targetFile: linkPath ?? state.file,
  };
  if (context.depth >= state.limits.maxDeploymentDepth) {
    state.tooComplex(
      callRange,
      `nested deployments deeper than ${state.limits.maxDeploymentDepth} levels are not read`,
    );
    return;
  }
  const inner: DeploymentContext = { via: [...via, call], depth: context.depth + 1, condition, loop: resource.loop };
  if (innerTemplate?.type === 'object') {
    readNestedTemplate(innerTemplate, innerScope, properties, env, collector, inner);
  } else if (linkPath !== undefined) {
    readLinkedTemplate(linkPath, properties, env, collector, inner, callRange);
  }
}

/**
 * The local file a deployment links to through `templateLink.relativePath`, resolved against the
 * linking file; templates linked by URI are reported as not followed.
 */
function linkedTemplatePath(body: ObjectNode, json: JsonNode, state: EvaluationState): string | undefined {
  const link = getPath(body, 'properties', 'templateLink');
  if (!link) return undefined;
  const relative = stringValue(getPath(link, 'relativePath')) ?? besideDeployingTemplate(getPath(link, 'uri'));
  if (relative !== undefined) return resolveRelativeTo(state.file, relative);
  const at = jsonValue(jsonValue(json, 'properties'), 'templateLink');
  const range = at ? state.range(at.offset, at.length) : state.range(json.offset, 1);
  state.report(
    'linked-template',
    'Linked template not analysed: only links to files next to this template are followed.',
    range,
    'info',
  );
  return undefined;
}

/**
 * Quickstart-style links, `uri(deployment().properties.templateLink.uri, 'nested/x.json')`
 * (often through an `_artifactsLocation` parameter), name a file next to the deploying template.
 */
function besideDeployingTemplate(uri: ValueNode | undefined): string | undefined {
  if (uri?.kind !== 'symbol') return undefined;
  const m = /^uri\(deployment\(\)\.properties\.templateLink\.uri, '((?:[^']|'')*)'\)$/.exec(uri.expr);
  const relative = m?.[1]?.replace(/''/g, "'");
  // A SAS token or query string is not part of the file name.
  return relative?.split('?')[0] || undefined;
}

function readLinkedTemplate(
  path: string,
  deploymentProperties: JsonNode | undefined,
  outerEnv: EvalEnv,
  collector: ResourceCollector,
  context: DeploymentContext,
  callRange: SourceRange,
): void {
  const text = collector.linkedTemplates.get(path);
  if (text === undefined) {
    collector.wantedLinks.add(path);
    outerEnv.state.report('linked-template', `Linked template '${path}' was not read.`, callRange, 'info');
    return;
  }
  const state = new EvaluationState(path, new LineIndex(text), outerEnv.state.limits, outerEnv.state.deadline);
  collector.linkedStates.push(state);
  collector.linkedSources.set(path, text);
  if (looksBinary(text)) {
    state.report('skipped', 'Binary file: not analysed.', state.range(0, 0), 'info');
    return;
  }
  const { root, errors } = parseJsonTree(text);
  for (const e of errors)
    state.report('parse-error', `Invalid JSON: ${e.message}.`, state.range(e.offset, e.length), 'error');
  if (!root) return;
  // Linked templates always have their own scope: only the deployment's parameters reach them.
  const supplied = suppliedArguments(deploymentProperties, outerEnv);
  const scope = new TemplateScope(state, jsonValue(root, 'parameters'), jsonValue(root, 'variables'), supplied);
  readResources(root, { state, scope, copyIndexes: new Map() }, collector, context);
}

/** A deployment's `properties.parameters`, evaluated in the calling scope. */
function suppliedArguments(
  deploymentProperties: JsonNode | undefined,
  outerEnv: EvalEnv,
): Map<string, SuppliedParameter> {
  const state = outerEnv.state;
  const supplied = new Map<string, SuppliedParameter>();
  const args = jsonValue(deploymentProperties, 'parameters');
  if (args?.type !== 'object') return supplied;
  for (const p of args.properties) {
    if (!p.value) continue;
    const valueJson = jsonValue(p.value, 'value');
    const at = valueJson ?? p.value;
    const location = { file: state.file, range: state.range(at.offset, at.length) };
    const value = valueJson
      ? evaluateJson(valueJson, { ...outerEnv, foreignSubtrees: undefined })
      : unknown(`parameter '${p.key}' is a Key Vault reference, read at deployment`, location.range);
    supplied.set(p.key.toLowerCase(), { value, provenance: { kind: 'moduleArgument', name: p.key, location } });
  }
  return supplied;
}

/** A type that starts with its provider namespace (`Microsoft.X/y`), unlike a child's own `keys`. */
function isQualifiedType(type: string): boolean {
  // String operations rather than a regular expression: types are untrusted and may be huge.
  const slash = type.indexOf('/');
  return slash > 0 && type.lastIndexOf('.', slash) > 0;
}

/** `parent/child` when both parts are known; otherwise unknown with the reason of the unknown part. */
function joinNames(parentName: ValueNode, childName: ValueNode): ValueNode {
  const origins = mergeOrigins([childName, parentName]);
  const p = stringValue(parentName);
  const c = stringValue(childName);
  if (p !== undefined && c !== undefined) return scalar(`${p}/${c}`, childName.range, origins);
  const missing = p === undefined ? parentName : childName;
  const reason = missing.kind === 'unknown' ? missing.reason : 'the name is only known at deployment';
  return unknown(reason, childName.range, origins);
}

function nameRange(json: JsonNode, state: EvaluationState): SourceRange | undefined {
  const n = jsonValue(json, 'name');
  return n ? state.range(n.offset, n.length) : undefined;
}

function readNestedTemplate(
  template: JsonObject,
  innerScope: boolean,
  deploymentProperties: JsonNode | undefined,
  outerEnv: EvalEnv,
  collector: ResourceCollector,
  context: DeploymentContext,
): void {
  if (!innerScope) {
    // Outer scope: the nested template sees the parent's parameters and variables.
    readResources(template, { ...outerEnv, foreignSubtrees: undefined }, collector, context);
    return;
  }
  const state = outerEnv.state;
  const supplied = suppliedArguments(deploymentProperties, outerEnv);
  const scope = new TemplateScope(state, jsonValue(template, 'parameters'), jsonValue(template, 'variables'), supplied);
  readResources(template, { state, scope, copyIndexes: new Map() }, collector, context);
}

/** Outputs of the entry template. */
export function readOutputs(template: JsonNode, env: EvalEnv): OutputDecl[] {
  const section = jsonValue(template, 'outputs');
  if (section?.type !== 'object') return [];
  const state = env.state;
  const out: OutputDecl[] = [];
  for (const p of section.properties) {
    if (!p.value) continue;
    const declRange = state.range(p.keyOffset, p.keyLength);
    const copy = jsonValue(p.value, 'copy');
    const valueJson = jsonValue(p.value, 'value');
    let value: ValueNode;
    if (copy?.type === 'object') value = expandCopy(copy, p.key, env, 1);
    else if (valueJson) value = evaluateJson(valueJson, env);
    else value = unknown(`output '${p.key}' has no value`, declRange);
    out.push({ name: p.key, declRange, value });
  }
  return out;
}

/**
 * Child resources declared at the top level (`"type": "Microsoft.KeyVault/vaults/keys"`,
 * `"name": "kv/key"`) get the declared parent they name, so rules find children the same way
 * however they were written.
 */
export function linkTopLevelChildren(resources: Resource[]): Resource[] {
  const byTypeAndName = new Map<string, Resource>();
  for (const r of resources) {
    const n = stringValue(valuesOf(r).name);
    if (n !== undefined) byTypeAndName.set(`${r.type}|${n}`.toLowerCase(), r);
  }
  return resources.map((r) => {
    if (r.parentId !== undefined) return r;
    const typeParts = r.type.split('/');
    const n = stringValue(valuesOf(r).name);
    if (typeParts.length < 3 || n === undefined) return r;
    const nameParts = n.split('/');
    if (nameParts.length !== typeParts.length - 1) return r;
    const parent = byTypeAndName.get(
      `${typeParts.slice(0, -1).join('/')}|${nameParts.slice(0, -1).join('/')}`.toLowerCase(),
    );
    return parent ? withParent(r, parent.id) : r;
  });
}
