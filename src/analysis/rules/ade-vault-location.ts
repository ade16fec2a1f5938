import type { Rule } from '../model';
import { valuesEqual } from '../model';
import { adeVaultRefs } from './util/vaultrefs';
import { label, originRelated, report } from './util/values';

/** The subscription named in a resource-id scope, when it names one. */
export function scopeSubscription(scope: string | undefined): string | undefined {
  if (!scope) return undefined;
  const m = /subscriptions\/([^/]+)/i.exec(scope) ?? /subscription\(\s*'([^']+)'/i.exec(scope);
  return m ? m[1] : undefined;
}

export const rule: Rule = {
  meta: {
    id: 'ade-vault-location',
    title: 'ADE vault must be in the same region and subscription as the VM',
    defaultSeverity: 'error',
    explanation:
      'Azure Disk Encryption requires the disk-encryption key vault and the VM (or scale set) to be in the same region and subscription; otherwise encryption fails ("Failed to send DiskEncryptionData"). Azure CLI refuses the combination before it starts.',
    fixHint: "Use a key vault in the VM's region and subscription.",
    docs: 'docs/rules/ade-vault-location.md',
    tags: ['ade', 'keyvault'],
  },
  *check(ctx) {
    for (const r of adeVaultRefs(ctx)) {
      if (r.role !== 'disk' || !r.host || r.source.existing) continue;
      const what = r.host === r.source ? 'this resource' : `'${label(r.host)}'`;
      const scope = r.value.kind === 'scalar' ? r.value.resourceRef?.scope : undefined;
      const sub = scopeSubscription(scope);
      // The deployment's own subscription is never known as a literal, so a literal subscription in
      // the vault id cannot be proven different: say so once instead of guessing.
      if (sub !== undefined && !/^\{.*\}$/.test(sub) && !/subscription\(\)/i.test(sub)) {
        yield report(
          r.source,
          r.value.range,
          `Could not verify that the ADE key vault is in the subscription of ${what}: its id names subscription '${sub}'. ADE needs both in the same subscription.`,
          { severity: 'info', value: r.value },
        );
        continue;
      }
      if (!r.vault) continue;
      const eq = valuesEqual(r.host.location, r.vault.location);
      if (eq === false) {
        const related = [
          ...(r.vault.location
            ? [
                {
                  message: `location of vault '${label(r.vault)}'`,
                  location: { file: r.vault.file, range: r.vault.location.range },
                },
                ...originRelated(r.vault.location),
              ]
            : []),
          ...(r.host.location
            ? [
                {
                  message: `location of '${label(r.host)}'`,
                  location: { file: r.host.file, range: r.host.location.range },
                },
              ]
            : []),
        ];
        yield report(
          r.source,
          r.value.range,
          `Key vault '${label(r.vault)}' (disk-encryption vault) and ${what} are in different regions; ADE needs the vault in the VM's region.`,
          { value: r.value, related },
        );
      }
    }
  },
};
