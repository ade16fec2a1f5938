import type { Rule } from '../model';
import { secrets } from './util/keys';
import { label, lookupResource, missingRange, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'kv-secret-expiry',
    title: 'Key Vault secrets should have an expiration date',
    defaultSeverity: 'warning',
    explanation:
      'Secrets without `attributes.exp` live forever. (The secrets ADE itself writes, the BEKs, are created by the platform; a Deny policy requiring secret expiry makes ADE fail, so apply such a policy as Audit where ADE runs.)',
    fixHint: 'Set properties.attributes.exp (Unix time in seconds).',
    docs: 'docs/rules/kv-secret-expiry.md',
    equivalents: {
      checkov: ['CKV_AZURE_41'],
      kics: ['cff9c3f7-e8f0-455f-9fb4-5f72326da96e'],
      trivy: ['AZU-0017'],
      azurePolicy: ['98728c90-32c7-4049-8429-847dc0f4fe37'],
    },
    tags: ['keyvault', 'secrets'],
  },
  *check(ctx) {
    for (const s of secrets(ctx)) {
      const l = lookupResource(ctx, s, 'properties', 'attributes', 'exp');
      if (l.state !== 'missing') continue;
      yield report(s, missingRange(s, l), `Secret '${label(s)}' has no expiration date (properties.attributes.exp).`);
    }
  },
};
