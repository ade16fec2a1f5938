import type { Disk, VirtualMachine, VirtualMachineScaleSet } from '@azure/arm-compute';
import type { Key, Vault } from '@azure/arm-keyvault';
import {
  ADE_RETIREMENT_DATE,
  findAdeExtension,
  isLegacyAdeVersion,
  normalizeVolumeType,
  osKindOf,
  type OsKind,
  type VolumeType,
} from '../ade/extension';
import {
  imageNeeds3072BitKek,
  KEY_VAULT_REQUIREMENTS,
  memoryShortfall,
  parseKeyVaultUrl,
  parseVolumeType,
  volumeTypeVerdict,
  WINDOWS_MIN_KEK_BITS,
  type AdeVolumeType,
} from '../../ade';
import { isVersionedKeyUrl, parseResourceId, sameLocation } from '../ids';
import { findScaleSetAdeExtension } from '../state/scaleSetState';
import { vaultReadiness } from '../state/vaultReadiness';
import type { PreflightCheck, PreflightReport } from './types';
import { adeSizeVerdict } from './vmSize';

export type PreflightTarget =
  | { readonly kind: 'vm'; readonly vm: VirtualMachine; readonly disks?: readonly Disk[] }
  | { readonly kind: 'vmss'; readonly vmss: VirtualMachineScaleSet };

export interface PreflightInput {
  readonly target: PreflightTarget;
  readonly operation: 'enable' | 'disable';
  /** Requested volume type; undefined = the CLI default for the OS. */
  readonly volumeType?: VolumeType;
  /** Disk-encryption vault as read from Azure (`null` = the id did not resolve). */
  readonly vault?: Vault | null;
  readonly vaultId?: string;
  readonly keyEncryptionKeyUrl?: string;
  /** KEK vault (`null` = not found). Defaults to the disk vault, like the CLI. */
  readonly kekVault?: Vault | null;
  /** Management-plane view of the KEK, when known (kty, keySize, rotation policy). */
  readonly kek?: Key;
  /** Legacy (AAD app) parameters, needed only for VMs already on legacy ADE. */
  readonly aadClientId?: string;
  /**
   * Whether the OS volume is encrypted now, from the instance view (undefined: not known). The Linux handler
   * refuses any decryption while it is (`disable_encryption` in VMEncryption/main/handle.py).
   */
  readonly osVolumeEncrypted?: boolean;
}

/** The volume type the CLI would use when none is given (`encrypt_vm`, `decrypt_vm`, `encrypt_vmss`). */
export function defaultVolumeType(
  os: OsKind | undefined,
  target: 'vm' | 'vmss',
  operation: 'enable' | 'disable',
  hasDataDisks: boolean,
): VolumeType | { error: string } {
  if (os !== 'Linux') return 'ALL';
  if (target === 'vmss' || operation === 'disable') return 'DATA';
  if (hasDataDisks) return { error: 'VM has data disks, please supply a volume type (DATA, OS or ALL).' };
  return 'OS';
}

function targetInfo(t: PreflightTarget) {
  if (t.kind === 'vm') {
    const vm = t.vm;
    const ext = findAdeExtension(vm.resources);
    const os = osKindOf(vm.storageProfile?.osDisk?.osType);
    return {
      name: vm.name ?? 'the VM',
      label: 'VM',
      id: vm.id ?? '',
      location: vm.location,
      os,
      vmSize: vm.hardwareProfile?.vmSize,
      securityProfile: vm.securityProfile,
      ultra: vm.additionalCapabilities?.ultraSSDEnabled === true,
      osDisk: vm.storageProfile?.osDisk,
      dataDisks: vm.storageProfile?.dataDisks ?? [],
      diskModels: t.disks ?? [],
      legacy:
        !!vm.storageProfile?.osDisk?.encryptionSettings || (!!ext && isLegacyAdeVersion(os, ext.typeHandlerVersion)),
      hasAde: !!ext || !!vm.storageProfile?.osDisk?.encryptionSettings,
      managedOnly: true,
    };
  }
  const vmss = t.vmss;
  const p = vmss.virtualMachineProfile;
  const ext = findScaleSetAdeExtension(vmss);
  const os = osKindOf(p?.storageProfile?.osDisk?.osType);
  return {
    name: vmss.name ?? 'the scale set',
    label: 'VM scale set',
    id: vmss.id ?? '',
    location: vmss.location,
    os,
    vmSize: vmss.sku?.name,
    securityProfile: p?.securityProfile,
    ultra: vmss.additionalCapabilities?.ultraSSDEnabled === true,
    osDisk: p?.storageProfile?.osDisk,
    dataDisks: p?.storageProfile?.dataDisks ?? [],
    diskModels: [] as readonly Disk[],
    legacy: !!ext && isLegacyAdeVersion(os, ext.typeHandlerVersion),
    hasAde: !!ext,
    managedOnly: !(p?.storageProfile?.osDisk?.vhdContainers?.length ?? 0),
  };
}

