import type { Rule } from '../model';
import { stringValue } from '../model';
import { replaceValueFix } from './util/fixes';
import { declared, lookupResource, missingRange, nameOf, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'kv-defender-plan',
    title: 'Microsoft Defender for Key Vault should be on the Standard tier',
    defaultSeverity: 'warning',
    explanation:
      'Defender for Key Vault detects unusual access to vaults (for example, mass secret reads or access from suspicious addresses). A `Microsoft.Security/pricings` resource named KeyVaults with tier Free turns it off for the subscription.',
    fixHint: "Set pricingTier to 'Standard'.",
    docs: 'docs/rules/kv-defender-plan.md',
    equivalents: { checkov: ['CKV_AZURE_87'], psrule: ['Azure.Defender.KeyVault'] },
    tags: ['keyvault', 'defender'],
  },
  *check(ctx) {
    for (const p of declared(ctx.resourcesOfType('Microsoft.Security/pricings'))) {
      if (nameOf(p)?.toLowerCase() !== 'keyvaults') continue;
      const l = lookupResource(ctx, p, 'properties', 'pricingTier');
      const msg = 'Microsoft Defender for Key Vault is not enabled (pricing tier is not Standard).';
      if (l.state === 'missing') {
        yield report(p, missingRange(p, l), msg);
      } else if (l.state === 'present') {
        const t = stringValue(l.value);
        if (t === undefined || t.toLowerCase() === 'standard') continue;
        yield report(p, l.value.range, msg, {
          value: l.value,
          fixes: [replaceValueFix(ctx, p.file, l.value, 'Standard', "Set pricingTier: 'Standard'")],
        });
      }
    }
  },
};
