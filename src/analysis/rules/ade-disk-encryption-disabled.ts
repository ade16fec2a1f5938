import type { Rule } from '../model';
import { booleanValue, getPath } from '../model';
import { DISK_TYPE } from './util/ade';
import { declared, label, lookupResource, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'ade-disk-encryption-disabled',
    title: 'Managed disk turns its ADE encryption settings off',
    defaultSeverity: 'warning',
    explanation:
      '`encryptionSettingsCollection.enabled: false` (or the older `encryptionSettings.enabled: false`) records that the disk is not ADE-encrypted. Every managed disk is still encrypted at rest with platform keys, so a disk without these settings is not reported; only an explicit false on a disk without a customer-managed key is.',
    fixHint:
      'Remove the disabled settings and use encryption at host or a disk encryption set, or enable ADE on the VM.',
    docs: 'docs/rules/ade-disk-encryption-disabled.md',
    equivalents: {
      checkov: ['CKV_AZURE_2'],
      kics: ['350f3955-b5be-436f-afaa-3d2be2fa6cdd'],
      trivy: ['AZU-0038'],
    },
    tags: ['ade', 'disks'],
  },
  *check(ctx) {
    for (const d of declared(ctx.resourcesOfType(DISK_TYPE))) {
      const des = getPath(d.properties, 'encryption', 'diskEncryptionSetId');
      if (des && !(des.kind === 'scalar' && (des.value === null || des.value === ''))) continue;
      for (const path of [
        ['properties', 'encryptionSettingsCollection', 'enabled'],
        ['properties', 'encryptionSettings', 'enabled'],
      ]) {
        const l = lookupResource(ctx, d, ...path);
        if (l.state !== 'present' || booleanValue(l.value) !== false) continue;
        yield report(
          d,
          l.value.range,
          `Disk '${label(d)}' has its disk encryption settings disabled: it is protected only by platform-managed keys.`,
          {
            value: l.value,
          },
        );
      }
    }
  },
};
