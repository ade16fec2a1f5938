import type { Rule } from '../model';
import { secrets } from './util/keys';
import { label, lookupResource, missingRange, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'kv-secret-content-type',
    title: 'Key Vault secrets should declare a content type',
    defaultSeverity: 'info',
    explanation:
      'A content type (e.g. "password", "application/x-pkcs12") tells readers and rotation tooling how to interpret the secret value.',
    fixHint: 'Set properties.contentType.',
    docs: 'docs/rules/kv-secret-content-type.md',
    equivalents: { checkov: ['CKV_AZURE_114'], trivy: ['AZU-0015'] },
    tags: ['keyvault', 'secrets'],
  },
  *check(ctx) {
    for (const s of secrets(ctx)) {
      const l = lookupResource(ctx, s, 'properties', 'contentType');
      if (l.state !== 'missing') continue;
      yield report(s, missingRange(s, l), `Secret '${label(s)}' has no content type.`);
    }
  },
};
