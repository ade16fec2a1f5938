import type { RuleMeta, Severity } from '../analysis/model';
import type { LintResult } from '../analysis/engine/types';
import { UsageError } from './args';

/**
 * Vault rules whose subject Azure Disk Encryption depends on, from Microsoft Learn's "Creating
 * and configuring a key vault for Azure Disk Encryption"
 * (https://learn.microsoft.com/azure/virtual-machines/windows/disk-encryption-key-vault):
 * the vault must allow disk encryption, keep soft delete on and let trusted services through its
 * firewall; the key encryption key must be a supported RSA key; and a purged vault or key leaves
 * ADE-encrypted disks locked for good.
 */
export const ADE_VAULT_DEPENDENCIES: ReadonlySet<string> = new Set([
  'kv-disk-encryption-flag',
  'kv-soft-delete',
  'kv-firewall',
  'kv-key-strength',
  'kv-purge-protection',
]);

/** Groups `--only` accepts besides rule ids. */
export const ONLY_GROUPS = ['ade'] as const;

/** ADE's own rules (tagged `ade`) and the vault rules ADE depends on. */
export function isAdeFocus(meta: RuleMeta): boolean {
  return (meta.tags ?? []).includes('ade') || ADE_VAULT_DEPENDENCIES.has(meta.id);
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export interface FindingFilter {
  /** Rule ids to keep; undefined keeps every rule. */
  readonly rules?: ReadonlySet<string>;
  readonly minSeverity?: Severity;
}

/**
 * The rule ids `--only` names: rule ids and groups (`ade`). Throws a usage error naming the ones
 * it does not recognise.
 */
export function resolveOnly(names: readonly string[], rules: readonly RuleMeta[]): Set<string> {
  const ids = new Set<string>();
  const unknown: string[] = [];
  for (const name of names) {
    if (name === 'ade') rules.filter(isAdeFocus).forEach((m) => ids.add(m.id));
    else if (rules.some((m) => m.id === name)) ids.add(name);
    else unknown.push(name);
  }
  if (unknown.length > 0) {
    throw new UsageError(
      `--only: unknown rule or group ${unknown.map((u) => `"${u}"`).join(', ')} (use ${ONLY_GROUPS.join(', ')} or rule ids, see docs/rules)`,
    );
  }
  return ids;
}

/** Results without the findings the filter hides, and how many it hid. */
export function applyFilter(
  results: readonly LintResult[],
  filter: FindingFilter,
): { results: LintResult[]; hidden: number } {
  if (filter.rules === undefined && filter.minSeverity === undefined) return { results: [...results], hidden: 0 };
  const min = filter.minSeverity === undefined ? 0 : RANK[filter.minSeverity];
  let hidden = 0;
  const out = results.map((r) => {
    const findings = r.findings.filter(
      (f) => (filter.rules === undefined || filter.rules.has(f.ruleId)) && RANK[f.severity] >= min,
    );
    hidden += r.findings.length - findings.length;
    return findings.length === r.findings.length ? r : { ...r, findings };
  });
  return { results: out, hidden };
}
