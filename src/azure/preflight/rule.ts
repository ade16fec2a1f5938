import type { Source } from '../../ade';
import type { PreflightContext } from './context';
import type { PreflightCheck, PreflightCheckId, PreflightFix } from './types';

/** What a rule found: the check's outcome; severity and source come from the rule unless given here. */
export interface PreflightOutcome {
  readonly ok: boolean;
  readonly message: string;
  readonly fix?: PreflightFix;
  readonly severity?: PreflightCheck['severity'];
  /** When one rule reports facts from more than one kind of source (the volume-type verdicts). */
  readonly source?: PreflightCheck['source'];
  readonly ref?: Source;
}

/**
 * One preflight check, shaped like a lint rule: an id, its severity and where the fact comes from, and the check.
 * `check` returns undefined when the rule has nothing to say for this input (e.g. no KEK given).
 */
export interface PreflightRule {
  readonly id: PreflightCheckId;
  readonly severity: PreflightCheck['severity'];
  /** cli: the Azure CLI's own client-side check; docs: the ADE pages; handler: the extension handler. */
  readonly source: PreflightCheck['source'];
  /** The public source, when one page or file states the fact. */
  readonly ref?: Source;
  readonly operations: readonly ('enable' | 'disable')[];
  check(ctx: PreflightContext): PreflightOutcome | undefined;
}

export function toCheck(rule: PreflightRule, o: PreflightOutcome): PreflightCheck {
  const ref = o.ref ?? rule.ref;
  return {
    id: rule.id,
    ok: o.ok,
    severity: o.severity ?? rule.severity,
    source: o.source ?? rule.source,
    message: o.message,
    ...(o.fix ? { fix: o.fix } : {}),
    ...(ref ? { ref } : {}),
  };
}
