import type { Rule } from '../model';
import { booleanValue } from '../model';
import { insertPathFix, replaceValueFix } from './util/fixes';
import { apiAtLeast, vaults } from './util/vault';
import { label, lookupResource, missingRange, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'kv-rbac-authorization',
    title: 'Key Vault should use the Azure RBAC permission model',
    defaultSeverity: 'info',
    explanation:
      'Vault access policies are a per-vault permission list outside Azure RBAC (no PIM, no deny, no management-group inheritance). Key Vault API 2026-02-01 and later creates vaults with RBAC by default, and then ignores any access policies the template declares.',
    fixHint:
      'Set properties.enableRbacAuthorization to true and grant roles such as Key Vault Crypto Officer instead of access policies.',
    docs: 'docs/rules/kv-rbac-authorization.md',
    equivalents: { psrule: ['Azure.KeyVault.RBAC'], azurePolicy: ['12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5'] },
    tags: ['keyvault'],
  },
  *check(ctx) {
    for (const v of vaults(ctx)) {
      const l = lookupResource(ctx, v, 'properties', 'enableRbacAuthorization');
      const policies = lookupResource(ctx, v, 'properties', 'accessPolicies');
      const hasPolicies =
        policies.state === 'present' && policies.value.kind === 'array' && policies.value.items.length > 0;
      const rbacDefault = apiAtLeast(v, '2026-02-01');
      if (l.state === 'missing') {
        if (rbacDefault === true) {
          if (hasPolicies && policies.state === 'present') {
            yield report(
              v,
              policies.prop.keyRange,
              `Key vault '${label(v)}' uses API ${v.apiVersion}, which creates RBAC vaults by default: the access policies declared here will be ignored. Set enableRbacAuthorization explicitly.`,
              {
                severity: 'warning',
              },
            );
          }
          continue;
        }
        if (rbacDefault === undefined) continue;
        yield report(
          v,
          missingRange(v, l),
          `Key vault '${label(v)}' uses access policies (enableRbacAuthorization defaults to false before API 2026-02-01).`,
          {
            fixes: [insertPathFix(ctx, v.file, l.holder, l.rest, true, 'Set enableRbacAuthorization: true', false)],
          },
        );
      } else if (l.state === 'present' && booleanValue(l.value) === false) {
        yield report(v, l.value.range, `Key vault '${label(v)}' uses access policies instead of Azure RBAC.`, {
          value: l.value,
          fixes: [replaceValueFix(ctx, v.file, l.value, true, 'Set enableRbacAuthorization: true', false)],
        });
      }
    }
  },
};
