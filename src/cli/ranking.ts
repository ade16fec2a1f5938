import type { RuleMeta, Severity } from '../analysis/model';

/**
 * How code-scanning UIs rank a rule (SARIF `properties`, as GitHub code scanning reads them):
 * `security-severity` (0.0-10.0; GitHub shows 7.0-8.9 as high, 4.0-6.9 medium, 0.1-3.9 low)
 * follows the rule's default severity, so those UIs sort the way the text report does;
 * `precision` says how often a finding of the rule is a real problem.
 */
export type Precision = 'very-high' | 'high' | 'medium' | 'low';

const SECURITY_SEVERITY: Record<Severity, string> = { error: '7.5', warning: '5.0', info: '2.0' };

/**
 * Rules whose precision differs from `high` (the default: cross-resource checks that evaluate the
 * template, and stay silent on values they cannot evaluate).
 */
const PRECISION: Readonly<Record<string, Precision>> = {
  // One property against a documented constraint or date: true whenever reported.
  'ade-retirement': 'very-high',
  'kv-soft-delete': 'very-high',
  'kv-soft-delete-retention': 'very-high',
  'kv-key-strength': 'very-high',
  'ade-encryption-operation': 'very-high',
  // Partly by name: a setting named like a secret may hold none.
  'ade-extension-settings-secret': 'medium',
  // Conventions a team may reasonably not follow (content types, granted permissions).
  'kv-secret-content-type': 'medium',
  'kv-access-policy-permissions': 'medium',
};

export function precisionOf(meta: RuleMeta): Precision {
  return PRECISION[meta.id] ?? 'high';
}

export function securitySeverityOf(meta: RuleMeta): string {
  return SECURITY_SEVERITY[meta.defaultSeverity];
}
