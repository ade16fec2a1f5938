import { loadMoreNodeId } from './ids';
import type { NodeDescriptor } from './types';

export const DEFAULT_PAGE_SIZE = 50;

/**
 * The first `shown` children and, when more remain, a "Load more" node that asks the provider to
 * show one more page of the same parent.
 */
export function pageChildren(
  parentId: string,
  children: readonly NodeDescriptor[],
  shown: number,
  pageSize = DEFAULT_PAGE_SIZE,
): NodeDescriptor[] {
  const limit = Math.max(shown, pageSize);
  if (children.length <= limit) return [...children];
  const remaining = children.length - limit;
  const next = Math.min(remaining, pageSize);
  return [
    ...children.slice(0, limit),
    {
      id: loadMoreNodeId(parentId),
      kind: 'loadMore',
      label: 'Load more…',
      description: `${next} of ${remaining} more`,
      tooltip: `Shows the next ${next} items (${limit} of ${children.length} shown).`,
      icon: { id: 'more' },
      contextValue: 'ade.loadMore',
      collapsible: 'none',
      command: { command: 'ade.loadMore', title: 'Load More', args: [parentId] },
      ref: { parentId },
    },
  ];
}
