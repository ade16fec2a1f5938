// ARM resource id helpers.

export interface ParsedResourceId {
  subscriptionId: string;
  resourceGroup: string;
  provider: string;
  /** Resource type segments, e.g. ['virtualMachines', 'extensions']. */
  types: string[];
  names: string[];
}

export function parseResourceId(id: string): ParsedResourceId | undefined {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/(.+)$/i.exec(id);
  if (!m) return undefined;
  const rest = (m[4] ?? '').split('/');
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    types.push(rest[i] ?? '');
    names.push(rest[i + 1] ?? '');
  }
  return { subscriptionId: m[1] ?? '', resourceGroup: m[2] ?? '', provider: m[3] ?? '', types, names };
}

export function rgId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

export function providerId(subscriptionId: string, resourceGroup: string, provider: string, ...rest: string[]): string {
  return `${rgId(subscriptionId, resourceGroup)}/providers/${provider}/${rest.join('/')}`;
}

export function vaultUri(name: string): string {
  return `https://${name.toLowerCase()}.vault.azure.net/`;
}

export function sameId(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
}

/** Deterministic hex string (FNV-1a based) for ids, versions and GUIDs that must be stable across runs. */
export function stableHex(input: string, length = 32): string {
  let out = '';
  let h = 0x811c9dc5;
  let i = 0;
  while (out.length < length) {
    for (const ch of `${input}#${i}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
    i++;
  }
  return out.slice(0, length);
}

export function stableGuid(input: string): string {
  const h = stableHex(input, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
