/** Pieces every wizard uses. No `vscode` import. */
import type { VolumeType } from '../../../azure/ade/extension';
import type { ExecStep } from '../engine/plan';
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

export interface FollowSettings {
  timeoutMs?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** Read-only last step after an ADE run on a VM: poll its disks until they reach the final state. */
export function followDisksStep(
  s: WizardServices,
  t: TargetInfo,
  operation: 'enable' | 'disable',
  volumeType: VolumeType,
  follow: FollowSettings | undefined,
): ExecStep {
  const tenant = t.tenantId ? { tenantId: t.tenantId } : {};
  return {
    title: `Follow the disks of ${t.name}`,
    changes: [],
    run: async (signal, report) => {
      const r = await s.az.followVmEncryption(
        s.factory,
        t.id,
        { operation, volumeType },
        { signal, onProgress: (x) => report(x.message), ...tenant, ...(follow ?? { timeoutMs: 30 * 60_000 }) },
      );
      if (r.finished) return `Disks reached their final state: ${r.state.label}.`;
      return operation === 'enable'
        ? `Still encrypting after the wait (${r.state.label}); ADE goes on in Azure. Refresh the VM later.`
        : `Still decrypting (${r.state.label}); refresh later.`;
    },
  };
}
