import type { Disk, VirtualMachine, VirtualMachineScaleSet } from '@azure/arm-compute';
import type { Key, Vault } from '@azure/arm-keyvault';
import {
  findAdeExtension,
  isLegacyAdeVersion,
  normalizeVolumeType,
  osKindOf,
  type OsKind,
  type VolumeType,
} from '../ade/extension';
import { parseVolumeType, volumeTypeVerdict, type AdeVolumeType, type VolumeTypeVerdict } from '../../ade';
import { parseResourceId } from '../ids';
import { findScaleSetAdeExtension } from '../state/scaleSetState';
import type { VaultReadiness } from '../state/types';
import { vaultReadiness } from '../state/vaultReadiness';

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

export function targetInfo(t: PreflightTarget) {
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

export type TargetFacts = ReturnType<typeof targetInfo>;

/** Everything the preflight rules read, worked out once per run. */
export interface PreflightContext {
  readonly input: PreflightInput;
  readonly t: TargetFacts;
  readonly enabling: boolean;
  readonly targetSub: string;
  /** The volume type asked for, in the CLI's casing. */
  readonly requested: VolumeType | undefined;
  /** The CLI's default for this OS, target and operation (or why it has none). */
  readonly cliDefault: VolumeType | { readonly error: string };
  /** The volume type that will run, in the extension's casing. */
  readonly effective: AdeVolumeType | undefined;
  /** src/ade's verdict on that volume type for this OS, host, operation and OS-volume state. */
  readonly verdict: VolumeTypeVerdict | undefined;
  readonly vault: Vault | null | undefined;
  readonly vaultId: string;
  readonly readiness: VaultReadiness | undefined;
  /** The KEK's vault: the given one, else the disk vault (like the CLI). */
  readonly kekVault: Vault | null | undefined;
}

export function preflightContext(input: PreflightInput): PreflightContext {
  const t = targetInfo(input.target);
  const requested = normalizeVolumeType(input.volumeType);
  const cliDefault = defaultVolumeType(t.os, input.target.kind, input.operation, t.dataDisks.length > 0);
  const effective = parseVolumeType(requested ?? (typeof cliDefault === 'string' ? cliDefault : undefined));
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
  const vault = input.vault;
  return {
    input,
    t,
    enabling: input.operation === 'enable',
    targetSub: parseResourceId(t.id)?.subscriptionId ?? '',
    requested,
    cliDefault,
    effective,
    verdict,
    vault,
    vaultId: input.vaultId ?? vault?.id ?? '',
    readiness: vault ? vaultReadiness(vault) : undefined,
    kekVault: input.kekVault === undefined ? vault : input.kekVault,
  };
}
