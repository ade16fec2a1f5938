import { ComputeManagementClient } from '@azure/arm-compute';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient, PipelinePolicy } from '@azure/core-rest-pipeline';
import type { AzureCloud } from './auth/clouds';

export interface RetrySettings {
  /** Default 3 (the SDK default). Throttling (429 + Retry-After) is always honoured by the SDK pipeline. */
  readonly maxRetries?: number;
  readonly retryDelayInMs?: number;
  readonly maxRetryDelayInMs?: number;
}

/** Everything needed to reach ARM: which cloud, who signs in, and how requests travel. */
export interface AzureConnection {
  readonly cloud: AzureCloud;
  /** A credential, or one per tenant (session credentials are tenant-bound). */
  readonly credential: TokenCredential | ((tenantId?: string) => TokenCredential);
  /** ARM endpoint override (e.g. the sandbox); defaults to the cloud's. */
  readonly endpoint?: string;
  /** Transport override (e.g. the sandbox's in-process client). */
  readonly httpClient?: HttpClient;
  readonly retry?: RetrySettings;
  /** Extra policies (telemetry, CAE challenge handling) added to every client. */
  readonly additionalPolicies?: readonly { policy: PipelinePolicy; position: 'perCall' | 'perRetry' }[];
}

type ClientKind = 'compute' | 'keyvault' | 'authorization' | 'subscriptions';

/**
 * Creates SDK clients lazily and caches one per (kind, subscription, tenant). Also counts the HTTP
 * requests each subscription costs (the inventory reports it; the benchmark checks it).
 */
export class AzureClientFactory {
  private readonly cache = new Map<string, unknown>();
  private readonly counts = new Map<string, number>();

  constructor(readonly connection: AzureConnection) {}

  get endpoint(): string {
    return (this.connection.endpoint ?? this.connection.cloud.resourceManagerEndpoint).replace(/\/+$/, '');
  }

  credentialFor(tenantId?: string): TokenCredential {
    const c = this.connection.credential;
    return typeof c === 'function' ? c(tenantId) : c;
  }

  /** Requests sent so far for a subscription id (`''` for tenant-level calls). */
  requestCount(subscriptionId: string): number {
    return this.counts.get(subscriptionId.toLowerCase()) ?? 0;
  }

  compute(subscriptionId: string, tenantId?: string): ComputeManagementClient {
    return this.cached('compute', subscriptionId, tenantId, () => {
      return new ComputeManagementClient(
        this.credentialFor(tenantId),
        subscriptionId,
        this.modularOptions(subscriptionId),
      );
    });
  }

  keyVault(subscriptionId: string, tenantId?: string): KeyVaultManagementClient {
    return this.cached('keyvault', subscriptionId, tenantId, () => {
      return new KeyVaultManagementClient(
        this.credentialFor(tenantId),
        subscriptionId,
        this.modularOptions(subscriptionId),
      );
    });
  }

  authorization(subscriptionId: string, tenantId?: string): AuthorizationManagementClient {
    return this.cached('authorization', subscriptionId, tenantId, () => {
      return new AuthorizationManagementClient(
        this.credentialFor(tenantId),
        subscriptionId,
        this.classicOptions(subscriptionId),
      );
    });
  }

  /** Tenant-level client (subscriptions and tenants listing). */
  subscriptions(tenantId?: string): SubscriptionClient {
    return this.cached('subscriptions', '', tenantId, () => {
      return new SubscriptionClient(this.credentialFor(tenantId), this.classicOptions(''));
    });
  }

  clear(): void {
    this.cache.clear();
  }

  private cached<T>(kind: ClientKind, subscriptionId: string, tenantId: string | undefined, make: () => T): T {
    const key = `${kind}|${subscriptionId.toLowerCase()}|${(tenantId ?? '').toLowerCase()}`;
    let client = this.cache.get(key) as T | undefined;
    if (!client) {
      client = make();
      this.cache.set(key, client);
    }
    return client;
  }

  private countingPolicy(subscriptionId: string): PipelinePolicy {
    const key = subscriptionId.toLowerCase();
    return {
      name: 'adeRequestCounter',
      sendRequest: (request, next) => {
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        return next(request);
      },
    };
  }

  private commonOptions(subscriptionId: string) {
    const { httpClient, retry, additionalPolicies } = this.connection;
    return {
      endpoint: this.endpoint,
      // Only a local sandbox endpoint is plain http.
      allowInsecureConnection: this.endpoint.startsWith('http://'),
      ...(httpClient ? { httpClient } : {}),
      ...(retry ? { retryOptions: { ...retry } } : {}),
      additionalPolicies: [
        // perRetry so that every attempt (including retries) counts as a request.
        { policy: this.countingPolicy(subscriptionId), position: 'perRetry' as const },
        ...(additionalPolicies ?? []),
      ],
      userAgentOptions: { userAgentPrefix: 'ade-keyvault-vscode' },
    };
  }

  private modularOptions(subscriptionId: string) {
    return { ...this.commonOptions(subscriptionId), credentials: { scopes: [this.connection.cloud.managementScope] } };
  }

  private classicOptions(subscriptionId: string) {
    return {
      ...this.commonOptions(subscriptionId),
      $host: this.endpoint,
      credentialScopes: [this.connection.cloud.managementScope],
    };
  }
}
