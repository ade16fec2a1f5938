// Orderings both evaluators use, so that a .bicep file and its compiled ARM give the same values.

/** Ordinal, ignoring case the way .NET does (upper-case), then ordinal: the order ARM's items() gives. */
export function compareKeys(a: string, b: string): number {
  const ua = a.toUpperCase();
  const ub = b.toUpperCase();
  if (ua !== ub) return ua < ub ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Stable merge sort by `before(a, b)` ("a comes first"), as `sort()` with a lambda needs: one
 * predicate call per comparison, and no comparator consistency needed. Undefined as soon as one
 * comparison is undecided.
 */
export function mergeSort<T>(items: readonly T[], before: (a: T, b: T) => boolean | undefined): T[] | undefined {
  if (items.length <= 1) return [...items];
  const mid = items.length >> 1;
  const left = mergeSort(items.slice(0, mid), before);
  const right = left && mergeSort(items.slice(mid), before);
  if (!left || !right) return undefined;
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const rightFirst = before(right[j]!, left[i]!);
    if (rightFirst === undefined) return undefined;
    out.push(rightFirst ? right[j++]! : left[i++]!);
  }
  while (i < left.length) out.push(left[i++]!);
  while (j < right.length) out.push(right[j++]!);
  return out;
}

/** Most items a lambda function (map, filter, ...) runs over, in both languages. */
export const LAMBDA_ITEM_LIMIT = 1_000;
