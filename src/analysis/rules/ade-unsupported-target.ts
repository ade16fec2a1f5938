import type { Rule } from '../model';
import { booleanValue, getPath, getProperty, stringValue } from '../model';
import { adeExtensionsOf, profileDisks, VM_TYPE, VMSS_TYPE, vmProfile, vmSizeNode } from './util/ade';
import { adeMarkers } from './ade-conflicting-encryption';
import { declared, report } from './util/values';

const V6_TEMP_DISK = ['dds', 'dlds', 'eds', 'dads', 'dalds', 'eads', 'dpds', 'dplds', 'epds', 'ends'];

/** Why ADE does not support a VM size, or undefined when it is not known to be unsupported. */
export function unsupportedSize(size: string, os: 'windows' | 'linux' | undefined): string | undefined {
  const s = size.trim();
  if (/^basic_/i.test(s)) return 'Basic-tier VMs';
  if (/^standard_a\d/i.test(s)) return 'A-series VMs';
  if (/^standard_l\d/i.test(s)) return "the 'L' family (storage optimised)";
  const v = /_v(\d+)$/i.exec(s);
  if (v && Number(v[1]) >= 7) return 'v7 and newer VM sizes';
  const m = /^standard_([a-z]+)\d+(?:-\d+)?([a-z]*)_v6$/i.exec(s);
  if (m && os !== 'linux' && V6_TEMP_DISK.includes((m[1]! + m[2]!).toLowerCase())) return 'v6 sizes with a temp disk';
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'ade-unsupported-target',
    title: 'ADE is not supported on this VM size or disk type',
    defaultSeverity: 'error',
    explanation:
      'Azure Disk Encryption does not run on Basic-tier and A-series VMs, the L family, v7 and newer sizes (and, on Windows, v6 sizes with a temp disk), nor on Ultra disks, Premium SSD v2 disks or ephemeral OS disks.',
    fixHint: 'Pick a supported size and disk type, or use encryption at host instead of ADE.',
    docs: 'docs/rules/ade-unsupported-target.md',
    tags: ['ade'],
  },
  *check(ctx) {
    for (const host of declared([...ctx.resourcesOfType(VM_TYPE), ...ctx.resourcesOfType(VMSS_TYPE)])) {
      const markers = adeMarkers(ctx, host);
      if (markers.length === 0) continue;
      const os = adeExtensionsOf(ctx, host)[0]?.os;
      const sizeNode = vmSizeNode(host);
      const size = stringValue(sizeNode);
      const why = size !== undefined ? unsupportedSize(size, os) : undefined;
      if (sizeNode && size && why) {
        yield report(host, sizeNode.range, `Azure Disk Encryption is not supported on ${why} ('${size}').`, {
          value: sizeNode,
          related: markers,
        });
      }
      const profile = vmProfile(host);
      const ultra = getProperty(getPath(host.properties, 'additionalCapabilities'), 'ultraSSDEnabled');
      if (ultra && booleanValue(ultra.value) === true) {
        yield report(host, ultra.value.range, 'Azure Disk Encryption is not supported on VMs with Ultra disks.', {
          value: ultra.value,
          related: markers,
        });
      }
      for (const d of profileDisks(profile).disks) {
        const sat = getPath(d.disk, 'managedDisk', 'storageAccountType');
        const t = stringValue(sat);
        if (sat && t && /^(ultrassd_lrs|premiumv2_lrs)$/i.test(t)) {
          yield report(
            host,
            sat.range,
            `Azure Disk Encryption does not support ${/^ultra/i.test(t) ? 'Ultra disks' : 'Premium SSD v2 disks'} ('${t}').`,
            {
              value: sat,
              related: markers,
            },
          );
        }
        if (d.kind === 'os') {
          const diff = getProperty(d.disk, 'diffDiskSettings');
          if (diff && diff.value.kind === 'object' && diff.value.properties.length > 0) {
            yield report(
              host,
              diff.keyRange,
              'Azure Disk Encryption does not support ephemeral OS disks (diffDiskSettings).',
              { related: markers },
            );
          }
        }
      }
    }
  },
};
