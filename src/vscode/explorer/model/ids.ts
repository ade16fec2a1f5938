/** Tree ids: ARM ids lower-cased (ARM is case-insensitive), synthetic nodes add a `#suffix`. */

export function armNodeId(armId: string): string {
  return armId.toLowerCase();
}

export function subscriptionNodeId(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId}`.toLowerCase();
}

export function syntheticId(parentId: string, suffix: string): string {
  return `${parentId}#${suffix.toLowerCase()}`;
}

export function errorNodeId(parentId: string): string {
  return syntheticId(parentId, 'error');
}

export function loadMoreNodeId(parentId: string): string {
  return syntheticId(parentId, 'loadmore');
}

/** The resource group segment of an ARM id, as written there. */
export function resourceGroupOf(armId: string): string | undefined {
  return /\/resourceGroups\/([^/]+)/i.exec(armId)?.[1];
}

export function subscriptionOf(armId: string): string | undefined {
  return /^\/subscriptions\/([^/]+)/i.exec(armId)?.[1];
}

/** Last segment of an ARM id or URL path. */
export function lastSegment(id: string): string {
  const parts = id.split('/').filter((p) => p.length > 0);
  return parts[parts.length - 1] ?? id;
}
