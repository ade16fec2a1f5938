import type { Resource, RuleContext } from '../../model';
import { VAULT_TYPE } from './ade';
import { adeVaults } from './vaultrefs';
import { declared } from './values';

/** Declared (non-existing) vaults. */
export function vaults(ctx: RuleContext): Resource[] {
  return declared(ctx.resourcesOfType(VAULT_TYPE));
}

/** " (used by Azure Disk Encryption)" when ADE points at the vault, else "". */
export function adeNote(ctx: RuleContext, vault: Resource): string {
  return adeVaults(ctx).has(vault) ? ' (used by Azure Disk Encryption)' : '';
}

/** Compares ARM api versions (yyyy-mm-dd[-preview]); undefined when unknown. */
export function apiAtLeast(resource: Resource, version: string): boolean | undefined {
  const v = resource.apiVersion?.slice(0, 10);
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  return v >= version;
}
