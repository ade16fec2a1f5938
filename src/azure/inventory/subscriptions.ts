import type { AzureClientFactory } from '../clients';
import { describeAzureError, isAbortError } from '../errors';
import { collect, mapWithConcurrency } from './concurrency';
import type { Outcome, SubscriptionInfo, TenantInfo } from './types';

export interface ListOptions {
  readonly signal?: AbortSignal;
  readonly concurrency?: number;
}

/** Tenants the signed-in account can see (home-tenant token). */
export async function listTenants(factory: AzureClientFactory, options: ListOptions = {}): Promise<TenantInfo[]> {
  const tenants = await collect(factory.subscriptions().tenants.list({ abortSignal: options.signal }), options.signal);
  return tenants
    .filter((t) => !!t.tenantId)
    .map((t) => ({
      tenantId: t.tenantId as string,
      ...(t.displayName ? { displayName: t.displayName } : {}),
      ...(t.defaultDomain ? { defaultDomain: t.defaultDomain } : {}),
    }));
}

/** Subscriptions visible with one tenant's token. */
export async function listSubscriptions(
  factory: AzureClientFactory,
  tenantId?: string,
  options: ListOptions = {},
): Promise<SubscriptionInfo[]> {
  const subs = await collect(
    factory.subscriptions(tenantId).subscriptions.list({ abortSignal: options.signal }),
    options.signal,
  );
  return subs
    .filter((s) => !!s.subscriptionId)
    .map((s) => ({
      subscriptionId: s.subscriptionId as string,
      displayName: s.displayName ?? (s.subscriptionId as string),
      tenantId: s.tenantId ?? tenantId ?? '',
      ...(s.state ? { state: s.state } : {}),
    }));
}

export interface TenantSubscriptions {
  readonly tenant: TenantInfo;
  readonly subscriptions: Outcome<SubscriptionInfo[]>;
}

/**
 * Every tenant's subscriptions, a few tenants at a time. A tenant that fails (MFA required, no access)
 * is reported, never fatal: the others still list.
 */
export async function listSubscriptionsAcrossTenants(
  factory: AzureClientFactory,
  tenants: readonly TenantInfo[],
  options: ListOptions = {},
): Promise<TenantSubscriptions[]> {
  return mapWithConcurrency(
    tenants,
    options.concurrency ?? 4,
    async (tenant) => {
      try {
        return {
          tenant,
          subscriptions: { ok: true, value: await listSubscriptions(factory, tenant.tenantId, options) },
        };
      } catch (err) {
        if (isAbortError(err)) throw err;
        return { tenant, subscriptions: { ok: false, error: describeAzureError(err) } };
      }
    },
    options.signal,
  );
}
