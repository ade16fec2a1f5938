import type { Rule } from '../model';
import { booleanValue } from '../model';
import { insertPathFix, replaceValueFix } from './util/fixes';
import { adeNote, vaults } from './util/vault';
import type { RelatedLocation, Resource, RuleContext } from '../model';
import { getPath } from '../model';
import { declared, label, lookupResource, missingRange, report } from './util/values';

/** Vaults whose key a disk encryption set uses (`activeKey.sourceVault.id`), with where. */
function desVaults(ctx: RuleContext): Map<Resource, RelatedLocation[]> {
  const m = new Map<Resource, RelatedLocation[]>();
  for (const des of declared(ctx.resourcesOfType('Microsoft.Compute/diskEncryptionSets'))) {
    const id = getPath(des.properties, 'activeKey', 'sourceVault', 'id');
    const vault = ctx.resolveRef(id);
    if (!vault || !id) continue;
    const list = m.get(vault) ?? [];
    list.push({
      message: 'disk encryption set using a key in this vault',
      location: { file: des.file, range: id.range },
    });
    m.set(vault, list);
  }
  return m;
}

export const rule: Rule = {
  meta: {
    id: 'kv-purge-protection',
    title: 'Key Vault purge protection should be enabled',
    defaultSeverity: 'warning',
    explanation:
      'Without purge protection a soft-deleted vault, key or secret can be purged immediately, and disks whose BEK or KEK lived there can never be unlocked again. Purge protection cannot be turned off once on (the property does not accept false).',
    fixHint: 'Set properties.enablePurgeProtection to true.',
    docs: 'docs/rules/kv-purge-protection.md',
    equivalents: {
      checkov: ['CKV_AZURE_110', 'CKV_AZURE_42'],
      kics: ['7c25f361-7c66-44bf-9b69-022acd5eb4bd'],
      psrule: ['Azure.KeyVault.PurgeProtect'],
      trivy: ['AZU-0016'],
      azurePolicy: ['0b60c0b2-2dc2-4e1c-b5c9-abbed971de53'],
    },
    tags: ['keyvault'],
  },
  *check(ctx) {
    const des = desVaults(ctx);
    for (const v of vaults(ctx)) {
      const l = lookupResource(ctx, v, 'properties', 'enablePurgeProtection');
      const desRefs = des.get(v);
      const msg = desRefs
        ? `Key vault '${label(v)}' holds the key of a disk encryption set, which requires purge protection: enable it.`
        : `Purge protection is not enabled on key vault '${label(v)}'${adeNote(ctx, v)}: a purge would destroy its keys and secrets for good.`;
      const extra = desRefs ? { severity: 'error' as const, related: desRefs } : {};
      if (l.state === 'missing') {
        yield report(v, missingRange(v, l), msg, {
          ...extra,
          fixes: [insertPathFix(ctx, v.file, l.holder, l.rest, true, 'Set enablePurgeProtection: true')],
        });
      } else if (l.state === 'present') {
        const isNull = l.value.kind === 'scalar' && l.value.value === null;
        if (!isNull && booleanValue(l.value) !== false) continue;
        yield report(v, l.value.range, msg, {
          ...extra,
          value: l.value,
          fixes: [replaceValueFix(ctx, v.file, l.value, true, 'Set enablePurgeProtection: true')],
        });
      }
    }
  },
};
