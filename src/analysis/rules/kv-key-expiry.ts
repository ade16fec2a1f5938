import type { Rule } from '../model';
import { getPath } from '../model';
import { keys } from './util/keys';
import { label, lookupResource, missingRange, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'kv-key-expiry',
    title: 'Key Vault keys should have an expiration date',
    defaultSeverity: 'warning',
    explanation:
      'A key without an expiry date is never forced through rotation. The expiry is `properties.attributes.exp` (Unix seconds); a rotation policy `expiryTime` also sets one. Mind ADE: an expired KEK still unwraps existing disks, but disabling it does not.',
    fixHint: 'Set properties.attributes.exp (or a rotation policy with attributes.expiryTime).',
    docs: 'docs/rules/kv-key-expiry.md',
    equivalents: {
      checkov: ['CKV_AZURE_40'],
      trivy: ['AZU-0014'],
      azurePolicy: ['152b15f7-8e1f-4c1f-ab71-8c010ba5dbc0'],
    },
    tags: ['keyvault', 'keys'],
  },
  *check(ctx) {
    for (const k of keys(ctx)) {
      const l = lookupResource(ctx, k, 'properties', 'attributes', 'exp');
      if (l.state !== 'missing') continue;
      const rot = getPath(k.properties, 'rotationPolicy', 'attributes', 'expiryTime');
      if (rot) continue;
      if (getPath(k.properties, 'rotationPolicy')?.kind === 'unknown') continue;
      yield report(k, missingRange(k, l), `Key '${label(k)}' has no expiration date (properties.attributes.exp).`);
    }
  },
};
