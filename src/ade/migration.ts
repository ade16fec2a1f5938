import type { AdeOs } from './extension';
import { SOURCES, type Source } from './sources';

/**
 * The ways off ADE ("Migrate from Azure Disk Encryption to encryption at host"):
 * - `enableInPlace`: never had ADE; encryption at host is turned on for the (deallocated) VM.
 * - `uploadCopy`: had ADE on disks that can be decrypted; decrypt, then make new disks by download +
 *   upload (a snapshot or copy keeps the ADE flag), and attach them to a VM with encryption at host.
 * - `newVmFileCopy`: a Linux VM whose OS volume is encrypted; it cannot be decrypted and copying its disks
 *   would copy dm-crypt volumes, so build a new VM with encryption at host and move the files
 *   (scp, rsync or backup and restore).
 */
export type MigrationPath = 'enableInPlace' | 'uploadCopy' | 'newVmFileCopy';

export interface MigrationInput {
  readonly os: AdeOs | undefined;
  /** ADE is installed or stamped now, or a disk's encryptionSettingsVersion says it ever was. */
  readonly everAde: boolean;
  /** The OS volume is (or may be) encrypted: undefined when unknown. */
  readonly osVolumeEncrypted: boolean | undefined;
}

export interface MigrationAdvice {
  readonly path: MigrationPath;
  readonly why: string;
  readonly source: Source;
}

export function migrationPath(input: MigrationInput): MigrationAdvice {
  if (!input.everAde) {
    return {
      path: 'enableInPlace',
      why: 'Never had ADE: encryption at host can be turned on for this VM (deallocate it first).',
      source: SOURCES.migrate,
    };
  }
  if (input.os === 'Linux' && input.osVolumeEncrypted !== false) {
    return {
      path: 'newVmFileCopy',
      why:
        input.osVolumeEncrypted === true
          ? 'Linux with an encrypted OS volume: it cannot be decrypted, and copying its disks would copy dm-crypt volumes. Build a new VM with encryption at host and move the data at file level (scp, rsync, or backup and restore).'
          : 'Linux VM whose OS volume may be encrypted: if it is, it cannot be decrypted; plan a new VM with encryption at host and a file-level data move (scp, rsync, or backup and restore).',
      source: SOURCES.migrate,
    };
  }
  return {
    path: 'uploadCopy',
    why: 'This VM has or had ADE: encryption at host is not supported on its disks (the ADE flag survives decryption, snapshots and copies). Decrypt, then create new disks by download + upload and attach them to a VM with encryption at host.',
    source: SOURCES.migrate,
  };
}

/**
 * `encryptionSettingsCollection.encryptionSettingsVersion` on a managed disk: once set it cannot be
 * overwritten ('1.0' ADE with an AAD app, '1.1' ADE) — DiskRP OpenAPI. A disk with it had ADE at some point.
 */
export const EVER_ADE_FLAG = {
  property: 'encryptionSettingsCollection.encryptionSettingsVersion',
  source: SOURCES.diskRp,
} as const;

/** Encryption at host covers temp disks and caches with platform-managed keys only (Azure Disk Storage encryption). */
export const EAH_TEMP_DISK_KEYS = {
  text: 'encryption at host encrypts temporary disks and ephemeral OS disks with platform-managed keys only',
  source: SOURCES.diskEncryption,
} as const;
