import type { Resource, RuleContext } from '../../model';
import { KEY_TYPE, SECRET_TYPE, VAULT_TYPE } from './ade';
import { declared, parentOf } from './values';

export function keys(ctx: RuleContext): Resource[] {
  return declared(ctx.resourcesOfType(KEY_TYPE));
}

export function secrets(ctx: RuleContext): Resource[] {
  return declared(ctx.resourcesOfType(SECRET_TYPE));
}

export function vaultOf(ctx: RuleContext, child: Resource): Resource | undefined {
  return parentOf(ctx, child, VAULT_TYPE);
}
