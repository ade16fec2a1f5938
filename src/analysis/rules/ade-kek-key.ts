import { imageNeeds3072BitKek } from '../../ade';
import type { RelatedLocation, Resource, Rule, RuleContext, ValueNode } from '../model';
import { getPath, getProperty, numberValue, stringValue } from '../model';
import { encryptingAdeExtensions, KEY_TYPE, setting, VM_TYPE, VMSS_TYPE, vmProfile } from './util/ade';
import { parseKeyUrl } from './ade-kek-settings';
import { declared, label, report } from './util/values';

/** The declared key resource a key URL names (`vault/key`), if any. */
export function keyForUrl(ctx: RuleContext, url: ValueNode | undefined): Resource | undefined {
  if (url?.kind === 'symbol') return keyUriReference(ctx, url.expr)?.key;
  const text = stringValue(url);
  const p = text ? parseKeyUrl(text) : undefined;
  if (!p || p.kind !== 'keys' || !p.name) return undefined;
  const want = `${p.vault}/${p.name}`.toLowerCase();
  return ctx.resourcesOfType(KEY_TYPE).find((k) => stringValue(k.name)?.toLowerCase() === want);
}

/**
 * `reference(<key id>).keyUri` or `.keyUriWithVersion`: what both languages evaluate a key's runtime
 * URI to. Gives the declared key (when the id names one) and whether the URI carries a version.
 */
export function keyUriReference(ctx: RuleContext, expr: string): { key?: Resource; versioned: boolean } | undefined {
  const m = /^reference\((.+)\)\.(keyUri|keyUriWithVersion)$/i.exec(expr);
  if (!m) return undefined;
  const versioned = m[2]!.toLowerCase() === 'keyuriwithversion';
  const target = m[1]!.replace(/,\s*'Full'$/i, '');
  if (!target.startsWith("'"))
    return { key: ctx.resolveRef({ kind: 'symbol', expr: target, range: EMPTY_RANGE }), versioned };
  const id = target.slice(1, -1).replace(/''/g, "'");
  return { key: keyById(ctx, id), versioned };
}

const EMPTY_RANGE = {
  start: { line: 0, character: 0, offset: 0 },
  end: { line: 0, character: 0, offset: 0 },
};

/** `/subscriptions/../providers/Microsoft.KeyVault/vaults/kv/keys/kek` → the declared key `kv/kek`. */
function keyById(ctx: RuleContext, id: string): Resource | undefined {
  const at = id.toLowerCase().lastIndexOf('/providers/');
  const segments = at < 0 ? [] : id.slice(at + '/providers/'.length).split('/');
  if (
    segments.length !== 5 ||
    `${segments[0]}/${segments[1]}/${segments[3]}`.toLowerCase() !== KEY_TYPE.toLowerCase()
  ) {
    return undefined;
  }
  const want = `${segments[2]}/${segments[4]}`.toLowerCase();
  return ctx.resourcesOfType(KEY_TYPE).find((k) => stringValue(k.name)?.toLowerCase() === want);
}

/** Key resources used as ADE key encryption keys, with where they are referenced. */
export function adeKekKeys(ctx: RuleContext): Map<Resource, RelatedLocation[]> {
  const m = new Map<Resource, RelatedLocation[]>();
  const add = (key: Resource | undefined, rel: RelatedLocation): void => {
    if (!key) return;
    const list = m.get(key) ?? [];
    list.push(rel);
    m.set(key, list);
  };
  for (const e of encryptingAdeExtensions(ctx)) {
    const p = setting(e, 'KeyEncryptionKeyURL');
    if (!p) continue;
    add(keyForUrl(ctx, p.value), {
      message: 'used as ADE key encryption key here',
      location: { file: e.resource.file, range: p.value.range },
    });
  }
  for (const vm of declared([...ctx.resourcesOfType(VM_TYPE), ...ctx.resourcesOfType(VMSS_TYPE)])) {
    const u = getPath(vmProfile(vm), 'storageProfile', 'osDisk', 'encryptionSettings', 'keyEncryptionKey', 'keyUrl');
    if (u)
      add(keyForUrl(ctx, u), {
        message: 'used as ADE key encryption key here',
        location: { file: vm.file, range: u.range },
      });
  }
  return m;
}

