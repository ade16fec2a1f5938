import type { Rule } from '../model';
import { booleanValue } from '../model';
import { adeVaultRefs, adeVaults, describeRef, refLocation } from './util/vaultrefs';
import { insertPathFix, replaceValueFix } from './util/fixes';
import { label, lookupResource, missingRange, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'kv-disk-encryption-flag',
    title: 'Vault used by ADE must set enabledForDiskEncryption',
    defaultSeverity: 'error',
    explanation:
      'ADE reaches the vault through the platform, not through the VM identity: the vault must allow Azure Disk Encryption to write secrets and unwrap keys (`enabledForDiskEncryption: true`, default false). Without it the extension fails with "Failed to send DiskEncryptionData".',
    fixHint: 'Set properties.enabledForDiskEncryption to true on the vault.',
    docs: 'docs/rules/kv-disk-encryption-flag.md',
    tags: ['ade', 'keyvault'],
  },
  *check(ctx) {
    for (const [vault, refs] of adeVaults(ctx)) {
      if (vault.existing) continue;
      const related = refs.map((r) => ({ message: describeRef(r), location: refLocation(r) }));
      const l = lookupResource(ctx, vault, 'properties', 'enabledForDiskEncryption');
      const msg = `Key vault '${label(vault)}' is used by Azure Disk Encryption but does not allow it: set enabledForDiskEncryption to true.`;
      if (l.state === 'missing') {
        yield report(vault, missingRange(vault, l), msg, {
          related,
          fixes: [insertPathFix(ctx, vault.file, l.holder, l.rest, true, 'Set enabledForDiskEncryption: true')],
        });
      } else if (l.state === 'present' && booleanValue(l.value) === false) {
        yield report(vault, l.value.range, msg, {
          related,
          value: l.value,
          fixes: [replaceValueFix(ctx, vault.file, l.value, true, 'Set enabledForDiskEncryption: true')],
        });
      }
    }
    // Could-not-verify notes: one per extension, only for the disk-encryption vault reference.
    for (const r of adeVaultRefs(ctx)) {
      if (r.via !== 'extension' || r.role !== 'disk') continue;
      let reason: string | undefined;
      if (r.vault?.existing)
        reason = `vault '${label(r.vault)}' is declared as existing, so its settings are not in the template`;
      else if (!r.vault)
        reason =
          r.value.kind === 'unknown'
            ? r.value.reason
            : r.value.kind === 'scalar' && r.value.resourceRef?.scope !== undefined
              ? 'the vault is in another resource group or subscription'
              : 'the vault KeyVaultResourceId points at is not declared in the analysed files';
      if (reason) {
        yield report(
          r.source,
          r.value.range,
          `Could not verify that the ADE vault has enabledForDiskEncryption: ${reason}.`,
          {
            severity: 'info',
            value: r.value,
          },
        );
      }
    }
  },
};
