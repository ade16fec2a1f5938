import type { SourceLocation, SourceRange } from './source';
import type { Resource, TemplateModel } from './template';
import type { ValueNode } from './value';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** The same rule in other tools, for users coming from them and for SARIF `relationships`. */
export interface EquivalentIds {
  readonly checkov?: readonly string[];
  readonly kics?: readonly string[];
  readonly psrule?: readonly string[];
  readonly trivy?: readonly string[];
  readonly azurePolicy?: readonly string[];
  readonly templateAnalyzer?: readonly string[];
}

export interface RuleMeta {
  /** Stable id, kebab-case with the `ade-` or `kv-` prefix, e.g. `kv-disk-encryption-flag`. */
  readonly id: string;
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** Why it matters, 1–3 sentences. */
  readonly explanation: string;
  /** What to do, one sentence. */
  readonly fixHint: string;
  /** Relative docs page, `docs/rules/<id>.md`. */
  readonly docs: string;
  readonly equivalents?: EquivalentIds;
  readonly tags?: readonly string[];
}

/** A text edit as data: replace `range` in `file` with `newText` (insert when the range is empty). */
export interface TextEdit {
  readonly file: string;
  readonly range: SourceRange;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Preferred fix for the finding (VS Code `isPreferred`). */
  readonly preferred?: boolean;
}

export interface RelatedLocation {
  readonly message: string;
  readonly location: SourceLocation;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** Where the squiggle goes (the entry file's caller argument when the value came through a module). */
  readonly location: SourceLocation;
  /** Provenance and cross-resource context: the parameter default, the variable, the vault. */
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly Fix[];
  /** The resource the finding is about, for grouping (resource id as in the model). */
  readonly resourceId?: string;
}

/** What a rule sees: the model plus lookups shared by all rules. */
export interface RuleContext {
  readonly model: TemplateModel;
  /** Resources of a type (case-insensitive full type), `existing` ones included. */
  resourcesOfType(type: string): readonly Resource[];
  /** The declared resource a resource-id value points at, if it is declared in the analysed set. */
  resolveRef(value: ValueNode | undefined): Resource | undefined;
  /** Child resources of a resource (by parentId). */
  childrenOf(resource: Resource, type?: string): readonly Resource[];
}

/** What a rule reports before the engine adds severity, suppression and module mapping. */
export interface RuleReport {
  readonly message: string;
  readonly location: SourceLocation;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly Fix[];
  readonly resource?: Resource;
  /** Override the rule's default severity for this report (e.g. an info when a value is unknown). */
  readonly severity?: Severity;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): Iterable<RuleReport>;
  /**
   * True when, in this model, a finding may depend on resources the rule does not link by
   * reference (one finding for a pattern repeated across the file): the editor's incremental
   * re-lint then runs the rule on the whole file instead of on the changed resources' components.
   * A cheap test of the text, asked once per lint.
   */
  spansFile?(model: TemplateModel): boolean;
}
