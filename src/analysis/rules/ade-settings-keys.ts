import type { PropertyNode, Rule } from '../model';
import { KEY_CASE, knownSettingKeys, PROTECTED_SETTING_KEYS } from '../../ade';
import { ADE_PUBLISHER, ADE_TYPE_LINUX, ADE_TYPE_WINDOWS, adeExtensions, adeOs } from './util/ade';
import { renameKeyFix, replaceValueFix } from './util/fixes';
import { report } from './util/values';

/** Keys that are valid only in protectedSettings (reported by ade-aad-secret-in-settings when in settings). */
export const PROTECTED_KEYS: readonly string[] = PROTECTED_SETTING_KEYS;

export const rule: Rule = {
  meta: {
    id: 'ade-settings-keys',
    title: 'ADE settings keys must be known and correctly cased',
    defaultSeverity: 'warning',
    explanation:
      'The Linux ADE handler reads its settings by exact name, so a mis-cased key (keyVaultURL) is not read and the setting silently does not apply. For Windows the matching is not documented (a Microsoft quickstart writes lower-camel keys), so a mis-cased key there is only noted. Unknown keys (a tags object nested in settings) are not ADE settings.',
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
      const os = e.os ? adeOs(e.os) : undefined;
      const caseRule = os ? KEY_CASE[os] : undefined;
      const check = function* (
        props: readonly PropertyNode[],
        where: 'settings' | 'protectedSettings',
        allowed: readonly string[],
      ) {
        for (const p of props) {
          const exact = allowed.includes(p.key);
          if (exact) continue;
          const ci = allowed.find((k) => k.toLowerCase() === p.key.toLowerCase());
          if (ci) {
            const fixes = [renameKeyFix(ctx, file, p, ci, `Rename to '${ci}'`)];
            yield caseRule?.caseSensitive
              ? report(
                  e.resource,
                  p.keyRange,
                  `The Linux ADE handler reads ${where} keys case-sensitively: '${p.key}' is not read; write '${ci}'.`,
                  { fixes },
                )
              : report(
                  e.resource,
                  p.keyRange,
                  `Non-canonical ADE ${where} key '${p.key}': the documented name is '${ci}' (whether Windows ADE matches keys case-insensitively is not documented).`,
                  { severity: 'info', fixes },
                );
            continue;
          }
          if (where === 'settings' && PROTECTED_KEYS.some((k) => k.toLowerCase() === p.key.toLowerCase())) continue;
          yield report(e.resource, p.keyRange, `'${p.key}' is not an ADE ${where} key; the extension does not use it.`);
        }
      };
      if (e.settings.state === 'present' && e.settings.value.kind === 'object') {
        yield* check(e.settings.value.properties, 'settings', knownSettingKeys(os, 'settings'));
      }
      if (e.protectedSettings.state === 'present' && e.protectedSettings.value.kind === 'object') {
        yield* check(
          e.protectedSettings.value.properties,
          'protectedSettings',
          knownSettingKeys(os, 'protectedSettings'),
        );
      }
    }
  },
};
