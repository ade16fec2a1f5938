import type { Rule } from '../model';
import { getProperty, stringValue } from '../model';
import { replaceValueFix } from './util/fixes';
import { keys } from './util/keys';
import { label, lookupResource, missingRange, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'kv-key-hsm',
    title: 'Keys should be HSM-protected',
    defaultSeverity: 'info',
    explanation:
      'Software-protected keys (RSA, EC) are encrypted at rest by Key Vault; HSM-protected keys (RSA-HSM, EC-HSM) never leave a FIPS-validated hardware module. HSM key types need a premium vault.',
    fixHint: "Use kty 'RSA-HSM' (or 'EC-HSM') in a premium vault.",
    docs: 'docs/rules/kv-key-hsm.md',
    equivalents: { checkov: ['CKV_AZURE_112'] },
    tags: ['keyvault', 'keys'],
  },
  *check(ctx) {
    for (const k of keys(ctx)) {
      const l = lookupResource(ctx, k, 'properties', 'kty');
      if (l.state === 'unknown') continue;
      if (l.state === 'missing') {
        yield report(k, missingRange(k, l), `Key '${label(k)}' does not set kty, so it is not HSM-protected.`);
        continue;
      }
      const kty = stringValue(getProperty(k.properties, 'kty')?.value);
      if (kty === undefined || /-hsm$/i.test(kty)) continue;
      const hsm = /^ec$/i.test(kty) ? 'EC-HSM' : /^rsa$/i.test(kty) ? 'RSA-HSM' : undefined;
      yield report(k, l.value.range, `Key '${label(k)}' is software-protected (${kty}).`, {
        value: l.value,
        fixes: [hsm ? replaceValueFix(ctx, k.file, l.value, hsm, `Set kty: '${hsm}'`, false) : undefined],
      });
    }
  },
};
