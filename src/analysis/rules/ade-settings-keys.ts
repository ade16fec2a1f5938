import type { PropertyNode, Rule } from '../model';
import { ADE_PUBLISHER, ADE_TYPE_LINUX, ADE_TYPE_WINDOWS, adeExtensions } from './util/ade';
import { renameKeyFix, replaceValueFix } from './util/fixes';
import { report } from './util/values';

const COMMON = [
  'EncryptionOperation',
  'KeyVaultURL',
  'KeyVaultResourceId',
  'KeyEncryptionKeyURL',
  'KekVaultResourceId',
  'KeyEncryptionAlgorithm',
  'VolumeType',
  'SequenceVersion',
  'ResizeOSDisk',
  'AADClientID',
  'AADClientCertThumbprint',
];
const LINUX_ONLY = ['DiskFormatQuery'];
/** Keys that are valid only in protectedSettings (reported by ade-aad-secret-in-settings when in settings). */
export const PROTECTED_KEYS = ['AADClientSecret', 'AADClientCertificate', 'Passphrase'];

export const rule: Rule = {
  meta: {
    id: 'ade-settings-keys',
    title: 'ADE settings keys must be known and correctly cased',
    defaultSeverity: 'warning',
    explanation:
      'The ADE extension reads its settings by exact name; a mis-cased key (keyVaultURL) or an unknown one (a tags object nested in settings) is ignored, so the setting silently does not apply.',
    fixHint: 'Use the documented key names with their exact casing and remove anything else from settings.',
    docs: 'docs/rules/ade-settings-keys.md',
    tags: ['ade'],
  },
  *check(ctx) {
    for (const e of adeExtensions(ctx)) {
      const file = e.resource.file;
      for (const [prop, expected] of [
        [e.publisherProp, ADE_PUBLISHER],
        [e.typeProp, e.os === 'linux' ? ADE_TYPE_LINUX : ADE_TYPE_WINDOWS],
      ] as const) {
        const v = prop?.value.kind === 'scalar' ? prop.value.value : undefined;
        if (prop && typeof v === 'string' && v !== expected) {
          yield report(e.resource, prop.value.range, `Write '${expected}' exactly (found '${v}').`, {
            value: prop.value,
            fixes: [replaceValueFix(ctx, file, prop.value, expected, `Change to '${expected}'`)],
          });
        }
      }
      const known = e.os === 'linux' ? [...COMMON, ...LINUX_ONLY] : COMMON;
      const check = function* (
        props: readonly PropertyNode[],
        where: 'settings' | 'protectedSettings',
        allowed: string[],
      ) {
        for (const p of props) {
          const exact = allowed.includes(p.key);
          if (exact) continue;
          const ci = allowed.find((k) => k.toLowerCase() === p.key.toLowerCase());
          if (ci) {
            yield report(
              e.resource,
              p.keyRange,
              `ADE ${where} keys are case-sensitive: '${p.key}' is ignored; write '${ci}'.`,
              {
                fixes: [renameKeyFix(ctx, file, p, ci, `Rename to '${ci}'`)],
              },
            );
            continue;
          }
          if (where === 'settings' && PROTECTED_KEYS.some((k) => k.toLowerCase() === p.key.toLowerCase())) continue;
          yield report(
            e.resource,
            p.keyRange,
            `'${p.key}' is not an ADE ${where} key and is ignored by the extension.`,
          );
        }
      };
      if (e.settings.state === 'present' && e.settings.value.kind === 'object') {
        yield* check(e.settings.value.properties, 'settings', known);
      }
      if (e.protectedSettings.state === 'present' && e.protectedSettings.value.kind === 'object') {
        const allowed = e.os === 'linux' ? PROTECTED_KEYS : PROTECTED_KEYS.filter((k) => k !== 'Passphrase');
        yield* check(e.protectedSettings.value.properties, 'protectedSettings', allowed);
      }
    }
  },
};
