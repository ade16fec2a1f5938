import type {
  Finding,
  ParseIssue,
  Rule,
  RuleMeta,
  RuleReport,
  Severity,
  SeveritySetting,
  SourceLocation,
  TemplateLanguage,
  TemplateModel,
} from '../model';
import { DEFAULT_CONFIG, type LintConfig } from './config';
import { createRuleContext } from './context';
import { fileIssue } from './guards';
import { ENGINE_RULES, SUPPRESSION_MISSING_REASON, SUPPRESSION_UNUSED } from './engine-rules';
import { mapReportLocation } from './module-mapping';
import { parseSuppressions, suppressionMatches, type Suppression } from './suppression';

export interface LintModelOptions {
  readonly config?: LintConfig;
  readonly rules: readonly Rule[];
}

export interface ModelLintResult {
  readonly findings: Finding[];
  /** The model's parse issues plus one `internal-error` issue per rule that threw. */
  readonly issues: ParseIssue[];
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * Runs the rules on a parsed model and turns their reports into findings: configured severity,
 * module mapping, in-file suppressions, de-duplication. Synchronous, so the editor can call it
 * straight after parsing.
 */
export function lintModel(model: TemplateModel, opts: LintModelOptions): ModelLintResult {
  const config = opts.config ?? DEFAULT_CONFIG;
  const { raw, issues } = runRules(model, model, opts.rules, config);
  return finishLint(model, raw, issues, opts.rules, config);
}

/** A rule's finding before suppressions and de-duplication, with where the rule reported it. */
export interface RawFinding {
  readonly finding: Finding;
  /** The rule's own location (the module line when the finding was mapped to a caller). */
  readonly reported: SourceLocation;
}

/**
 * Runs the rules on `subject` (the whole model, or some of its resources for an incremental
 * re-lint); findings are mapped against `model`. Rule failures become issues.
 */
export function runRules(
  model: TemplateModel,
  subject: TemplateModel,
  rules: readonly Rule[],
  config: LintConfig,
): { raw: RawFinding[]; issues: ParseIssue[] } {
  const issues: ParseIssue[] = [];
  const ctx = createRuleContext(subject);
  const raw: RawFinding[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id];
    if (setting === 'off') continue;
    let reports: RuleReport[];
    try {
      reports = [...rule.check(ctx)];
    } catch (e) {
      // One broken rule must not hide what the others found.
      issues.push(internalError(model, rule.meta, e));
      continue;
    }
    for (const report of reports)
      raw.push({ finding: toFinding(rule.meta, setting, report, model), reported: report.location });
  }
  return { raw, issues };
}

/** De-duplicates raw findings, applies in-file suppressions and adds the engine's own findings. */
export function finishLint(
  model: TemplateModel,
  raw: readonly RawFinding[],
  ruleIssues: readonly ParseIssue[],
  rules: readonly Rule[],
  config: LintConfig,
): ModelLintResult {
  const suppressions = new SuppressionIndex(model);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const { finding, reported } of raw) {
    const key = findingKey(finding);
    if (seen.has(key)) continue;
    seen.add(key);
    // Either place may carry the comment: the mapped caller argument or the module line.
    if (suppressions.suppress(finding) || suppressions.suppress({ ruleId: finding.ruleId, location: reported })) {
      continue;
    }
    findings.push(finding);
  }
  const known = new Set([...rules, ...ENGINE_RULES.map((meta) => ({ meta }))].map((r) => r.meta.id));
  findings.push(...suppressions.engineFindings(config, known));
  findings.sort(compareFindings);
  return { findings, issues: [...model.issues, ...ruleIssues] };
}

/** Severity from config, keeping a report's own downgrade (an info when a value is unknown). */
export function effectiveSeverity(meta: RuleMeta, setting: SeveritySetting | undefined, reported?: Severity): Severity {
  const configured = setting === undefined || setting === 'off' ? undefined : setting;
  if (reported === undefined) return configured ?? meta.defaultSeverity;
  if (configured === undefined) return reported;
  return RANK[reported] < RANK[meta.defaultSeverity] && RANK[reported] < RANK[configured] ? reported : configured;
}

