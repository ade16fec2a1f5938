// Microsoft.Features: preview feature registration per subscription, as `az feature show/register/list` use it
// (the Features REST API, api-version 2021-07-01: GET .../providers/Microsoft.Features/providers/{namespace}/
// features/{name}, POST .../register and .../unregister). Registration moves through `Registering` to
// `Registered` on the simulated clock; how long Azure takes is not documented (the EncryptionAtHost guide says to
// wait until the state is Registered: https://learn.microsoft.com/azure/virtual-machines/disks-enable-host-based-encryption-cli).
import { ArmError } from '../arm-errors';
import { requireSubscription, type SandboxContext } from '../context';
import { paged } from '../paging';
import { ok } from '../router';

export type FeatureState = 'Registered' | 'NotRegistered' | 'Registering' | 'Unregistering';

/** Features every subscription knows, NotRegistered unless the scenario registers them. */
export const KNOWN_FEATURES: readonly string[] = ['Microsoft.Compute/EncryptionAtHost'];

/** Simulated seconds a registration stays `Registering`. */
const REGISTRATION_SECONDS = 300;

const BASE = '/subscriptions/{sub}/providers/Microsoft.Features/providers/{ns}/features';

/** Per subscription: feature full name (`Namespace/Name`, lower case) → state. */
export type FeatureStates = Map<string, Map<string, FeatureState>>;

export function setFeatureState(ctx: SandboxContext, sub: string, fullName: string, state: FeatureState): void {
  const s = sub.toLowerCase();
  const m = ctx.features.get(s) ?? new Map<string, FeatureState>();
  m.set(fullName.toLowerCase(), state);
  ctx.features.set(s, m);
}

export function registerFeatures(ctx: SandboxContext): void {
  const { router } = ctx;
  const state = (sub: string, full: string): FeatureState =>
    ctx.features.get(sub.toLowerCase())?.get(full.toLowerCase()) ?? 'NotRegistered';
  const view = (sub: string, full: string): Record<string, unknown> => {
    const [ns = '', name = ''] = full.split('/');
    return {
      properties: { state: state(sub, full) },
      id: `/subscriptions/${sub}/providers/Microsoft.Features/providers/${ns}/features/${name}`,
      type: 'Microsoft.Features/providers/features',
      name: full,
    };
  };
  const find = (sub: string, ns: string, name: string): string => {
    requireSubscription(ctx, sub);
    const full = KNOWN_FEATURES.find((f) => f.toLowerCase() === `${ns}/${name}`.toLowerCase());
    if (!full) {
      throw new ArmError(404, 'FeatureNotFound', `The feature '${name}' could not be found in namespace '${ns}'.`);
    }
    return full;
  };

  router.add('GET', BASE, (req, p) => {
    const sub = p['sub'] ?? '';
    requireSubscription(ctx, sub);
    const prefix = `${(p['ns'] ?? '').toLowerCase()}/`;
    const names = KNOWN_FEATURES.filter((f) => f.toLowerCase().startsWith(prefix));
    return paged(
      req,
      names.map((n) => view(sub, n)),
      ctx.pageSize,
    );
  });
  router.add('GET', `${BASE}/{name}`, (_req, p) => {
    const sub = p['sub'] ?? '';
    return ok(view(sub, find(sub, p['ns'] ?? '', p['name'] ?? '')));
  });
  router.add('POST', `${BASE}/{name}/register`, (_req, p) => {
    const sub = p['sub'] ?? '';
    const full = find(sub, p['ns'] ?? '', p['name'] ?? '');
    if (state(sub, full) !== 'Registered') {
      setFeatureState(ctx, sub, full, 'Registering');
      ctx.clock.schedule(REGISTRATION_SECONDS, () => {
        if (state(sub, full) === 'Registering') setFeatureState(ctx, sub, full, 'Registered');
      });
    }
    return ok(view(sub, full));
  });
  router.add('POST', `${BASE}/{name}/unregister`, (_req, p) => {
    const sub = p['sub'] ?? '';
    const full = find(sub, p['ns'] ?? '', p['name'] ?? '');
    setFeatureState(ctx, sub, full, 'NotRegistered');
    return ok(view(sub, full));
  });
}
