// In-memory resource store keyed by lower-cased ARM id: ARM ids are case-insensitive, but the casing a resource
// was created with is what the service echoes back, so the stored `id` keeps it.
import type { SandboxStore, StoredResource } from './types';

export class MemoryStore implements SandboxStore {
  private readonly items = new Map<string, StoredResource>();
  /** parent key -> child keys, so child lookups stay cheap in generated estates with thousands of VMs. */
  private readonly childIndex = new Map<string, Set<string>>();
  private readonly typeIndex = new Map<string, Set<string>>();

  get(id: string): StoredResource | undefined {
    return this.items.get(normalizeId(id));
  }

  list(prefix: string): StoredResource[] {
    const p = normalizeId(prefix);
    const withSlash = p.endsWith('/') ? p : `${p}/`;
    const out: StoredResource[] = [];
    for (const [key, value] of this.items) {
      if (p === '' || key === p || key.startsWith(withSlash)) out.push(value);
    }
    return out;
  }

  /** Resources of one ARM type under a prefix; uses the type index (list operations on large estates). */
  listByType(type: string, prefix: string): StoredResource[] {
    const withSlash = `${normalizeId(prefix)}/`;
    const out: StoredResource[] = [];
    for (const key of this.typeIndex.get(typeKey(withSlash, type)) ?? []) {
      const value = this.items.get(key);
      if (value && key.startsWith(withSlash)) out.push(value);
    }
    return out;
  }

  /** Direct children `${parentId}/${segment}/{name}` (no deeper descendants). */
  children(parentId: string, segment: string): StoredResource[] {
    const parent = normalizeId(parentId);
    const p = `${parent}/${segment.toLowerCase()}/`;
    const out: StoredResource[] = [];
    for (const key of this.childIndex.get(parent) ?? []) {
      const value = this.items.get(key);
      if (value && key.startsWith(p)) out.push(value);
    }
    return out;
  }

  put(resource: StoredResource): void {
    const key = normalizeId(resource.id);
    this.items.set(key, resource);
    const parent = key.split('/').slice(0, -2).join('/');
    let set = this.childIndex.get(parent);
    if (!set) this.childIndex.set(parent, (set = new Set()));
    set.add(key);
    if (typeof resource['type'] === 'string') {
      const t = typeKey(key, resource['type']);
      let ts = this.typeIndex.get(t);
      if (!ts) this.typeIndex.set(t, (ts = new Set()));
      ts.add(key);
    }
  }

  delete(id: string): boolean {
    const key = normalizeId(id);
    // Deleting a resource removes its child resources too (extensions, keys, instance views...).
    const existed = this.items.has(key);
    const below = `${key}/`;
    for (const k of [...this.items.keys()]) if (k === key || k.startsWith(below)) this.unindex(k);
    return existed;
  }

  private unindex(key: string): void {
    const r = this.items.get(key);
    this.childIndex.get(key.split('/').slice(0, -2).join('/'))?.delete(key);
    if (r && typeof r['type'] === 'string') this.typeIndex.get(typeKey(key, r['type']))?.delete(key);
    if (r) this.items.delete(key);
  }

  all(): StoredResource[] {
    return [...this.items.values()];
  }
}

export function normalizeId(id: string): string {
  // Fast path: most ids are already clean.
  const clean = id.includes('//') ? id.replace(/\/+/g, '/') : id;
  return (clean.endsWith('/') ? clean.slice(0, -1) : clean).toLowerCase();
}

/** Type index bucket: per subscription, so listing one subscription does not scan the whole estate. */
function typeKey(normalizedKey: string, type: string): string {
  return `${normalizedKey.split('/', 3)[2] ?? ''}|${type.toLowerCase()}`;
}
