/**
 * VM sizes ADE does not support (docs, facts §3.1): Basic tier, A-series, v7 and newer, the L family,
 * and v6 sizes with a local temp disk.
 */
const V6_TEMP_DISK_FAMILIES = new Set(['dds', 'dlds', 'eds', 'dads', 'dalds', 'eads', 'dpds', 'dplds', 'epds', 'ends']);

export interface SizeVerdict {
  readonly supported: boolean;
  readonly reason?: string;
}

export function adeSizeVerdict(vmSize: string | undefined): SizeVerdict {
  if (!vmSize) return { supported: true };
  const size = vmSize.trim();
  if (/^basic_/i.test(size))
    return { supported: false, reason: `${size} is a Basic-tier size; ADE is not available on Basic VMs.` };
  const m = /^standard_([a-z]+)(\d+)(?:-\d+)?([a-z]*)(?:_([a-z0-9_]+))?$/i.exec(size);
  if (!m) return { supported: true };
  const family = (m[1] ?? '').toLowerCase();
  const suffix = (m[3] ?? '').toLowerCase();
  const versionPart = (m[4] ?? '').toLowerCase();
  const version = /v(\d+)/.exec(versionPart)?.[1];
  const v = version ? Number(version) : undefined;
  if (family === 'a')
    return { supported: false, reason: `${size} is an A-series size; ADE is not available on A-series VMs.` };
  if (family === 'l') return { supported: false, reason: `${size} is in the L family, which ADE does not support.` };
  if (v !== undefined && v >= 7)
    return { supported: false, reason: `${size} is a v${v} size; ADE is not supported on v7 and newer sizes.` };
  if (v === 6 && V6_TEMP_DISK_FAMILIES.has(family + suffix)) {
    return { supported: false, reason: `${size} is a v6 size with a temp disk; ADE does not support these sizes.` };
  }
  return { supported: true };
}
