// Rules on the key encryption key: src/ade/keyVault.ts ("Creating and configuring a key vault for Azure Disk
// Encryption", the Windows ADE FAQ) and the CLI's KEK vault lookup.
import { imageNeeds3072BitKek, KEY_VAULT_REQUIREMENTS, parseKeyVaultUrl, WINDOWS_MIN_KEK_BITS } from '../../../ade';
import { isVersionedKeyUrl } from '../../ids';
import type { PreflightTarget } from '../context';
import type { PreflightRule } from '../rule';

export const kekUrl: PreflightRule = {
  id: 'kekUrl',
  severity: 'error',
  source: 'docs',
  operations: ['enable'],
  check({ input }) {
    const url = input.keyEncryptionKeyUrl;
    if (!url) return undefined;
    const parsed = parseKeyVaultUrl(url);
    const problem = parsed?.port
      ? KEY_VAULT_REQUIREMENTS.noPort
      : parsed?.managedHsm
        ? KEY_VAULT_REQUIREMENTS.kekInKeyVault
        : undefined;
    if (!problem) return undefined;
    return {
      ok: false,
      ref: problem.source,
      message: `Key encryption key URL '${url}': ${problem.text}.`,
      fix: { kind: 'useVersionedKek' },
    };
  },
};

export const kekVersioned: PreflightRule = {
  id: 'kekVersioned',
  severity: 'error',
  source: 'docs',
  ref: KEY_VAULT_REQUIREMENTS.kekVersioned.source,
  operations: ['enable'],
  check({ input }) {
    if (!input.keyEncryptionKeyUrl) return undefined;
    const versioned = isVersionedKeyUrl(input.keyEncryptionKeyUrl);
    return {
      ok: versioned,
      message: versioned
        ? 'The KEK URL is versioned.'
        : 'Key encryption key URLs must be versioned (…/keys/<name>/<version>).',
      ...(versioned ? {} : { fix: { kind: 'useVersionedKek' } }),
    };
  },
};

export const kekVaultExists: PreflightRule = {
  id: 'kekVaultExists',
  severity: 'error',
  source: 'cli',
  operations: ['enable'],
  check({ input, kekVault }) {
    if (!input.keyEncryptionKeyUrl) return undefined;
    return {
      ok: kekVault !== null,
      message: kekVault !== null ? 'The KEK vault exists.' : 'The key encryption key vault was not found.',
    };
  },
};

export const kekKeyType: PreflightRule = {
  id: 'kekKeyType',
  severity: 'error',
  source: 'docs',
  ref: KEY_VAULT_REQUIREMENTS.kekRsa.source,
  operations: ['enable'],
  check({ input, kekVault }) {
    if (!input.keyEncryptionKeyUrl || !input.kek) return undefined;
    const kty = input.kek.kty ?? '';
    const premium = (kekVault?.properties?.sku?.name ?? '').toLowerCase() === 'premium';
    const rsa = kty === 'RSA' || kty === 'RSA-HSM';
    const hsmOk = kty !== 'RSA-HSM' || premium || !kekVault;
    return {
      ok: rsa && hsmOk,
      message: !rsa
        ? `The KEK is ${kty || 'not RSA'}; ADE needs an RSA key (no elliptic-curve keys).`
        : !hsmOk
          ? 'RSA-HSM keys need a premium vault.'
          : `The KEK is ${kty}.`,
      ...(rsa && hsmOk ? {} : { fix: { kind: 'createKek', minKeySize: 3072, hsm: false } }),
    };
  },
};

/** Only Windows Server 2022 and Windows 11 are named by a public source (the Windows ADE FAQ). */
function needs3072(target: PreflightTarget): boolean {
  const img =
    target.kind === 'vm'
      ? target.vm.storageProfile?.imageReference
      : target.vmss.virtualMachineProfile?.storageProfile?.imageReference;
  return imageNeeds3072BitKek(img?.offer, img?.sku);
}

export const kekKeySize: PreflightRule = {
  id: 'kekKeySize',
  severity: 'warning',
  source: 'docs',
  operations: ['enable'],
  check({ input, t }) {
    if (!input.keyEncryptionKeyUrl || !input.kek) return undefined;
    const size = input.kek.keySize;
    const ok = !size || !(t.os === 'Windows' && needs3072(input.target)) || size >= WINDOWS_MIN_KEK_BITS.bits;
    return {
      ok,
      message: ok ? `Key size ${size ?? 'unknown'}.` : `${WINDOWS_MIN_KEK_BITS.text}.`,
      ...(ok ? {} : { ref: WINDOWS_MIN_KEK_BITS.source, fix: { kind: 'createKek', minKeySize: 3072, hsm: false } }),
    };
  },
};

export const kekAutoRotation: PreflightRule = {
  id: 'kekAutoRotation',
  severity: 'warning',
  source: 'docs',
  ref: KEY_VAULT_REQUIREMENTS.kekVersioned.source,
  operations: ['enable'],
  check({ input }) {
    if (!input.keyEncryptionKeyUrl || !input.kek) return undefined;
    const rotates = (input.kek.rotationPolicy?.lifetimeActions ?? []).some(
      (a) => (a.action?.type ?? '').toLowerCase() === 'rotate',
    );
    return {
      ok: !rotates,
      message: rotates
        ? 'The KEK has an auto-rotation policy; ADE keeps using the original version, so do not disable old versions.'
        : 'The KEK has no auto-rotation policy.',
    };
  },
};
