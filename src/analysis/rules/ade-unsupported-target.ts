import type { Rule } from '../model';
import { booleanValue, getPath, getProperty, stringValue } from '../model';
import { memoryShortfall, parseVolumeType, unsupportedSize } from '../../ade';
import { adeExtensionsOf, adeOs, profileDisks, setting, VM_TYPE, VMSS_TYPE, vmProfile, vmSizeNode } from './util/ade';
import { adeMarkers } from './ade-conflicting-encryption';
import { declared, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'ade-unsupported-target',
    title: 'ADE is not supported on this VM size or disk type',
    defaultSeverity: 'error',
    explanation:
      'Azure Disk Encryption does not run on Basic-tier and A-series VMs, the L family, v7 and newer sizes, v6 sizes with a temporary disk (Ddsv6, Edsv6, …), or sizes with less memory than it needs (2 GB; 8 GB to encrypt a Linux OS volume), nor on Ultra disks, Premium SSD v2 disks or ephemeral OS disks.',
    fixHint: 'Pick a supported size and disk type, or use encryption at host instead of ADE.',
    docs: 'docs/rules/ade-unsupported-target.md',
    tags: ['ade'],
  },
  *check(ctx) {
    for (const host of declared([...ctx.resourcesOfType(VM_TYPE), ...ctx.resourcesOfType(VMSS_TYPE)])) {
      const markers = adeMarkers(ctx, host);
      if (markers.length === 0) continue;
      const ext = adeExtensionsOf(ctx, host).find((e) => !e.disables) ?? adeExtensionsOf(ctx, host)[0];
      const os = ext?.os ? adeOs(ext.os) : undefined;
      const sizeNode = vmSizeNode(host);
      const size = stringValue(sizeNode);
      const why = size !== undefined ? unsupportedSize(size, os) : undefined;
      if (sizeNode && size && why) {
        yield report(host, sizeNode.range, `Azure Disk Encryption is not supported on ${why.reason} ('${size}').`, {
          value: sizeNode,
          related: markers,
        });
      } else if (sizeNode && size && os && ext && !ext.disables) {
        // Linux needs more memory when the OS volume is encrypted; without a known VolumeType only the 2 GB floor is sure.
        const volumeType = parseVolumeType(stringValue(setting(ext, 'VolumeType')?.value)) ?? 'Data';
        const short = memoryShortfall(size, os, os === 'Windows' ? 'All' : volumeType);
        if (short) {
          yield report(
            host,
            sizeNode.range,
            `${short.message}; '${size}' has ${short.sizeGib} GiB. Pick a larger size, or use encryption at host.`,
            { value: sizeNode, related: markers },
          );
        }
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
