import type { AdeOs } from './extension';
import { SOURCES, type Source } from './sources';

/** ADE's VolumeType values as the extension pages write them; the handlers compare them case-insensitively. */
export type AdeVolumeType = 'OS' | 'Data' | 'All';
export type AdeOperation = 'enable' | 'disable';
export type AdeHostKind = 'vm' | 'vmss';

export const VOLUME_TYPES: readonly AdeVolumeType[] = ['OS', 'Data', 'All'];

/**
 * VolumeType as ADE reads it: the Linux handler lower-cases both sides (`validate_volume_type` in
 * VMEncryption/main/check_util.py); the CLI sends `ALL`/`DATA`/`OS`.
 */
export function parseVolumeType(v: string | undefined): AdeVolumeType | undefined {
  const l = v?.trim().toLowerCase();
  return VOLUME_TYPES.find((t) => t.toLowerCase() === l);
}

/** The handler's refusal when a Linux VM with an encrypted OS volume is asked to decrypt (handle.py). */
export const LINUX_DISABLE_OS_ENCRYPTED = 'Disabling encryption is not supported when OS volume is encrypted';

export interface VolumeTypeQuestion {
  readonly os: AdeOs;
  readonly host: AdeHostKind;
  readonly operation: AdeOperation;
  readonly volumeType: AdeVolumeType;
  /** Whether the OS volume is encrypted now: undefined when not known (a template, a stamped-only model). */
  readonly osVolumeEncrypted?: boolean;
}

export type VolumeTypeVerdict =
  | { readonly ok: true; readonly note?: VolumeTypeNote }
  | {
      readonly ok: false;
      /** error: Azure refuses it; warning: it runs but does not do what it says, or may be refused. */
      readonly severity: 'error' | 'warning';
      readonly code: VolumeTypeProblem;
      readonly message: string;
      /** The value to use instead, when one exists. */
      readonly suggest?: AdeVolumeType;
      readonly source: Source;
    };

export type VolumeTypeProblem =
  | 'linuxScaleSetOs'
  | 'linuxDisableNotData'
  | 'linuxDisableOsEncrypted'
  | 'windowsDataWithoutOs'
  | 'windowsDisableDataOnly';

/** Allowed, but the person should hear about it. */
export interface VolumeTypeNote {
  readonly code: 'linuxDataOnly' | 'linuxDisableNeedsOsNotEncrypted' | 'windowsDataAfterOs';
  readonly message: string;
  readonly source: Source;
}

/**
 * What it costs to encrypt a Linux OS volume with ADE, said wherever `All`/`OS` is suggested for Linux:
 * it cannot be undone, needs 8 GB of memory, does not work on custom images, and the migration off ADE
 * needs a new VM (Azure Disk Encryption for Linux VMs; Migrate from ADE to encryption at host).
 */
export const LINUX_OS_ENCRYPTION_COST =
  'encrypting a Linux OS disk with ADE cannot be undone, needs at least 8 GB of memory, is not supported on custom images, and forces a rebuild of the VM when it moves to encryption at host';

/**
 * Which volume types ADE takes per OS, host and operation:
 * - Linux scale sets: data volumes only (CLI `encrypt_vmss` refuses anything else; scale-set ADE page).
 * - Linux disable: the CLI refuses anything but DATA without --force (`decrypt_vm`), and the handler
 *   refuses to decrypt anything while the OS volume is encrypted (`disable_encryption` in handle.py;
 *   the Linux page: "disabling encryption is not supported on data or OS volumes if the OS volume is encrypted").
 * - Windows: data volumes cannot be encrypted without the OS volume (Windows FAQ); disabling data only
 *   when both are encrypted "doesn't work as expected" (Windows page).
 */
