import type { Key } from '@azure/arm-keyvault';
import type { AzureClientFactory } from '../clients';
import { requireResourceId } from '../ids';
import { refuse, runOperation, type OperationOptions, type OperationResult } from './types';

export interface CreateKekParams extends OperationOptions {
  readonly vaultId: string;
  /** `^[a-zA-Z0-9-]{1,127}$` */
  readonly keyName: string;
  /** Default 3072 (Windows Server 2022 / Windows 11 reject 2048). */
  readonly keySize?: 2048 | 3072 | 4096;
  /** RSA-HSM needs a premium vault. */
  readonly hsm?: boolean;
  /** Expiry date (optional; policy "keys should have an expiration date"). */
  readonly expires?: Date;
}

export interface KekResult {
  /** Versioned key URL, what ADE needs as KeyEncryptionKeyURL. */
  readonly keyUrlWithVersion: string;
  readonly keyUrl?: string;
  readonly key: Key;
  readonly created: boolean;
}

/**
 * Creates a key encryption key through the management plane (`keys.createIfNotExist`), so only ARM
 * permissions are needed, and returns its versioned URL. An existing key of that name is returned unchanged.
 */
export function createKek(factory: AzureClientFactory, params: CreateKekParams): Promise<OperationResult<KekResult>> {
  return runOperation(async () => {
    if (!/^[a-zA-Z0-9-]{1,127}$/.test(params.keyName))
      throw refuse('Key names use letters, digits and dashes (1–127 characters).');
    const keySize = params.keySize ?? 3072;
    if (![2048, 3072, 4096].includes(keySize)) throw refuse('RSA key size must be 2048, 3072 or 4096.');
    const { subscriptionId, resourceGroup, name } = requireResourceId(params.vaultId, 'Key vault');
    const kv = factory.keyVault(subscriptionId, params.tenantId);
    const vault = await kv.vaults.get(resourceGroup, name, { abortSignal: params.signal });
    const premium = (vault.properties?.sku?.name ?? '').toLowerCase() === 'premium';
    if (params.hsm && !premium)
      throw refuse(
        `RSA-HSM keys need a premium vault; ${name} is ${vault.properties?.sku?.name ?? 'standard'}.`,
        'Use a software-protected RSA key, or a premium vault.',
      );
    const kty = params.hsm ? 'RSA-HSM' : 'RSA';
    let existing: Key | undefined;
    try {
      existing = await kv.keys.get(resourceGroup, name, params.keyName, { abortSignal: params.signal });
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    }
    const warnings: string[] = [];
    if (existing) {
      if (existing.kty !== 'RSA' && existing.kty !== 'RSA-HSM') {
        throw refuse(
          `Key ${params.keyName} exists and is ${existing.kty ?? 'not RSA'}; ADE needs an RSA key.`,
          'Choose another key name.',
        );
      }
      if (!existing.keyUriWithVersion) throw refuse(`Key ${params.keyName} has no versioned URL.`);
      return {
        changed: false,
        summary: `Key ${params.keyName} already exists in ${name}; using its current version.`,
        changes: [],
        warnings,
        value: {
          keyUrlWithVersion: existing.keyUriWithVersion,
          ...(existing.keyUri ? { keyUrl: existing.keyUri } : {}),
          key: existing,
          created: false,
        },
      };
    }
    params.onProgress?.({ message: `Creating key ${params.keyName} in ${name}…` });
    const key = await kv.keys.createIfNotExist(
      resourceGroup,
      name,
      params.keyName,
      {
        properties: {
          kty,
          keySize,
          keyOps: ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt'],
          ...(params.expires ? { attributes: { expires: Math.floor(params.expires.getTime() / 1000) } } : {}),
        },
      },
      { abortSignal: params.signal },
    );
    if (!key.keyUriWithVersion) throw refuse('The key was created but Azure returned no versioned URL.');
    return {
      changed: true,
      summary: `Created ${kty} ${keySize}-bit key ${params.keyName} in ${name}.`,
      changes: [
        { resourceId: key.id ?? `${params.vaultId}/keys/${params.keyName}`, property: 'key', after: { kty, keySize } },
      ],
      warnings,
      value: {
        keyUrlWithVersion: key.keyUriWithVersion,
        ...(key.keyUri ? { keyUrl: key.keyUri } : {}),
        key,
        created: true,
      },
    };
  });
}
