import type { VirtualMachineExtension, VirtualMachineExtensionInstanceView } from '@azure/arm-compute';
import { ADE_EXTENSIONS, ADE_PUBLISHER, ADE_RETIREMENT, isLegacyVersion, type AdeOs } from '../../ade';

export type OsKind = AdeOs;

export { ADE_PUBLISHER };

/** The identities in the shape the Azure layer uses (src/ade holds the facts and their sources). */
export const ADE_EXTENSION: Readonly<Record<OsKind, { type: string; version: string; legacyVersion: string }>> = {
  Windows: {
    type: ADE_EXTENSIONS.Windows.type,
    version: ADE_EXTENSIONS.Windows.current,
    legacyVersion: ADE_EXTENSIONS.Windows.legacy,
  },
  Linux: {
    type: ADE_EXTENSIONS.Linux.type,
    version: ADE_EXTENSIONS.Linux.current,
    legacyVersion: ADE_EXTENSIONS.Linux.legacy,
  },
};

/** ADE stops unlocking disks after reboots from this date. */
export const ADE_RETIREMENT_DATE = ADE_RETIREMENT.date;

export type VolumeType = 'OS' | 'DATA' | 'ALL';

/**
 * ADE treats volume types case-insensitively in practice (docs say `All`/`Data`, the CLI sends `ALL`/`DATA`);
 * callers may pass either, and we write the CLI's upper-case form.
 */
export function normalizeVolumeType(v: string | undefined): VolumeType | undefined {
  const u = v?.trim().toUpperCase();
  return u === 'OS' || u === 'DATA' || u === 'ALL' ? u : undefined;
}

const ADE_TYPES = new Set(Object.values(ADE_EXTENSION).map((e) => e.type.toLowerCase()));

export function osKindOf(osType: string | undefined): OsKind | undefined {
  if (!osType) return undefined;
  const o = osType.toLowerCase();
  return o === 'windows' ? 'Windows' : o === 'linux' ? 'Linux' : undefined;
}

/** Last segment of an ARM id (`…/extensions/<name>`). */
function lastSegment(id: string | undefined): string | undefined {
  return id?.split('/').filter(Boolean).pop();
}

/** The extension's handler type: `typePropertiesType` in the SDK model (`properties.type` on the wire). */
export function extensionHandlerType(ext: {
  typePropertiesType?: string;
  name?: string;
  id?: string;
}): string | undefined {
  return ext.typePropertiesType ?? ext.name ?? lastSegment(ext.id);
}

/**
 * Finds the ADE extension among a VM's child resources, matching publisher + type as the CLI does
 * (`_find_existing_ade`). When a listing carries only the child id, the name is the CLI's default
 * extension name, which is the handler type.
 */
export function findAdeExtension(
  resources: readonly VirtualMachineExtension[] | undefined,
): VirtualMachineExtension | undefined {
  return resources?.find((r) => {
    const type = extensionHandlerType(r)?.toLowerCase();
    if (!type || !ADE_TYPES.has(type)) return false;
    return !r.publisher || r.publisher.toLowerCase() === ADE_PUBLISHER.toLowerCase();
  });
}

/** Instance-view match, as the CLI's `use_instance_view=True` path: type starts with publisher, name is the extension name. */
export function findAdeInstanceView(
  extensions: readonly VirtualMachineExtensionInstanceView[] | undefined,
  extensionName: string | undefined,
): VirtualMachineExtensionInstanceView | undefined {
  return extensions?.find((e) => {
    const typeOk = (e.type ?? '').toLowerCase().startsWith(ADE_PUBLISHER.toLowerCase());
    const name = (e.name ?? '').toLowerCase();
    const nameOk = extensionName ? name === extensionName.toLowerCase() : ADE_TYPES.has(name);
    return typeOk && nameOk;
  });
}

/** Legacy (AAD app) ADE = extension major version 1 on Windows / 0 on Linux (CLI `_detect_ade_status`). */
export function isLegacyAdeVersion(os: OsKind | undefined, typeHandlerVersion: string | undefined): boolean {
  return !!os && isLegacyVersion(os, typeHandlerVersion);
}

/** OS inferred from the ADE handler type when the VM model lacks `osType`. */
export function osKindFromAdeType(type: string | undefined): OsKind | undefined {
  const t = type?.toLowerCase();
  if (t === ADE_EXTENSION.Linux.type.toLowerCase()) return 'Linux';
  if (t === ADE_EXTENSION.Windows.type.toLowerCase()) return 'Windows';
  return undefined;
}

/** The public settings ADE reads; values are strings (the CLI writes '' for "none" on VMSS). */
export interface AdeSettings {
  readonly KeyVaultURL?: string;
  readonly KeyVaultResourceId?: string;
  readonly KeyEncryptionKeyURL?: string;
  readonly KekVaultResourceId?: string;
  readonly KeyEncryptionAlgorithm?: string;
  readonly VolumeType?: string;
  readonly EncryptionOperation?: string;
  readonly SequenceVersion?: string;
  readonly AADClientID?: string;
}

/** Reads extension settings defensively: they are free-form JSON in the API. */
export function readAdeSettings(settings: unknown): AdeSettings {
  if (!settings || typeof settings !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(settings as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out as AdeSettings;
}

export function nonEmpty(s: string | undefined): string | undefined {
  return s && s.trim().length > 0 ? s : undefined;
}

/** Provisioning states after which nothing will change without a new request. */
export function isFinalProvisioningState(state: string | undefined): boolean {
  const s = (state ?? '').toLowerCase();
  return s === 'succeeded' || s === 'failed' || s === 'canceled';
}