/**
 * Checks before enabling or disabling ADE: the Azure CLI's own (vault enabled for disk encryption,
 * same subscription, same region, KEK vault exists) plus the documented ADE rules. Pure: callers pass
 * what they already read from Azure.
 */
export function runPreflight(input: PreflightInput): PreflightReport {
  const t = targetInfo(input.target);
  const checks: PreflightCheck[] = [];
  const add = (c: PreflightCheck) => checks.push(c);
  const targetSub = parseResourceId(t.id)?.subscriptionId ?? '';
  const enabling = input.operation === 'enable';

  // Volume type per OS, target and operation: the verdicts of src/ade/volumeTypes.ts.
  const requested = normalizeVolumeType(input.volumeType);
  const def = defaultVolumeType(t.os, input.target.kind, input.operation, t.dataDisks.length > 0);
  const effective: AdeVolumeType | undefined = parseVolumeType(
    requested ?? (typeof def === 'string' ? def : undefined),
  );
  const verdict =
    t.os && effective
      ? volumeTypeVerdict({
          os: t.os,
          host: input.target.kind,
          operation: input.operation,
          volumeType: effective,
          ...(input.osVolumeEncrypted !== undefined ? { osVolumeEncrypted: input.osVolumeEncrypted } : {}),
        })
      : undefined;
  const upper = (v: AdeVolumeType): VolumeType => (v === 'Data' ? 'DATA' : v === 'All' ? 'ALL' : 'OS');
  if (!requested && typeof def === 'object') {
    add({
      id: 'volumeType',
      ok: false,
      severity: 'error',
      source: 'cli',
      message: def.error,
      fix: { kind: 'setVolumeType', volumeType: 'DATA' },
    });
  } else if (verdict && !verdict.ok && verdict.code === 'linuxDisableOsEncrypted') {
    add({
      id: 'linuxOsEncrypted',
      ok: false,
      severity: 'error',
      source: 'handler',
      ref: verdict.source,
      message: verdict.message,
      fix: {
        kind: 'manual',
        steps:
          'An encrypted Linux OS volume cannot be decrypted: build a new VM with encryption at host and copy the data at file level (scp, rsync, or backup and restore).',
      },
    });
  } else if (verdict && !verdict.ok) {
    // The CLI refuses a Linux disable of anything but DATA unless forced: here that blocks, like the CLI.
    const cliRefuses = verdict.code === 'linuxDisableNotData';
    add({
      id: 'volumeType',
      ok: false,
      severity: cliRefuses ? 'error' : verdict.severity,
      source: verdict.source.ref.includes('azure-cli') ? 'cli' : 'docs',
      ref: verdict.source,
      message: verdict.message,
      ...(verdict.suggest ? { fix: { kind: 'setVolumeType', volumeType: upper(verdict.suggest) } as const } : {}),
    });
  } else {
    add({
      id: 'volumeType',
      ok: true,
      severity: 'info',
      source: 'cli',
      message: verdict?.note?.message ?? `Volume type ${requested ?? (typeof def === 'string' ? def : '')}.`,
      ...(verdict?.note ? { ref: verdict.note.source } : {}),
    });
  }

  if (!enabling) {
    add(
      t.hasAde
        ? {
            id: 'notEncrypted',
            ok: true,
            severity: 'info',
            source: 'cli',
            message: 'ADE is present and can be disabled.',
          }
        : {
            id: 'notEncrypted',
            ok: false,
            severity: 'error',
            source: 'cli',
            message:
              input.target.kind === 'vmss'
                ? `VM scale set '${t.name}' was not encrypted.`
                : 'Azure Disk Encryption is not enabled.',
          },
    );
    return report(checks);
  }

  // Legacy AAD: the CLI keeps legacy VMs on the legacy schema and needs the AAD app.
  if (t.legacy) {
    add({
      id: 'legacyAad',
      ok: !!input.aadClientId,
      severity: 'error',
      source: 'cli',
      message: input.aadClientId
        ? 'This VM uses legacy (Microsoft Entra app) ADE; the AAD parameters will be used.'
        : 'This VM uses legacy ADE with a Microsoft Entra app: re-running needs the AAD client id and secret or certificate thumbprint.',
      ...(input.aadClientId
        ? {}
        : {
            fix: {
              kind: 'manual',
              steps:
                'Run `az vm encryption enable` with --aad-client-id and --aad-client-secret (or --aad-client-cert-thumbprint).',
            } as const,
          }),
    });
  }

  const size = adeSizeVerdict(t.vmSize, t.os);
  add({
    id: 'vmSize',
    ok: size.supported,
    severity: 'error',
    source: 'docs',
    message: size.supported ? `Size ${t.vmSize ?? 'unknown'} is not on the ADE exclusion list.` : (size.reason ?? ''),
    ...(size.supported
      ? {}
      : {
          fix: {
            kind: 'manual',
            steps: 'Resize to a supported size, or use encryption at host instead of ADE.',
          } as const,
        }),
  });

  // Memory: 2 GB (Windows, Linux data volumes), 8 GB to encrypt a Linux OS volume. Unknown sizes: no finding.
  const short = t.vmSize && t.os && effective ? memoryShortfall(t.vmSize, t.os, effective) : undefined;
  if (short) {
    add({
      id: 'vmMemory',
      ok: false,
      severity: 'error',
      source: 'docs',
      ref: short.source,
      message: `${short.message}; ${t.vmSize} has ${short.sizeGib} GiB.`,
      fix: { kind: 'manual', steps: 'Resize the VM to a size with enough memory, or use encryption at host instead.' },
    });
  }

  const eah = t.securityProfile?.encryptionAtHost === true;
  add({
    id: 'encryptionAtHostConflict',
    ok: !eah,
    severity: 'error',
    source: 'docs',
    message: eah
      ? 'Encryption at host is enabled; ADE cannot be enabled on disks that use encryption at host.'
      : 'Encryption at host is not enabled.',
  });

  const desIds = [
    t.osDisk?.managedDisk?.diskEncryptionSet?.id,
    ...t.dataDisks.map((d) => d.managedDisk?.diskEncryptionSet?.id),
  ];
  const cmkDisk =
    desIds.some(Boolean) || t.diskModels.some((d) => (d.encryption?.type ?? '').toLowerCase().includes('customerkey'));
  add({
    id: 'diskEncryptionSetConflict',
    ok: !cmkDisk,
    severity: 'error',
    source: 'docs',
    message: cmkDisk
      ? 'A disk uses a customer-managed key (disk encryption set); ADE cannot be applied to such disks.'
      : 'No disk uses a disk encryption set.',
  });

  const storageTypes = [
    t.osDisk?.managedDisk?.storageAccountType,
    ...t.dataDisks.map((d) => d.managedDisk?.storageAccountType),
    ...t.diskModels.map((d) => d.sku?.name),
  ]
    .filter((x): x is string => !!x)
    .map((x) => x.toLowerCase());
  const badType = t.ultra || storageTypes.some((s) => s === 'ultrassd_lrs' || s === 'premiumv2_lrs');
  add({
    id: 'unsupportedDiskType',
    ok: !badType,
    severity: 'error',
    source: 'docs',
    message: badType ? 'Ultra disks and Premium SSD v2 disks are not supported by ADE.' : 'Disk types are supported.',
  });

  const ephemeral = !!t.osDisk?.diffDiskSettings;
  add({
    id: 'ephemeralOsDisk',
    ok: !ephemeral,
    severity: 'error',
    source: 'docs',
    message: ephemeral ? 'Ephemeral OS disks are not supported by ADE.' : 'The OS disk is not ephemeral.',
  });

  if (input.target.kind === 'vmss') {
    add({
      id: 'managedDisksOnly',
      ok: t.managedOnly,
      severity: 'error',
      source: 'docs',
      message: t.managedOnly ? 'The scale set uses managed disks.' : 'ADE on scale sets supports managed disks only.',
    });
  }

  // Vault checks. The CLI skips "enabled for disk encryption" for VMs with an ADE encryption identity.
  const vault = input.vault;
  const vaultId = input.vaultId ?? vault?.id ?? '';
  if (vault === null || (vault === undefined && input.vaultId)) {
    add({
      id: 'vaultFound',
      ok: false,
      severity: 'error',
      source: 'cli',
      message: `Key vault '${input.vaultId ?? ''}' was not found.`,
    });
  } else if (vault) {
    const identity =
      input.target.kind === 'vm' &&
      !!input.target.vm.securityProfile?.encryptionIdentity?.userAssignedIdentityResourceId;
    const enabled = vault.properties?.enabledForDiskEncryption === true;
    add({
      id: 'vaultEnabledForDiskEncryption',
      ok: enabled || identity,
      severity: 'error',
      source: 'cli',
      message: enabled
        ? 'The vault is enabled for disk encryption.'
        : identity
          ? 'The vault is not enabled for disk encryption, but the VM has an ADE encryption identity (the CLI skips this check).'
          : `Keyvault '${vault.name ?? ''}' is not enabled for disk encryption.`,
      ...(enabled || identity
        ? {}
        : { fix: { kind: 'patchVault', vaultId, patch: { enabledForDiskEncryption: true } } as const }),
    });
    const vaultSub = parseResourceId(vaultId)?.subscriptionId ?? '';
    const sameSub = !vaultSub || !targetSub || vaultSub.toLowerCase() === targetSub.toLowerCase();
    add({
      id: 'vaultSameSubscription',
      ok: sameSub,
      severity: 'error',
      source: 'cli',
      message: sameSub
        ? 'The vault is in the same subscription.'
        : `${t.label} ${t.name}'s subscription does not match keyvault's subscription.`,
      ...(sameSub ? {} : { fix: { kind: 'chooseVault', location: t.location, subscriptionId: targetSub } as const }),
    });
    const sameRegion = sameLocation(vault.location, t.location);
    add({
      id: 'vaultSameRegion',
      ok: sameRegion,
      severity: 'error',
      source: 'cli',
      message: sameRegion
        ? 'The vault is in the same region.'
        : `${t.label} ${t.name}'s region does not match keyvault's region (${t.location} vs ${vault.location ?? 'unknown'}).`,
      ...(sameRegion ? {} : { fix: { kind: 'chooseVault', location: t.location, subscriptionId: targetSub } as const }),
    });
    const readiness = vaultReadiness(vault);
    const reason = (id: string) => readiness.reasons.find((r) => r.id === id);
    const soft = reason('softDeleteDisabled');
    add({
      id: 'vaultSoftDelete',
      ok: !soft,
      severity: 'error',
      source: 'docs',
      message: soft?.message ?? 'Soft delete is on.',
      ...(soft ? { fix: { kind: 'patchVault', vaultId, patch: { enableSoftDelete: true } } as const } : {}),
    });
    const purge = reason('purgeProtectionDisabled');
    add({
      id: 'vaultPurgeProtection',
      ok: !purge,
      severity: 'warning',
      source: 'docs',
      message: purge?.message ?? 'Purge protection is on.',
      ...(purge ? { fix: { kind: 'patchVault', vaultId, patch: { enablePurgeProtection: true } } as const } : {}),
    });
    const fw = reason('firewallBlocksTrustedServices') ?? reason('publicAccessDisabledNoBypass');
    add({
      id: 'vaultFirewall',
      ok: !fw,
      severity: 'error',
      source: 'docs',
      message: fw?.message ?? 'The vault firewall lets ADE through.',
      ...(fw ? { fix: { kind: 'patchVault', vaultId, patch: { networkBypass: 'AzureServices' } } as const } : {}),
    });
    add({
      id: 'vaultPermissionModel',
      ok: true,
      severity: 'info',
      source: 'docs',
      message:
        readiness.permissionModel === 'rbac'
          ? 'The vault uses Azure RBAC; you need a Key Vault role (e.g. Key Vault Crypto Officer) to manage the KEK.'
          : 'The vault uses access policies.',
    });
  }

  // KEK checks.
  if (input.keyEncryptionKeyUrl) {
    const parsedKek = parseKeyVaultUrl(input.keyEncryptionKeyUrl);
    const urlProblem = parsedKek?.port
      ? KEY_VAULT_REQUIREMENTS.noPort
      : parsedKek?.managedHsm
        ? KEY_VAULT_REQUIREMENTS.kekInKeyVault
        : undefined;
    if (urlProblem) {
      add({
        id: 'kekUrl',
        ok: false,
        severity: 'error',
        source: 'docs',
        ref: urlProblem.source,
        message: `Key encryption key URL '${input.keyEncryptionKeyUrl}': ${urlProblem.text}.`,
        fix: { kind: 'useVersionedKek' },
      });
    }
    const versioned = isVersionedKeyUrl(input.keyEncryptionKeyUrl);
    add({
      id: 'kekVersioned',
      ok: versioned,
      severity: 'error',
      source: 'docs',
      message: versioned
        ? 'The KEK URL is versioned.'
        : 'Key encryption key URLs must be versioned (…/keys/<name>/<version>).',
      ...(versioned ? {} : { fix: { kind: 'useVersionedKek' } as const }),
    });
    const kekVault = input.kekVault === undefined ? vault : input.kekVault;
    add({
      id: 'kekVaultExists',
      ok: kekVault !== null,
      severity: 'error',
      source: 'cli',
      message: kekVault !== null ? 'The KEK vault exists.' : 'The key encryption key vault was not found.',
    });
    if (input.kek) {
      const kty = input.kek.kty ?? '';
      const premium = (kekVault?.properties?.sku?.name ?? '').toLowerCase() === 'premium';
      const rsa = kty === 'RSA' || kty === 'RSA-HSM';
      const hsmOk = kty !== 'RSA-HSM' || premium || !kekVault;
      add({
        id: 'kekKeyType',
        ok: rsa && hsmOk,
        severity: 'error',
        source: 'docs',
        message: !rsa
          ? `The KEK is ${kty || 'not RSA'}; ADE needs an RSA key (no elliptic-curve keys).`
          : !hsmOk
            ? 'RSA-HSM keys need a premium vault.'
            : `The KEK is ${kty}.`,
        ...(rsa && hsmOk ? {} : { fix: { kind: 'createKek', minKeySize: 3072, hsm: false } as const }),
      });
      const size = input.kek.keySize;
      const needs3072 = t.os === 'Windows' && isServer2022OrWin11(input.target);
      const minBits = WINDOWS_MIN_KEK_BITS.bits;
      const sizeOk = !size || !needs3072 || size >= minBits;
      add({
        id: 'kekKeySize',
        ok: sizeOk,
        severity: 'warning',
        source: 'docs',
        message: sizeOk ? `Key size ${size ?? 'unknown'}.` : `${WINDOWS_MIN_KEK_BITS.text}.`,
        ...(sizeOk ? {} : { ref: WINDOWS_MIN_KEK_BITS.source }),
        ...(sizeOk ? {} : { fix: { kind: 'createKek', minKeySize: 3072, hsm: false } as const }),
      });
      const rotates = (input.kek.rotationPolicy?.lifetimeActions ?? []).some(
        (a) => (a.action?.type ?? '').toLowerCase() === 'rotate',
      );
      add({
        id: 'kekAutoRotation',
        ok: !rotates,
        severity: 'warning',
        source: 'docs',
        message: rotates
          ? 'The KEK has an auto-rotation policy; ADE keeps using the original version, so do not disable old versions.'
          : 'The KEK has no auto-rotation policy.',
      });
    }
  }

  if (t.hasAde && !t.legacy) {
    add({
      id: 'alreadyEncrypted',
      ok: true,
      severity: 'info',
      source: 'cli',
      message: 'ADE is already present; running enable again re-runs the extension (e.g. to add or rotate the KEK).',
    });
  }
  add({
    id: 'retirement',
    ok: true,
    severity: 'warning',
    source: 'docs',
    message: `ADE retires on ${ADE_RETIREMENT_DATE}; consider encryption at host for new workloads.`,
  });
  return report(checks);
}

function isServer2022OrWin11(target: PreflightTarget): boolean {
  const img =
    target.kind === 'vm'
      ? target.vm.storageProfile?.imageReference
      : target.vmss.virtualMachineProfile?.storageProfile?.imageReference;
  // Only Windows Server 2022 and Windows 11 are named by a public source (the Windows ADE FAQ).
  return imageNeeds3072BitKek(img?.offer, img?.sku);
}

function report(checks: PreflightCheck[]): PreflightReport {
  const blocking = checks.filter((c) => !c.ok && c.severity === 'error');
  return { checks, canProceed: blocking.length === 0, blocking };
}
