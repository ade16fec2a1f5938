/** Pure rules of the Key Vault access wizards: presets, principals, validation. */

/** The Backup Management Service's application id (the same in every tenant). */
export const AZURE_BACKUP_APP_ID = '262044b1-e2ce-469f-a196-69ab7ada62d3';

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
    keys: ['get', 'list', 'backup'],
    secrets: ['get', 'list', 'backup'],
    roles: ['Key Vault Crypto Officer', 'Key Vault Secrets Officer'],
    roleWhy:
      'These are the smallest built-in roles that include the key and secret backup actions; Microsoft does not document a dedicated role for Azure Backup on RBAC vaults.',
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
