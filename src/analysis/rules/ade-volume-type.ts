import type { Rule } from '../model';
import { stringValue } from '../model';
import { LINUX_OS_ENCRYPTION_COST, parseVolumeType, volumeTypeVerdict, type AdeVolumeType } from '../../ade';
import { adeExtensions, adeOs, setting } from './util/ade';
import { insertPropertyFix, replaceValueFix } from './util/fixes';
import { report } from './util/values';

// Verdicts come from src/ade/volumeTypes.ts (CLI disk_encryption.py, the Linux handler's handle.py and the
// ADE pages on Microsoft Learn); this rule only finds the setting and words the fix.
export const rule: Rule = {
  meta: {
    id: 'ade-volume-type',
    title: 'ADE VolumeType must be one the platform accepts for this OS and operation',
    defaultSeverity: 'warning',
    explanation:
      '`VolumeType` decides which volumes ADE encrypts: `OS`, `Data` or `All`. Windows cannot encrypt data volumes before the OS volume, so `Data` works only once the OS volume is encrypted. Linux scale sets support only `Data`. On a Linux VM, `Data` leaves the OS disk unencrypted; `All` fixes that at a cost (it cannot be undone, needs 8 GB of memory, does not work on custom images and forces a rebuild at migration), so for a new VM encryption at host comes first. When disabling, Linux decrypts data volumes only, and not at all while its OS volume is encrypted.',
    fixHint:
      "Use 'All' on Windows, 'Data' on Linux scale sets and for Linux decryption; on a new Linux VM prefer encryption at host over encrypting the OS disk with ADE.",
    docs: 'docs/rules/ade-volume-type.md',
    tags: ['ade'],
  },
  *check(ctx) {
    for (const e of adeExtensions(ctx)) {
      const file = e.resource.file;
      if (!e.os || e.settings.state !== 'present' || e.settings.value.kind !== 'object') continue;
      const os = adeOs(e.os);
      const host = e.hostKind;
      const operation = e.disables ? 'disable' : 'enable';
      const linuxVmEnable = os === 'Linux' && host === 'vm' && operation === 'enable';
      const want: AdeVolumeType = os === 'Linux' && (host === 'vmss' || e.disables) ? 'Data' : 'All';
      const prop = setting(e, 'VolumeType');
      if (!prop) {
        if (e.settingsIncomplete) continue;
        const cost = linuxVmEnable
          ? ` ('All' on Linux: ${LINUX_OS_ENCRYPTION_COST}; 'Data' leaves the OS disk unencrypted)`
          : '';
        yield report(
          e.resource,
          e.settings.prop.keyRange,
          `ADE settings do not set VolumeType; set it explicitly ('${want}') so it is clear which volumes are encrypted${cost}.`,
          { fixes: [insertPropertyFix(ctx, file, e.settings.value, 'VolumeType', want, `Add VolumeType: '${want}'`)] },
        );
        continue;
      }
      const v = stringValue(prop.value);
      if (v === undefined) continue;
      const volumeType = parseVolumeType(v);
      if (!volumeType) {
        yield report(e.resource, prop.value.range, `Unknown ADE VolumeType '${v}'; expected OS, Data or All.`, {
          severity: 'error',
          value: prop.value,
          fixes: [replaceValueFix(ctx, file, prop.value, want, `Set VolumeType to '${want}'`)],
        });
        continue;
      }
      const verdict = volumeTypeVerdict({ os, host, operation, volumeType });
      if (!verdict.ok) {
        const to = verdict.suggest;
        yield report(e.resource, prop.value.range, verdict.message, {
          severity: verdict.severity,
          value: prop.value,
          fixes: to ? [replaceValueFix(ctx, file, prop.value, to, `Set VolumeType to '${to}'`)] : [],
        });
        continue;
      }
      const note = verdict.note;
      if (note?.code === 'linuxDataOnly') {
        // The OS disk stays unencrypted; the fix to 'All' is offered but not preferred, and says what it costs.
        const title = "Set VolumeType to 'All' (irreversible OS encryption, 8 GB memory)";
        yield report(e.resource, prop.value.range, note.message, {
          value: prop.value,
          fixes: [replaceValueFix(ctx, file, prop.value, 'All', title, false)],
        });
      }
    }
  },
};
