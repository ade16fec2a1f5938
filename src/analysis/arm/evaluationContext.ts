import type { Deadline, LineIndex, ParseIssue, ParseIssueSeverity, SourceRange, StopReason, ValueNode } from '../model';
import { LAMBDA_ITEM_LIMIT } from '../model';
import type { ParseResult } from './expression/parser';

/** Bounds that keep hostile templates from hanging or crashing the analysis. */
export interface ArmLimits {
  /** Longest `[...]` expression evaluated, in characters. */
  readonly maxExpressionLength: number;
  /** Deepest nesting of calls and accesses inside one expression. */
  readonly maxExpressionDepth: number;
  /** Longest string an expression may produce. */
  readonly maxStringLength: number;
  /** Largest `copy` count expanded (ARM's own limit is 800). */
  readonly maxCopyCount: number;
  /** Deepest JSON nesting converted to values. */
  readonly maxJsonDepth: number;
  /** Total evaluation steps per file (calls, nodes built, nodes compared). */
  readonly maxWork: number;
  /** Deepest chain of nested deployments followed. */
  readonly maxDeploymentDepth: number;
  /** Deepest chain of variable/parameter references followed. */
  readonly maxReferenceDepth: number;
  /** Total items produced by `copy` loops per file (nested loops multiply). */
  readonly maxCopyItems: number;
  /**
   * Deepest evaluation overall: JSON levels and expression calls, across variable references.
   * Keeps the evaluator's recursion well inside the default stack.
   */
  readonly maxNesting: number;
  /** Longest array or object a lambda function (`map()`, `filter()`, ...) runs over. */
  readonly maxLambdaItems: number;
}

export const DEFAULT_LIMITS: ArmLimits = {
  maxExpressionLength: 100_000,
  maxExpressionDepth: 64,
  maxStringLength: 1_000_000,
  maxCopyCount: 800,
  maxJsonDepth: 256,
  maxWork: 1_000_000,
  maxDeploymentDepth: 8,
  maxReferenceDepth: 64,
  maxCopyItems: 20_000,
  maxNesting: 1_000,
  maxLambdaItems: LAMBDA_ITEM_LIMIT,
};

export const TOO_COMPLEX_REASON = 'the expression is too complex to evaluate';

/** Per-file mutable evaluation state: budget, issues, positions. */
export class EvaluationState {
  readonly issues: ParseIssue[] = [];
  private work = 0;
  private tooComplexReported = false;
  private readonly issueKeys = new Set<string>();
  /** Current depth of nested variable/parameter/expression evaluation. */
  referenceDepth = 0;
  /** Current depth of evaluation frames (JSON levels and expression calls together). */
  nesting = 0;

  /** Items produced by copy loops so far. */
  copyItems = 0;
  /** Parsed expressions by text: loops and repeated references evaluate the same strings often. */
  readonly parsedExpressions = new Map<string, ParseResult>();
  private readonly maxWork: number;
  private charges = 0;
  /** Set when the deadline stopped the evaluation: the caller reports the file as too complex. */
  stopped?: StopReason;

  constructor(
    readonly file: string,
    readonly lines: LineIndex,
    readonly limits: ArmLimits = DEFAULT_LIMITS,
    /** The time the evaluation may take; past it, the budget counts as spent. */
    readonly deadline?: Deadline,
  ) {
    // The budget grows with the file so that large honest templates are read in full, while the
    // amplification a small hostile file can cause stays bounded.
    this.maxWork = limits.maxWork + lines.text.length;
  }

  get exhausted(): boolean {
    return this.work > this.maxWork || this.stopped !== undefined;
  }

  /** Counts `n` units of work; false once the budget is spent or the deadline has passed. */
  charge(n: number): boolean {
    this.work += n;
    // The clock is read every 256 charges: often enough to stop within milliseconds, cheap enough to ignore.
    if (this.deadline && (++this.charges & 255) === 0 && this.stopped === undefined) {
      this.stopped = this.deadline.stopReason();
    }
    return this.work <= this.maxWork && this.stopped === undefined;
  }

  range(offset: number, length: number): SourceRange {
    return this.lines.range(offset, offset + length);
  }

  report(code: string, message: string, range: SourceRange, severity: ParseIssueSeverity = 'warning'): void {
    const key = `${code}\u0000${range.start.offset}\u0000${message}`;
    // One issue per place and message; a pathological file must not produce millions of them.
    if (this.issueKeys.has(key) || this.issues.length >= 200) return;
    this.issueKeys.add(key);
    this.issues.push({ code, message, severity, location: { file: this.file, range } });
  }

  /** Reports `expression-too-complex` once per file and returns the matching reason. */
  tooComplex(range: SourceRange, detail?: string): string {
    if (!this.tooComplexReported || detail) {
      this.tooComplexReported = true;
      this.report(
        'expression-too-complex',
        detail
          ? `Expression not evaluated: ${detail}.`
          : 'Evaluation stopped: the template is too complex to evaluate fully.',
        range,
        'warning',
      );
    }
    return detail ? `${TOO_COMPLEX_REASON} (${detail})` : TOO_COMPLEX_REASON;
  }
}

/** Name lookups of one template scope (the entry template, or an inner-scoped nested template). */
export interface Scope {
  /** The parameter's value with its provenance, or undefined when not declared. */
  parameter(name: string, at: SourceRange): ValueNode | undefined;
  /** The variable's value with its provenance, or undefined when not declared. */
  variable(name: string, at: SourceRange): ValueNode | undefined;
}

/** Everything an evaluation needs: the file state, the names in scope, and current loop positions. */
export interface EvalEnv {
  readonly state: EvaluationState;
  readonly scope: Scope;
  /** `copyIndex()` values: '' for the enclosing resource loop, plus one entry per named loop. */
  readonly copyIndexes: ReadonlyMap<string, number>;
  /** When set, expressions are not evaluated (e.g. an inner-scoped nested template read from outside). */
  readonly skipReason?: string;
  /** JSON subtrees whose expressions belong to another scope, with the reason they are not evaluated here. */
  readonly foreignSubtrees?: ReadonlyMap<object, string>;
  /** Variables of the lambdas being applied, by lower-case name (`lambdaVariables()` is case-insensitive). */
  readonly lambdaVariables?: ReadonlyMap<string, ValueNode>;
}

export const EMPTY_SCOPE: Scope = {
  parameter: () => undefined,
  variable: () => undefined,
};
