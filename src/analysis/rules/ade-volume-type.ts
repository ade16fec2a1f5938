import type { Rule } from '../model';
import { stringValue } from '../model';
import { adeExtensions, setting } from './util/ade';
import { insertPropertyFix, replaceValueFix } from './util/fixes';
import { report } from './util/values';

const ALLOWED = ['OS', 'Data', 'All'];

export const rule: Rule = {
  meta: {
    id: 'ade-volume-type',
    title: 'ADE VolumeType must cover the OS disk where the platform supports it',
    defaultSeverity: 'warning',
    explanation:
      '`VolumeType` decides which volumes ADE encrypts: `OS`, `Data` or `All`. On a VM, `Data` leaves the OS disk unencrypted (and Windows cannot encrypt data volumes without the OS volume); Linux scale sets, on the other hand, support only `Data`. When disabling, Linux decrypts data volumes only (`Data`); Windows decrypts any.',
    fixHint: "Use VolumeType 'All' on VMs and 'Data' on Linux scale sets.",
    docs: 'docs/rules/ade-volume-type.md',
    tags: ['ade'],
  },
  *check(ctx) {
    for (const e of adeExtensions(ctx)) {
      const file = e.resource.file;
      if (e.settings.state !== 'present' || e.settings.value.kind !== 'object') continue;
      const linuxVmss = e.os === 'linux' && e.hostKind === 'vmss';
      // Decrypting: Linux can decrypt data volumes only (the CLI refuses anything else without --force).
      const want = linuxVmss || (e.disables && e.os === 'linux') ? 'Data' : 'All';
      const prop = setting(e, 'VolumeType');
      if (!prop) {
        if (e.settingsIncomplete) continue;
        yield report(
          e.resource,
          e.settings.prop.keyRange,
          `ADE settings do not set VolumeType; set it explicitly ('${want}') so it is clear which volumes are encrypted.`,
          { fixes: [insertPropertyFix(ctx, file, e.settings.value, 'VolumeType', want, `Add VolumeType: '${want}'`)] },
        );
        continue;
      }
      const v = stringValue(prop.value);
      if (v === undefined) continue;
      const canonical = ALLOWED.find((a) => a.toLowerCase() === v.toLowerCase());
      const fix = replaceValueFix(ctx, file, prop.value, want, `Set VolumeType to '${want}'`);
      if (!canonical) {
        yield report(e.resource, prop.value.range, `Unknown ADE VolumeType '${v}'; expected OS, Data or All.`, {
          severity: 'error',
          value: prop.value,
          fixes: [fix],
        });
        continue;
      }
      if (e.disables) {
        if (e.os === 'linux' && canonical !== 'Data') {
          yield report(
            e.resource,
            prop.value.range,
            `Linux ADE decrypts data volumes only; disabling with VolumeType '${v}' is not supported. Use 'Data'.`,
            { value: prop.value, fixes: [fix] },
          );
        }
        continue;
      }
      if (linuxVmss) {
        if (canonical !== 'Data') {
          yield report(
            e.resource,
            prop.value.range,
            `Linux scale sets support ADE on data volumes only; VolumeType '${v}' (OS volume) is not supported.`,
            { severity: 'error', value: prop.value, fixes: [fix] },
          );
        }
        continue;
      }
      if (canonical === 'Data') {
        const msg =
          e.os === 'linux'
            ? "VolumeType 'Data' encrypts only the data disks: the OS disk of this Linux VM stays unencrypted. Use 'All'."
            : "VolumeType 'Data' on Windows: ADE cannot encrypt data volumes without the OS volume. Use 'All' (or 'OS').";
        yield report(e.resource, prop.value.range, msg, { value: prop.value, fixes: [fix] });
      }
    }
  },
};
