import type { Key, Secret, Vault } from '@azure/arm-keyvault';
import type { AzureClientFactory } from '../clients';
import { describeAzureError, isAbortError } from '../errors';
import { requireResourceId } from '../ids';
import { vaultReadiness, type ReadinessTarget } from '../state/vaultReadiness';
import { collect } from './concurrency';
import type { KeySummary, Outcome, SecretSummary, VaultDetails } from './types';

/** Tags ADE writes on BEK secrets (ADE docs, "disk-encryption-key-vault"); any one marks the secret. */
const ADE_SECRET_TAGS = [
  'diskencryptionkeyfilename',
  'diskencryptionkeyencryptionalgorithm',
  'diskencryptionkeyencryptionkeyurl',
  'machinename',
  'volumeletter',
];

export function summarizeKey(k: Key, premium: boolean): KeySummary {
  const kty = k.kty;
  const rsa = kty === 'RSA' || kty === 'RSA-HSM';
  const rotates = (k.rotationPolicy?.lifetimeActions ?? []).some(
    (a) => (a.action?.type ?? '').toLowerCase() === 'rotate',
  );
  return {
    name: k.name ?? '',
    ...(kty ? { kty } : {}),
    ...(k.keySize !== undefined ? { keySize: k.keySize } : {}),
    ...(k.attributes?.enabled !== undefined ? { enabled: k.attributes.enabled } : {}),
    ...(k.attributes?.expires !== undefined ? { expires: new Date(k.attributes.expires * 1000) } : {}),
    ...(k.keyUri ? { keyUri: k.keyUri } : {}),
    ...(k.keyUriWithVersion ? { keyUriWithVersion: k.keyUriWithVersion } : {}),
    usableAsKek: rsa && (kty !== 'RSA-HSM' || premium) && k.attributes?.enabled !== false,
    rotationPolicyRotates: rotates,
  };
}

export function summarizeSecret(s: Secret): SecretSummary {
  const tags = s.tags ?? {};
  const lower = Object.keys(tags).map((t) => t.toLowerCase());
  const machineKey = Object.keys(tags).find((t) => t.toLowerCase() === 'machinename');
  return {
    name: s.name ?? '',
    ...(s.properties?.attributes?.enabled !== undefined ? { enabled: s.properties.attributes.enabled } : {}),
    ...(s.properties?.contentType ? { contentType: s.properties.contentType } : {}),
    ...(s.properties?.secretUri ? { secretUri: s.properties.secretUri } : {}),
    tags,
    isAdeBek: lower.some((t) => ADE_SECRET_TAGS.includes(t)),
    ...(machineKey && tags[machineKey] ? { machineName: tags[machineKey] } : {}),
  };
}

async function outcome<T>(p: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await p };
  } catch (err) {
    if (isAbortError(err)) throw err;
    return { ok: false, error: describeAzureError(err) };
  }
}

/**
 * Vault details on demand: the vault itself (access policies, network rules, RBAC flag), its keys
 * and its secrets through the management plane (names, attributes, tags — never secret values).
 */
export async function getVaultDetails(
  factory: AzureClientFactory,
  vaultId: string,
  options: { signal?: AbortSignal; tenantId?: string; target?: ReadinessTarget } = {},
): Promise<VaultDetails> {
  const { subscriptionId, resourceGroup, name } = requireResourceId(vaultId, 'Key vault');
  const kv = factory.keyVault(subscriptionId, options.tenantId);
  const signal = options.signal;
  const [vault, keys, secrets] = await Promise.all([
    kv.vaults.get(resourceGroup, name, { abortSignal: signal }),
    outcome(collect(kv.keys.list(resourceGroup, name, { abortSignal: signal }), signal)),
    outcome(collect(kv.secrets.list(resourceGroup, name, { abortSignal: signal }), signal)),
  ]);
  const premium = (vault.properties?.sku?.name ?? '').toLowerCase() === 'premium';
  const readiness = vaultReadiness(vault, options.target);
  return {
    vault,
    readiness,
    permissionModel: readiness.permissionModel,
    accessPolicies: vault.properties?.accessPolicies ?? [],
    ...(vault.properties?.networkAcls ? { networkAcls: vault.properties.networkAcls } : {}),
    keys: keys.ok ? { ok: true, value: keys.value.map((k) => summarizeKey(k, premium)) } : keys,
    secrets: secrets.ok ? { ok: true, value: secrets.value.map(summarizeSecret) } : secrets,
  };
}

export async function getVault(
  factory: AzureClientFactory,
  vaultId: string,
  options: { signal?: AbortSignal; tenantId?: string } = {},
): Promise<Vault> {
  const { subscriptionId, resourceGroup, name } = requireResourceId(vaultId, 'Key vault');
  return factory
    .keyVault(subscriptionId, options.tenantId)
    .vaults.get(resourceGroup, name, { abortSignal: options.signal });
}
