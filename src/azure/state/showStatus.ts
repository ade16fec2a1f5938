import type {
  DiskEncryptionSettings,
  InstanceViewStatus,
  VirtualMachine,
  VirtualMachineInstanceView,
  VirtualMachineScaleSetVM,
} from '@azure/arm-compute';
import { findAdeExtension, findAdeInstanceView, isLegacyAdeVersion, osKindOf, readAdeSettings } from '../ade/extension';
import { encryptionStatuses, parseLinuxSubstatus } from './encryptionState';

/** One disk in `az vm encryption show` output. */
export interface ShowDiskStatus {
  readonly name: string | undefined;
  readonly encryptionSettings: DiskEncryptionSettings[] | undefined;
  readonly statuses: InstanceViewStatus[];
}

/**
 * `az vm encryption show` for single-pass ADE (`_show_vm_encryption_status_thru_new_ade`): `status` and
 * `substatus` are `null` when the extension reports none, as the CLI prints them.
 */
export interface ShowStatusNewAde {
  readonly status: InstanceViewStatus[] | null;
  readonly substatus: InstanceViewStatus[] | null;
  readonly disks: ShowDiskStatus[];
}

/** `az vm encryption show` for legacy (AAD) ADE. Values default to 'NotEncrypted', as in the CLI. */
export interface ShowStatusLegacyAde {
  readonly osDisk: string;
  readonly osDiskEncryptionSettings: DiskEncryptionSettings | undefined;
  readonly dataDisk: string;
  readonly osType: string | undefined;
  readonly progressMessage: string | undefined;
}

/** `az vmss encryption show`: one entry per instance. */
export interface ShowStatusScaleSetInstance {
  readonly id: string | undefined;
  readonly disks: ShowDiskStatus[];
}

function diskStatuses(iv: VirtualMachineInstanceView | undefined): ShowDiskStatus[] {
  return (iv?.disks ?? []).map((div) => ({
    name: div.name,
    encryptionSettings: div.encryptionSettings,
    statuses: encryptionStatuses(div),
  }));
}

/**
 * Same shape as `az vm encryption show` (`show_vm_encryption_status` in disk_encryption.py). Needs the instance view (the CLI reads the VM with
 * `$expand=instanceView`). Returns `undefined` when ADE is not enabled, where the CLI prints nothing.
 */
export function vmShowStatus(
  vm: VirtualMachine,
  instanceView: VirtualMachineInstanceView | undefined,
): ShowStatusNewAde | ShowStatusLegacyAde | undefined {
  const iv = instanceView ?? vm.instanceView;
  const os = osKindOf(vm.storageProfile?.osDisk?.osType);
  const ext = findAdeExtension(vm.resources);
  const osSettings = vm.storageProfile?.osDisk?.encryptionSettings;
  const legacy = !!osSettings || (!!ext && isLegacyAdeVersion(os, ext.typeHandlerVersion));
  if (!ext && !osSettings) return undefined;
  const extIv = findAdeInstanceView(iv?.extensions, ext?.name);
  if (!legacy) {
    return { status: extIv?.statuses ?? null, substatus: extIv?.substatuses ?? null, disks: diskStatuses(iv) };
  }
  // The CLI starts from 'NotEncrypted' for both and overwrites them per OS below.
  let osDisk: string;
  let dataDisk = 'NotEncrypted';
  if (os === 'Linux') {
    const parsed = parseLinuxSubstatus(extIv);
    osDisk = parsed?.os ?? 'Unknown';
    dataDisk = parsed?.data ?? 'Unknown';
  } else {
    osDisk = osSettings?.enabled && osSettings.diskEncryptionKey?.secretUrl ? 'Encrypted' : 'Unknown';
    const s = readAdeSettings(ext?.settings);
    if (
      (ext?.provisioningState ?? '').toLowerCase() === 'succeeded' &&
      s.EncryptionOperation === 'EnableEncryption' &&
      (s.VolumeType ?? '').toLowerCase() !== 'os'
    ) {
      dataDisk = 'Encrypted';
    }
  }
  return {
    osDisk,
    osDiskEncryptionSettings: osSettings,
    dataDisk,
    osType: vm.storageProfile?.osDisk?.osType,
    progressMessage: extIv?.statuses?.[0]?.message,
  };
}

/**
 * `az vmss encryption show` from `virtualMachineScaleSetVMs.list(expand=instanceView)` results. A disk without
 * encryption settings shows `[]`, as the CLI defaults it (`show_vmss_encryption_status`).
 */
export function scaleSetShowStatus(instances: readonly VirtualMachineScaleSetVM[]): ShowStatusScaleSetInstance[] {
  return instances.map((vm) => ({
    id: vm.id,
    disks: diskStatuses(vm.instanceView).map((d) => ({ ...d, encryptionSettings: d.encryptionSettings ?? [] })),
  }));
}
