import type { Fix, Rule, RuleContext, ValueNode } from '../model';
import { keyUriReference } from './ade-kek-key';
import { stringValue } from '../model';
import { KEK_ALGORITHMS, KEY_VAULT_REQUIREMENTS, parseKeyVaultUrl } from '../../ade';
import { encryptingAdeExtensions, setting, vaultNameFromUrl } from './util/ade';
import { insertPropertyFix, RawText, replaceValueFix, sourceText } from './util/fixes';
import { report } from './util/values';
import { aadSettings } from './ade-extension-version';

const ALGORITHMS: readonly string[] = KEK_ALGORITHMS;

/**
 * Whether a setting carries a value: a non-empty string, or an expression written in place. A value
 * passed in (a parameter, even one with no value yet) may be empty, so it is undecided.
 */
export function isSet(v: ValueNode | undefined): boolean | undefined {
  if (!v) return false;
  if (v.kind === 'scalar') return !(v.value === '' || v.value === null);
  if (v.kind === 'unknown' || v.kind === 'symbol') {
    if (v.origins?.length) return undefined;
    return v.kind === 'symbol' && /^parameters\(/i.test(v.expr) ? undefined : true;
  }
  return true;
}

/** `https://<vault>.<suffix>/keys/<name>/<version>`: undefined when not a Key Vault key URL. */
export function parseKeyUrl(
  url: string,
): { vault: string; name?: string; version?: string; kind?: string; port?: string; managedHsm: boolean } | undefined {
  const u = parseKeyVaultUrl(url);
  if (!u) return undefined;
  const [kind, name, version] = u.segments;
  return {
    vault: u.vault,
    managedHsm: u.managedHsm,
    ...(u.port ? { port: u.port } : {}),
    ...(kind ? { kind: kind.toLowerCase() } : {}),
    ...(name ? { name } : {}),
    ...(version ? { version } : {}),
  };
}

/** The vault name of a literal `…/providers/Microsoft.KeyVault/vaults/<name>` id. */
function vaultNameFromId(id: string | undefined): string | undefined {
  const m = id ? /\/providers\/microsoft\.keyvault\/vaults\/([^/]+)\/?$/i.exec(id.trim()) : null;
  return m ? m[1]!.toLowerCase() : undefined;
}

/** `kv::kek.properties.keyUri` → `...keyUriWithVersion`, when the expression is written in this file. */
function versionedUriFix(ctx: RuleContext, file: string, value: ValueNode): Fix | undefined {
  const text = sourceText(ctx, file, value);
  const m = text ? /\.keyUri(\]"?)?$/.exec(text) : null;
  if (!text || !m) return undefined;
  const newText = `${text.slice(0, m.index)}.keyUriWithVersion${m[1] ?? ''}`;
  return { title: 'Use keyUriWithVersion', preferred: true, edits: [{ file, range: value.range, newText }] };
}

export const rule: Rule = {
  meta: {
    id: 'ade-kek-settings',
    title: 'ADE key-encryption-key settings must be complete and versioned',
    defaultSeverity: 'error',
    explanation:
      'With a key encryption key (KEK), ADE wraps the BitLocker/dm-crypt secret with a Key Vault key: it needs both `KeyEncryptionKeyURL` (a versioned key URL) and `KekVaultResourceId`, and an algorithm from RSA-OAEP, RSA-OAEP-256 or RSA1_5.',
    fixHint:
      'Set KeyEncryptionKeyURL to a versioned key URL together with KekVaultResourceId, and use RSA-OAEP or RSA-OAEP-256.',
    docs: 'docs/rules/ade-kek-settings.md',
    tags: ['ade', 'kek'],
  },
  *check(ctx) {
    for (const e of encryptingAdeExtensions(ctx)) {
      const file = e.resource.file;
      if (e.settings.state !== 'present' || e.settings.value.kind !== 'object') continue;
      const settings = e.settings.value;
      // The legacy Linux (AAD, 0.1) schema names the key by URL only; the legacy Windows (1.1) schema has
      // KekVaultResourceId like the current one (azure-disk-enc-windows extension page).
      const legacy = aadSettings(e).length > 0 && e.os === 'linux';
      const urlProp = setting(e, 'KeyEncryptionKeyURL');
      const kekVaultProp = setting(e, 'KekVaultResourceId');
      const urlSet = !urlProp && e.settingsIncomplete ? undefined : isSet(urlProp?.value);
      const vaultSet = !kekVaultProp && e.settingsIncomplete ? undefined : isSet(kekVaultProp?.value);
      if (!legacy && urlProp && urlSet === true && vaultSet === false) {
        const diskVault = setting(e, 'KeyVaultResourceId');
        const diskUrl = stringValue(setting(e, 'KeyVaultURL')?.value);
        const kekUrl = stringValue(urlProp.value);
        const kekVault = kekUrl ? parseKeyUrl(kekUrl)?.vault : undefined;
        const diskVaultName = diskUrl ? vaultNameFromUrl(diskUrl) : undefined;
        const resolved = ctx.resolveRef(diskVault?.value);
        const resolvedName = resolved ? stringValue(resolved.name)?.toLowerCase() : undefined;
        const sameVault = kekVault !== undefined && (kekVault === diskVaultName || kekVault === resolvedName);
        const idText = diskVault ? sourceText(ctx, file, diskVault.value) : undefined;
        const fix =
          sameVault && idText && !kekVaultProp
            ? insertPropertyFix(
                ctx,
                file,
                settings,
                'KekVaultResourceId',
                new RawText(idText),
                'Add KekVaultResourceId (the key is in the disk-encryption vault)',
              )
            : undefined;
        yield report(
          e.resource,
          urlProp.keyRange,
          'KeyEncryptionKeyURL is set but KekVaultResourceId is not: ADE needs the resource id of the vault holding the key encryption key.',
          {
            fixes: [fix],
          },
        );
      } else if (!legacy && kekVaultProp && vaultSet === true && urlSet === false) {
        yield report(
          e.resource,
          kekVaultProp.keyRange,
          'KekVaultResourceId is set but KeyEncryptionKeyURL is not: give the versioned key URL, or remove KekVaultResourceId to use no key encryption key.',
        );
      }
      const url = stringValue(urlProp?.value);
      if (urlProp && url) {
        const parsed = parseKeyUrl(url);
        const kekVaultId = ctx.resolveRef(kekVaultProp?.value);
        const kekVaultName = kekVaultId
          ? stringValue(kekVaultId.name)?.toLowerCase()
          : vaultNameFromId(stringValue(kekVaultProp?.value));
        if (parsed?.port) {
          yield report(
            e.resource,
            urlProp.value.range,
            `KeyEncryptionKeyURL '${url}' has a port (:${parsed.port}): ${KEY_VAULT_REQUIREMENTS.noPort.text}.`,
            { value: urlProp.value },
          );
        }
        if (parsed?.managedHsm) {
          yield report(
            e.resource,
            urlProp.value.range,
            `KeyEncryptionKeyURL '${url}' is a Managed HSM key: ${KEY_VAULT_REQUIREMENTS.kekInKeyVault.text}.`,
            { value: urlProp.value },
          );
        } else if (!parsed || parsed.kind !== 'keys' || !parsed.name) {
          yield report(
            e.resource,
            urlProp.value.range,
            `KeyEncryptionKeyURL '${url}' is not a Key Vault key URL (https://<vault>.vault.azure.net/keys/<name>/<version>).`,
            {
              value: urlProp.value,
            },
          );
        } else if (!parsed.version) {
          yield report(
            e.resource,
            urlProp.value.range,
            `KeyEncryptionKeyURL must be versioned: '${url}' has no key version. Use the key's keyUriWithVersion.`,
            { value: urlProp.value },
          );
        }
        if (parsed && !parsed.managedHsm && kekVaultName && kekVaultName !== parsed.vault) {
          yield report(
            e.resource,
            urlProp.value.range,
            `KeyEncryptionKeyURL points at vault '${parsed.vault}' but KekVaultResourceId names '${kekVaultName}': ${KEY_VAULT_REQUIREMENTS.kekInKekVault.text}.`,
            {
              value: urlProp.value,
              related: kekVaultId
                ? [
                    {
                      message: `vault '${kekVaultName}'`,
                      location: { file: kekVaultId.file, range: kekVaultId.declRange },
                    },
                  ]
                : [],
            },
          );
        }
      }
      if (urlProp?.value.kind === 'symbol' && keyUriReference(ctx, urlProp.value.expr)?.versioned === false) {
        yield report(
          e.resource,
          urlProp.value.range,
          "KeyEncryptionKeyURL must be versioned: a key's keyUri has no version. Use keyUriWithVersion.",
          { value: urlProp.value, fixes: [versionedUriFix(ctx, file, urlProp.value)] },
        );
      }
      const algProp = setting(e, 'KeyEncryptionAlgorithm');
      const alg = stringValue(algProp?.value);
      if (algProp && alg !== undefined && alg !== '') {
        const canonical = ALGORITHMS.find((a) => a.toLowerCase() === alg.toLowerCase());
        if (!canonical) {
          yield report(
            e.resource,
            algProp.value.range,
            `Unknown KeyEncryptionAlgorithm '${alg}'; ADE accepts RSA-OAEP, RSA-OAEP-256 or RSA1_5.`,
            {
              value: algProp.value,
              fixes: [replaceValueFix(ctx, file, algProp.value, 'RSA-OAEP', "Set to 'RSA-OAEP'")],
            },
          );
        } else if (canonical === 'RSA1_5') {
          yield report(
            e.resource,
            algProp.value.range,
            'KeyEncryptionAlgorithm RSA1_5 (PKCS#1 v1.5 padding) is weak; use RSA-OAEP-256 or RSA-OAEP.',
            {
              severity: 'warning',
              value: algProp.value,
              fixes: [replaceValueFix(ctx, file, algProp.value, 'RSA-OAEP-256', "Set to 'RSA-OAEP-256'")],
            },
          );
        } else if (canonical !== alg) {
          // The Linux handler's check lowers both sides (Azure/azure-linux-extensions,
          // VMEncryption/main/check_util.py); the Windows extension page says setting values are case-sensitive.
          const linux = e.os === 'linux';
          yield report(
            e.resource,
            algProp.value.range,
            linux
              ? `Non-canonical KeyEncryptionAlgorithm '${alg}': the Linux extension's check accepts any case, but the ` +
                  `documented value is '${canonical}' (what Key Vault is then sent is not documented).`
              : `KeyEncryptionAlgorithm values are case-sensitive on Windows (extension page): write '${canonical}'.`,
            {
              severity: linux ? 'info' : 'warning',
              value: algProp.value,
              fixes: [replaceValueFix(ctx, file, algProp.value, canonical, `Change to '${canonical}'`)],
            },
          );
        }
      }
    }
  },
};
