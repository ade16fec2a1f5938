import { preflightContext, type PreflightInput } from './context';
import { toCheck } from './rule';
import { PREFLIGHT_RULES } from './rules';
import type { PreflightCheck, PreflightReport } from './types';

export { defaultVolumeType, type PreflightInput, type PreflightTarget } from './context';

/**
 * Checks before enabling or disabling ADE: the Azure CLI's own (vault enabled for disk encryption, same
 * subscription, same region, KEK vault exists) plus the documented ADE rules, one rule per file section in
 * `rules/` with its id, severity and source. Pure: callers pass what they already read from Azure.
 */
export function runPreflight(input: PreflightInput): PreflightReport {
  const ctx = preflightContext(input);
  const checks: PreflightCheck[] = [];
  for (const rule of PREFLIGHT_RULES) {
    if (!rule.operations.includes(input.operation)) continue;
    const outcome = rule.check(ctx);
    if (outcome) checks.push(toCheck(rule, outcome));
  }
  const blocking = checks.filter((c) => !c.ok && c.severity === 'error');
  return { checks, canProceed: blocking.length === 0, blocking };
}