function toFinding(
  meta: RuleMeta,
  setting: SeveritySetting | undefined,
  report: RuleReport,
  model: TemplateModel,
): Finding {
  const { location, related } = mapReportLocation(report, model);
  return {
    ruleId: meta.id,
    severity: effectiveSeverity(meta, setting, report.severity),
    message: report.message,
    location,
    ...(related.length > 0 ? { related } : {}),
    ...(report.fixes && report.fixes.length > 0 ? { fixes: report.fixes } : {}),
    ...(report.resource ? { resourceId: report.resource.id } : {}),
  };
}

function internalError(model: TemplateModel, meta: RuleMeta, e: unknown): ParseIssue {
  const why =
    e instanceof RangeError ? 'the template nests too deeply for it' : e instanceof Error ? e.message : String(e);
  return fileIssue(model.file, 'internal-error', `rule ${meta.id} failed and was skipped: ${why}`);
}

/** Two findings with the same key are the same problem reported twice. */
export function findingKey(f: Finding): string {
  const { file, range } = f.location;
  return `${f.ruleId}\0${file}\0${range.start.offset}\0${range.end.offset}\0${f.message}`;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.location.file, b.location.file) ||
    a.location.range.start.offset - b.location.range.start.offset ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message) ||
    a.location.range.end.offset - b.location.range.end.offset
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Suppressions of every file in the model, parsed lazily, with use tracking. */
class SuppressionIndex {
  private readonly byFile = new Map<string, Suppression[]>();
  private readonly used = new Set<Suppression>();

  constructor(private readonly model: TemplateModel) {}

  suppress(f: Pick<Finding, 'ruleId' | 'location'>): boolean {
    const matching = this.of(f.location.file).filter((s) =>
      suppressionMatches(s, f.ruleId, f.location.range.start.line),
    );
    for (const s of matching) this.used.add(s);
    return matching.length > 0;
  }

  engineFindings(config: LintConfig, knownRules: ReadonlySet<string>): Finding[] {
    const out: Finding[] = [];
    const reasonSetting = config.rules[SUPPRESSION_MISSING_REASON.id];
    const unusedSetting =
      config.rules[SUPPRESSION_UNUSED.id] ??
      (config.reportUnusedSuppressions ? SUPPRESSION_UNUSED.defaultSeverity : 'off');
    // Every file of the model, so suppressions in modules are checked too.
    for (const file of this.model.sources.keys()) {
      for (const s of this.of(file)) {
        const location = { file, range: s.range };
        const what = s.ruleIds.length > 0 ? s.ruleIds.join(', ') : '(no rule id)';
        if (reasonSetting !== 'off' && s.reason === undefined) {
          out.push({
            ruleId: SUPPRESSION_MISSING_REASON.id,
            severity: effectiveSeverity(SUPPRESSION_MISSING_REASON, reasonSetting),
            message: `Suppression of ${what} gives no reason: add " -- <why>" after the rule ids.`,
            location,
          });
        }
        // A suppression for a rule that is not running (switched off, or a filtered rule set)
        // cannot be judged unused.
        const judgeable =
          s.ruleIds.includes('*') || s.ruleIds.some((id) => knownRules.has(id) && config.rules[id] !== 'off');
        const unknown = s.ruleIds.filter((id) => id !== '*' && !knownRules.has(id) && config.rules[id] === undefined);
        if (unusedSetting !== 'off' && !this.used.has(s) && (judgeable || unknown.length > 0)) {
          out.push({
            ruleId: SUPPRESSION_UNUSED.id,
            severity: effectiveSeverity(SUPPRESSION_UNUSED, unusedSetting),
            message:
              unknown.length > 0
                ? `Suppression names unknown rule id ${unknown.map((u) => `"${u}"`).join(', ')} and suppresses nothing.`
                : `Suppression of ${what} suppresses nothing: remove it.`,
            location,
          });
        }
      }
    }
    return out;
  }

  private of(file: string): Suppression[] {
    let list = this.byFile.get(file);
    if (!list) {
      const text = this.model.sources.get(file);
      list = text === undefined ? [] : parseSuppressions(text, languageOf(file, this.model.language));
      this.byFile.set(file, list);
    }
    return list;
  }
}

function languageOf(file: string, fallback: TemplateLanguage): TemplateLanguage {
  if (/\.bicep$/i.test(file)) return 'bicep';
  if (/\.jsonc?$/i.test(file)) return 'arm';
  return fallback;
}
