import { isGoBack, isWizardCancelled, type Prompter, type StepPosition } from './prompter';

/**
 * One question of a wizard. `prompt` reads and writes the shared context; when the person goes
 * back, the context is restored to what it was before the step ran (like AzureWizard does).
 */
export interface PromptStep<C extends object> {
  readonly id: string;
  /** Skip the step (e.g. the target came from the tree node). Evaluated each time it is reached. */
  shouldPrompt?(ctx: C): boolean;
  prompt(ctx: C, prompter: Prompter, position: StepPosition & { canGoBack: boolean }): Promise<void>;
}

export interface WizardRun<C> {
  /** The context after the last step, or undefined when the person cancelled. */
  readonly context: C | undefined;
  /** Ids of the steps answered, in order (for the activity log and tests). */
  readonly answered: readonly string[];
}

/**
 * Runs prompt steps in order with a step counter and Back. The total is recomputed at every step
 * from `shouldPrompt`, so skipped steps don't count. Cancellation returns `context: undefined`.
 */
export async function runPromptSteps<C extends object>(
  steps: readonly PromptStep<C>[],
  initial: C,
  prompter: Prompter,
): Promise<WizardRun<C>> {
  let ctx: C = { ...initial };
  /** Index of each prompted step and the context before it, so Back can restore it. */
  const history: { index: number; before: C }[] = [];
  let i = 0;
  while (i < steps.length) {
    const step = steps[i];
    if (!step) break;
    if (step.shouldPrompt && !step.shouldPrompt(ctx)) {
      i++;
      continue;
    }
    const before = { ...ctx };
    const prompted = history.length;
    const remaining = steps.slice(i + 1).filter((s) => !s.shouldPrompt || s.shouldPrompt(ctx)).length;
    const position = { step: prompted + 1, totalSteps: prompted + 1 + remaining, canGoBack: prompted > 0 };
    try {
      await step.prompt(ctx, prompter, position);
      history.push({ index: i, before });
      i++;
    } catch (err) {
      if (isGoBack(err)) {
        const last = history.pop();
        if (!last) {
          ctx = before;
          continue;
        }
        ctx = { ...last.before };
        i = last.index;
        continue;
      }
      if (isWizardCancelled(err)) return { context: undefined, answered: history.map((h) => steps[h.index]?.id ?? '') };
      throw err;
    }
  }
  return { context: ctx, answered: history.map((h) => steps[h.index]?.id ?? '') };
}
