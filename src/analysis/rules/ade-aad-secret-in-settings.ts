import type { Rule } from '../model';
import { getProperty } from '../model';
import { adeExtensions } from './util/ade';
import { PROTECTED_KEYS } from './ade-settings-keys';
import { moveToProtectedFix } from './util/move';
import { report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'ade-aad-secret-in-settings',
    title: 'ADE AAD client secret or passphrase in public settings',
    defaultSeverity: 'error',
    explanation:
      'Extension `settings` are stored and returned in clear text by the VM model (anyone with read access sees them); `protectedSettings` are encrypted and never returned. The legacy AAD client secret, certificate and the Linux passphrase must only go in protectedSettings.',
    fixHint:
      'Move the secret to protectedSettings (and better, migrate to single-pass ADE without an AAD application).',
    docs: 'docs/rules/ade-aad-secret-in-settings.md',
    equivalents: {
      templateAnalyzer: ['Azure.VM.ScriptExtensions'],
      psrule: ['Azure.VM.ScriptExtensions', 'Azure.VMSS.ScriptExtensions'],
    },
    tags: ['ade', 'secrets'],
  },
  *check(ctx) {
    for (const e of adeExtensions(ctx)) {
      if (e.settings.state !== 'present' || e.settings.value.kind !== 'object') continue;
      const settings = e.settings.value;
      for (const key of PROTECTED_KEYS) {
        const p = getProperty(settings, key);
        if (!p) continue;
        yield report(
          e.resource,
          p.keyRange,
          `'${p.key}' is a secret in the extension's public settings, readable by anyone who can read the VM. Put it in protectedSettings.`,
          {
            value: p.value,
            fixes: [moveToProtectedFix(ctx, e, settings, p)],
          },
        );
      }
    }
  },
};
