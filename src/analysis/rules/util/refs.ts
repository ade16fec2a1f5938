import type { Resource, RuleContext } from '../../model';
import { stringValue } from '../../model';
import { langOf } from './fixes';

/**
 * Source text of an expression for a declared resource's id (`kv.id` in Bicep,
 * `[resourceId('type', 'name')]` in ARM), usable in `file`; undefined when not writable.
 */
export function resourceIdExpr(ctx: RuleContext, file: string, target: Resource): string | undefined {
  if (langOf(ctx, file) === 'bicep') {
    if (target.file !== file || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(target.id)) return undefined;
    return `${target.id}.id`;
  }
  const name = stringValue(target.name);
  if (name === undefined || /['[\]]/.test(name)) return undefined;
  const segs = name.split('/').map((s) => `'${s}'`);
  return JSON.stringify(`[resourceId('${target.type}', ${segs.join(', ')})]`);
}

/** Expression for a declared vault's URI. */
export function vaultUriExpr(ctx: RuleContext, file: string, vault: Resource): string | undefined {
  if (langOf(ctx, file) === 'bicep') {
    if (vault.file !== file || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(vault.id)) return undefined;
    return `${vault.id}.properties.vaultUri`;
  }
  const name = stringValue(vault.name);
  if (name === undefined || /['[\]]/.test(name)) return undefined;
  return JSON.stringify(`[reference(resourceId('${vault.type}', '${name}'), '2023-07-01').vaultUri]`);
}

/** Declared vaults (including `existing`) whose name equals `name`. */
export function vaultByName(ctx: RuleContext, name: string): Resource | undefined {
  const n = name.toLowerCase();
  return ctx.resourcesOfType('Microsoft.KeyVault/vaults').find((v) => stringValue(v.name)?.toLowerCase() === n);
}
