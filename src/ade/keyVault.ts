import { SOURCES, type Source } from './sources';

/** Key Vault DNS suffixes per cloud (vaults), and Managed HSM's. */
export const KEY_VAULT_SUFFIXES = [
  'vault.azure.net',
  'vault.azure.cn',
  'vault.usgovcloudapi.net',
  'vault.microsoftazure.de',
] as const;
export const MANAGED_HSM_SUFFIXES = [
  'managedhsm.azure.net',
  'managedhsm.azure.cn',
  'managedhsm.usgovcloudapi.net',
] as const;

export interface KeyVaultUrl {
  /** Lower-cased vault (or Managed HSM pool) name. */
  readonly vault: string;
  readonly suffix: string;
  readonly managedHsm: boolean;
  /** The port written in the URL, when there is one. */
  readonly port?: string;
  /** Path segments: ['keys', name, version] for a key URL. */
  readonly segments: readonly string[];
}

const URL_RE = /^https:\/\/([^./:?\s]+)\.([^/:?\s]+)(?::(\d+))?(\/[^?#\s]*)?\/?$/i;

/** Parses a Key Vault or Managed HSM URL; undefined for anything else. */
export function parseKeyVaultUrl(url: string): KeyVaultUrl | undefined {
  const m = URL_RE.exec(url.trim());
  if (!m) return undefined;
  const suffix = m[2]!.toLowerCase();
  const managedHsm = (MANAGED_HSM_SUFFIXES as readonly string[]).includes(suffix);
  if (!managedHsm && !(KEY_VAULT_SUFFIXES as readonly string[]).includes(suffix)) return undefined;
  return {
    vault: m[1]!.toLowerCase(),
    suffix,
    managedHsm,
    ...(m[3] ? { port: m[3] } : {}),
    segments: (m[4] ?? '').split('/').filter((s) => s.length > 0),
  };
}

/** One requirement ADE places on its vault or key, with the page that states it. */
export interface Requirement {
  readonly id: string;
  readonly text: string;
  readonly source: Source;
}

/**
 * ADE's requirements on Key Vault URLs and the key encryption key ("Creating and configuring a key vault
 * for Azure Disk Encryption"; the encryption key storage requirements on both OS pages).
 */
export const KEY_VAULT_REQUIREMENTS = {
  noPort: {
    id: 'noPort',
    text: 'ADE does not accept a port number in Key Vault secret or key URLs (write https://<vault>.vault.azure.net/…, not …:443/…)',
    source: SOURCES.linuxOverview,
  },
  kekInKeyVault: {
    id: 'kekInKeyVault',
    text: 'the key encryption key must be a Key Vault key (a premium vault for HSM-protected keys); Managed HSM is not supported by ADE',
    source: SOURCES.keyVault,
  },
  kekVersioned: {
    id: 'kekVersioned',
    text: 'Key Vault KEK URLs must be versioned (https://<vault>.vault.azure.net/keys/<name>/<version>)',
    source: SOURCES.keyVault,
  },
  kekInKekVault: {
    id: 'kekInKekVault',
    text: 'the key encryption key URL must point into the vault named by KekVaultResourceId',
    source: SOURCES.keyVault,
  },
  kekRsa: {
    id: 'kekRsa',
    text: 'the key encryption key must be an RSA key; ADE does not support elliptic-curve keys',
    source: SOURCES.keyVault,
  },
  enabledForDiskEncryption: {
    id: 'enabledForDiskEncryption',
    text: 'the vault must be enabled for disk encryption (enabledForDiskEncryption)',
    source: SOURCES.keyVault,
  },
  sameRegionAndSubscription: {
    id: 'sameRegionAndSubscription',
    text: 'the vault and the VM must be in the same region and subscription',
    source: SOURCES.cli,
  },
} as const satisfies Record<string, Requirement>;

/** KEK algorithms the handlers accept (Linux `CommonVariables.encryption_algorithms`, compared case-insensitively). */
export const KEK_ALGORITHMS = ['RSA-OAEP', 'RSA-OAEP-256', 'RSA1_5'] as const;
export const DEFAULT_KEK_ALGORITHM = 'RSA-OAEP';

/**
 * Windows Server 2022 and Windows 11 do not support an RSA 2048-bit key encryption key (Windows FAQ);
 * no public source states this for other versions, so only these images are matched.
 */
export const WINDOWS_MIN_KEK_BITS = {
  bits: 3072,
  text: 'Windows Server 2022 and Windows 11 do not support an RSA 2048-bit key encryption key; use 3072 or 4096 bits',
  source: SOURCES.windowsFaq,
} as const;

/** True when a marketplace image (offer and SKU) is Windows Server 2022 or Windows 11. */
export function imageNeeds3072BitKek(offer: string | undefined, sku: string | undefined): boolean {
  const text = `${offer ?? ''} ${sku ?? ''}`.toLowerCase();
  return /\b2022\b|2022-|windows-11|win11/.test(text);
}
