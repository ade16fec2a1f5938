/** Pure rules of the Key Vault access wizards: presets, principals, validation. */
import type { PickItem } from '../engine/prompter';
import type { VaultRoleAssignment } from '../../../azure/operations/roles';

import { BACKUP_MANAGEMENT_SERVICE_APP_ID, BACKUP_PERMISSIONS } from '../../../ade';

/** The Backup Management Service's application id (the same in every tenant). */
export const AZURE_BACKUP_APP_ID = BACKUP_MANAGEMENT_SERVICE_APP_ID;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function guidProblem(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter an object id (a GUID such as 00000000-0000-0000-0000-000000000000).';
  if (!GUID.test(v)) return `"${v}" is not a GUID: an object id looks like 6a1e3c6d-1111-4c2b-9a55-0b1f2c3d4e01.`;
  return undefined;
}

export type PresetId = 'adeOperator' | 'backup' | 'kek' | 'custom';

export interface Preset {
  readonly id: PresetId;
  readonly label: string;
  readonly description: string;
  readonly keys: readonly string[];
  readonly secrets: readonly string[];
  /** Built-in roles for an RBAC vault, and why these. */
  readonly roles: readonly string[];
  readonly roleWhy: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'adeOperator',
    label: 'ADE operator',
    description: 'keys get/list/create/wrapKey/unwrapKey, secrets get/list/set',
    keys: ['get', 'list', 'create', 'wrapKey', 'unwrapKey'],
    secrets: ['get', 'list', 'set'],
    roles: ['Key Vault Crypto Officer', 'Key Vault Secrets Officer'],
    roleWhy: 'Crypto Officer covers creating and using the KEK, Secrets Officer the disk encryption secrets.',
  },
  {
    id: 'backup',
    label: 'Azure Backup for ADE VMs',
    description: 'keys get/list/backup, secrets get/list/backup',
    keys: BACKUP_PERMISSIONS.accessPolicy.keys,
    secrets: BACKUP_PERMISSIONS.accessPolicy.secrets,
    roles: [BACKUP_PERMISSIONS.rbac.builtInRole],
    roleWhy: `"${BACKUP_PERMISSIONS.source.title}" names ${BACKUP_PERMISSIONS.rbac.builtInRole} for the Backup Management Service on RBAC vaults, or a custom role with exactly ${BACKUP_PERMISSIONS.rbac.customRoleDataActions.map((a) => a.replace('Microsoft.KeyVault/vaults/', '')).join(', ')} (${BACKUP_PERMISSIONS.source.ref}).`,
  },
  {
    id: 'kek',
    label: 'KEK wrap/unwrap',
    description: 'keys get/wrapKey/unwrapKey',
    keys: ['get', 'wrapKey', 'unwrapKey'],
    secrets: [],
    roles: ['Key Vault Crypto Service Encryption User'],
    roleWhy: 'Crypto Service Encryption User allows exactly get, wrap and unwrap of keys.',
  },
  {
    id: 'custom',
    label: 'Custom…',
    description: 'choose key and secret permissions',
    keys: [],
    secrets: [],
    roles: [],
    roleWhy: 'Custom permissions have no matching built-in role; pick a preset on an RBAC vault.',
  },
];

export const KEY_PERMISSIONS = [
  'get',
  'list',
  'create',
  'update',
  'import',
  'delete',
  'backup',
  'restore',
  'recover',
  'wrapKey',
  'unwrapKey',
  'encrypt',
  'decrypt',
  'sign',
  'verify',
  'rotate',
];
export const SECRET_PERMISSIONS = ['get', 'list', 'set', 'delete', 'backup', 'restore', 'recover'];

export type PrincipalKind = 'vmIdentity' | 'userAssigned' | 'servicePrincipal' | 'backup' | 'me';

export function describePermissions(keys: readonly string[], secrets: readonly string[]): string {
  const parts = [
    keys.length ? `keys: ${keys.join(', ')}` : '',
    secrets.length ? `secrets: ${secrets.join(', ')}` : '',
  ].filter(Boolean);
  return parts.join('; ') || 'no permissions';
}

/** A role assignment as the Azure layer lists it (type only: the Azure bundle still loads lazily). */
export type RoleAssignmentView = VaultRoleAssignment;

/** "the subscription 4f6c…", "the resource group rg-x", "management group mg", "the root scope". */
export function describeScope(scope: string): string {
  const s = scope.replace(/\/+$/, '');
  if (!s || s === '/') return 'the root scope (/)';
  const mg = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(s);
  if (mg) return `management group ${mg[1]}`;
  const rg = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)$/i.exec(s);
  if (rg) return `resource group ${rg[1]}`;
  const sub = /^\/subscriptions\/([^/]+)$/i.exec(s);
  if (sub) return `subscription ${sub[1]}`;
  return s.split('/').pop() ?? s;
}

/** Why an inherited assignment cannot be removed from the vault; undefined when it can. */
export function roleAssignmentRefusal(a: RoleAssignmentView): string | undefined {
  if (!a.inherited) return undefined;
  return `${a.roleName} for ${a.principalId} is inherited from ${describeScope(a.scope)}; it cannot be removed on the vault. Remove it there (Access control (IAM) of that scope).`;
}

/** Pick items for the revoke wizard on an RBAC vault: the vault's own assignments, then inherited ones (refused). */
export function roleAssignmentItems<T extends RoleAssignmentView>(list: readonly T[]): PickItem<T>[] {
  const own = list.filter((a) => !a.inherited);
  const inherited = list.filter((a) => a.inherited);
  const item = (a: T): PickItem<T> => {
    const refusal = roleAssignmentRefusal(a);
    return {
      label: `$(shield) ${a.roleName}`,
      description: `${a.principalType} ${a.principalId}`,
      detail: refusal
        ? `inherited from ${describeScope(a.scope)} · scope ${a.scope}`
        : `scope ${a.scope}${a.condition ? ' · with a condition' : ''}`,
      ...(refusal ? { disabledReason: refusal } : {}),
      value: a,
    };
  };
  return [
    ...(own.length ? [{ label: 'Assigned on this vault', separator: true }] : []),
    ...own.map(item),
    ...(inherited.length
      ? [{ label: 'Inherited from above (remove them where they are assigned)', separator: true }]
      : []),
    ...inherited.map(item),
  ];
}

/** The summary line that says exactly which assignment goes. */
export function roleAssignmentChange(vaultName: string, a: RoleAssignmentView): string {
  const guid = a.roleDefinitionId.split('/').pop() ?? a.roleDefinitionId;
  return `Key vault ${vaultName}: remove role assignment ${a.roleName} (role ${guid}) of ${a.principalType} ${a.principalId} at scope ${a.scope} (assignment ${a.name}; other role assignments are kept)`;
}

/** Other assignments the same principal keeps at the vault after the removal. */
export function remainingAccessNote(vaultName: string, a: RoleAssignmentView, all: readonly RoleAssignmentView[]) {
  const others = all.filter((x) => x.id !== a.id && x.principalId.toLowerCase() === a.principalId.toLowerCase());
  if (!others.length) return undefined;
  const parts = others.map(
    (x) => `${x.roleName} (${x.inherited ? `inherited from ${describeScope(x.scope)}` : 'on the vault'})`,
  );
  return `${a.principalId} keeps other role assignments that apply to ${vaultName}: ${parts.join(', ')}.`;
}
