/** Pieces every wizard uses. No `vscode` import. */
import type { PromptStep } from '../engine/wizard';
import type { TargetInfo, WizardServices } from '../services';

/** A value an earlier step set; missing only if the wizard's context was lost. */
export function need<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('The wizard lost its context; start it again.');
  return x;
}

export interface AdeTargetStepOptions {
  readonly title: string;
  readonly placeholder: string;
  /** Why this wizard cannot run on the target (the item is shown but refused), or undefined. */
  readonly refusal: (t: TargetInfo) => string | undefined;
  /** The item's description when the target is not refused. */
  readonly describe: (t: TargetInfo) => string;
}

/** First step of the wizards that work on a VM or scale set that already has ADE (disable, rotate). */
export function adeTargetStep<C extends { target?: TargetInfo }>(
  s: WizardServices,
  o: AdeTargetStepOptions,
): PromptStep<C> {
  return {
    id: 'target',
    shouldPrompt: (c) => !c.target,
    async prompt(c, p, pos) {
      const targets = (await s.listTargets()).filter((t) => t.state.ade);
      if (!targets.length) throw new Error('No VM or scale set in the selected subscriptions has ADE.');
      c.target = await p.pick({
        title: o.title,
        placeholder: o.placeholder,
        items: targets.map((t) => {
          const r = o.refusal(t);
          return {
            label: `$(vm) ${t.name}`,
            description: r ?? o.describe(t),
            ...(r ? { disabledReason: `${t.name}: ${r}.` } : {}),
            value: t,
          };
        }),
        position: pos,
        canGoBack: pos.canGoBack,
      });
    },
  };
}
