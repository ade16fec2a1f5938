import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import {
  AzureCliCredential,
  ChainedTokenCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
} from '@azure/identity';
import type { AzureCloud } from './clouds';

/** Credential for the command-line tool and headless use: the Azure CLI login (`az login`). */
export function azureCliCredential(tenantId?: string): TokenCredential {
  return new AzureCliCredential(tenantId ? { tenantId } : {});
}

/** Environment, workload identity, managed identity, Azure CLI, … in the SDK's usual order, for the given cloud. */
export function defaultAzureCredential(cloud: AzureCloud, tenantId?: string): TokenCredential {
  return new DefaultAzureCredential({ authorityHost: cloud.authorityHost, ...(tenantId ? { tenantId } : {}) });
}

/** First credential that yields a token wins; used to fall back from the editor session to the CLI. */
export function chainCredentials(...credentials: TokenCredential[]): TokenCredential {
  return new ChainedTokenCredential(...credentials);
}

/**
 * A service principal's client-credentials sign-in (the SDK's ClientSecretCredential) at any Entra-compatible
 * authority: the sandbox passes its own origin and in-process transport. Instance discovery is off because the
 * authority is not one of Microsoft's hosts.
 */
export function clientSecretCredential(o: {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  httpClient?: HttpClient;
}): TokenCredential {
  return new ClientSecretCredential(o.tenantId, o.clientId, o.clientSecret, {
    authorityHost: o.authorityHost,
    disableInstanceDiscovery: true,
    ...(o.httpClient ? { httpClient: o.httpClient } : {}),
  });
}
