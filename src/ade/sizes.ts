import type { AdeOs } from './extension';
import type { AdeVolumeType } from './volumeTypes';
import { SOURCES, type Source } from './sources';

export interface SizeRefusal {
  /** Why, as a noun phrase: "v6 sizes with a temporary disk". */
  readonly reason: string;
  readonly source: Source;
}

/**
 * v6 families with a local temporary disk (Ddsv6, Dldsv6, Edsv6, Dadsv6, Daldsv6, Eadsv6, Dpdsv6,
 * Dpldsv6, Epdsv6, Endsv6) as family letter + feature letters of the size name.
 */
const V6_TEMP_DISK = new Set(['dds', 'dlds', 'eds', 'dads', 'dalds', 'eads', 'dpds', 'dplds', 'epds', 'ends']);

const SIZE_RE = /^standard_([a-z]+)(\d+)(?:-\d+)?([a-z]*)(?:_(v\d+))?$/i;

/**
 * Sizes ADE does not run on. Both OS pages list Basic tier, A-series, the L family, v7 and newer, and the
 * v6 sizes with a temporary disk ("Azure Disk Encryption for Linux VMs" and "… for Windows VMs",
 * unsupported scenarios). Undefined: not known to be unsupported.
 */
export function unsupportedSize(size: string, os: AdeOs | undefined): SizeRefusal | undefined {
  const s = size.trim();
  const source = os === 'Windows' ? SOURCES.windowsOverview : SOURCES.linuxOverview;
  if (/^basic_/i.test(s)) return { reason: 'Basic-tier VMs', source };
  const m = SIZE_RE.exec(s);
  if (!m) return undefined;
  const family = m[1]!.toLowerCase();
  const features = m[3]!.toLowerCase();
  const version = m[4] ? Number(m[4].slice(1)) : undefined;
  if (family === 'a') return { reason: 'A-series VMs', source };
  if (family === 'l') return { reason: "the 'L' family (storage optimised)", source };
  if (version !== undefined && version >= 7) return { reason: 'v7 and newer VM sizes', source };
  if (version === 6 && V6_TEMP_DISK.has(family + features)) return { reason: 'v6 sizes with a temporary disk', source };
  return undefined;
}

/** Memory (GiB) of sizes that do not follow a per-vCPU ratio. */
const MEMORY_GIB: Readonly<Record<string, number>> = {
  standard_b1ls: 0.5,
  standard_b1s: 1,
  standard_b1ms: 2,
  standard_b2s: 4,
  standard_b2ms: 8,
  standard_b4ms: 16,
  standard_b8ms: 32,
  standard_b2ats_v2: 1,
  standard_b2als_v2: 4,
  standard_b2as_v2: 8,
  standard_b2ts_v2: 1,
  standard_b2ls_v2: 4,
  standard_b2s_v2: 8,
  standard_b2pts_v2: 1,
  standard_b2pls_v2: 4,
  standard_b2ps_v2: 8,
  standard_d1_v2: 3.5,
  standard_d2_v2: 7,
  standard_d3_v2: 14,
  standard_d4_v2: 28,
  standard_d11_v2: 14,
  standard_d12_v2: 28,
  standard_ds1_v2: 3.5,
  standard_ds2_v2: 7,
  standard_ds3_v2: 14,
  standard_ds4_v2: 28,
  standard_ds11_v2: 14,
  standard_ds12_v2: 28,
  standard_f1: 2,
  standard_f2: 4,
  standard_f4: 8,
  standard_f1s: 2,
  standard_f2s: 4,
  standard_f4s: 8,
};

/**
 * GiB per vCPU of the common v3–v6 families (Microsoft Learn size pages): D general purpose 4, D with
 * `l` (low memory) 2, E memory optimised 8, F compute optimised v2 2. Held only up to 32 vCPUs, where
 * every size of these families follows the ratio.
 */
function ratioGib(family: string, vcpus: number, features: string, version: number | undefined): number | undefined {
  if (version === undefined || version < 2 || version > 6 || vcpus > 32) return undefined;
  if (family === 'd' && version >= 3) return vcpus * (features.includes('l') ? 2 : 4);
  if (family === 'e' && version >= 3) return vcpus * 8;
  if (family === 'f' && version === 2) return vcpus * 2;
  return undefined;
}

/** Memory of a VM size in GiB, or undefined when the size is not in the table (then no memory finding). */
export function memoryGib(size: string): number | undefined {
  const s = size.trim().toLowerCase();
  if (s in MEMORY_GIB) return MEMORY_GIB[s];
  const m = SIZE_RE.exec(s);
  if (!m) return undefined;
  return ratioGib(m[1]!, Number(m[2]), m[3]!, m[4] ? Number(m[4].slice(1)) : undefined);
}

export interface MemoryMinimum {
  readonly gb: number;
  readonly message: string;
  readonly source: Source;
}

/**
 * Memory ADE needs while it encrypts: 2 GB on Windows and for Linux data volumes; 8 GB when a Linux OS
 * volume is encrypted (OS or All), or twice the root file system's usage when that exceeds 4 GB
 * ("Azure Disk Encryption for Windows VMs"; "Azure Disk Encryption for Linux VMs", memory requirements).
 */
export function memoryMinimum(os: AdeOs, volumeType: AdeVolumeType): MemoryMinimum {
  if (os === 'Windows') {
    return {
      gb: 2,
      message: 'Windows ADE is not available on VMs with less than 2 GB of memory',
      source: SOURCES.windowsOverview,
    };
  }
  if (volumeType === 'Data') {
    return { gb: 2, message: 'Linux ADE on data volumes needs 2 GB of memory', source: SOURCES.linuxOverview };
  }
  return {
    gb: 8,
    message:
      'Linux ADE on the OS volume needs 8 GB of memory (or twice the root file system usage when that is above 4 GB)',
    source: SOURCES.linuxOverview,
  };
}

/** A memory finding for a size, or undefined when the size is large enough or its memory is not known. */
export function memoryShortfall(
  size: string,
  os: AdeOs,
  volumeType: AdeVolumeType,
): (MemoryMinimum & { readonly sizeGib: number }) | undefined {
  const gib = memoryGib(size);
  if (gib === undefined) return undefined;
  const min = memoryMinimum(os, volumeType);
  return gib < min.gb ? { ...min, sizeGib: gib } : undefined;
}
