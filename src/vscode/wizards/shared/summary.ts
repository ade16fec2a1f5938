import { planChanges, type Plan } from '../engine/plan';
import { WizardCancelled, type PickItem } from '../engine/prompter';
import type { PromptStep } from '../engine/wizard';

export type FinalAction = 'apply' | 'bicep' | 'json' | 'encryptionAtHost';

type SummaryPick = FinalAction | 'cancel' | 'info';

export interface SummaryOptions<C> {
  readonly title: string;
  readonly plan: (c: C) => Plan;
  /** Offer "Export as Bicep" / "Export as ARM JSON". */
  readonly exports: boolean;
  readonly extra?: readonly PickItem<FinalAction>[];
}

/** The lines of a summary, as shown (tests compare them with the plan). */
export function summaryItems(
  plan: Plan,
  exports: boolean,
  extra: readonly PickItem<FinalAction>[] = [],
): PickItem<SummaryPick>[] {
  const changes = planChanges(plan);
  const readOnly = plan.steps.filter((s) => s.changes.length === 0).map((s) => s.title);
  return [
    {
      label: '$(check) Apply',
      description: changes.length ? `make the ${changes.length} change(s) below in Azure` : 'nothing to change',
      value: 'apply',
    },
    ...(exports
      ? [
          {
            label: '$(file-code) Export as Bicep',
            description: 'open a template instead; nothing changes in Azure',
            value: 'bicep' as const,
          },
          {
            label: '$(json) Export as ARM JSON',
            description: 'open a template instead; nothing changes in Azure',
            value: 'json' as const,
          },
        ]
      : []),
    ...extra,
    { label: '$(close) Cancel', description: 'nothing changes', value: 'cancel' },
    { label: 'What will change in Azure', separator: true },
    ...changes.map((line, i) => ({ ...split(`${i + 1}. ${line}`, ': '), value: 'info' as const })),
    ...readOnly.map((title) => ({ label: `$(eye) ${title}`, description: 'read-only', value: 'info' as const })),
    ...(plan.notes.length ? [{ label: 'Please note', separator: true }] : []),
    ...plan.notes.map((n) => ({ ...split(`$(warning) ${n}`, ': '), value: 'info' as const })),
  ];
}

/**
 * Long lines are cut off in a quick pick: the subject stays in the label, the rest goes to the
 * detail line below it.
 */
function split(line: string, at: string): { label: string; detail?: string } {
  const i = line.indexOf(at);
  if (i < 0 || line.length <= 90) return { label: line };
  return { label: line.slice(0, i), detail: line.slice(i + at.length) };
}

/** Final step: exactly what will change, then Apply / Export / Cancel. Picking a line keeps the list open. */
export function summaryStep<C extends { action?: FinalAction }>(o: SummaryOptions<C>): PromptStep<C> {
  return {
    id: 'summary',
    async prompt(c, p, pos) {
      const plan = o.plan(c);
      for (;;) {
        const choice = await p.pick<SummaryPick>({
          title: o.title,
          placeholder: `${plan.title}: review the changes, then Apply`,
          items: summaryItems(plan, o.exports, o.extra),
          position: pos,
          canGoBack: pos.canGoBack,
          matchOnDescription: false,
        });
        if (choice === 'info') continue;
        if (choice === 'cancel') throw new WizardCancelled();
        c.action = choice;
        return;
      }
    },
  };
}
