/** Disable ADE: Windows all or OS; Linux data only. No `vscode` import. */
import { LINUX_DISABLE_OS_ENCRYPTED } from '../../../ade';
import type { VolumeType } from '../../../azure/ade/extension';
import { osVolumeEncrypted } from '../../../azure/state/encryptionState';
import type { ExecStep, Plan } from '../engine/plan';
import type { PickItem } from '../engine/prompter';
import type { PromptStep } from '../engine/wizard';
import type { TargetInfo, WizardServices } from '../services';
import { summaryStep, type FinalAction } from '../shared/summary';
import { adeTargetStep, followDisksStep, need } from '../shared/steps';

export interface DisableContext {
  target?: TargetInfo;
  volumeType?: VolumeType;
  action?: FinalAction;
}

const TITLE = 'Disable disk encryption';

export const REMOVE_EXTENSION_WARNING =
  'Disable encryption before removing the ADE extension: removing the extension first leaves the disks encrypted with nothing to manage them.';

/** Why ADE cannot be disabled here, or undefined. */
export function disableRefusal(t: TargetInfo): string | undefined {
  if (t.state.summary === 'legacyAad')
    return 'it uses legacy ADE with a Microsoft Entra app; disable it with az vm encryption disable, which also clears the OS disk stamp';
  if (t.state.summary === 'inProgress') return 'an ADE operation is still running; wait for it to finish';
  if (!t.state.ade?.installed) return 'Azure Disk Encryption is not enabled on it';
  if (t.os === 'Linux' && t.dataDiskCount === 0)
    return 'Linux can only decrypt data disks and it has none (an encrypted Linux OS disk cannot be decrypted)';
  // The Linux handler refuses any decryption while the OS volume is encrypted (handle.py, disable_encryption).
  if (t.os === 'Linux' && osVolumeEncrypted(t.state) === true)
    return `its OS volume is encrypted, and Linux ADE then decrypts nothing ("${LINUX_DISABLE_OS_ENCRYPTED}"); build a new VM with encryption at host and copy the data instead`;
  return undefined;
}

export function disableVolumeChoices(t: TargetInfo): PickItem<VolumeType>[] {
  if (t.os === 'Linux')
    return [
      { label: 'Data', description: 'decrypt the data disks', value: 'DATA' },
      {
        label: 'OS',
        description: 'not possible on Linux',
        disabledReason:
          'An encrypted Linux OS disk cannot be decrypted; only data disks can. To get rid of it, build a new VM.',
        value: 'OS',
      },
    ];
  return [
    { label: 'All', description: 'decrypt OS and data disks (recommended)', value: 'ALL' },
    { label: 'OS', description: 'decrypt the OS disk only', value: 'OS' },
  ];
}

export function disableSteps(s: WizardServices): PromptStep<DisableContext>[] {
  return [
    adeTargetStep<DisableContext>(s, {
      title: TITLE,
      placeholder: 'VM or scale set to decrypt',
      refusal: disableRefusal,
      describe: (t) => `${t.os ?? '?'} · ${t.state.label}`,
    }),
    {
      id: 'volumeType',
      async prompt(c, p, pos) {
        const t = need(c.target);
        c.volumeType = await p.pick({
          title: `${TITLE}: ${t.name}`,
          placeholder: t.os === 'Linux' ? 'Linux decrypts data disks only' : 'Volumes to decrypt',
          items: disableVolumeChoices(t),
          position: pos,
          canGoBack: pos.canGoBack,
        });
      },
    },
    summaryStep<DisableContext>({ title: `${TITLE}: summary`, plan: (c) => buildDisablePlan(s, c), exports: false }),
  ];
}

export function buildDisablePlan(
  s: WizardServices,
  c: DisableContext,
  follow?: { timeoutMs?: number; initialDelayMs?: number; maxDelayMs?: number },
): Plan {
  const t = need(c.target);
  const volumeType = need(c.volumeType);
  const tenant = t.tenantId ? { tenantId: t.tenantId } : {};
  const steps: ExecStep[] = [
    {
      title: `Run ADE disable on ${t.name}`,
      changes: [
        `${t.kind === 'vm' ? 'VM' : 'Scale set'} ${t.name}: ADE extension runs again with EncryptionOperation DisableEncryption, VolumeType ${volumeType}${t.kind === 'vm' ? ', new SequenceVersion' : ''} (the extension stays installed)`,
      ],
      run: async (signal, report) => {
        const common = { volumeType, signal, onProgress: (x: { message: string }) => report(x.message), ...tenant };
        const r =
          t.kind === 'vm'
            ? await s.az.disableAde(s.factory, { ...common, vmId: t.id })
            : await s.az.disableScaleSetAde(s.factory, { ...common, vmssId: t.id });
        return [r.summary, ...r.warnings].join(' ');
      },
    },
  ];
  if (t.kind === 'vm') steps.push(followDisksStep(s, t, 'disable', volumeType, follow));
  const notes = [REMOVE_EXTENSION_WARNING];
  if (t.os === 'Linux')
    notes.push(
      `Linux: only data disks are decrypted, and only while the OS volume is not encrypted (otherwise the extension fails with "${LINUX_DISABLE_OS_ENCRYPTED}").`,
    );
  return { title: `Disable disk encryption on ${t.name}`, steps, notes };
}
