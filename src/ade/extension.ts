import { SOURCES, type Source } from './sources';

export type AdeOs = 'Windows' | 'Linux';

export const ADE_PUBLISHER = 'Microsoft.Azure.Security';

export interface AdeExtensionIdentity {
  /** Handler type (`properties.type`), also the CLI's default extension name. */
  readonly type: string;
  /** Single-pass schema, no Microsoft Entra app: what the CLI installs. */
  readonly current: string;
  /** Dual-pass schema with a Microsoft Entra (AAD) app. */
  readonly legacy: string;
  /** Earlier releases of the current major that a minor upgrade replaces. */
  readonly earlierMinor: readonly string[];
  readonly source: Source;
}

/**
 * Extension identities per OS: the CLI's `vm_extension_info` (disk_encryption.py) and the extension pages
 * ("v2.2 … newer recommended schema; v1.1 … older schema that requires Microsoft Entra properties";
 * Linux "v1.1 …; v0.1 …"). Windows 2.1 was the earlier single-pass release; with
 * `autoUpgradeMinorVersion` it becomes 2.2.
 */
export const ADE_EXTENSIONS: Readonly<Record<AdeOs, AdeExtensionIdentity>> = {
  Windows: {
    type: 'AzureDiskEncryption',
    current: '2.2',
    legacy: '1.1',
    earlierMinor: ['2.1'],
    source: SOURCES.windowsExtension,
  },
  Linux: {
    type: 'AzureDiskEncryptionForLinux',
    current: '1.1',
    legacy: '0.1',
    earlierMinor: [],
    source: SOURCES.linuxExtension,
  },
};

/**
 * current / earlierMinor / legacy: a documented release. otherMinor: the current major with a minor no
 * source names. legacy also covers other minors of the legacy major (the CLI detects legacy by major).
 */
export type VersionKind = 'current' | 'earlierMinor' | 'otherMinor' | 'legacy' | 'unknown';

/** What a typeHandlerVersion means for an OS. */
export function versionKind(os: AdeOs, version: string): VersionKind {
  const e = ADE_EXTENSIONS[os];
  const v = version.trim();
  const major = (s: string) => s.split('.')[0];
  if (v === e.current) return 'current';
  if (e.earlierMinor.includes(v)) return 'earlierMinor';
  if (major(v) === major(e.legacy)) return 'legacy';
  if (major(v) === major(e.current)) return 'otherMinor';
  return 'unknown';
}

/** Legacy (Microsoft Entra app) schema: the major version of the legacy release (CLI `_detect_ade_status`). */
export function isLegacyVersion(os: AdeOs, version: string | undefined): boolean {
  return !!version && version.split('.')[0] === ADE_EXTENSIONS[os].legacy.split('.')[0];
}

/** The OS an ADE handler type belongs to (case-insensitive), or undefined for any other type. */
export function osOfHandlerType(type: string | undefined): AdeOs | undefined {
  const t = type?.toLowerCase();
  if (t === ADE_EXTENSIONS.Linux.type.toLowerCase()) return 'Linux';
  if (t === ADE_EXTENSIONS.Windows.type.toLowerCase()) return 'Windows';
  return undefined;
}
