import type { Rule } from '../model';
import { getPath, stringValue } from '../model';
import { adeKekKeys } from './ade-kek-key';
import { keys } from './util/keys';
import { label, lookupResource, missingRange, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'kv-key-rotation-policy',
    title: 'Key Vault keys should rotate automatically',
    defaultSeverity: 'info',
    explanation:
      'A rotation policy with a `rotate` lifetime action makes Key Vault create new key versions on schedule. Not for ADE key encryption keys: ADE keeps using the version it was given, so those keys are skipped here (see ade-kek-key).',
    fixHint: "Add properties.rotationPolicy with a lifetimeActions entry whose action.type is 'rotate'.",
    docs: 'docs/rules/kv-key-rotation-policy.md',
    equivalents: { psrule: ['Azure.KeyVault.AutoRotationPolicy'] },
    tags: ['keyvault', 'keys'],
  },
  *check(ctx) {
    const kek = adeKekKeys(ctx);
    for (const k of keys(ctx)) {
      if (kek.has(k)) continue;
      const l = lookupResource(ctx, k, 'properties', 'rotationPolicy');
      if (l.state === 'unknown') continue;
      if (l.state === 'missing') {
        yield report(k, missingRange(k, l), `Key '${label(k)}' has no rotation policy.`);
        continue;
      }
      const actions = getPath(l.value, 'lifetimeActions');
      if (l.value.kind !== 'object') continue;
      if (actions && actions.kind !== 'array') continue;
      const items = actions?.kind === 'array' ? actions.items : [];
      if (items.some((a) => getPath(a, 'action', 'type')?.kind !== 'scalar')) continue;
      if (items.some((a) => stringValue(getPath(a, 'action', 'type'))?.toLowerCase() === 'rotate')) continue;
      yield report(
        k,
        l.prop.keyRange,
        `The rotation policy of key '${label(k)}' has no 'rotate' action; it only notifies.`,
      );
    }
  },
};
