export * from './types';
export {
  enableAde,
  disableAde,
  followVmEncryption,
  getVmEncryption,
  listScaleSetInstances,
  showVmEncryption,
  showScaleSetEncryption,
} from './vmAde';
export type { EnableAdeParams, DisableAdeParams, AdeRunResult, FollowOptions } from './vmAde';
export { enableScaleSetAde, disableScaleSetAde } from './scaleSetAde';
export type { EnableScaleSetAdeParams, DisableScaleSetAdeParams, ScaleSetAdeResult } from './scaleSetAde';
export { patchVault, addAccessPolicy, removeAccessPolicy, type AccessPolicyRequest } from './vault';
export {
  assignRole,
  KEY_VAULT_ROLES,
  type KeyVaultRoleName,
  type RoleAssignmentRequest,
  type RoleAssignmentResult,
} from './roles';
export { listVaultRoleAssignments, removeRoleAssignment, builtInRoleName, type VaultRoleAssignment } from './roles';
export { createVault, vaultNameProblem, type CreateVaultParams } from './createVault';
export { createKek, type CreateKekParams, type KekResult } from './keys';
export { pollWithBackoff, abortableSleep, type BackoffOptions } from './poll';
