import type { Rule } from '../model';
import { getProperty, numberValue, stringValue } from '../model';
import { replaceValueFix } from './util/fixes';
import { keys, vaultOf } from './util/keys';
import { label, report } from './util/values';

const KTY = ['EC', 'EC-HSM', 'RSA', 'RSA-HSM'];
const CURVES = ['P-256', 'P-384', 'P-521', 'P-256K'];
const RSA_SIZES = [2048, 3072, 4096];

export const rule: Rule = {
  meta: {
    id: 'kv-key-strength',
    title: 'Key type, size and curve must be valid and strong enough',
    defaultSeverity: 'error',
    explanation:
      'Key Vault keys are EC, EC-HSM, RSA or RSA-HSM. RSA keys are 2048, 3072 or 4096 bits (default 2048); EC keys use P-256, P-384, P-521 or P-256K. HSM key types need a premium vault.',
    fixHint: "Use RSA 3072/4096 (or EC P-256/P-384) and a premium vault for '-HSM' key types.",
    docs: 'docs/rules/kv-key-strength.md',
    equivalents: { azurePolicy: ['82067dbb-e53b-4e06-b631-546d197452d9'] },
    tags: ['keyvault', 'keys'],
  },
  *check(ctx) {
    for (const k of keys(ctx)) {
      const ktyProp = getProperty(k.properties, 'kty');
      const kty = stringValue(ktyProp?.value);
      const canonical = kty === undefined ? undefined : KTY.find((t) => t.toLowerCase() === kty.toLowerCase());
      if (ktyProp && kty !== undefined && !canonical) {
        yield report(k, ktyProp.value.range, `Unknown key type '${kty}'; expected EC, EC-HSM, RSA or RSA-HSM.`, {
          value: ktyProp.value,
        });
        continue;
      }
      const sizeProp = getProperty(k.properties, 'keySize');
      const size = numberValue(sizeProp?.value);
      if (canonical?.startsWith('RSA') && sizeProp && size !== undefined && !RSA_SIZES.includes(size)) {
        yield report(
          k,
          sizeProp.value.range,
          `RSA key size ${size} is not allowed; use 2048, 3072 or 4096 (3072+ recommended).`,
          {
            value: sizeProp.value,
            fixes: [replaceValueFix(ctx, k.file, sizeProp.value, 3072, 'Set keySize: 3072')],
          },
        );
      }
      const curveProp = getProperty(k.properties, 'curveName');
      const curve = stringValue(curveProp?.value);
      if (
        canonical?.startsWith('EC') &&
        curveProp &&
        curve !== undefined &&
        !CURVES.some((c) => c.toLowerCase() === curve.toLowerCase())
      ) {
        yield report(k, curveProp.value.range, `Unknown EC curve '${curve}'; use P-256, P-384 or P-521.`, {
          value: curveProp.value,
        });
      }
      if (canonical?.endsWith('-HSM') && ktyProp) {
        const vault = vaultOf(ctx, k);
        const skuNode = vault ? getProperty(getProperty(vault.properties, 'sku')?.value, 'name')?.value : undefined;
        const sku = stringValue(skuNode);
        if (vault && !vault.existing && sku?.toLowerCase() === 'standard') {
          yield report(
            k,
            ktyProp.value.range,
            `HSM-protected key type ${canonical} needs a premium vault, but vault '${label(vault)}' is standard.`,
            {
              value: ktyProp.value,
              related: [
                { message: `sku of vault '${label(vault)}'`, location: { file: vault.file, range: skuNode!.range } },
              ],
              fixes: [replaceValueFix(ctx, vault.file, skuNode!, 'premium', "Set the vault sku to 'premium'")],
            },
          );
        }
      }
    }
  },
};
