/** ARM resource id helpers. Ids are compared case-insensitively everywhere because ARM ids are. */

export interface ParsedResourceId {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  /** e.g. `Microsoft.Compute` */
  readonly provider: string;
  /** e.g. `virtualMachines` */
  readonly type: string;
  readonly name: string;
}

const ID_PATTERN = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/([^/]+)\/([^/]+)/i;

/** Parses the top-level resource part of an ARM id; child segments after the name are ignored. */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  const m = ID_PATTERN.exec(id.trim());
  if (!m) return undefined;
  const [, subscriptionId, resourceGroup, provider, type, name] = m;
  if (!subscriptionId || !resourceGroup || !provider || !type || !name) return undefined;
  return { subscriptionId, resourceGroup, provider, type, name };
}

/** Like `parseResourceId` but throws a plain-language error, for ids the caller must supply. */
export function requireResourceId(id: string, what: string): ParsedResourceId {
  const parsed = parseResourceId(id);
  if (!parsed) throw new Error(`${what} '${id}' is not a valid Azure resource id.`);
  return parsed;
}

export function sameId(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

export function normalizeId(id: string): string {
  return id.toLowerCase();
}

/** Location names come as `West Europe` or `westeurope`; the CLI compares them without spaces, lower-cased. */
export function sameLocation(a: string | undefined, b: string | undefined): boolean {
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  return !!a && !!b && norm(a) === norm(b);
}

export function vaultResourceId(subscriptionId: string, resourceGroup: string, vaultName: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.KeyVault/vaults/${vaultName}`;
}

export interface ParsedKeyVaultItemUrl {
  readonly vaultUrl: string;
  readonly vaultName: string;
  readonly kind: 'keys' | 'secrets';
  readonly name: string;
  readonly version: string | undefined;
}

/** Parses `https://<vault>.<suffix>/keys/<name>[/<version>]` (also `/secrets/`). */
export function parseKeyVaultItemUrl(url: string): ParsedKeyVaultItemUrl | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const parts = u.pathname.split('/').filter((p) => p.length > 0);
  const [kind, name, version] = parts;
  if ((kind !== 'keys' && kind !== 'secrets') || !name || parts.length > 3) return undefined;
  const vaultName = u.hostname.split('.')[0] ?? '';
  return { vaultUrl: `${u.protocol}//${u.host}/`, vaultName, kind, name, version: version || undefined };
}

/** ADE needs versioned KEK URLs (docs: "Your key vault KEK URLs must be versioned"). */
export function isVersionedKeyUrl(url: string): boolean {
  const parsed = parseKeyVaultItemUrl(url);
  return !!parsed && parsed.kind === 'keys' && !!parsed.version;
}
