import type { RuleMeta } from '../model';

/**
 * Findings the engine itself produces (about suppression comments). They have metadata like any
 * rule so the config can set their level, SARIF can describe them and docs can link them.
 */
export const SUPPRESSION_MISSING_REASON: RuleMeta = {
  id: 'ade-suppression-missing-reason',
  title: 'Suppression comment without a reason',
  defaultSeverity: 'info',
  explanation:
    'A silenced security check should say why, so that reviewers and later readers can judge whether it still applies. ' +
    'The suppression still takes effect.',
  fixHint: 'Add ` -- <why this is acceptable>` after the rule ids.',
  docs: 'docs/rules/ade-suppression-missing-reason.md',
  tags: ['suppression'],
};

export const SUPPRESSION_UNUSED: RuleMeta = {
  id: 'ade-suppression-unused',
  title: 'Suppression comment that suppresses nothing',
  // Off unless `reportUnusedSuppressions` is set or the rule is given a level in the config.
  defaultSeverity: 'info',
  explanation:
    'A suppression that matches no finding is stale: the problem was fixed or the rule id is mistyped. ' +
    'Left in place it would hide a future regression.',
  fixHint: 'Remove the suppression comment, or correct the rule id.',
  docs: 'docs/rules/ade-suppression-unused.md',
  tags: ['suppression'],
};

export const ENGINE_RULES: readonly RuleMeta[] = [SUPPRESSION_MISSING_REASON, SUPPRESSION_UNUSED];
