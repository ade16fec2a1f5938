// Azure RBAC as ARM enforces it: a request needs an action (derived from the method and the resource type path)
// that one of the caller's role assignments at the scope or above grants, through the role definition's actions
// minus its notActions. Otherwise 403 AuthorizationFailed with ARM's message.
// https://learn.microsoft.com/azure/role-based-access-control/role-definitions (actions, notActions, wildcards)
// https://learn.microsoft.com/azure/role-based-access-control/troubleshooting (the AuthorizationFailed message)
import { ArmError } from './arm-errors';
import { props, type SandboxContext } from './context';
import { roleByDefinitionId, rolePermissions } from './providers/authorization';
import type { Caller, SandboxRequest } from './router';
import type { StoredResource } from './types';

const OPERATION: Record<string, string> = { GET: 'read', HEAD: 'read', PUT: 'write', PATCH: 'write', DELETE: 'delete' };

/**
 * The RBAC action of a request: `Microsoft.Compute/virtualMachines/extensions/write` for a PUT of an extension,
 * `.../virtualMachineScaleSets/manualUpgrade/action` for a POST to an action, `.../read` for a GET of a resource
 * or a collection. Paths without a provider segment are Microsoft.Resources (subscriptions, resource groups).
 */
export function actionOf(method: string, path: string): string {
  const clean = path.replace(/\/+$/, '');
  // Preview features live under Microsoft.Features (`.../providers/Microsoft.Features/providers/<ns>/features/<f>`):
  // their actions are Microsoft.Features/providers/features/read and .../register/action.
  const features = /\/providers\/Microsoft\.Features\/providers\/[^/]+\/(features(?:\/.*)?)$/i.exec(clean);
  if (features) {
    const segs = (features[1] ?? '').split('/');
    const op = method.toUpperCase() === 'POST' ? 'action' : (OPERATION[method.toUpperCase()] ?? 'action');
    const tail = method.toUpperCase() === 'POST' ? [segs[0] ?? '', segs[2] ?? ''] : [segs[0] ?? ''];
    return ['Microsoft.Features/providers', ...tail, op].join('/');
  }
  const at = clean.toLowerCase().lastIndexOf('/providers/');
  let namespace: string;
  let segments: string[];
  if (at >= 0) {
    const rest = clean.slice(at + '/providers/'.length).split('/');
    namespace = rest[0] ?? '';
    segments = rest.slice(1);
  } else {
    namespace = 'Microsoft.Resources';
    segments = clean.split('/').filter(Boolean);
  }
  const types = segments.filter((_, i) => i % 2 === 0);
  const op = OPERATION[method.toUpperCase()];
  if (method.toUpperCase() === 'POST') {
    // POST .../{type}/{name}/{action}: the last segment names the action.
    return [namespace, ...types, 'action'].join('/');
  }
  return [namespace, ...types, op ?? 'action'].join('/');
}

function matches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
  return re.test(action);
}

const within = (scope: string, target: string): boolean => {
  const s = scope.toLowerCase().replace(/\/+$/, '');
  const t = target.toLowerCase();
  return s === '' || t === s || t.startsWith(`${s}/`);
};

export function assignmentsOf(ctx: SandboxContext, principalId: string): StoredResource[] {
  return ctx.store
    .all()
    .filter(
      (r) =>
        r['type'] === 'Microsoft.Authorization/roleAssignments' &&
        String(props(r)['principalId']).toLowerCase() === principalId.toLowerCase(),
    );
}

export function isPermitted(ctx: SandboxContext, principalId: string, action: string, scope: string): boolean {
  return assignmentsOf(ctx, principalId).some((a) => {
    const p = props(a);
    if (!within(String(p['scope'] ?? ''), scope)) return false;
    const role = roleByDefinitionId(String(p['roleDefinitionId'] ?? ''));
    if (!role) return false;
    const { actions, notActions } = rolePermissions(role);
    return actions.some((x) => matches(x, action)) && !notActions.some((x) => matches(x, action));
  });
}

/** Subscriptions a principal sees in `GET /subscriptions`: those where it holds any role assignment. */
export function canSeeSubscription(ctx: SandboxContext, principalId: string, subscriptionId: string): boolean {
  const sub = `/subscriptions/${subscriptionId}`;
  return assignmentsOf(ctx, principalId).some((a) => {
    const scope = String(props(a)['scope'] ?? '');
    return within(scope, sub) || within(sub, scope);
  });
}

export function authorizeArm(ctx: SandboxContext, req: SandboxRequest, caller: Caller): void {
  // Tenant-level reads (the subscription and tenant lists) are filtered, not refused.
  const subscription = /^\/subscriptions\/([^/]+)/i.exec(req.path)?.[1];
  if (!subscription) return;
  // An unknown subscription is answered by the route (404 SubscriptionNotFound), as ARM does.
  if (!ctx.subscriptions.some((s) => s.subscriptionId.toLowerCase() === subscription.toLowerCase())) return;
  const scope = req.path.replace(/\/+$/, '');
  const action = actionOf(req.method, scope);
  if (isPermitted(ctx, caller.objectId, action, scope)) return;
  throw new ArmError(
    403,
    'AuthorizationFailed',
    `The client '${caller.appId}' with object id '${caller.objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}
