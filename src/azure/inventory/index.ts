export * from './types';
export {
  loadInventory,
  loadSubscriptionInventory,
  listVaults,
  SubscriptionLoadError,
  verifyStampedVms,
  type VerifyOptions,
} from './subscriptionInventory';
export {
  listTenants,
  listSubscriptions,
  listSubscriptionsAcrossTenants,
  type TenantSubscriptions,
} from './subscriptions';
export { getVaultDetails, getVault, summarizeKey, summarizeSecret } from './vaultDetails';
export { mapWithConcurrency } from './concurrency';
