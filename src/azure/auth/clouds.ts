/**
 * Azure clouds the extension supports. Names follow the VS Code `microsoft-sovereign-cloud.environment`
 * setting values so the adapter can map the user's choice without a setting of our own.
 */
export type CloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment';

export interface AzureCloud {
  readonly name: CloudName | 'custom';
  readonly displayName: string;
  /** ARM endpoint, no trailing slash. */
  readonly resourceManagerEndpoint: string;
  readonly portalUrl: string;
  /** Microsoft Entra authority host. */
  readonly authorityHost: string;
  /** Token scope for ARM. */
  readonly managementScope: string;
  /** e.g. `vault.azure.net`: vault URLs are `https://<name>.<suffix>/`. */
  readonly keyVaultDnsSuffix: string;
  /** VS Code auth provider id to ask for sessions. */
  readonly authProviderId: 'microsoft' | 'microsoft-sovereign-cloud';
}

export const CLOUDS: Readonly<Record<CloudName, AzureCloud>> = {
  AzureCloud: {
    name: 'AzureCloud',
    displayName: 'Azure',
    resourceManagerEndpoint: 'https://management.azure.com',
    portalUrl: 'https://portal.azure.com',
    authorityHost: 'https://login.microsoftonline.com',
    managementScope: 'https://management.azure.com/.default',
    keyVaultDnsSuffix: 'vault.azure.net',
    authProviderId: 'microsoft',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    displayName: 'Azure China (21Vianet)',
    resourceManagerEndpoint: 'https://management.chinacloudapi.cn',
    portalUrl: 'https://portal.azure.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
    managementScope: 'https://management.chinacloudapi.cn/.default',
    keyVaultDnsSuffix: 'vault.azure.cn',
    authProviderId: 'microsoft-sovereign-cloud',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    displayName: 'Azure US Government',
    resourceManagerEndpoint: 'https://management.usgovcloudapi.net',
    portalUrl: 'https://portal.azure.us',
    authorityHost: 'https://login.microsoftonline.us',
    managementScope: 'https://management.usgovcloudapi.net/.default',
    keyVaultDnsSuffix: 'vault.usgovcloudapi.net',
    authProviderId: 'microsoft-sovereign-cloud',
  },
};

/** Accepts the VS Code setting values (`ChinaCloud`, `USGovernment`) and the CLI names. */
export function cloudByName(name: string | undefined): AzureCloud {
  const n = (name ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (n === 'chinacloud' || n === 'azurechinacloud' || n === 'china') return CLOUDS.AzureChinaCloud;
  if (n === 'usgovernment' || n === 'azureusgovernment' || n === 'usgov' || n === 'usgovcloud')
    return CLOUDS.AzureUSGovernment;
  return CLOUDS.AzureCloud;
}

/** A cloud at a custom ARM endpoint (Azure Stack, or the in-process sandbox), scoped like public Azure unless told. */
export function customCloud(resourceManagerEndpoint: string, overrides: Partial<AzureCloud> = {}): AzureCloud {
  const base = CLOUDS.AzureCloud;
  return {
    ...base,
    name: 'custom',
    displayName: 'Custom',
    ...overrides,
    resourceManagerEndpoint: resourceManagerEndpoint.replace(/\/+$/, ''),
  };
}

export function portalResourceUrl(cloud: AzureCloud, resourceId: string, tenantId?: string): string {
  const tenant = tenantId ? `#@${tenantId}` : '#';
  return `${cloud.portalUrl}/${tenant}/resource${resourceId}`;
}

export function keyVaultUrl(cloud: AzureCloud, vaultName: string): string {
  return `https://${vaultName}.${cloud.keyVaultDnsSuffix}/`;
}
