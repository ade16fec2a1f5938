/**
 * Time budgets for one file's analysis. Parsing broken Bicep (tree-sitter's error recovery) can
 * take time quadratic in the input, and an evaluation can amplify a small hostile file: a budget
 * turns "seconds of work" into one clear notice for that file instead of a frozen editor or a
 * stuck CI job.
 */

/** The default budget: what an editor can spend on one file without the user waiting on it. */
export const DEFAULT_BUDGET_MS = 500;

/** The budget covers this much text; larger files get proportionally more time. */
export const BUDGET_UNIT_BYTES = 32 * 1024;

/** What a caller allows for one file: the budget, and a check for "a newer request replaced this one". */
export interface WorkLimit {
  readonly budgetMs: number;
  readonly cancelled?: () => boolean;
}

/** Why work was stopped before it finished. */
export type StopReason = 'budget' | 'cancelled';

/**
 * A point in time after which work on one file stops, and optionally a cancellation check (a
 * newer version of the document supersedes the one being analysed). Cheap to poll.
 */
export class Deadline {
  private readonly at: number;

  constructor(
    /** The time allowed, in milliseconds (already scaled for the file's size). */
    readonly allowedMs: number,
    /** The configured budget per {@link BUDGET_UNIT_BYTES}, for messages. */
    readonly budgetMs: number = allowedMs,
    private readonly cancelled?: () => boolean,
    start: number = performance.now(),
  ) {
    this.at = start + allowedMs;
  }

  /**
   * A deadline for a text of `size` characters: the budget per 32 KB, never less than the budget
   * (honest large templates take time linear in their size and must not be paused).
   */
  static forText(limit: WorkLimit, size: number): Deadline {
    const allowed = Math.round(limit.budgetMs * Math.max(1, size / BUDGET_UNIT_BYTES));
    return new Deadline(allowed, limit.budgetMs, limit.cancelled);
  }

  /** Why work should stop now, or undefined while it may go on. */
  stopReason(): StopReason | undefined {
    if (this.cancelled?.()) return 'cancelled';
    return performance.now() > this.at ? 'budget' : undefined;
  }

  /** Throws {@link AnalysisStopped} when work should stop. */
  check(): void {
    const reason = this.stopReason();
    if (reason) throw new AnalysisStopped(reason, this);
  }
}

/** Thrown through the parsers when a {@link Deadline} stops the work; the engine turns it into a notice. */
export class AnalysisStopped extends Error {
  constructor(
    readonly reason: StopReason,
    readonly deadline: Deadline,
  ) {
    super(reason === 'cancelled' ? 'the analysis was cancelled' : tooComplexMessage(deadline));
    this.name = 'AnalysisStopped';
  }
}

/** The one diagnostic a file over its budget gets; it says what to do next. */
export function tooComplexMessage(deadline: Pick<Deadline, 'allowedMs' | 'budgetMs'>): string {
  const within =
    deadline.allowedMs === deadline.budgetMs
      ? `${deadline.budgetMs} ms`
      : `${deadline.allowedMs} ms (${deadline.budgetMs} ms per 32 KB)`;
  return (
    `Too complex to analyse within ${within} — findings paused for this file. ` +
    'Fix the syntax errors around deeply nested or repeated text, or raise the budget ' +
    '("budgetMs" in .ade-lint.json, or the ade.lint.budgetMs setting).'
  );
}
