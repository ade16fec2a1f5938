import type { ObjectNode, Resource, ValueNode } from '../model';
import { stringValue, valuesOf } from '../model';

/**
 * Groups a model's resources into components: sets of resources that rules may read together.
 * Two resources are related when one points at the other (a resource id, a symbolic reference,
 * a Key Vault URL naming a vault or key), when one is the other's parent (declared or by name),
 * or when they declare the same type and name (an `existing` reference and its declaration). A
 * child whose parent is not declared may belong to any resource of the parent type, so it joins
 * them all.
 *
 * Rules only look across these relations, so the findings about a resource depend only on its
 * component: after an edit, only the components that contain a changed resource are linted again.
 * (A property test lints every fixture both ways to hold the rules to that.)
 */
export interface Components {
  /** Component number of each resource id. */
  readonly of: ReadonlyMap<string, number>;
  /** Resource ids of each component. */
  readonly members: ReadonlyMap<number, readonly string[]>;
}

export function computeComponents(resources: readonly Resource[]): Components {
  const keys = resources.map(keysOf);
  // A child naming a parent that is not declared is an orphan too: rules treat it as possibly
  // belonging to any resource of the parent type (a VM renamed away from its extensions).
  const owned = new Set<string>();
  for (const k of keys) for (const key of k.own) owned.add(key);
  const orphanOf = keys.map((k) =>
    k.parentByName !== undefined && !owned.has(k.parentByName.key) ? WILDCARD + k.parentByName.type : undefined,
  );
  // A wildcard joins all resources of a type, but only when some orphan child asks for it.
  const wanted = new Set<string>();
  for (const k of keys) for (const ref of k.refs) if (ref.startsWith(WILDCARD)) wanted.add(ref);
  for (const w of orphanOf) if (w !== undefined) wanted.add(w);

  const uf = new UnionFind(resources.length);
  const firstWithKey = new Map<string, number>();
  const join = (key: string, i: number): void => {
    const j = firstWithKey.get(key);
    if (j === undefined) firstWithKey.set(key, i);
    else uf.union(i, j);
  };
  resources.forEach((r, i) => {
    for (const key of keys[i]!.own) join(key, i);
    const wildcard = WILDCARD + r.type.toLowerCase();
    if (wanted.has(wildcard)) join(wildcard, i);
  });
  resources.forEach((_, i) => {
    for (const key of keys[i]!.refs) join(key, i);
    const orphan = orphanOf[i];
    if (orphan !== undefined) join(orphan, i);
  });

  const of = new Map<string, number>();
  const members = new Map<number, string[]>();
  resources.forEach((r, i) => {
    const c = uf.find(i);
    of.set(r.id, c);
    const list = members.get(c);
    if (list) list.push(r.id);
    else members.set(c, [r.id]);
  });
  return { of, members };
}

const WILDCARD = '*:';

interface ResourceKeys {
  /** Keys naming this resource. */
  readonly own: readonly string[];
  /** Keys of the resources it points at or belongs to. */
  readonly refs: readonly string[];
  /** The parent a child names (`<parent type>|<name>`), to tell whether it is declared. */
  readonly parentByName?: { readonly key: string; readonly type: string };
}

/**
 * Keys per resource body. A resource moved after an edit gets its old entry (see
 * `carryBodyRefs`); only its parent link can differ (a renamed parent), so that is checked.
 */
const keyCache = new WeakMap<
  ObjectNode,
  { readonly id: string; readonly parentId?: string; readonly keys: ResourceKeys }
>();

function keysOf(r: Resource): ResourceKeys {
  // A moved resource is read through the one it was moved from: same values, nothing built.
  const body = valuesOf(r).body;
  const hit = keyCache.get(body);
  if (hit && hit.id === r.id && hit.parentId === r.parentId) return hit.keys;
  const keys = computeKeys(r, valuesOf(r));
  keyCache.set(body, { id: r.id, parentId: r.parentId, keys });
  return keys;
}

/**
 * Lets `to`, a copy of `from` moved after an edit, reuse the keys found for `from` (moving
 * changes ranges, never references).
 */
export function carryBodyRefs(from: Resource, to: Resource): void {
  const a = valuesOf(from).body;
  const b = valuesOf(to).body;
  const hit = keyCache.get(a);
  if (hit && a !== b) keyCache.set(b, hit);
}

function computeKeys(r: Resource, values: Resource): ResourceKeys {
  const type = r.type.toLowerCase();
  const own = [`id:${r.id}`];
  const name = stringValue(values.name)?.toLowerCase();
  if (name !== undefined) own.push(`${type}|${name}`);
  else if (values.name.kind === 'symbol') own.push(`${type}|=${values.name.expr}`);

  const refs = [...bodyRefs(values.body)];
  if (r.parentId !== undefined) refs.push(`id:${r.parentId}`);
  const segments = type.split('/');
  let parentByName: ResourceKeys['parentByName'];
  if (segments.length > 2) {
    const parentType = segments.slice(0, -1).join('/');
    const slash = name?.lastIndexOf('/') ?? -1;
    if (name !== undefined && slash > 0) {
      parentByName = { key: `${parentType}|${name.slice(0, slash)}`, type: parentType };
      refs.push(parentByName.key);
    } else if (r.parentId === undefined) refs.push(WILDCARD + parentType);
  }
  return { own, refs, ...(parentByName && r.parentId === undefined ? { parentByName } : {}) };
}

/** References to other resources found in a resource body. */
function bodyRefs(body: ObjectNode): Set<string> {
  const out = new Set<string>();
  const stack: ValueNode[] = [body];
  while (stack.length > 0) {
    const v = stack.pop()!;
    switch (v.kind) {
      case 'object':
        for (const p of v.properties) stack.push(p.value);
        break;
      case 'array':
        for (const item of v.items) stack.push(item);
        break;
      case 'scalar':
        if (v.resourceRef && v.resourceRef.scope === undefined) {
          out.add(`${v.resourceRef.type.toLowerCase()}|${v.resourceRef.name.toLowerCase()}`);
        } else if (typeof v.value === 'string') {
          for (const key of vaultUrlKeys(v.value)) out.add(key);
        }
        break;
      case 'symbol': {
        const m = SYMBOLIC_ID.exec(v.expr.trim());
        if (m) out.add(`${m[1]!.toLowerCase()}|=${m[2]!.trim()}`);
        break;
      }
    }
  }
  return out;
}

/** `resourceId('<type>', <name expression>)` inside a symbol, as the rule context resolves it. */
const SYMBOLIC_ID = /^resourceId\('([^']+)',\s*(.+)\)$/i;

/** `https://<vault>.vault.azure.net/keys/<key>/...`: the vault, and the key when named. */
function vaultUrlKeys(s: string): string[] {
  const m = /^https:\/\/([a-z0-9-]+)\.vault\.[^/]+(?:\/keys\/([^/]+))?/i.exec(s);
  if (!m) return [];
  const vault = m[1]!.toLowerCase();
  const keys = [`microsoft.keyvault/vaults|${vault}`];
  if (m[2]) keys.push(`microsoft.keyvault/vaults/keys|${vault}/${m[2].toLowerCase()}`);
  return keys;
}

class UnionFind {
  private readonly parent: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) {
      const next = this.parent[i]!;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}
