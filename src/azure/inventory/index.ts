export * from './types';
export { loadInventory, loadSubscriptionInventory, listVaults, SubscriptionLoadError } from './subscriptionInventory';
export {
  listTenants,
  listSubscriptions,
  listSubscriptionsAcrossTenants,
  type TenantSubscriptions,
} from './subscriptions';
export { getVaultDetails, getVault, summarizeKey, summarizeSecret } from './vaultDetails';
export { mapWithConcurrency } from './concurrency';
