import type * as AuthClouds from '../../azure/auth/clouds';
import type * as IdentityCred from '../../azure/auth/identityCredentials';
import type * as SessionCred from '../../azure/auth/sessionCredential';
import type * as Clients from '../../azure/clients';
import type * as Errors from '../../azure/errors';
import type * as Ids from '../../azure/ids';
import type * as Subs from '../../azure/inventory/subscriptions';
import type * as Inventory from '../../azure/inventory/subscriptionInventory';
import type * as VaultDetails from '../../azure/inventory/vaultDetails';
import type * as State from '../../azure/state';

/**
 * The parts of the Azure layer the explorer uses. The extension gets them from the lazily loaded
 * `#lazy/azure` bundle; unit tests and the benchmark pass the source modules directly.
 */
export interface AzureApi {
  readonly AzureClientFactory: typeof Clients.AzureClientFactory;
  readonly loadSubscriptionInventory: typeof Inventory.loadSubscriptionInventory;
  readonly verifyStampedVms: typeof Inventory.verifyStampedVms;
  readonly listTenants: typeof Subs.listTenants;
  readonly listSubscriptions: typeof Subs.listSubscriptions;
  readonly getVaultDetails: typeof VaultDetails.getVaultDetails;
  readonly encryptionState: typeof State.encryptionState;
  readonly scaleSetEncryptionState: typeof State.scaleSetEncryptionState;
  readonly vmShowStatus: typeof State.vmShowStatus;
  readonly scaleSetShowStatus: typeof State.scaleSetShowStatus;
  readonly describeAzureError: typeof Errors.describeAzureError;
  readonly NotSignedInError: typeof Errors.NotSignedInError;
  readonly parseResourceId: typeof Ids.parseResourceId;
  readonly cloudByName: typeof AuthClouds.cloudByName;
  readonly customCloud: typeof AuthClouds.customCloud;
  readonly portalResourceUrl: typeof AuthClouds.portalResourceUrl;
  readonly SessionCredentialCache: typeof SessionCred.SessionCredentialCache;
  readonly clientSecretCredential: typeof IdentityCred.clientSecretCredential;
}

const REQUIRED: readonly (keyof AzureApi)[] = [
  'AzureClientFactory',
  'loadSubscriptionInventory',
  'verifyStampedVms',
  'listTenants',
  'listSubscriptions',
  'getVaultDetails',
  'encryptionState',
  'scaleSetEncryptionState',
  'vmShowStatus',
  'scaleSetShowStatus',
  'describeAzureError',
  'NotSignedInError',
  'parseResourceId',
  'cloudByName',
  'customCloud',
  'portalResourceUrl',
  'SessionCredentialCache',
  'clientSecretCredential',
];

/** Checks a loaded module has everything; names what is missing instead of failing later with `undefined`. */
export function asAzureApi(mod: object): AzureApi {
  const rec = mod as Record<string, unknown>;
  const missing = REQUIRED.filter((k) => rec[k] === undefined);
  if (missing.length) {
    throw new Error(
      `This build of the extension is incomplete: the Azure module does not provide ${missing.join(', ')}. Rebuild the extension (npm run build).`,
    );
  }
  return mod as AzureApi;
}
