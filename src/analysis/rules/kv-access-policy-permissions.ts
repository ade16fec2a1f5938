import type { Resource, Rule, ValueNode } from '../model';
import { getPath, getProperty, stringValue } from '../model';
import { VAULT_TYPE } from './util/ade';
import { declared, report } from './util/values';

const KINDS = ['keys', 'secrets', 'certificates', 'storage'];

export const rule: Rule = {
  meta: {
    id: 'kv-access-policy-permissions',
    title: "Access policies should not grant 'all' or 'purge'",
    defaultSeverity: 'warning',
    explanation:
      "An access policy granting 'all' includes purge and every future permission; 'purge' lets the principal destroy soft-deleted keys and secrets for good (including ADE's BEKs and KEKs). Grant only the operations the principal needs.",
    fixHint: "Replace 'all'/'purge' with the specific permissions needed (e.g. get, list, wrapKey, unwrapKey).",
    docs: 'docs/rules/kv-access-policy-permissions.md',
    equivalents: { psrule: ['Azure.KeyVault.AccessPolicy'] },
    tags: ['keyvault'],
  },
  *check(ctx) {
    const sources: [Resource, ValueNode | undefined][] = [];
    for (const v of declared(ctx.resourcesOfType(VAULT_TYPE)))
      sources.push([v, getPath(v.properties, 'accessPolicies')]);
    for (const a of declared(ctx.resourcesOfType(`${VAULT_TYPE}/accessPolicies`))) {
      if (/\/remove$/i.test(stringValue(a.name) ?? '')) continue;
      sources.push([a, getPath(a.properties, 'accessPolicies')]);
    }
    for (const [res, list] of sources) {
      if (list?.kind !== 'array') continue;
      for (const policy of list.items) {
        const perms = getProperty(policy, 'permissions')?.value;
        for (const kind of KINDS) {
          const arr = getProperty(perms, kind)?.value;
          if (arr?.kind !== 'array') continue;
          for (const item of arr.items) {
            const p = stringValue(item)?.toLowerCase();
            if (p !== 'all' && p !== 'purge') continue;
            yield report(
              res,
              item.range,
              p === 'all'
                ? `Access policy grants all ${kind} permissions (including purge); grant only what is needed.`
                : `Access policy grants purge on ${kind}: the principal can permanently destroy deleted ${kind}.`,
              { value: item },
            );
          }
        }
      }
    }
  },
};
