// Scenario data: a compact description of an Azure estate. The builder (scenarios/build.ts) turns it into ARM
// resources, so scenario files stay readable and the generator can emit the same shape.

export interface ScenarioData {
  name?: string;
  /**
   * Service principals that can sign in (client credentials). Without any, the sandbox adds `ade-operator`
   * (secret `sandbox`) as Owner of every subscription.
   */
  principals?: ScenarioPrincipal[];
  subscriptions: ScenarioSubscription[];
}

export interface ScenarioPrincipal {
  name: string;
  appId: string;
  objectId: string;
  secret: string;
}

export interface ScenarioSubscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  resourceGroups: ScenarioResourceGroup[];
  /** Role assignments (RBAC) at vault, group or subscription scope. */
  roleAssignments?: ScenarioRoleAssignment[];
  /** Microsoft.Features states, e.g. `{ "Microsoft.Compute/EncryptionAtHost": "Registered" }`; others NotRegistered. */
  features?: Record<string, 'Registered' | 'NotRegistered'>;
}

export interface ScenarioResourceGroup {
  name: string;
  location: string;
  vaults?: ScenarioVault[];
  diskEncryptionSets?: ScenarioDiskEncryptionSet[];
  vms?: ScenarioVm[];
  scaleSets?: ScenarioScaleSet[];
}

export interface ScenarioAccessPolicy {
  objectId: string;
  applicationId?: string;
  permissions: { keys?: string[]; secrets?: string[]; certificates?: string[] };
}

export interface ScenarioKey {
  name: string;
  kty?: 'RSA' | 'RSA-HSM' | 'EC' | 'EC-HSM';
  keySize?: number;
  curveName?: string;
}

export interface ScenarioVault {
  name: string;
  location?: string;
  sku?: 'standard' | 'premium';
  enabledForDiskEncryption?: boolean;
  enabledForDeployment?: boolean;
  enabledForTemplateDeployment?: boolean;
  enableRbacAuthorization?: boolean;
  enableSoftDelete?: boolean;
  softDeleteRetentionInDays?: number;
  enablePurgeProtection?: boolean;
  publicNetworkAccess?: 'Enabled' | 'Disabled';
  networkAcls?: { defaultAction: 'Allow' | 'Deny'; bypass: 'AzureServices' | 'None'; ipRules?: string[] };
  accessPolicies?: ScenarioAccessPolicy[];
  keys?: ScenarioKey[];
  tags?: Record<string, string>;
}

export interface ScenarioDiskEncryptionSet {
  name: string;
  vault: string;
  key: string;
  encryptionType?: 'EncryptionAtRestWithCustomerKey' | 'EncryptionAtRestWithPlatformAndCustomerKeys';
}

export interface ScenarioAde {
  /** Disk-encryption vault: a name in the same resource group, or a full resource id. */
  vault: string;
  /** KEK name in the vault (or kekVault); the builder uses its current version. */
  kek?: string;
  kekVault?: string;
  volumeType?: 'All' | 'OS' | 'Data';
  /**
   * encrypted: finished; inProgress: extension still transitioning; failed: the extension run is evaluated
   * by the simulator and must fail; legacy: AAD (dual-pass) ADE with osDisk.encryptionSettings.
   */
  state: 'encrypted' | 'inProgress' | 'failed' | 'legacy';
  aadClientId?: string;
}

export interface ScenarioVm {
  name: string;
  os: 'Windows' | 'Linux';
  size?: string;
  location?: string;
  dataDisks?: number;
  encryptionAtHost?: boolean;
  /** Name of a disk encryption set in the same resource group (SSE with customer-managed key). */
  diskEncryptionSet?: string;
  powerState?: 'running' | 'deallocated' | 'stopped';
  ade?: ScenarioAde;
  tags?: Record<string, string>;
}

export interface ScenarioScaleSet {
  name: string;
  os: 'Windows' | 'Linux';
  size?: string;
  capacity?: number;
  dataDisks?: number;
  ade?: ScenarioAde;
}

export interface ScenarioRoleAssignment {
  /** Scope: 'subscription', 'rg:<name>' or 'vault:<rg>/<name>', or a full ARM scope. */
  scope: string;
  role: string;
  /** Object id of the assignee; or name a declared principal with `principal`. */
  principalId?: string;
  /** Name of a principal in ScenarioData.principals (its objectId becomes the principalId). */
  principal?: string;
  principalType?: 'User' | 'Group' | 'ServicePrincipal';
}
