import type { RuleContext } from '../../model';

/**
 * Computes a value once per rule context (one lint run) and shares it between rules: many rules
 * ask the same model-wide questions ("which vaults does ADE use?"), and asking each time per
 * resource would make a large template quadratic.
 */
export function perContext<T>(compute: (ctx: RuleContext) => T): (ctx: RuleContext) => T {
  const cache = new WeakMap<RuleContext, T>();
  return (ctx) => {
    if (cache.has(ctx)) return cache.get(ctx) as T;
    const value = compute(ctx);
    cache.set(ctx, value);
    return value;
  };
}

/** Groups items by a key, keeping their order. */
export function groupBy<K, V>(items: Iterable<V>, keyOf: (v: V) => K): Map<K, V[]> {
  const m = new Map<K, V[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}
