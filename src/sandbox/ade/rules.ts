// Pre-flight checks the ADE extension effectively performs, with the messages the real service/extension gives
// where sources record them (see the project's ADE facts); sandbox-specific wording is marked as such.
import type { MemoryStore } from '../store';
import { arr, obj, props, str, type Json } from '../context';
import { parseResourceId, sameId, vaultUri } from '../ids';
import type { StoredResource } from '../types';

/** The extension's documented failure text for vault problems (VMExtensionProvisioningError). */
export const SEND_DATA_FAILED =
  'Failed to send DiskEncryptionData, Check KeyVault inputs, ResourceIds and retry encryption operation.';
/**
 * The Linux handler's refusal: `disable_encryption` in Azure/azure-linux-extensions VMEncryption/main/handle.py
 * raises it whenever the OS volume's status is not NotEncrypted, whatever VolumeType asks for.
 */
export const LINUX_DISABLE_OS_ENCRYPTED = 'Disabling encryption is not supported when OS volume is encrypted';
export const EAH_CONFLICT = 'ADE cannot be enabled on a VM with encryption at host.';
export const LINUX_VMSS_OS =
  'OS disk encryption is not supported for Linux virtual machine scale sets; use VolumeType Data.';

export type VolumeType = 'OS' | 'Data' | 'All';

export interface AdeSettings {
  operation: 'EnableEncryption' | 'EnableEncryptionFormatAll' | 'DisableEncryption';
  volumeType: VolumeType;
  keyVaultUrl?: string;
  keyVaultResourceId?: string;
  kekUrl?: string;
  kekVaultResourceId?: string;
  kekAlgorithm: string;
  sequenceVersion?: string;
  aadClientId?: string;
}

export type Check<T> = { ok: true; value: T } | { ok: false; message: string };

export function readSettings(settings: Json, isLinux: boolean, isDisable: boolean): Check<AdeSettings> {
  const opRaw = str(settings['EncryptionOperation']) ?? 'EnableEncryption';
  if (!['EnableEncryption', 'EnableEncryptionFormatAll', 'DisableEncryption'].includes(opRaw)) {
    return {
      ok: false,
      message: `EncryptionOperation '${opRaw}' is not supported. Valid values: EnableEncryption, EnableEncryptionFormatAll, DisableEncryption.`,
    };
  }
  if (opRaw === 'EnableEncryptionFormatAll' && !isLinux) {
    return { ok: false, message: 'EnableEncryptionFormatAll is only supported for Linux virtual machines.' };
  }
  const vtRaw = str(settings['VolumeType']) ?? (isLinux ? (isDisable ? 'Data' : 'OS') : 'All');
  const vt = ({ os: 'OS', data: 'Data', all: 'All' } as Record<string, VolumeType>)[vtRaw.toLowerCase()];
  if (!vt) return { ok: false, message: `VolumeType '${vtRaw}' is not valid. Valid values: OS, Data, All.` };
  const nonEmpty = (k: string): string | undefined => {
    const v = str(settings[k]);
    return v && v.trim() ? v : undefined;
  };
  const s: AdeSettings = {
    operation: opRaw as AdeSettings['operation'],
    volumeType: vt,
    kekAlgorithm: nonEmpty('KeyEncryptionAlgorithm') ?? 'RSA-OAEP',
  };
  const opt: [keyof AdeSettings, string][] = [
    ['keyVaultUrl', 'KeyVaultURL'],
    ['keyVaultResourceId', 'KeyVaultResourceId'],
    ['kekUrl', 'KeyEncryptionKeyURL'],
    ['kekVaultResourceId', 'KekVaultResourceId'],
    ['aadClientId', 'AADClientID'],
  ];
  for (const [field, key] of opt) {
    const v = nonEmpty(key);
    if (v) (s as unknown as Record<string, string>)[field] = v;
  }
  const seq = settings['SequenceVersion'];
  if (seq !== undefined && seq !== null) s.sequenceVersion = String(seq);
  return { ok: true, value: s };
}

/**
 * Sizes ADE does not run on, per the unsupported-scenario lists of the Windows and Linux ADE pages on Microsoft
 * Learn: Basic, A-series (incl. Av2), the L family, v7 and newer, and the v6 families with a local temporary disk
 * (Ddsv6, Dldsv6, Edsv6, Dadsv6, Daldsv6, Eadsv6, Dpdsv6, Dpldsv6, Epdsv6, Endsv6).
 */
export function unsupportedSize(size: string): boolean {
  return (
    /^Basic_/i.test(size) ||
    /^Standard_A\d+m?(_v2)?$/i.test(size) ||
    /^Standard_L\d/i.test(size) ||
    /_v([7-9]|\d{2,})$/i.test(size) ||
    /^Standard_(D|E)\d+(-\d+)?(d|ld|ad|ald|pd|pld|nd)s_v6$/i.test(size)
  );
}

/**
 * Memory (GiB) of the sizes the sandbox's scenarios and tests use, from the Microsoft Learn size pages.
 * Unknown sizes are assumed large enough.
 */
const MEMORY_GB: Record<string, number> = {
  standard_b1ls: 0.5,
  standard_b1s: 1,
  standard_b1ms: 2,
  standard_b2s: 4,
  standard_b2ms: 8,
  standard_ds1_v2: 3.5,
  standard_ds2_v2: 7,
  standard_d2s_v3: 8,
  standard_d2s_v4: 8,
  standard_d2s_v5: 8,
  standard_d4s_v5: 16,
  standard_d8s_v5: 32,
  standard_d2as_v5: 8,
  standard_d2ls_v5: 4,
  standard_d4ls_v5: 8,
  standard_d2s_v6: 8,
  standard_d4s_v6: 16,
  standard_e2s_v5: 16,
  standard_f2s_v2: 4,
  standard_f4s_v2: 8,
};