export const rule: Rule = {
  meta: {
    id: 'ade-kek-key',
    title: 'ADE key encryption key must be an RSA key without auto-rotation',
    defaultSeverity: 'error',
    explanation:
      'ADE wraps its secret with an RSA key (2048, 3072 or 4096 bits); elliptic-curve keys are not supported. ADE keeps using the key version it was given, so Key Vault auto-rotation does not re-wrap existing disks, and disabling the old version breaks unlocking.',
    fixHint:
      "Use kty 'RSA' or 'RSA-HSM' with keySize 3072 or more, and rotate by re-running ADE with a new key version.",
    docs: 'docs/rules/ade-kek-key.md',
    tags: ['ade', 'kek'],
  },
  *check(ctx) {
    // Windows Server 2022 and Windows 11 do not support a 2048-bit KEK (Windows ADE FAQ); the same fact and
    // image match as preflight (src/ade/keyVault.ts).
    for (const e of encryptingAdeExtensions(ctx)) {
      if (e.os !== 'windows' || !e.host) continue;
      const p = setting(e, 'KeyEncryptionKeyURL');
      const key = keyForUrl(ctx, p?.value);
      if (!p || !key || key.existing) continue;
      const image = getPath(vmProfile(e.host), 'storageProfile', 'imageReference');
      const offer = stringValue(getPath(image, 'offer')) ?? '';
      const sku = stringValue(getPath(image, 'sku')) ?? '';
      if (!imageNeeds3072BitKek(offer, sku)) continue;
      const kty = getProperty(key.properties, 'kty');
      if (!/^rsa(-hsm)?$/i.test(stringValue(kty?.value) ?? '')) continue;
      const sizeProp = getProperty(key.properties, 'keySize');
      const size = sizeProp ? numberValue(sizeProp.value) : 2048;
      if (size === undefined || size > 2048) continue;
      yield report(
        key,
        sizeProp?.value.range ?? kty!.value.range,
        `Key '${label(key)}' is a 2048-bit RSA key encryption key for a Windows Server 2022 / Windows 11 VM, which needs 3072 or 4096 bits.`,
        {
          severity: 'warning',
          value: sizeProp?.value,
          related: [
            {
              message: 'used as ADE key encryption key here',
              location: { file: e.resource.file, range: p.value.range },
            },
          ],
        },
      );
    }
    for (const [key, refs] of adeKekKeys(ctx)) {
      if (key.existing) continue;
      const kty = getProperty(key.properties, 'kty');
      const t = stringValue(kty?.value);
      if (kty && t !== undefined && !/^rsa(-hsm)?$/i.test(t)) {
        yield report(
          key,
          kty.value.range,
          `Key '${label(key)}' is '${t}': ADE supports only RSA key encryption keys.`,
          {
            value: kty.value,
            related: refs,
          },
        );
      }
      const sizeProp = getProperty(key.properties, 'keySize');
      const size = numberValue(sizeProp?.value);
      if (sizeProp && size !== undefined && size < 2048) {
        yield report(
          key,
          sizeProp.value.range,
          `Key size ${size} is below the 2048-bit minimum for an ADE key encryption key (Windows Server 2022 and Windows 11 need 3072 or more).`,
          {
            value: sizeProp.value,
            related: refs,
          },
        );
      }
      const actions = getPath(key.properties, 'rotationPolicy', 'lifetimeActions');
      if (actions?.kind === 'array') {
        for (const a of actions.items) {
          const type = getPath(a, 'action', 'type');
          if (stringValue(type)?.toLowerCase() === 'rotate') {
            yield report(
              key,
              type!.range,
              'Auto-rotation is not compatible with ADE: encrypted disks keep using the old key version. Rotate by re-running ADE with the new versioned key URL, and never disable the old version.',
              {
                severity: 'warning',
                value: type,
                related: refs,
              },
            );
          }
        }
      }
    }
  },
};
