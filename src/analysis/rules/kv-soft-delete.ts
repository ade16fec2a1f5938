import type { Rule } from '../model';
import { booleanValue } from '../model';
import { replaceValueFix } from './util/fixes';
import { adeNote, vaults } from './util/vault';
import { label, lookupResource, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'kv-soft-delete',
    title: 'Key Vault soft delete must not be disabled',
    // A warning: Key Vault enforces soft delete on every vault since February 2025
    // (https://learn.microsoft.com/azure/key-vault/general/soft-delete-change), so `false` cannot take
    // effect; Azure Verified Modules' end-to-end tests deploy vaults that still say `false`.
    defaultSeverity: 'warning',
    explanation:
      'Soft delete keeps deleted keys and secrets recoverable for the retention period. Key Vault enforces it on every vault since February 2025, so `enableSoftDelete: false` cannot take effect: it misleads readers and scripts that expect deleted names to be free at once. ADE requires soft delete on the vaults it uses.',
    fixHint: 'Remove enableSoftDelete or set it to true.',
    docs: 'docs/rules/kv-soft-delete.md',
    equivalents: {
      checkov: ['CKV_AZURE_111', 'CKV_AZURE_42'],
      kics: ['7c25f361-7c66-44bf-9b69-022acd5eb4bd'],
      psrule: ['Azure.KeyVault.SoftDelete'],
      azurePolicy: ['1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d', '0b60c0b2-2dc2-4e1c-b5c9-abbed971de53'],
    },
    tags: ['keyvault'],
  },
  *check(ctx) {
    for (const v of vaults(ctx)) {
      const l = lookupResource(ctx, v, 'properties', 'enableSoftDelete');
      if (l.state !== 'present' || booleanValue(l.value) !== false) continue;
      yield report(
        v,
        l.value.range,
        `Key vault '${label(v)}'${adeNote(ctx, v)} says enableSoftDelete: false, which Key Vault no longer honours (soft delete is enforced on every vault); remove it or set it to true so the template says what is deployed.`,
        {
          value: l.value,
          fixes: [replaceValueFix(ctx, v.file, l.value, true, 'Set enableSoftDelete: true')],
        },
      );
    }
  },
};
