// Canonical resource ids, the same values the ARM evaluator gives for the compiled template:
// deployment-time parts are placeholders (`{subscriptionId}`, `{rg}`), so two ids of one declared
// resource compare equal, and `resourceRef` tells rules which resource an id points at. When a
// name is only known symbolically the id is the symbol of the `resourceId(...)` call Bicep emits.
import type { ResourceRef, ScalarNode, SourceRange, ValueNode } from '../model';
import { nameText, quote, renderArgument, symbol, unknown } from './values';

/** Placeholders for the deployment's own scope; they match the ARM evaluator's. */
export const SUBSCRIPTION_PLACEHOLDER = '{subscriptionId}';
export const RESOURCE_GROUP_PLACEHOLDER = '{rg}';
export const SUBSCRIPTION_PREFIX = `/subscriptions/${SUBSCRIPTION_PLACEHOLDER}`;
export const RESOURCE_GROUP_PREFIX = `${SUBSCRIPTION_PREFIX}/resourceGroups/${RESOURCE_GROUP_PLACEHOLDER}`;

/** Where an id starts and how the compiled template would write the id call. */
export interface IdScope {
  readonly prefix: string;
  /** Set when the scope is not the deployment's own (another resource group or subscription). */
  readonly foreign?: string;
  /** The id function and its leading scope arguments, e.g. `resourceId('rg', ` → `resourceId`, [`'rg'`]. */
  readonly fn: string;
  readonly leadingArgs: readonly string[];
  /** The prefix is itself only known symbolically: ids are always the symbolic call. */
  readonly symbolicOnly?: boolean;
}

export function idScopeForTargetScope(targetScope: string): IdScope {
  switch (targetScope) {
    case 'subscription':
      return { prefix: SUBSCRIPTION_PREFIX, fn: 'subscriptionResourceId', leadingArgs: [] };
    case 'managementGroup':
    case 'tenant':
      return { prefix: '', fn: 'tenantResourceId', leadingArgs: [] };
    default:
      return { prefix: RESOURCE_GROUP_PREFIX, fn: 'resourceId', leadingArgs: [] };
  }
}

/** `prefix/providers/Ns/t1/n1/t2/n2` for a full type `Ns/t1/t2` and name segments `n1`, `n2`. */
export function buildResourceId(
  range: SourceRange,
  scope: IdScope,
  fullType: string,
  names: readonly ValueNode[],
): ValueNode {
  const texts: string[] = [];
  for (const n of names) {
    if (n.kind === 'unknown') return unknown(n.reason, range);
    texts.push(nameText(n) ?? '');
  }
  if (scope.symbolicOnly || names.some((n) => n.kind !== 'scalar')) {
    const args = names.map(renderArgument);
    if (args.some((a) => a === undefined)) return unknown('the resource name is not fully known', range);
    return symbol(`${scope.fn}(${[...scope.leadingArgs, quote(fullType), ...(args as string[])].join(', ')})`, range);
  }
  const types = fullType.split('/').slice(1);
  const namespace = fullType.split('/')[0] ?? '';
  // A child declared at top level writes its name as `parent/child` in one string.
  const segments = texts.length === types.length ? texts : texts.join('/').split('/');
  const name = segments.join('/');
  const path =
    segments.length === types.length
      ? `${namespace}/${types.map((t, i) => `${t}/${segments[i]}`).join('/')}`
      : `${fullType}/${name}`;
  const resourceRef: ResourceRef = scope.foreign
    ? { type: fullType, name, scope: scope.foreign }
    : { type: fullType, name };
  const node: ScalarNode = { kind: 'scalar', range, value: `${scope.prefix}/providers/${path}`, resourceRef };
  return node;
}

/** Splits `Microsoft.X/y@2024-01-01` into type and API version. */
export function splitTypeReference(text: string): { type: string; apiVersion?: string } {
  const at = text.indexOf('@');
  if (at < 0) return { type: text };
  return { type: text.slice(0, at), apiVersion: text.slice(at + 1) };
}

/** A type written with its provider namespace (`Microsoft.X/y`), as opposed to a child's relative `keys`. */
export function isQualifiedType(type: string): boolean {
  const first = type.split('/')[0] ?? '';
  return first.includes('.') && type.includes('/');
}
