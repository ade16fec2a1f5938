import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { customCloud, type AzureCloud } from './auth/clouds';
import { azureCliCredential, chainCredentials } from './auth/identityCredentials';
import { SessionCredentialCache, createSessionCredential, type SessionProvider } from './auth/sessionCredential';
import { AzureClientFactory, type RetrySettings } from './clients';

/**
 * The editor's way in: sessions from the VS Code Microsoft auth provider, one credential per tenant.
 * With `cliFallback`, a tenant without a session falls back to the Azure CLI login.
 */
export function connectWithSessions(
  cloud: AzureCloud,
  provider: SessionProvider,
  options: { retry?: RetrySettings; cliFallback?: boolean } = {},
): AzureClientFactory {
  const cache = new SessionCredentialCache(provider);
  const fallbacks = new Map<string, TokenCredential>();
  return new AzureClientFactory({
    cloud,
    credential: (tenantId) => {
      if (!options.cliFallback) return cache.forTenant(tenantId);
      const key = tenantId ?? '';
      let c = fallbacks.get(key);
      if (!c) {
        c = chainCredentials(createSessionCredential(provider, tenantId), azureCliCredential(tenantId));
        fallbacks.set(key, c);
      }
      return c;
    },
    ...(options.retry ? { retry: options.retry } : {}),
  });
}

/** Any `TokenCredential` (Azure CLI, DefaultAzureCredential) against a cloud. */
export function connectWithCredential(
  cloud: AzureCloud,
  credential: TokenCredential,
  options: { retry?: RetrySettings } = {},
): AzureClientFactory {
  return new AzureClientFactory({ cloud, credential, ...(options.retry ? { retry: options.retry } : {}) });
}

/** The sandbox (or any in-process ARM imitation): its endpoint, transport and credential. */
export function connectToSandbox(
  sandbox: { endpoint: string; httpClient: HttpClient; credential: TokenCredential },
  options: { retry?: RetrySettings } = {},
): AzureClientFactory {
  return new AzureClientFactory({
    cloud: customCloud(sandbox.endpoint, { displayName: 'Sandbox' }),
    credential: sandbox.credential,
    endpoint: sandbox.endpoint,
    httpClient: sandbox.httpClient,
    // Fast retries: the sandbox answers in-process.
    retry: options.retry ?? { maxRetries: 3, retryDelayInMs: 10, maxRetryDelayInMs: 100 },
  });
}