export function memoryGb(size: string): number | undefined {
  return MEMORY_GB[size.toLowerCase()];
}

/**
 * Memory ADE needs (the ADE pages' requirements): 2 GB on Windows and for Linux data volumes, 8 GB when a Linux
 * OS volume is encrypted.
 */
export function memoryNeededGb(os: 'Windows' | 'Linux', volumeType: VolumeType): number {
  return os === 'Linux' && volumeType !== 'Data' ? 8 : 2;
}

export interface VaultCheckInput {
  store: MemoryStore;
  settings: AdeSettings;
  target: StoredResource;
  targetKind: 'VM' | 'VMSS';
}

function vaultFailure(detail: string): { ok: false; message: string } {
  return { ok: false, message: `${SEND_DATA_FAILED} ${detail}` };
}

/** Disk-encryption vault and KEK checks. Returns the vault (and KEK key resource, if any). */
export function checkVaults(
  input: VaultCheckInput,
): Check<{ vault: StoredResource; kek?: { url: string; vault: StoredResource } }> {
  const { store, settings, target } = input;
  const vaultId = settings.keyVaultResourceId;
  if (!vaultId) return vaultFailure('KeyVaultResourceId is missing from the extension settings.');
  const vault = store.get(vaultId);
  const parsedVault = parseResourceId(vaultId);
  if (!vault || !parsedVault) return vaultFailure(`Key vault '${vaultId}' was not found.`);
  const vp = props(vault);
  if (
    settings.keyVaultUrl &&
    settings.keyVaultUrl.replace(/\/?$/, '/').toLowerCase() !== String(vp['vaultUri']).toLowerCase()
  ) {
    return vaultFailure(`KeyVaultURL '${settings.keyVaultUrl}' does not belong to key vault '${vault['name']}'.`);
  }
  if (vp['enabledForDiskEncryption'] !== true) {
    return vaultFailure(`Key vault '${vault['name']}' is not enabled for disk encryption.`);
  }
  const targetSub = parseResourceId(target.id)?.subscriptionId ?? '';
  if (!sameId(targetSub, parsedVault.subscriptionId)) {
    return vaultFailure(`${input.targetKind} ${target['name']}'s subscription does not match keyvault's subscription.`);
  }
  const norm = (l: unknown): string => String(l).replace(/\s/g, '').toLowerCase();
  if (norm(vault['location']) !== norm(target['location'])) {
    return vaultFailure(`${input.targetKind} ${target['name']}'s region does not match keyvault's region.`);
  }
  const acls = obj(vp['networkAcls']);
  if (str(acls['defaultAction']) === 'Deny' && str(acls['bypass']) === 'None') {
    return vaultFailure(
      `Key vault '${vault['name']}' firewall blocks trusted Microsoft services (networkAcls.bypass is None).`,
    );
  }
  if (!settings.kekUrl) return { ok: true, value: { vault } };
  const m = /^https:\/\/([a-z0-9-]+)\.vault\.azure\.net\/keys\/([a-zA-Z0-9-]+)(?:\/([a-fA-F0-9]{32}))?\/?$/i.exec(
    settings.kekUrl,
  );
  if (!m) return { ok: false, message: `KeyEncryptionKeyURL '${settings.kekUrl}' is not a valid Key Vault key URL.` };
  if (!m[3]) {
    return {
      ok: false,
      message: `KeyEncryptionKeyURL '${settings.kekUrl}' must be versioned (https://<vault>.vault.azure.net/keys/<name>/<version>).`,
    };
  }
  const kekVaultId = settings.kekVaultResourceId ?? vaultId;
  const kekVault = store.get(kekVaultId);
  if (!kekVault) return vaultFailure(`Key vault '${kekVaultId}' (KekVaultResourceId) was not found.`);
  if (vaultUri(m[1] ?? '') !== String(props(kekVault)['vaultUri']).toLowerCase()) {
    return vaultFailure(`KeyEncryptionKeyURL '${settings.kekUrl}' is not in the vault given by KekVaultResourceId.`);
  }
  const version = store.get(`${kekVault.id}/keys/${m[2]}/versions/${m[3]}`);
  if (!version) return vaultFailure(`Key encryption key '${settings.kekUrl}' was not found.`);
  const kty = String(props(version)['kty']);
  if (!kty.startsWith('RSA')) {
    return {
      ok: false,
      message: `Key encryption key '${m[2]}' has key type '${kty}'. Azure Disk Encryption supports RSA keys only (Elliptic Curve keys are not supported).`,
    };
  }
  if (!['RSA-OAEP', 'RSA-OAEP-256', 'RSA1_5'].includes(settings.kekAlgorithm)) {
    return {
      ok: false,
      message: `KeyEncryptionAlgorithm '${settings.kekAlgorithm}' is not supported. Valid values: RSA-OAEP, RSA-OAEP-256, RSA1_5.`,
    };
  }
  const attrs = obj(props(version)['attributes']);
  if (attrs['enabled'] === false) return vaultFailure(`Key encryption key '${settings.kekUrl}' is disabled.`);
  return { ok: true, value: { vault, kek: { url: settings.kekUrl, vault: kekVault } } };
}

/** True when any of the VM's disks uses a disk encryption set (SSE with customer-managed keys). */
export function usesDiskEncryptionSet(vm: StoredResource): boolean {
  const sp = obj(props(vm)['storageProfile']);
  const disks = [obj(sp['osDisk']), ...arr(sp['dataDisks'])];
  return disks.some((d) => str(obj(obj(d['managedDisk'])['diskEncryptionSet'])['id']) !== undefined);
}
