/**
 * Rotate the KEK: re-run ADE enable with the new versioned key URL and a new SequenceVersion (the
 * documented way); the old key version stays enabled because ADE may still need it. No `vscode` import.
 */
import { randomUUID } from 'node:crypto';
import type { VolumeType } from '../../../azure/ade/extension';
import type { KeySummary } from '../../../azure/inventory/types';
import type { ExecStep, Plan } from '../engine/plan';
import type { PickItem } from '../engine/prompter';
import type { PromptStep } from '../engine/wizard';
import { keyNameProblem, RETIREMENT_NOTICE } from '../enable/model';
import type { TargetInfo, VaultInfo, WizardServices } from '../services';
import { summaryStep, type FinalAction } from '../shared/summary';
import { adeTargetStep, need } from '../shared/steps';

export type RotateChoice =
  | { readonly kind: 'latest'; readonly key: KeySummary }
  | { readonly kind: 'other'; readonly key: KeySummary }
  | { readonly kind: 'create' };

export interface RotateContext {
  target?: TargetInfo;
  vault?: VaultInfo;
  currentKekUrl?: string;
  volumeType?: VolumeType;
  keys?: readonly KeySummary[];
  choice?: RotateChoice;
  newKeyName?: string;
  newKeySize?: 2048 | 3072 | 4096;
  sequenceVersion?: string;
  action?: FinalAction;
}

const TITLE = 'Rotate key encryption key';

