import type { Rule } from '../model';
import { numberValue } from '../model';
import { replaceValueFix } from './util/fixes';
import { vaults } from './util/vault';
import { lookupResource, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'kv-soft-delete-retention',
    title: 'Soft-delete retention must be between 7 and 90 days',
    defaultSeverity: 'error',
    explanation:
      'Key Vault accepts softDeleteRetentionInDays from 7 to 90 (default 90); other values fail the deployment.',
    fixHint: 'Use a retention between 7 and 90 days (90 is the default).',
    docs: 'docs/rules/kv-soft-delete-retention.md',
    equivalents: { trivy: ['AZU-0016'] },
    tags: ['keyvault'],
  },
  *check(ctx) {
    for (const v of vaults(ctx)) {
      const l = lookupResource(ctx, v, 'properties', 'softDeleteRetentionInDays');
      if (l.state !== 'present') continue;
      const n = numberValue(l.value);
      if (n === undefined || (n >= 7 && n <= 90)) continue;
      yield report(v, l.value.range, `softDeleteRetentionInDays is ${n}; Key Vault accepts 7 to 90 days.`, {
        value: l.value,
        fixes: [replaceValueFix(ctx, v.file, l.value, 90, 'Set retention to 90 days')],
      });
    }
  },
};
