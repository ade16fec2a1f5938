import type { Rule } from '../model';
import { stringValue } from '../model';
import { LINUX_DISABLE_OS_ENCRYPTED } from '../../ade';
import { adeExtensions, setting } from './util/ade';
import { insertPropertyFix, replaceValueFix } from './util/fixes';
import { report } from './util/values';

const ALLOWED = ['EnableEncryption', 'EnableEncryptionFormatAll', 'DisableEncryption'];

export const rule: Rule = {
  meta: {
    id: 'ade-encryption-operation',
    title: 'ADE EncryptionOperation must enable encryption',
    defaultSeverity: 'error',
    explanation:
      'The ADE extension does what `EncryptionOperation` says: `EnableEncryption` (or `EnableEncryptionFormatAll` on Linux, which formats data disks). `DisableEncryption` in a template decrypts the VM on every deployment, and any other value makes the extension fail.',
    fixHint: "Set settings.EncryptionOperation to 'EnableEncryption'.",
    docs: 'docs/rules/ade-encryption-operation.md',
    tags: ['ade'],
  },
  *check(ctx) {
    for (const e of adeExtensions(ctx)) {
      const file = e.resource.file;
      if (e.settings.state !== 'present' || e.settings.value.kind !== 'object') continue;
      const prop = setting(e, 'EncryptionOperation');
      if (!prop) {
        if (e.settingsIncomplete) continue;
        yield report(
          e.resource,
          e.settings.prop.keyRange,
          'ADE settings do not set EncryptionOperation; set it to EnableEncryption.',
          {
            severity: 'warning',
            fixes: [
              insertPropertyFix(
                ctx,
                file,
                e.settings.value,
                'EncryptionOperation',
                'EnableEncryption',
                "Add EncryptionOperation: 'EnableEncryption'",
              ),
            ],
          },
        );
        continue;
      }
      const v = stringValue(prop.value);
      if (v === undefined) continue;
      const canonical = ALLOWED.find((a) => a.toLowerCase() === v.toLowerCase());
      const toEnable = replaceValueFix(
        ctx,
        file,
        prop.value,
        'EnableEncryption',
        "Set EncryptionOperation to 'EnableEncryption'",
      );
      if (!canonical) {
        yield report(
          e.resource,
          prop.value.range,
          `Unknown ADE EncryptionOperation '${v}'; expected EnableEncryption${e.os === 'linux' ? ' or EnableEncryptionFormatAll' : ''}.`,
          {
            value: prop.value,
            fixes: [toEnable],
          },
        );
        continue;
      }
      if (canonical === 'DisableEncryption') {
        // The Linux handler refuses any decryption while the OS volume is encrypted (handle.py, disable_encryption).
        const linux =
          e.os === 'linux'
            ? ` On Linux it decrypts data volumes only, and fails with "${LINUX_DISABLE_OS_ENCRYPTED}" when the OS volume is encrypted.`
            : '';
        yield report(
          e.resource,
          prop.value.range,
          `This template disables Azure Disk Encryption (EncryptionOperation: DisableEncryption): every deployment decrypts the VM disks. Remove the extension from the template after decrypting, or enable encryption.${linux}`,
          { severity: 'warning', value: prop.value, fixes: [toEnable] },
        );
        continue;
      }
      if (canonical === 'EnableEncryptionFormatAll' && e.os === 'windows') {
        yield report(
          e.resource,
          prop.value.range,
          'EnableEncryptionFormatAll is only supported by the Linux ADE extension; Windows takes EnableEncryption.',
          {
            value: prop.value,
            fixes: [toEnable],
          },
        );
        continue;
      }
      if (canonical !== v) {
        yield report(
          e.resource,
          prop.value.range,
          `ADE setting values are case-sensitive: write '${canonical}', not '${v}'.`,
          {
            severity: 'warning',
            value: prop.value,
            fixes: [replaceValueFix(ctx, file, prop.value, canonical, `Change to '${canonical}'`)],
          },
        );
      }
    }
  },
};