/** `…/keys/<name>/<version>` → name and version. */
export function keyParts(url: string | undefined): { name?: string; version?: string } {
  const m = /\/keys\/([^/]+)(?:\/([^/?#]+))?/i.exec(url ?? '');
  return { ...(m?.[1] ? { name: m[1] } : {}), ...(m?.[2] ? { version: m[2] } : {}) };
}

export function rotateRefusal(t: TargetInfo): string | undefined {
  const ade = t.state.ade;
  if (!ade?.installed) return 'Azure Disk Encryption is not enabled on it';
  if (ade.legacy)
    return 'it uses legacy ADE with a Microsoft Entra app (rotate with az vm encryption enable and the app credentials)';
  if (t.state.summary === 'inProgress') return 'an ADE operation is still running';
  if (!ade.keyVaultResourceId) return 'its ADE settings name no key vault';
  return undefined;
}

export function rotateSteps(s: WizardServices): PromptStep<RotateContext>[] {
  return [
    adeTargetStep<RotateContext>(s, {
      title: TITLE,
      placeholder: 'VM or scale set whose KEK to rotate',
      refusal: rotateRefusal,
      describe: (t) =>
        t.state.ade?.keyEncryptionKeyUrl ? `KEK ${keyParts(t.state.ade.keyEncryptionKeyUrl).name ?? ''}` : 'no KEK yet',
    }),
    {
      id: 'key',
      async prompt(c, p, pos) {
        const t = need(c.target);
        const ade = need(t.state.ade);
        const vault = await s.readVault(need(ade.kekVaultResourceId || ade.keyVaultResourceId));
        c.vault = vault;
        c.currentKekUrl = ade.keyEncryptionKeyUrl;
        c.volumeType = (ade.volumeType ?? (t.os === 'Linux' ? 'DATA' : 'ALL')).toUpperCase() as VolumeType;
        const keys = await s.listKeys(vault);
        c.keys = keys;
        const cur = keyParts(c.currentKekUrl);
        const current = keys.find((k) => k.name.toLowerCase() === (cur.name ?? '').toLowerCase());
        const latestVersion = keyParts(current?.keyUriWithVersion).version;
        const items: PickItem<RotateChoice>[] = [];
        if (current) {
          const same = !!latestVersion && latestVersion === cur.version;
          items.push({
            label: `$(versions) Latest version of ${current.name}`,
            description: same ? 'already in use' : `version ${latestVersion ?? '?'}`,
            ...(same
              ? {
                  disabledReason: `${current.name} has no newer version. Create one first (az keyvault key rotate --vault-name ${vault.name} --name ${current.name}); the management API cannot add key versions.`,
                }
              : {}),
            value: { kind: 'latest', key: current },
          });
        }
        for (const k of keys) {
          if (current && k.name === current.name) continue;
          items.push({
            label: `$(key) ${k.name}`,
            description: [k.kty, k.keySize].filter(Boolean).join(' · '),
            ...(k.usableAsKek && k.keyUriWithVersion
              ? {}
              : { disabledReason: `${k.name} cannot be a KEK (ADE needs an enabled RSA key).` }),
            value: { kind: 'other', key: k },
          });
        }
        items.push({ label: `$(add) Create a new RSA key in ${vault.name}`, value: { kind: 'create' } });
        c.choice = await p.pick({
          title: `${TITLE}: ${t.name}`,
          placeholder: `Now: ${c.currentKekUrl ?? 'no KEK'}`,
          items,
          position: pos,
          canGoBack: pos.canGoBack,
        });
      },
    },
    {
      id: 'newKeyName',
      shouldPrompt: (c) => c.choice?.kind === 'create',
      async prompt(c, p, pos) {
        const v = need(c.vault);
        c.newKeyName = await p.input({
          title: `${TITLE}: new key name`,
          prompt: `Name of the new RSA key in ${v.name}`,
          value: c.newKeyName ?? `kek-${need(c.target).name}-${new Date().toISOString().slice(0, 10)}`,
          validate: (x) =>
            keyNameProblem(
              x,
              (c.keys ?? []).map((k) => k.name),
            ),
          position: pos,
          canGoBack: pos.canGoBack,
        });
        c.newKeySize = 3072;
      },
    },
    summaryStep<RotateContext>({ title: `${TITLE}: summary`, plan: (c) => buildRotatePlan(s, c), exports: false }),
  ];
}

export function buildRotatePlan(s: WizardServices, c: RotateContext): Plan {
  const t = need(c.target);
  const v = need(c.vault);
  const choice = need(c.choice);
  const volumeType = need(c.volumeType);
  c.sequenceVersion ??= randomUUID();
  const seq = c.sequenceVersion;
  const tenant = t.tenantId ? { tenantId: t.tenantId } : {};
  const diskVaultId = t.state.ade?.keyVaultResourceId ?? v.id;
  let url = choice.kind === 'create' ? undefined : choice.key.keyUriWithVersion;
  const steps: ExecStep[] = [];
  if (choice.kind === 'create') {
    const name = need(c.newKeyName);
    steps.push({
      title: `Create key ${name}`,
      changes: [`Key vault ${v.name}: create RSA ${c.newKeySize ?? 3072}-bit key ${name}`],
      run: async (signal, report) => {
        const r = await s.az.createKek(s.factory, {
          vaultId: v.id,
          keyName: name,
          keySize: c.newKeySize ?? 3072,
          signal,
          onProgress: (x) => report(x.message),
          ...tenant,
        });
        url = r.value.keyUrlWithVersion;
        return r.summary;
      },
    });
  }
  steps.push({
    title: `Re-run ADE on ${t.name} with the new KEK`,
    changes: [
      `${t.kind === 'vm' ? 'VM' : 'Scale set'} ${t.name}: ADE extension settings KeyEncryptionKeyURL ${c.currentKekUrl ?? '(none)'} → ${url ?? `new version of ${c.newKeyName ?? ''}`}, VolumeType ${volumeType} unchanged${t.kind === 'vm' ? `, SequenceVersion ${seq}` : ''}`,
    ],
    run: async (signal, report) => {
      const common = {
        vaultId: diskVaultId,
        volumeType,
        keyEncryptionKeyUrl: need(url),
        kekVaultId: v.id,
        signal,
        onProgress: (x: { message: string }) => report(x.message),
        ...tenant,
      };
      const r =
        t.kind === 'vm'
          ? await s.az.enableAde(s.factory, { ...common, vmId: t.id, newSequenceVersion: () => seq })
          : await s.az.enableScaleSetAde(s.factory, { ...common, vmssId: t.id, newForceUpdateTag: () => seq });
      return r.summary;
    },
  });
  return {
    title: `Rotate the KEK of ${t.name}`,
    steps,
    notes: [
      'The old key version stays enabled: ADE-wrapped secrets may still need it. Do not disable or delete it.',
      'Key Vault auto-rotation is not used by ADE; rotate with this wizard.',
      RETIREMENT_NOTICE,
    ],
  };
}