export function volumeTypeVerdict(q: VolumeTypeQuestion): VolumeTypeVerdict {
  const { os, host, operation, volumeType: vt } = q;
  if (os === 'Linux') {
    if (operation === 'enable') {
      if (host === 'vmss' && vt !== 'Data') {
        return {
          ok: false,
          severity: 'error',
          code: 'linuxScaleSetOs',
          message: `Linux scale sets support ADE on data volumes only; VolumeType '${vt}' includes the OS volume.`,
          suggest: 'Data',
          source: SOURCES.scaleSets,
        };
      }
      if (host === 'vm' && vt === 'Data') {
        return {
          ok: true,
          note: {
            code: 'linuxDataOnly',
            message: `VolumeType 'Data' leaves the OS disk of this Linux VM unencrypted by ADE. For a new VM, use encryption at host instead (ADE retires in 2028); 'All' is possible, but ${LINUX_OS_ENCRYPTION_COST}.`,
            source: SOURCES.linuxOverview,
          },
        };
      }
      return { ok: true };
    }
    if (q.osVolumeEncrypted === true) {
      return {
        ok: false,
        severity: 'error',
        code: 'linuxDisableOsEncrypted',
        message: `The OS volume of this Linux VM is encrypted: ADE cannot decrypt its OS or its data volumes (the extension fails with "${LINUX_DISABLE_OS_ENCRYPTED}").`,
        source: SOURCES.linuxHandler,
      };
    }
    if (vt !== 'Data') {
      return {
        ok: false,
        severity: 'warning',
        code: 'linuxDisableNotData',
        message: `Linux ADE decrypts data volumes only: the CLI refuses VolumeType '${vt}' for a disable (without --force), and the extension decrypts nothing while the OS volume is encrypted. Use 'Data'.`,
        suggest: 'Data',
        source: SOURCES.cli,
      };
    }
    if (q.osVolumeEncrypted === undefined) {
      return {
        ok: true,
        note: {
          code: 'linuxDisableNeedsOsNotEncrypted',
          message: `Decrypting works only while the Linux OS volume is not encrypted: if it is, the extension fails with "${LINUX_DISABLE_OS_ENCRYPTED}".`,
          source: SOURCES.linuxHandler,
        },
      };
    }
    return { ok: true };
  }
  if (operation === 'enable') {
    if (vt !== 'Data') return { ok: true };
    if (q.osVolumeEncrypted === true) {
      return {
        ok: true,
        note: {
          code: 'windowsDataAfterOs',
          message: "VolumeType 'Data' adds data volumes to a VM whose OS volume is already encrypted.",
          source: SOURCES.windowsFaq,
        },
      };
    }
    return {
      ok: false,
      severity: q.osVolumeEncrypted === false ? 'error' : 'warning',
      code: 'windowsDataWithoutOs',
      message:
        "Windows ADE cannot encrypt data volumes without first encrypting the OS volume: VolumeType 'Data' works only on a VM whose OS volume is already encrypted. Use 'All'.",
      suggest: 'All',
      source: SOURCES.windowsFaq,
    };
  }
  if (vt === 'Data') {
    return {
      ok: false,
      severity: 'warning',
      code: 'windowsDisableDataOnly',
      message:
        "Disabling data-volume encryption on Windows when the OS volume is also encrypted does not work as expected; disable 'All'.",
      suggest: 'All',
      source: SOURCES.windowsOverview,
    };
  }
  return { ok: true };
}

/** The volume type the CLI uses when none is given (`encrypt_vm`, `decrypt_vm`, `encrypt_vmss`). */
export function cliDefaultVolumeType(
  os: AdeOs | undefined,
  host: AdeHostKind,
  operation: AdeOperation,
  hasDataDisks: boolean,
): AdeVolumeType | { readonly error: string } {
  if (os !== 'Linux') return 'All';
  if (host === 'vmss' || operation === 'disable') return 'Data';
  if (hasDataDisks) return { error: 'VM has data disks, please supply a volume type (DATA, OS or ALL).' };
  return 'OS';
}
