import type { Fix, ObjectNode, PropertyNode, RelatedLocation, Rule, RuleContext, Severity, ValueNode } from '../model';
import { allExtensions, type ExtensionInfo } from './util/ade';
import { perContext } from './util/memo';
import { moveToProtectedFix } from './util/move';
import { sourceText } from './util/fixes';
import { label, loc, report } from './util/values';

const SECRET_KEY =
  /(password|passwd|pwd$|secret|token|connectionstring|accountkey|storagekey|sharedkey|sas(token|key)?$|apikey|privatekey|passphrase|credential)/i;

/** Names that refer to a secret without being one (a URL, a name, an id). */
const NOT_SECRET_SUFFIX = /(url|uri|name|id|ids|path|settings)$/i;

/**
 * A call of a list*() resource function (ARM `listKeys(...)`, Bicep `stg.listKeys()`): they return
 * keys, connection strings and SAS tokens.
 */
const LIST_CALL = /(?:^|[^A-Za-z0-9_])(list[A-Za-z]*)\s*\(/;

/**
 * The secure parameter of the artifacts staging convention: templates take `_artifactsLocation`
 * and `_artifactsLocationSasToken` and build script URLs from both, so that a deployment can stage
 * its files in a private container (Microsoft's quickstart templates and ARM-TTK follow it).
 */
const STAGING_SAS_PARAM = /^_artifactsLocationSasToken$/i;
const STAGING_SAS_TEXT = /_artifactsLocationSasToken/i;

/** Extensions that accept their script URLs and command in protectedSettings. */
const CUSTOM_SCRIPT = new Set(['microsoft.azure.extensions/customscript', 'microsoft.compute/customscriptextension']);
const CUSTOM_SCRIPT_PROTECTABLE = new Set(['fileuris', 'commandtoexecute', 'script']);

/** Names of secure parameters declared in a file (ARM `secureString`/`secureObject`, Bicep `@secure()`). */
function secureParams(ctx: RuleContext, file: string): string[] {
  const known = secureParamsByFile(ctx);
  let names = known.get(file);
  if (names === undefined) known.set(file, (names = findSecureParams(ctx, file)));
  return names;
}

const secureParamsByFile = perContext(() => new Map<string, string[]>());

function findSecureParams(ctx: RuleContext, file: string): string[] {
  const text = ctx.model.sources.get(file) ?? '';
  if (/\.bicep$/i.test(file)) {
    return [...text.matchAll(/@(?:sys\.)?secure\(\)\s*(?:@[^\n]*\s*)*param\s+([A-Za-z_][A-Za-z0-9_]*)/g)].map(
      (m) => m[1]!,
    );
  }
  return ctx.model.parameters.filter((p) => p.type !== undefined && /^secure/i.test(p.type)).map((p) => p.name);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The secure parameter a setting's value uses (through provenance or in its expression text). */
function fromSecureParameter(ctx: RuleContext, file: string, v: ValueNode): string | undefined {
  const secure = secureParams(ctx, file);
  if (secure.length === 0) return undefined;
  for (const o of v.origins ?? []) {
    if ((o.kind === 'parameterDefault' || o.kind === 'parameterFile') && secure.includes(o.name)) return o.name;
  }
  const text = sourceText(ctx, file, v) ?? '';
  for (const name of secure) {
    // ARM parameter names may hold any character ('key[1]', 'pass(word'): match them as text.
    const literal = escapeRegExp(name);
    const re = /\.bicep$/i.test(file)
      ? new RegExp(`(^|[^A-Za-z0-9_.'])${literal}($|[^A-Za-z0-9_])`)
      : new RegExp(`parameters\\(\\s*'${literal}'\\s*\\)`, 'i');
    if (re.test(text)) return name;
  }
  return undefined;
}

/** The list*() function a value calls, in place or where it came from (a variable, a parameter default). */
function listFunction(ctx: RuleContext, file: string, v: ValueNode): string | undefined {
  const texts = [sourceText(ctx, file, v)];
  for (const o of v.origins ?? []) {
    const src = ctx.model.sources.get(o.location.file);
    texts.push(src?.slice(o.location.range.start.offset, o.location.range.end.offset));
  }
  for (const t of texts) {
    const m = t === undefined ? null : LIST_CALL.exec(t);
    if (m) return m[1]!;
  }
  return undefined;
}

/** Why a public setting is a secret, with the severity that reason earns. */
type Basis =
  | { readonly kind: 'list'; readonly fn: string }
  | { readonly kind: 'literal' }
  | { readonly kind: 'secure'; readonly param: string }
  | { readonly kind: 'staging'; readonly param: string }
  | { readonly kind: 'name' };

function basisOf(ctx: RuleContext, file: string, p: PropertyNode): Basis | undefined {
  const v = p.value;
  if (v.kind === 'scalar' && (v.value === '' || v.value === null)) return undefined;
  const fn = listFunction(ctx, file, v);
  if (fn !== undefined) return { kind: 'list', fn };
  const param = fromSecureParameter(ctx, file, v);
  if (param !== undefined)
    return STAGING_SAS_PARAM.test(param) ? { kind: 'staging', param } : { kind: 'secure', param };
  if (!SECRET_KEY.test(p.key) || NOT_SECRET_SUFFIX.test(p.key) || v.kind === 'object' || v.kind === 'array') {
    return undefined;
  }
  return v.kind === 'scalar' && typeof v.value === 'string' ? { kind: 'literal' } : { kind: 'name' };
}

const SEVERITY: Record<Basis['kind'], Severity> = {
  list: 'error',
  literal: 'error',
  secure: 'warning',
  staging: 'warning',
  name: 'warning',
};

const READABLE = 'public settings are returned in clear text to anyone who can read the VM';

function message(key: string, b: Exclude<Basis, { kind: 'staging' }>): string {
  switch (b.kind) {
    case 'list':
      return `Extension setting '${key}' holds keys or a token returned by ${b.fn}() (a list*() function), and ${READABLE}; move '${key}' to protectedSettings.`;
    case 'literal':
      return `Extension setting '${key}' holds a secret written as plain text, and ${READABLE}; pass it through a secure parameter into protectedSettings.`;
    case 'secure':
      return `Extension setting '${key}' uses secure parameter '${b.param}', and ${READABLE}; move '${key}' to protectedSettings so the value stays secret.`;
    case 'name':
      return `Extension setting '${key}' is named like a secret, and ${READABLE}; if it holds one, move '${key}' to protectedSettings.`;
  }
}

interface StagingHit {
  readonly e: ExtensionInfo;
  readonly settings: ObjectNode;
  readonly p: PropertyNode;
  readonly param: string;
}

function extensionLabel(e: ExtensionInfo): string {
  return e.extType ?? label(e.resource);
}

/**
 * One finding for every use of the staging SAS token in a file: the pattern is one decision of
 * the template's author, however many extensions repeat it.
 */
function stagingReport(ctx: RuleContext, hits: readonly StagingHit[]): ReturnType<typeof report> {
  const first = hits[0]!;
  const param = first.param;
  const times = new Map<string, number>();
  for (const h of hits) {
    const w = `'${h.p.key}' of ${extensionLabel(h.e)}`;
    times.set(w, (times.get(w) ?? 0) + 1);
  }
  const unique = [...times].map(([w, n]) => (n > 1 ? `${w} (${n}×)` : w));
  const related: RelatedLocation[] = hits.slice(1).map((h) => ({
    message: `the same token in setting '${h.p.key}' of ${extensionLabel(h.e)}`,
    location: loc(h.e.resource, h.p.keyRange),
  }));
  const count = hits.length === 1 ? 'a public setting' : `${hits.length} public settings`;
  return report(
    first.e.resource,
    first.p.keyRange,
    `Secure parameter '${param}' (artifacts staging) is in ${count} of this file: ${unique.join(', ')}; ${READABLE}, so a SAS token passed at deployment stays readable until it expires. Move ${hits.length === 1 ? 'it' : 'them'} to protectedSettings, or let the VM's managed identity download the files instead of a SAS token.`,
    { related, fixes: [moveAllFix(ctx, hits)], severity: SEVERITY.staging },
  );
}

/**
 * Moves every staged setting to protectedSettings when all of them are Custom Script settings
 * that the extension accepts there, one per extension (two moves into one object would collide).
 */
function moveAllFix(ctx: RuleContext, hits: readonly StagingHit[]): Fix | undefined {
  const perExtension = new Set(hits.map((h) => h.settings));
  if (perExtension.size !== hits.length) return undefined;
  const edits = [];
  for (const h of hits) {
    const id = `${h.e.publisher ?? ''}/${h.e.extType ?? ''}`.toLowerCase();
    if (!CUSTOM_SCRIPT.has(id) || !CUSTOM_SCRIPT_PROTECTABLE.has(h.p.key.toLowerCase())) return undefined;
    const fix = moveToProtectedFix(ctx, h.e, h.settings, h.p);
    if (!fix) return undefined;
    edits.push(...fix.edits);
  }
  const title =
    hits.length === 1
      ? `Move '${hits[0]!.p.key}' to protectedSettings`
      : `Move the ${hits.length} staged settings to protectedSettings`;
  return { title, preferred: true, edits };
}

export const rule: Rule = {
  meta: {
    id: 'ade-extension-settings-secret',
    title: 'Secrets in VM extension settings instead of protectedSettings',
    defaultSeverity: 'error',
    explanation:
      'Extension `settings` are stored in the VM model in clear text and returned to anyone who can read the VM; `protectedSettings` are encrypted with the VM certificate and never returned. Keys from list*() functions and secrets written in the template are errors; values from secure parameters are warnings, as in the Bicep linter.',
    fixHint: 'Move the value to protectedSettings.',
    docs: 'docs/rules/ade-extension-settings-secret.md',
    equivalents: {
      psrule: ['Azure.VM.ScriptExtensions', 'Azure.VMSS.ScriptExtensions'],
      templateAnalyzer: ['Azure.VM.ScriptExtensions'],
    },
    tags: ['secrets', 'extensions'],
  },
  // The staging pattern is one finding for every extension of the file that repeats it.
  spansFile: (model) => [...model.sources.values()].some((text) => STAGING_SAS_TEXT.test(text)),
  *check(ctx) {
    const staging = new Map<string, StagingHit[]>();
    for (const e of allExtensions(ctx)) {
      if (e.isAde || e.resource.existing) continue; // ADE has its own rule (ade-aad-secret-in-settings)
      if (e.settings.state !== 'present' || e.settings.value.kind !== 'object') continue;
      const settings = e.settings.value;
      for (const p of settings.properties) {
        const basis = basisOf(ctx, e.resource.file, p);
        if (basis === undefined) continue;
        if (basis.kind === 'staging') {
          const list = staging.get(e.resource.file) ?? [];
          list.push({ e, settings, p, param: basis.param });
          staging.set(e.resource.file, list);
          continue;
        }
        yield report(e.resource, p.keyRange, message(p.key, basis), {
          value: p.value,
          fixes: [moveToProtectedFix(ctx, e, settings, p)],
          severity: SEVERITY[basis.kind],
        });
      }
    }
    for (const hits of staging.values()) yield stagingReport(ctx, hits);
  },
};
