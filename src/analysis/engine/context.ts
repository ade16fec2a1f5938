import type { Resource, RuleContext, TemplateModel, ValueNode } from '../model';
import { stringValue } from '../model';

/**
 * Builds the lookups every rule shares. Indexes are computed once per model so that rules asking
 * "all vaults" or "the vault this id points at" stay linear in the number of resources.
 */
export function createRuleContext(model: TemplateModel): RuleContext {
  const byType = new Map<string, Resource[]>();
  const byParent = new Map<string, Resource[]>();
  for (const r of model.resources) {
    push(byType, r.type.toLowerCase(), r);
    if (r.parentId !== undefined) push(byParent, r.parentId, r);
  }

  const resourcesOfType = (type: string): readonly Resource[] => byType.get(type.toLowerCase()) ?? [];
  // type|name → resources, built on the first lookup: resolving every id by scanning all
  // resources of the type would make a template with many VMs and vaults quadratic.
  let byName: Map<string, Resource[]> | undefined;
  const named = (type: string, name: string): readonly Resource[] => {
    if (!byName) {
      byName = new Map();
      for (const r of model.resources) {
        const n = stringValue(r.name);
        if (n !== undefined) push(byName, `${r.type}|${n}`.toLowerCase(), r);
      }
    }
    return byName.get(`${type}|${name}`.toLowerCase()) ?? [];
  };

  /**
   * ARM allows a child to be declared at the top level (`vaults/keys` named `vault/key`) with no
   * nesting; parsers may leave `parentId` unset for those. They are children when their type is
   * one segment deeper and their evaluated name starts with the parent's name. Indexed by the
   * parent's type and name on first use.
   */
  let topLevelChildren: Map<string, Resource[]> | undefined;
  function inferredChildren(parent: Resource): Resource[] {
    const parentName = stringValue(parent.name);
    if (parentName === undefined) return [];
    if (!topLevelChildren) {
      topLevelChildren = new Map();
      for (const r of model.resources) {
        const name = stringValue(r.name);
        if (r.parentId !== undefined || name === undefined) continue;
        const t = r.type.lastIndexOf('/');
        const n = name.lastIndexOf('/');
        if (n <= 0 || t <= 0 || r.type.indexOf('/') === t) continue;
        push(topLevelChildren, `${r.type.slice(0, t)}|${name.slice(0, n)}`.toLowerCase(), r);
      }
    }
    return (topLevelChildren.get(`${parent.type}|${parentName}`.toLowerCase()) ?? []).filter((r) => r !== parent);
  }

  return {
    model,
    resourcesOfType,
    resolveRef(value: ValueNode | undefined): Resource | undefined {
      if (value?.kind === 'symbol') return resolveSymbolicId(value.expr, model.resources);
      if (value?.kind !== 'scalar' || !value.resourceRef) return undefined;
      // An id into another subscription or resource group names a resource we did not declare,
      // even when type and name happen to match one of ours.
      if (value.resourceRef.scope !== undefined) return undefined;
      let existingMatch: Resource | undefined;
      for (const r of named(value.resourceRef.type, value.resourceRef.name)) {
        // A declaration wins over an `existing` reference to the same resource: it carries the
        // properties the template actually sets.
        if (!r.existing) return r;
        existingMatch ??= r;
      }
      return existingMatch;
    },
    childrenOf(resource: Resource, type?: string): readonly Resource[] {
      const wantedType = type?.toLowerCase();
      const direct = byParent.get(resource.id) ?? [];
      const inferred = inferredChildren(resource);
      const all = inferred.length === 0 ? direct : [...direct, ...inferred.filter((r) => !direct.includes(r))];
      return wantedType === undefined ? all : all.filter((r) => r.type.toLowerCase() === wantedType);
    },
  };
}

/**
 * An id whose name is only known at deploy time (`kv-${uniqueString(...)}`) is a symbol in both
 * languages, written as the `resourceId('<type>', <name expression>)` call. It points at the
 * declared resource of that type whose name is the same expression.
 */
function resolveSymbolicId(expr: string, resources: readonly Resource[]): Resource | undefined {
  const m = /^resourceId\('([^']+)',\s*(.+)\)$/i.exec(expr.trim());
  if (!m) return undefined;
  const type = m[1]!.toLowerCase();
  const nameExpr = m[2]!.trim();
  let existingMatch: Resource | undefined;
  for (const r of resources) {
    if (r.type.toLowerCase() !== type || r.name.kind !== 'symbol' || r.name.expr !== nameExpr) continue;
    if (!r.existing) return r;
    existingMatch ??= r;
  }
  return existingMatch;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
