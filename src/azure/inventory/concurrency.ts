import { throwIfAborted } from '../errors';

/**
 * Runs `fn` over `items` with at most `limit` in flight, preserving order of results. Stops starting
 * new work once `signal` aborts (work in flight sees the same signal).
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      throwIfAborted(signal);
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker());
  await Promise.all(workers);
  return results;
}

/** Collects a paged SDK iterator into an array, checking the signal between pages' items. */
export async function collect<T>(iter: AsyncIterable<T>, signal?: AbortSignal): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iter) {
    throwIfAborted(signal);
    out.push(item);
  }
  return out;
}
