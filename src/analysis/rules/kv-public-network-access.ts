import type { Rule } from '../model';
import { stringValue } from '../model';
import { insertPathFix, replaceValueFix } from './util/fixes';
import { vaults } from './util/vault';
import { isNull, label, lookupResource, missingRange, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'kv-public-network-access',
    title: 'Key Vault public network access should be disabled',
    defaultSeverity: 'info',
    explanation:
      'With public network access disabled, only private endpoints and trusted Azure services reach the vault. The default is enabled. IP rules do not help while the firewall default action is Allow.',
    fixHint: "Set publicNetworkAccess to 'Disabled' and reach the vault through a private endpoint.",
    docs: 'docs/rules/kv-public-network-access.md',
    equivalents: { checkov: ['CKV_AZURE_189'], azurePolicy: ['405c5871-3e91-4644-8a63-58e19d68ff5b'] },
    tags: ['keyvault', 'network'],
  },
  *check(ctx) {
    for (const v of vaults(ctx)) {
      const l = lookupResource(ctx, v, 'properties', 'publicNetworkAccess');
      const msg = `Public network access is enabled on key vault '${label(v)}'.`;
      if (l.state === 'missing') {
        yield report(v, missingRange(v, l), msg, {
          fixes: [insertPathFix(ctx, v.file, l.holder, l.rest, 'Disabled', "Set publicNetworkAccess: 'Disabled'")],
        });
      } else if (l.state === 'present' && isNull(l.value)) {
        // `null` (a module leaving the choice to the platform) means the default: enabled.
        yield report(v, l.value.range, msg, { value: l.value });
      } else if (l.state === 'present') {
        const s = stringValue(l.value);
        if (s === undefined || s.toLowerCase() === 'disabled') continue;
        yield report(v, l.value.range, msg, {
          value: l.value,
          fixes: [replaceValueFix(ctx, v.file, l.value, 'Disabled', "Set publicNetworkAccess: 'Disabled'")],
        });
      }
    }
  },
};
