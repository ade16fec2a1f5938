/**
 * What a wizard will do once confirmed: ordered steps, each saying in words what it changes in
 * Azure. The summary shows exactly these lines; the executor runs exactly these steps.
 */

export interface ExecStep {
  readonly title: string;
  /** One line per change in Azure (empty for read-only steps such as following the disks). */
  readonly changes: readonly string[];
  /** Returns one sentence for the activity log (e.g. "already enabled; nothing sent"). */
  run(signal: AbortSignal, report: (message: string) => void): Promise<string>;
}

export interface Plan {
  readonly title: string;
  readonly steps: readonly ExecStep[];
  /** Warnings and notices shown with the summary (retirement, "OS disk stays unencrypted"). */
  readonly notes: readonly string[];
}

export interface StepOutcome {
  readonly title: string;
  readonly outcome: 'succeeded' | 'failed' | 'skipped' | 'cancelled';
  readonly detail?: string;
  readonly ms: number;
}

export interface PlanResult {
  readonly outcome: 'succeeded' | 'failed' | 'cancelled';
  readonly steps: readonly StepOutcome[];
  /** Plain words for the failure, with what to do next. */
  readonly error?: string;
}

export interface ExecuteHooks {
  readonly signal: AbortSignal;
  readonly onProgress?: (message: string, stepIndex: number, stepCount: number) => void;
  /** Called as a step starts (the activity log times each step from here). */
  readonly onStepStart?: (title: string, index: number) => void;
  readonly onStepEnd?: (s: StepOutcome) => void;
  /** Turns any thrown value into plain words (the Azure layer's error mapper). */
  readonly describe: (err: unknown) => { message: string; fix?: string };
  readonly isAbort: (err: unknown) => boolean;
}

/** Every line of change in the plan, in order. */
export function planChanges(plan: Plan): string[] {
  return plan.steps.flatMap((s) => s.changes);
}

/** Runs the steps in order; stops at the first failure or cancellation and marks the rest skipped. */
export async function executePlan(plan: Plan, hooks: ExecuteHooks): Promise<PlanResult> {
  const out: StepOutcome[] = [];
  const end = (s: StepOutcome) => {
    out.push(s);
    hooks.onStepEnd?.(s);
  };
  let stop: PlanResult['outcome'] | undefined;
  let error: string | undefined;
  for (const [i, step] of plan.steps.entries()) {
    if (stop) {
      end({ title: step.title, outcome: 'skipped', detail: 'not applied', ms: 0 });
      continue;
    }
    const t0 = Date.now();
    try {
      if (hooks.signal.aborted) throw Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
      hooks.onStepStart?.(step.title, i);
      hooks.onProgress?.(step.title, i, plan.steps.length);
      const detail = await step.run(hooks.signal, (m) => hooks.onProgress?.(m, i, plan.steps.length));
      end({ title: step.title, outcome: 'succeeded', detail, ms: Date.now() - t0 });
    } catch (err) {
      if (hooks.isAbort(err) || hooks.signal.aborted) {
        stop = 'cancelled';
        end({ title: step.title, outcome: 'cancelled', detail: 'cancelled', ms: Date.now() - t0 });
      } else {
        stop = 'failed';
        const plain = hooks.describe(err);
        error = `${plain.message}${plain.fix ? ` ${plain.fix}` : ''}`;
        end({ title: step.title, outcome: 'failed', detail: error, ms: Date.now() - t0 });
      }
    }
  }
  return { outcome: stop ?? 'succeeded', steps: out, ...(error ? { error } : {}) };
}

/** "Applied: …; not applied: …" for a failure or cancellation message. */
export function describeResult(result: PlanResult): string {
  const applied = result.steps.filter((s) => s.outcome === 'succeeded').map((s) => s.title);
  const notApplied = result.steps.filter((s) => s.outcome !== 'succeeded').map((s) => s.title);
  const parts = [
    applied.length ? `Applied: ${applied.join('; ')}.` : 'Nothing was applied.',
    notApplied.length ? `Not applied: ${notApplied.join('; ')}.` : '',
  ];
  return parts.filter(Boolean).join(' ');
}
