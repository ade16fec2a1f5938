import type { Rule } from '../model';
import { booleanValue } from '../model';
import { replaceValueFix } from './util/fixes';
import { adeNote, vaults } from './util/vault';
import { label, lookupResource, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'kv-soft-delete',
    title: 'Key Vault soft delete must not be disabled',
    defaultSeverity: 'error',
    explanation:
      'Soft delete keeps deleted keys and secrets recoverable for the retention period. It is on by default and can no longer be turned off on new vaults, so leaving the property out is fine; writing `enableSoftDelete: false` is not (the deployment fails or documents a wrong intent). ADE requires it on pre-existing vaults.',
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
        `Soft delete is disabled on key vault '${label(v)}'${adeNote(ctx, v)}; deleted keys and secrets could not be recovered.`,
        {
          value: l.value,
          fixes: [replaceValueFix(ctx, v.file, l.value, true, 'Set enableSoftDelete: true')],
        },
      );
    }
  },
};
