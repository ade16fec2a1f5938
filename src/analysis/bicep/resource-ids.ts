// Canonical resource id strings, shared shape with the ARM evaluator: deployment-time parts are
// written as placeholders (`{subscriptionId}`, `{resourceGroup}`), so two ids to the same declared
// resource compare equal, and `resourceRef` tells rules which resource an id points at.
import type { ResourceRef, ScalarNode, SourceRange, ValueNode } from '../model';
import { nameText, unknown } from './values';

export const SUBSCRIPTION_PREFIX = '/subscriptions/{subscriptionId}';
export const RESOURCE_GROUP_PREFIX = `${SUBSCRIPTION_PREFIX}/resourceGroups/{resourceGroup}`;

/** Id prefix of resources deployed at a Bicep `targetScope`. */
export function prefixForTargetScope(targetScope: string): string {
  switch (targetScope) {
    case 'subscription':
      return SUBSCRIPTION_PREFIX;
    case 'managementGroup':
      return '/providers/Microsoft.Management/managementGroups/{managementGroup}';
    case 'tenant':
      return '';
    default:
      return RESOURCE_GROUP_PREFIX;
  }
}

/**
 * `prefix/providers/Ns/t1/n1/t2/n2` for a full type `Ns/t1/t2` and names `n1/n2`. `scope` is set
 * when the prefix is not the deployment's own resource group.
 */
export function buildResourceId(
  range: SourceRange,
  prefix: string,
  fullType: string,
  names: readonly ValueNode[],
  scope?: string,
): ValueNode {
  const texts: string[] = [];
  for (const n of names) {
    if (n.kind === 'unknown') return unknown(range, n.reason);
    const t = nameText(n);
    if (t === undefined) return unknown(range, 'the resource name is not a string');
    texts.push(t);
  }
  const typeSegments = fullType.split('/');
  const namespace = typeSegments[0] ?? '';
  const types = typeSegments.slice(1);
  let segments = texts;
  // A child declared at top level writes its name as `parent/child` in one string.
  if (segments.length !== types.length) segments = texts.join('/').split('/');
  const name = segments.join('/');
  let id: string;
  if (fullType.toLowerCase() === 'microsoft.resources/resourcegroups' && segments.length === 1) {
    id = `${SUBSCRIPTION_PREFIX}/resourceGroups/${name}`;
  } else if (segments.length === types.length) {
    id = `${prefix}/providers/${namespace}/${types.map((t, i) => `${t}/${segments[i]}`).join('/')}`;
  } else {
    id = `${prefix}/providers/${fullType}/${name}`;
  }
  const resourceRef: ResourceRef = scope ? { type: fullType, name, scope } : { type: fullType, name };
  const node: ScalarNode = { kind: 'scalar', range, value: id, resourceRef };
  return node;
}

/** Splits `Microsoft.X/y@2024-01-01` into type and API version. */
export function splitTypeReference(text: string): { type: string; apiVersion?: string } {
  const at = text.indexOf('@');
  if (at < 0) return { type: text };
  return { type: text.slice(0, at), apiVersion: text.slice(at + 1) };
}

/** A type string written with its provider namespace (`Microsoft.X/y`), as opposed to a child's relative `keys`. */
export function isQualifiedType(type: string): boolean {
  const first = type.split('/')[0] ?? '';
  return first.includes('.') && type.includes('/');
}
