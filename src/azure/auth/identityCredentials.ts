import type { TokenCredential } from '@azure/core-auth';
import { AzureCliCredential, ChainedTokenCredential, DefaultAzureCredential } from '@azure/identity';
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
