// Shared state handed to the providers and the ADE simulator.
import { resourceGroupNotFound, resourceNotFound, subscriptionNotFound } from './arm-errors';
import type { SimClock } from './clock';
import type { LroManager } from './lro';
import type { Directory } from './identity/principals';
import type { FeatureStates } from './providers/features';
import type { Router } from './router';
import type { MemoryStore } from './store';
import { rgId } from './ids';
import type { SandboxSubscription, StoredResource } from './types';

export interface SandboxContext {
  store: MemoryStore;
  clock: SimClock;
  lro: LroManager;
  router: Router;
  pageSize: number;
  encryptionSeconds: number;
  subscriptions: SandboxSubscription[];
  /** Service principals that can sign in. */
  directory: Directory;
  /** Microsoft.Features registrations per subscription. */
  features: FeatureStates;
}

export function requireSubscription(ctx: SandboxContext, subscriptionId: string): SandboxSubscription {
  const s = ctx.subscriptions.find((x) => x.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
  if (!s) throw subscriptionNotFound(subscriptionId);
  return s;
}

export function requireResourceGroup(
  ctx: SandboxContext,
  subscriptionId: string,
  resourceGroup: string,
): StoredResource {
  requireSubscription(ctx, subscriptionId);
  const rg = ctx.store.get(rgId(subscriptionId, resourceGroup));
  if (!rg) throw resourceGroupNotFound(resourceGroup);
  return rg;
}

/** Looks up a resource, reporting a missing subscription or group the way ARM does before ResourceNotFound. */
export function requireResource(
  ctx: SandboxContext,
  subscriptionId: string,
  resourceGroup: string,
  id: string,
): StoredResource {
  requireResourceGroup(ctx, subscriptionId, resourceGroup);
  const r = ctx.store.get(id);
  if (!r) throw resourceNotFound(id);
  return r;
}

/** Typed access to the nested JSON of stored resources. */
export type Json = Record<string, unknown>;

export function props(r: StoredResource | Json): Json {
  let p = r['properties'];
  if (!isObject(p)) {
    p = {};
    r['properties'] = p;
  }
  return p as Json;
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Json {
  return isObject(v) ? v : {};
}

export function arr(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}
