// In-memory resource store keyed by lower-cased ARM id: ARM ids are case-insensitive, but the casing a resource
// was created with is what the service echoes back, so the stored `id` keeps it.
import type { SandboxStore, StoredResource } from './types';

export class MemoryStore implements SandboxStore {
  private readonly items = new Map<string, StoredResource>();
  /** parent key -> child keys, so child lookups stay cheap in generated estates with thousands of VMs. */
  private readonly childIndex = new Map<string, Set<string>>();

  get(id: string): StoredResource | undefined {
    return this.items.get(normalizeId(id));
  }

  list(prefix: string): StoredResource[] {
    const p = normalizeId(prefix);
    const out: StoredResource[] = [];
    for (const [key, value] of this.items) {
      if (key === p || key.startsWith(p.endsWith('/') ? p : `${p}/`) || p === '') out.push(value);
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
  }

  delete(id: string): boolean {
    const key = normalizeId(id);
    // Deleting a resource removes its child resources too (extensions, keys, instance views...).
    for (const k of [...this.items.keys()]) if (k.startsWith(`${key}/`)) this.items.delete(k);
    this.childIndex.get(key.split('/').slice(0, -2).join('/'))?.delete(key);
    return this.items.delete(key);
  }

  all(): StoredResource[] {
    return [...this.items.values()];
  }
}

export function normalizeId(id: string): string {
  return id.replace(/\/+/g, '/').replace(/\/$/, '').toLowerCase();
}
