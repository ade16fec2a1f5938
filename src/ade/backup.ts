import { SOURCES } from './sources';

/** The Backup Management Service's application id (the same in every tenant). */
export const BACKUP_MANAGEMENT_SERVICE_APP_ID = '262044b1-e2ce-469f-a196-69ab7ada62d3';

/**
 * What Azure Backup needs on the vault that holds ADE keys and secrets ("Back up and restore encrypted
 * Azure VMs"): on access-policy vaults, key and secret permissions for the Backup Management Service;
 * on RBAC vaults, the Key Vault Administrator role for it, or a custom role with exactly these data actions.
 */
export const BACKUP_PERMISSIONS = {
  accessPolicy: {
    keys: ['get', 'list', 'backup'],
    secrets: ['get', 'list', 'backup'],
  },
  rbac: {
    builtInRole: 'Key Vault Administrator',
    builtInRoleId: '00482a5a-887f-4fb3-b363-3b7fe8e74483',
    customRoleDataActions: [
      'Microsoft.KeyVault/vaults/keys/backup/action',
      'Microsoft.KeyVault/vaults/secrets/backup/action',
      'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      'Microsoft.KeyVault/vaults/keys/read',
      'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    ],
  },
  source: SOURCES.backup,
} as const;
