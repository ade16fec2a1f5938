import type { Rule, RuleContext, ValueNode } from '../model';
import { allExtensions } from './util/ade';
import { moveToProtectedFix } from './util/move';
import { sourceText } from './util/fixes';
import { report } from './util/values';

const SECRET_KEY =
  /(password|passwd|pwd$|secret|token|connectionstring|accountkey|storagekey|sharedkey|sas(token|key)?$|apikey|privatekey|passphrase|credential)/i;

/** Names of secure parameters declared in a file (ARM `secureString`/`secureObject`, Bicep `@secure()`). */
/** Names that refer to a secret without being one (a URL, a name, an id). */
const NOT_SECRET_SUFFIX = /(url|uri|name|id|ids|path|settings)$/i;

function secureParams(ctx: RuleContext, file: string): string[] {
  const text = ctx.model.sources.get(file) ?? '';
  if (/\.bicep$/i.test(file)) {
    return [...text.matchAll(/@(?:sys\.)?secure\(\)\s*(?:@[^\n]*\s*)*param\s+([A-Za-z_][A-Za-z0-9_]*)/g)].map(
      (m) => m[1]!,
    );
  }
  return ctx.model.parameters.filter((p) => p.type !== undefined && /^secure/i.test(p.type)).map((p) => p.name);
}

/** The secure parameter a setting's value uses (through provenance or in its expression text). */
function fromSecureParameter(ctx: RuleContext, file: string, v: ValueNode): string | undefined {
  const secure = secureParams(ctx, file);
  if (secure.length === 0) return undefined;
  for (const o of v.origins ?? []) {
    if ((o.kind === 'parameterDefault' || o.kind === 'parameterFile') && secure.includes(o.name)) return o.name;
  }
  const text = sourceText(ctx, file, v) ?? '';
  for (const name of secure) {
    const re = /\.bicep$/i.test(file)
      ? new RegExp(`(^|[^A-Za-z0-9_.'])${name}($|[^A-Za-z0-9_])`)
      : new RegExp(`parameters\\(\\s*'${name}'\\s*\\)`, 'i');
    if (re.test(text)) return name;
  }
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'ade-extension-settings-secret',
    title: 'Secrets in VM extension settings instead of protectedSettings',
    defaultSeverity: 'error',
    explanation:
      'Extension `settings` are stored in the VM model in clear text and returned to anyone who can read the VM; `protectedSettings` are encrypted with the VM certificate and never returned. Passwords, keys, tokens and values from secure parameters belong in protectedSettings.',
    fixHint: 'Move the value to protectedSettings.',
    docs: 'docs/rules/ade-extension-settings-secret.md',
    equivalents: {
      psrule: ['Azure.VM.ScriptExtensions', 'Azure.VMSS.ScriptExtensions'],
      templateAnalyzer: ['Azure.VM.ScriptExtensions'],
    },
    tags: ['secrets', 'extensions'],
  },
  *check(ctx) {
    for (const e of allExtensions(ctx)) {
      if (e.isAde || e.resource.existing) continue; // ADE has its own rule (ade-aad-secret-in-settings)
      if (e.settings.state !== 'present' || e.settings.value.kind !== 'object') continue;
      const settings = e.settings.value;
      for (const p of settings.properties) {
        const secure = fromSecureParameter(ctx, e.resource.file, p.value);
        // list*() functions (listKeys, listAccountSas, ...) return keys and SAS tokens, wherever they are used.
        const text = sourceText(ctx, e.resource.file, p.value);
        const listKeys = text !== undefined && /(^|[^A-Za-z0-9_.])list[A-Za-z]*\s*\(/.test(text);
        const byName =
          SECRET_KEY.test(p.key) &&
          !NOT_SECRET_SUFFIX.test(p.key) &&
          p.value.kind !== 'object' &&
          p.value.kind !== 'array';
        if (!secure && !listKeys && !byName) continue;
        if (p.value.kind === 'scalar' && (p.value.value === '' || p.value.value === null)) continue;
        const why = secure
          ? `its value comes from secure parameter '${secure}'`
          : listKeys
            ? 'it embeds keys returned by a list*() function'
            : 'its name says it is a secret';
        yield report(
          e.resource,
          p.keyRange,
          `Extension setting '${p.key}' is readable by anyone who can read the VM (${why}); put it in protectedSettings.`,
          {
            value: p.value,
            fixes: [moveToProtectedFix(ctx, e, settings, p)],
          },
        );
      }
    }
  },
};
