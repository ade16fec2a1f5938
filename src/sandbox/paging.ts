// nextLink paging: the SDKs follow nextLink verbatim, so the link carries the api-version and a skip token.
import type { SandboxRequest, SandboxResponse } from './router';

/** `view` runs only for the items on the requested page (large estates list thousands of VMs). */
export function paged<T>(
  req: SandboxRequest,
  items: readonly T[],
  pageSize: number,
  view?: (item: T) => unknown,
): SandboxResponse {
  const skip = Math.max(0, Number.parseInt(req.url.searchParams.get('$skiptoken') ?? '0', 10) || 0);
  const page = items.slice(skip, skip + pageSize);
  const value = view ? page.map(view) : page;
  const body: { value: unknown[]; nextLink?: string } = { value };
  if (skip + pageSize < items.length) {
    const next = new URL(req.url.toString());
    next.searchParams.set('$skiptoken', String(skip + pageSize));
    body.nextLink = next.toString();
  }
  return { status: 200, body };
}
