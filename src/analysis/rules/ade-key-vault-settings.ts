import type { Rule } from '../model';
import { stringValue } from '../model';
import { KEY_VAULT_REQUIREMENTS, parseKeyVaultUrl } from '../../ade';
import { encryptingAdeExtensions, setting, vaultNameFromUrl } from './util/ade';
import { insertPropertyFix, RawText } from './util/fixes';
import { aadSettings } from './ade-extension-version';
import { isSet } from './ade-kek-settings';
import { resourceIdExpr, vaultByName, vaultUriExpr } from './util/refs';
import { label, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'ade-key-vault-settings',
    title: 'ADE needs KeyVaultURL and KeyVaultResourceId of the same vault',
    defaultSeverity: 'error',
    explanation:
      'Single-pass ADE writes the disk-encryption secret (BEK) to the vault given by `KeyVaultURL` and `KeyVaultResourceId`; both are required and must name the same vault, or the extension fails with "Failed to send DiskEncryptionData".',
    fixHint: 'Set KeyVaultURL to the vault URI and KeyVaultResourceId to the resource id of the same vault.',
    docs: 'docs/rules/ade-key-vault-settings.md',
    tags: ['ade'],
  },
  *check(ctx) {
    for (const e of encryptingAdeExtensions(ctx)) {
      const file = e.resource.file;
      if (e.properties?.kind !== 'object') continue;
      if (e.settings.state === 'missing') {
        yield report(
          e.resource,
          e.propertiesProp?.keyRange ?? e.resource.declRange,
          'The ADE extension has no settings: KeyVaultURL, KeyVaultResourceId, VolumeType and EncryptionOperation are required.',
        );
        continue;
      }
      if (e.settings.state !== 'present' || e.settings.value.kind !== 'object') continue;
      const settings = e.settings.value;
      const legacy = aadSettings(e).length > 0;
      const urlProp = setting(e, 'KeyVaultURL');
      const idProp = setting(e, 'KeyVaultResourceId');
      const urlSet = isSet(urlProp?.value);
      const idSet = isSet(idProp?.value);
      const url = stringValue(urlProp?.value);
      const urlVault = url ? vaultNameFromUrl(url) : undefined;
      const resolved = ctx.resolveRef(idProp?.value);
      if (urlSet === false && !(e.settingsIncomplete && !urlProp)) {
        const fix = resolved && !urlProp ? vaultUriExpr(ctx, file, resolved) : undefined;
        yield report(
          e.resource,
          urlProp?.keyRange ?? e.settings.prop.keyRange,
          'ADE settings lack KeyVaultURL (the URI of the vault that receives the disk-encryption secret).',
          {
            fixes: [
              fix
                ? insertPropertyFix(
                    ctx,
                    file,
                    settings,
                    'KeyVaultURL',
                    new RawText(fix),
                    'Add KeyVaultURL from the vault',
                  )
                : undefined,
            ],
          },
        );
      }
      if (idSet === false && !legacy && !(e.settingsIncomplete && !idProp)) {
        const vault = urlVault ? vaultByName(ctx, urlVault) : undefined;
        const expr = vault && !idProp ? resourceIdExpr(ctx, file, vault) : undefined;
        yield report(
          e.resource,
          idProp?.keyRange ?? e.settings.prop.keyRange,
          'ADE settings lack KeyVaultResourceId: the single-pass extension needs the resource id of the disk-encryption vault.',
          {
            fixes: [
              expr
                ? insertPropertyFix(
                    ctx,
                    file,
                    settings,
                    'KeyVaultResourceId',
                    new RawText(expr),
                    'Add KeyVaultResourceId of the vault',
                  )
                : undefined,
            ],
          },
        );
      }
      if (urlProp && url) {
        const parsed = parseKeyVaultUrl(url);
        if (parsed?.port) {
          yield report(
            e.resource,
            urlProp.value.range,
            `KeyVaultURL '${url}' has a port (:${parsed.port}): ${KEY_VAULT_REQUIREMENTS.noPort.text}.`,
            { value: urlProp.value },
          );
        }
        if (!urlVault || parsed?.managedHsm) {
          yield report(
            e.resource,
            urlProp.value.range,
            `KeyVaultURL '${url}' is not a Key Vault URI (https://<vault>.vault.azure.net/).`,
            { value: urlProp.value },
          );
        } else if (resolved) {
          const name = stringValue(resolved.name)?.toLowerCase();
          if (name !== undefined && name !== urlVault) {
            yield report(
              e.resource,
              urlProp.value.range,
              `KeyVaultURL points at vault '${urlVault}' but KeyVaultResourceId points at '${label(resolved)}': both must name the same vault.`,
              {
                value: urlProp.value,
                related: [
                  {
                    message: `vault '${label(resolved)}'`,
                    location: { file: resolved.file, range: resolved.declRange },
                  },
                ],
              },
            );
          }
        }
      }
    }
  },
};
