// Shared setup for the sandbox tests: real SDK clients wired to an in-process sandbox.
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ComputeManagementClient } from '@azure/arm-compute';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox';

export interface Clients {
  sb: Sandbox;
  sub: string;
  compute: ComputeManagementClient;
  kv: KeyVaultManagementClient;
  auth: AuthorizationManagementClient;
  subs: SubscriptionClient;
}

export function clientsFor(sb: Sandbox, subIndex = 0, extra: { maxRetries?: number } = {}): Clients {
  const sub = sb.subscriptions[subIndex]?.subscriptionId ?? '';
  const opts = {
    endpoint: sb.endpoint,
    httpClient: sb.httpClient,
    ...(extra.maxRetries !== undefined ? { retryOptions: { maxRetries: extra.maxRetries } } : {}),
  };
  return {
    sb,
    sub,
    compute: new ComputeManagementClient(sb.credential, sub, opts),
    kv: new KeyVaultManagementClient(sb.credential, sub, opts),
    auth: new AuthorizationManagementClient(sb.credential, sub, opts),
    subs: new SubscriptionClient(sb.credential, opts),
  };
}

export function setup(options: SandboxOptions = {}, subIndex = 0): Clients {
  return clientsFor(createSandbox({ clock: 'manual', ...options }), subIndex);
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Sends a raw request through the sandbox's HttpClient (for protocol-level checks the SDKs hide). */
export async function raw(
  sb: Sandbox,
  method: string,
  path: string,
  opts: { auth?: boolean; body?: unknown; token?: string } = {},
): Promise<{ status: number; body: unknown; headers: Record<string, string> }> {
  const { createPipelineRequest, createHttpHeaders } = await import('@azure/core-rest-pipeline');
  const token = opts.token ?? (await sb.credential.getToken('https://management.azure.com/.default'))?.token;
  const headers = createHttpHeaders(opts.auth === false ? {} : { authorization: `Bearer ${token}` });
  if (opts.body !== undefined) headers.set('content-type', 'application/json');
  const req = createPipelineRequest({ url: `${sb.endpoint}${path}`, method: method as 'GET', headers });
  if (opts.body !== undefined) req.body = JSON.stringify(opts.body);
  const res = await sb.httpClient.sendRequest(req);
  return {
    status: res.status,
    body: res.bodyAsText ? (JSON.parse(res.bodyAsText) as unknown) : undefined,
    headers: res.headers.toJSON(),
  };
}

export function errorCode(e: unknown): string | undefined {
  return (e as { code?: string }).code;
}
