import type { RelatedLocation, Resource, Rule, RuleContext, ValueNode } from '../model';
import { booleanValue, getPath, getProperty, stringValue } from '../model';
import { adeExtensionsOf, DISK_TYPE, profileDisks, VM_TYPE, VMSS_TYPE, vmProfile } from './util/ade';
import { replaceValueFix } from './util/fixes';
import { declared, report } from './util/values';

/** Where each VM / scale set gets ADE from: extension type values or the legacy osDisk stamp. */
export function adeMarkers(ctx: RuleContext, host: Resource): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  for (const e of adeExtensionsOf(ctx, host)) {
    // A decrypting extension is the way out of ADE, not a use of it.
    if (e.disables) continue;
    out.push({
      message: 'Azure Disk Encryption extension',
      location: { file: e.resource.file, range: e.typeProp?.value.range ?? e.resource.declRange },
    });
  }
  const es = getPath(vmProfile(host), 'storageProfile', 'osDisk', 'encryptionSettings');
  if (es && booleanValue(getProperty(es, 'enabled')?.value) !== false && es.kind === 'object') {
    out.push({ message: 'legacy ADE osDisk.encryptionSettings', location: { file: host.file, range: es.range } });
  }
  return out;
}

/** A resource id that is known to be set (a non-empty string). */
function knownId(v: ValueNode | undefined): boolean {
  return v?.kind === 'scalar' && typeof v.value === 'string' && v.value !== '';
}

export const rule: Rule = {
  meta: {
    id: 'ade-conflicting-encryption',
    title: 'ADE cannot be combined with encryption at host or customer-managed keys',
    defaultSeverity: 'error',
    explanation:
      'Azure Disk Encryption cannot be enabled on disks that use encryption at host or server-side encryption with a customer-managed key (disk encryption set), and disks that ever had ADE cannot move to those. The deployment fails or leaves disks unusable.',
    fixHint: 'Choose one: encryption at host (recommended, ADE retires in 2028) or ADE, not both.',
    docs: 'docs/rules/ade-conflicting-encryption.md',
    tags: ['ade', 'encryption-at-host', 'cmk'],
  },
  *check(ctx) {
    for (const host of declared([...ctx.resourcesOfType(VM_TYPE), ...ctx.resourcesOfType(VMSS_TYPE)])) {
      const markers = adeMarkers(ctx, host);
      if (markers.length === 0) continue;
      const profile = vmProfile(host);
      const eahProp = getProperty(getPath(profile, 'securityProfile'), 'encryptionAtHost');
      if (eahProp && booleanValue(eahProp.value) === true) {
        yield report(
          host,
          eahProp.value.range,
          'Encryption at host is enabled on a VM that also uses Azure Disk Encryption; the two cannot be combined.',
          {
            value: eahProp.value,
            related: markers,
            fixes: [
              replaceValueFix(ctx, host.file, eahProp.value, false, 'Set encryptionAtHost: false (keep ADE)', false),
            ],
          },
        );
      }
      for (const d of profileDisks(profile).disks) {
        const md = getProperty(d.disk, 'managedDisk')?.value;
        for (const p of [
          getProperty(md, 'diskEncryptionSet'),
          getProperty(getPath(md, 'securityProfile'), 'diskEncryptionSet'),
        ]) {
          if (!p || p.value.kind !== 'object') continue; // null, or unknown (a conditional): not a known DES
          yield report(
            host,
            p.keyRange,
            `The ${d.kind === 'os' ? 'OS' : 'data'} disk uses a disk encryption set (customer-managed key) on a VM that also uses Azure Disk Encryption; ADE cannot encrypt such disks.`,
            {
              related: markers,
            },
          );
        }
        const attached = ctx.resolveRef(getProperty(md, 'id')?.value);
        const des = attached ? getPath(attached.properties, 'encryption', 'diskEncryptionSetId') : undefined;
        if (attached && des && knownId(des)) {
          yield report(
            host,
            getProperty(md, 'id')!.value.range,
            `Attached disk '${stringValue(attached.name) ?? attached.id}' is encrypted with a customer-managed key (disk encryption set); ADE cannot encrypt it.`,
            {
              related: [
                ...markers,
                { message: 'diskEncryptionSetId of the disk', location: { file: attached.file, range: des.range } },
              ],
            },
          );
        }
      }
    }
    for (const disk of declared(ctx.resourcesOfType(DISK_TYPE))) {
      const col = getPath(disk.properties, 'encryptionSettingsCollection');
      if (!col || booleanValue(getProperty(col, 'enabled')?.value) !== true) continue;
      const des = getProperty(getPath(disk.properties, 'encryption'), 'diskEncryptionSetId');
      if (des && knownId(des.value)) {
        yield report(
          disk,
          des.keyRange,
          'This disk has ADE encryption settings and a disk encryption set (customer-managed key); the two cannot be combined.',
          {
            related: [{ message: 'encryptionSettingsCollection', location: { file: disk.file, range: col.range } }],
          },
        );
      }
    }
  },
};
