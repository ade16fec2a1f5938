// Microsoft.Resources: subscriptions, tenants and resource groups.
import { requireResourceGroup, requireSubscription, type SandboxContext } from '../context';
import { paged } from '../paging';
import { canSeeSubscription } from '../permissions';
import { ok, type SandboxRequest } from '../router';

export function registerSubscriptions(ctx: SandboxContext): void {
  const { router, store } = ctx;
  const view = (s: { subscriptionId: string; displayName: string; tenantId: string }): Record<string, unknown> => ({
    id: `/subscriptions/${s.subscriptionId}`,
    subscriptionId: s.subscriptionId,
    displayName: s.displayName,
    tenantId: s.tenantId,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'EnterpriseAgreement_2014-09-01',
      spendingLimit: 'Off',
    },
    authorizationSource: 'RoleBased',
  });
  // ARM lists the subscriptions where the caller holds a role assignment.
  const visible = (req: SandboxRequest): typeof ctx.subscriptions =>
    ctx.subscriptions.filter((s) => !req.caller || canSeeSubscription(ctx, req.caller.objectId, s.subscriptionId));
  router.add('GET', '/subscriptions', (req) => paged(req, visible(req).map(view), ctx.pageSize));
  router.add('GET', '/subscriptions/{sub}', (_req, p) => ok(view(requireSubscription(ctx, p['sub'] ?? ''))));
  router.add('GET', '/tenants', (req) => {
    const tenants = [...new Set(visible(req).map((s) => s.tenantId))];
    return paged(
      req,
      tenants.map((t) => ({
        id: `/tenants/${t}`,
        tenantId: t,
        tenantCategory: 'Home',
        displayName: 'Contoso (sandbox)',
        defaultDomain: 'contoso.onmicrosoft.com',
        domains: ['contoso.onmicrosoft.com'],
      })),
      ctx.pageSize,
    );
  });
  router.add('GET', '/subscriptions/{sub}/resourcegroups', (req, p) => {
    requireSubscription(ctx, p['sub'] ?? '');
    const groups = store
      .list(`/subscriptions/${p['sub']}/resourceGroups`)
      .filter((r) => r['type'] === 'Microsoft.Resources/resourceGroups');
    return paged(req, groups, ctx.pageSize);
  });
  router.add('GET', '/subscriptions/{sub}/resourcegroups/{rg}', (_req, p) =>
    ok(requireResourceGroup(ctx, p['sub'] ?? '', p['rg'] ?? '')),
  );
}
