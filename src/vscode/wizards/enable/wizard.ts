/** The enable-ADE wizard: its questions and the plan they produce. No `vscode` import. */
import { randomUUID } from 'node:crypto';
import type { Key } from '@azure/arm-keyvault';
import type { VolumeType } from '../../../azure/ade/extension';
import type { KeySummary } from '../../../azure/inventory/types';
import type { PreflightCheck, PreflightReport } from '../../../azure/preflight/types';
import type { VaultPatch } from '../../../azure/state/types';
import type { ExecStep, Plan } from '../engine/plan';
import type { PickItem } from '../engine/prompter';
import type { PromptStep } from '../engine/wizard';
import { summaryStep, type FinalAction } from '../shared/summary';
import type { TargetInfo, VaultInfo, WizardServices } from '../services';
import { enableArmJson, enableBicep, type EnableExportInput } from '../export/templates';
import {
  enableRefusal,
  keyNameProblem,
  newVaultInfo,
  newVaultNameProblem,
  newVaultWords,
  RETIREMENT_NOTICE,
  targetLabel,
  vaultPickItems,
  volumeChoices,
  volumeNote,
} from './model';
import { followDisksStep, need } from '../shared/steps';

export type KekChoice =
  | { readonly kind: 'none' }
  | { readonly kind: 'existing'; readonly name: string; readonly url: string }
  | { readonly kind: 'create'; readonly name: string; readonly size: 2048 | 3072 | 4096; readonly hsm: boolean };

/** A vault the plan creates first (in the target's region, resource group and subscription). */
export interface NewVaultChoice {
  readonly name: string;
  readonly sku: 'standard' | 'premium';
}

export interface EnableContext {
  target?: TargetInfo;
  vault?: VaultInfo;
  /** "Create a new vault…" was picked: the name and sku steps follow. */
  createVault?: boolean;
  newVaultName?: string;
  /** Names of the vaults the listing knows (a new vault cannot take them). */
  knownVaultNames?: readonly string[];
  /** The vault the plan creates; `vault` then describes it as it will be. */
  newVault?: NewVaultChoice;
  kekKind?: 'none' | 'existing' | 'create';
  kek?: KekChoice;
  keys?: readonly KeySummary[];
  /** The existing key picked as KEK (type, size and rotation policy feed the preflight). */
  kekSummary?: KeySummary;
  newKeyName?: string;
  newKeySize?: 2048 | 3072 | 4096;
  volumeType?: VolumeType;
  /** Vault changes picked as one-click fixes in preflight. */
  vaultPatch?: VaultPatch;
  preflight?: PreflightReport;
  action?: FinalAction;
  sequenceVersion?: string;
}

const TITLE = 'Enable disk encryption';

export function enableSteps(s: WizardServices): PromptStep<EnableContext>[] {
  return [
    {
      id: 'target',
      shouldPrompt: (c) => !c.target,
      async prompt(c, p, pos) {
        const items = s.listTargets().then((targets) => {
          const list: PickItem<TargetInfo>[] = targets
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((t) => {
              const refusal = enableRefusal(t);
              return {
                label: `$(${t.kind === 'vm' ? 'vm' : 'server-environment'}) ${t.name}`,
                description: refusal ?? `${t.os ?? '?'} · ${t.location} · ${t.state.label}`,
                detail: `${t.kind === 'vm' ? 'VM' : 'Scale set'} in ${t.resourceGroup}`,
                ...(refusal ? { disabledReason: `${t.name}: ${refusal}.` } : {}),
                value: t,
              };
            });
          if (!list.length) throw new Error('There are no VMs or scale sets to encrypt in the selected subscriptions.');
          return list;
        });
        c.target = await p.pick({
          title: TITLE,
          placeholder: 'VM or scale set to encrypt',
          items,
          position: pos,
          canGoBack: pos.canGoBack,
        });
      },
    },
    {
      id: 'vault',
      async prompt(c, p, pos) {
        const t = need(c.target);
        const items = s.listVaults().then((vaults) => {
          c.knownVaultNames = vaults.map((v) => v.name);
          const list: PickItem<VaultInfo | 'new'>[] = vaultPickItems(t, vaults);
          // Right under "In <region>, same subscription": the vaults that fit, and a new one.
          list.splice(1, 0, {
            label: '$(add) Create a new vault…',
            description: `in ${t.location} (${t.resourceGroup}) with disk encryption, soft delete and purge protection`,
            detail: 'created when you apply the plan, after the summary',
            value: 'new',
          });
          return list;
        });
        const picked = await p.pick<VaultInfo | 'new'>({
          title: `${TITLE}: ${targetLabel(t)}`,
          placeholder: 'Key vault for the disk encryption keys (same region and subscription)',
          items,
          position: pos,
          canGoBack: pos.canGoBack,
        });
        if (picked === 'new') {
          c.createVault = true;
          c.vault = undefined;
        } else {
          c.createVault = false;
          c.newVault = undefined;
          c.vault = picked;
        }
      },
    },
    {
      id: 'newVaultName',
      shouldPrompt: (c) => c.createVault === true,
      async prompt(c, p, pos) {
        const t = need(c.target);
        const known = c.knownVaultNames ?? [];
        c.newVaultName = await p.input({
          title: `${TITLE}: new key vault name`,
          prompt: `Name of the new key vault in ${t.location} (${t.resourceGroup}); vault names are global across Azure`,
          value: c.newVaultName ?? defaultVaultName(t.name),
          validate: (x) => newVaultNameProblem(x, known),
          position: pos,
          canGoBack: pos.canGoBack,
        });
      },
    },
    {
      id: 'newVaultSku',
      shouldPrompt: (c) => c.createVault === true,
      async prompt(c, p, pos) {
        const t = need(c.target);
        const name = need(c.newVaultName);
        const sku = await p.pick<'standard' | 'premium'>({
          title: `${TITLE}: new key vault tier`,
          placeholder: `Pricing tier of ${name}`,
          items: [
            { label: 'Standard', description: 'software-protected keys', value: 'standard' },
            { label: 'Premium', description: 'also HSM-protected keys (RSA-HSM)', value: 'premium' },
          ],
          position: pos,
          canGoBack: pos.canGoBack,
        });
        c.newVault = { name, sku };
        c.vault = newVaultInfo(
          t,
          c.newVault,
          t.tenantId ?? s.tenantOf(t.subscriptionId),
          s.factory.connection?.cloud?.keyVaultDnsSuffix,
        );
      },
    },
    {
      id: 'kekKind',
      async prompt(c, p, pos) {
        const v = need(c.vault);
        c.kekKind = await p.pick<'none' | 'existing' | 'create'>({
          title: `${TITLE}: key encryption key`,
          placeholder: c.newVault
            ? `Wrap the disk encryption secrets with a new key in ${v.name} (created after the vault)?`
            : `Wrap the disk encryption secrets with a key in ${v.name}?`,
          items: [
            {
              label: 'No key encryption key',
              description: 'ADE stores the BitLocker/dm-crypt secret unwrapped',
              value: 'none',
            },
            ...(c.newVault
              ? []
              : [{ label: 'Existing RSA key', description: `pick a key in ${v.name}`, value: 'existing' as const }]),
            {
              label: 'Create a new RSA key',
              description: `in ${v.name}${v.premium ? ' (HSM available)' : ''}`,
              value: 'create',
            },
          ],
          position: pos,
          canGoBack: pos.canGoBack,
        });
        if (c.kekKind === 'none') c.kek = { kind: 'none' };
      },
    },
    {
      id: 'kekExisting',
      shouldPrompt: (c) => c.kekKind === 'existing',
      async prompt(c, p, pos) {
        const v = need(c.vault);
        const keys = await s.listKeys(v);
        c.keys = keys;
        const items: PickItem<KeySummary>[] = keys.map((k) => ({
          label: `$(key) ${k.name}`,
          description: [k.kty, k.keySize, k.enabled === false ? 'disabled' : undefined].filter(Boolean).join(' · '),
          ...(k.usableAsKek && k.keyUriWithVersion
            ? {}
            : {
                disabledReason: k.kty?.startsWith('EC')
                  ? `${k.name} is an elliptic-curve key; ADE needs an RSA key.`
                  : `${k.name} cannot be used as a KEK (disabled, or RSA-HSM in a standard vault).`,
              }),
          value: k,
        }));
        if (!items.length)
          items.push({ label: `${v.name} has no keys`, disabledReason: 'Go back and choose "Create a new RSA key".' });
        const k = await p.pick({
          title: `${TITLE}: existing key`,
          placeholder: 'RSA key to wrap the disk secrets',
          items,
          position: pos,
          canGoBack: pos.canGoBack,
        });
        c.kek = { kind: 'existing', name: k.name, url: k.keyUriWithVersion ?? '' };
        c.kekSummary = k;
      },
    },
    {
      id: 'kekName',
      shouldPrompt: (c) => c.kekKind === 'create',
      async prompt(c, p, pos) {
        const v = need(c.vault);
        const existing = c.newVault ? [] : (c.keys ?? (await s.listKeys(v).catch(() => [])));
        c.keys = existing;
        c.newKeyName = await p.input({
          title: `${TITLE}: new key name`,
          prompt: `Name of the new RSA key in ${v.name}`,
          value: c.newKeyName ?? `kek-${need(c.target).name}`.slice(0, 127),
          validate: (x) =>
            keyNameProblem(
              x,
              existing.map((k) => k.name),
            ),
          position: pos,
          canGoBack: pos.canGoBack,
        });
      },
    },
    {
      id: 'kekSize',
      shouldPrompt: (c) => c.kekKind === 'create',
      async prompt(c, p, pos) {
        const win = need(c.target).os === 'Windows';
        c.newKeySize = await p.pick<2048 | 3072 | 4096>({
          title: `${TITLE}: key size`,
          placeholder: 'RSA key size',
          items: [
            { label: '3072', description: 'recommended; Windows Server 2022 and Windows 11 reject 2048', value: 3072 },
            { label: '4096', description: 'strongest', value: 4096 },
            {
              label: '2048',
              description: win ? 'not supported by Windows Server 2022 / Windows 11' : 'smallest allowed',
              value: 2048,
            },
          ],
          position: pos,
          canGoBack: pos.canGoBack,
        });
      },
    },
    {
      id: 'kekProtection',
      shouldPrompt: (c) => c.kekKind === 'create',
      async prompt(c, p, pos) {
        const v = need(c.vault);
        const hsm = await p.pick<boolean>({
          title: `${TITLE}: key protection`,
          placeholder: 'Software-protected RSA, or HSM-protected RSA-HSM (premium vaults only)',
          items: [
            { label: 'Software-protected (RSA)', value: false },
            {
              label: 'HSM-protected (RSA-HSM)',
              ...(v.premium
                ? { description: 'premium vault' }
                : {
                    description: `${v.name} is a standard vault`,
                    disabledReason: `RSA-HSM keys need a premium vault; ${v.name} is standard.`,
                  }),
              value: true,
            },
          ],
          position: pos,
          canGoBack: pos.canGoBack,
        });
        c.kek = { kind: 'create', name: c.newKeyName ?? '', size: c.newKeySize ?? 3072, hsm };
      },
    },
    {
      id: 'volumeType',
      async prompt(c, p, pos) {
        const t = need(c.target);
        const choices = volumeChoices(t.os, t.kind, t.dataDiskCount);
        c.volumeType = await p.pick<VolumeType>({
          title: `${TITLE}: volumes`,
          placeholder: `Which volumes of ${t.name} (${t.os ?? 'unknown OS'}) to encrypt`,
          items: choices.map((x) => ({ label: x.label, description: x.description, value: x.volumeType })),
          position: pos,
          canGoBack: pos.canGoBack,
        });
      },
    },
    {
      id: 'preflight',
      async prompt(c, p, pos) {
        // Fresh reads: the tree's cache may be older than a fix made elsewhere.
        const t = await s.readTarget(need(c.target).id);
        // A vault the plan creates does not exist yet: judge it as it will be.
        const v = c.newVault ? need(c.vault) : await s.readVault(need(c.vault).id);
        c.target = t;
        c.vault = v;
        for (;;) {
          const report = runEnablePreflight(s, c);
          c.preflight = report;
          const items = preflightItems(report, c);
          const choice = await p.pick<PreflightPick>({
            title: `${TITLE}: preflight checks`,
            placeholder: report.canProceed
              ? 'All blocking checks pass. Pick Continue, or a fix to add it to the plan.'
              : `${report.blocking.length} check(s) block ADE: pick a fix, or go back`,
            items,
            position: pos,
            canGoBack: pos.canGoBack,
          });
          if (choice.kind === 'continue') return;
          if (choice.kind === 'fix') applyFix(c, choice.check);
        }
      },
    },
    summaryStep<EnableContext>({
      title: `${TITLE}: summary`,
      plan: (c) => buildEnablePlan(s, c),
      exports: true,
      extra: [
        {
          label: '$(shield) Use encryption at host instead…',
          description: 'see eligibility and the steps, nothing changes',
          value: 'encryptionAtHost',
        },
      ],
    }),
  ];
}

type PreflightPick = { kind: 'continue' } | { kind: 'fix'; check: PreflightCheck } | { kind: 'info' };

/** A default name for a new vault: `kv-<target>` trimmed to the rules (3–24 characters, no trailing hyphen). */
export function defaultVaultName(target: string): string {
  const cleaned = `kv-${target}`
    .replace(/[^a-zA-Z0-9-]/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, 24)
    .replace(/-+$/, '');
  return cleaned.length >= 3 ? cleaned : 'kv-ade';
}

/** The vault as it will be after the picked fixes (preflight judges the plan, not the present). */
function patchedVault(v: VaultInfo, patch: VaultPatch | undefined): VaultInfo['model'] {
  if (!patch) return v.model;
  const p = v.model.properties;
  return {
    ...v.model,
    properties: {
      ...p,
      ...(patch.enabledForDiskEncryption ? { enabledForDiskEncryption: true } : {}),
      ...(patch.enableSoftDelete ? { enableSoftDelete: true } : {}),
      ...(patch.enablePurgeProtection ? { enablePurgeProtection: true } : {}),
      ...(patch.networkBypass ? { networkAcls: { ...(p.networkAcls ?? {}), bypass: patch.networkBypass } } : {}),
    },
  };
}

export function runEnablePreflight(s: WizardServices, c: EnableContext): PreflightReport {
  const t = need(c.target);
  const v = need(c.vault);
  const kekUrl = c.kek?.kind === 'existing' ? c.kek.url : undefined;
  return s.az.runPreflight({
    target:
      t.kind === 'vm'
        ? { kind: 'vm', vm: need(t.vm), ...(t.disks ? { disks: t.disks } : {}) }
        : { kind: 'vmss', vmss: need(t.vmss) },
    operation: 'enable',
    ...(c.volumeType ? { volumeType: c.volumeType } : {}),
    vault: patchedVault(v, c.vaultPatch),
    vaultId: v.id,
    ...(kekUrl ? { keyEncryptionKeyUrl: kekUrl } : {}),
    ...(kekUrl && c.kekSummary ? { kek: keyModel(c.kekSummary) } : {}),
  });
}

/** The parts of a key's model the preflight reads, from the listing's summary. */
function keyModel(k: KeySummary): Key {
  return {
    ...(k.kty ? { kty: k.kty } : {}),
    ...(k.keySize !== undefined ? { keySize: k.keySize } : {}),
    ...(k.rotationPolicyRotates ? { rotationPolicy: { lifetimeActions: [{ action: { type: 'rotate' } }] } } : {}),
  };
}

function icon(ch: PreflightCheck): string {
  // The retirement notice is always "ok": show it as information, not as a pass.
  if (ch.ok) return ch.id === 'retirement' ? '$(info)' : '$(pass)';
  return ch.severity === 'error' ? '$(error)' : '$(warning)';
}

function fixLabel(ch: PreflightCheck, vaultName: string): string | undefined {
  const f = ch.fix;
  if (!f) return undefined;
  switch (f.kind) {
    case 'patchVault': {
      const what = f.patch.enabledForDiskEncryption
        ? 'enable disk encryption (enabledForDiskEncryption = true)'
        : f.patch.enableSoftDelete
          ? 'turn soft delete on'
          : f.patch.enablePurgeProtection
            ? 'turn purge protection on (cannot be undone)'
            : 'let trusted Microsoft services through the firewall';
      return `Fix: ${what} on ${vaultName} (PATCH; access policies untouched)`;
    }
    case 'setVolumeType':
      return `Fix: use volume type ${f.volumeType}`;
    default:
      return undefined;
  }
}

export function preflightItems(report: PreflightReport, c: EnableContext): PickItem<PreflightPick>[] {
  const vaultName = c.vault?.name ?? 'the vault';
  const failed = report.checks.filter((ch) => !ch.ok);
  const passed = report.checks.filter((ch) => ch.ok);
  const items: PickItem<PreflightPick>[] = [
    report.canProceed
      ? { label: '$(arrow-right) Continue to the summary', value: { kind: 'continue' } }
      : {
          label: '$(arrow-right) Continue to the summary',
          description: `${report.blocking.length} blocking`,
          disabledReason: `Blocked by: ${report.blocking.map((b) => b.message).join(' ')} Pick a fix or go back.`,
          value: { kind: 'continue' },
        },
  ];
  if (failed.length) items.push({ label: 'Needs attention', separator: true });
  for (const ch of failed) {
    items.push({
      label: `${icon(ch)} ${ch.message}`,
      description: `${ch.severity}${ch.source === 'cli' ? ' · Azure CLI check' : ' · ADE docs'}`,
      ...(ch.fix?.kind === 'manual' ? { detail: ch.fix.steps } : {}),
      value: { kind: 'info' },
    });
    const fl = fixLabel(ch, vaultName);
    if (fl)
      items.push({
        label: `$(wrench) ${fl}`,
        description: 'adds this change to the plan',
        value: { kind: 'fix', check: ch },
      });
  }
  items.push({ label: 'Passed', separator: true });
  for (const ch of passed)
    items.push({
      label: `${icon(ch)} ${ch.message}`,
      description: ch.source === 'cli' ? 'Azure CLI check' : 'ADE docs',
      value: { kind: 'info' },
    });
  return items;
}

function applyFix(c: EnableContext, ch: PreflightCheck): void {
  const f = ch.fix;
  if (f?.kind === 'patchVault') c.vaultPatch = { ...(c.vaultPatch ?? {}), ...f.patch };
  if (f?.kind === 'setVolumeType') c.volumeType = f.volumeType;
}

export function vaultFixWords(patch: VaultPatch | undefined): string[] {
  if (!patch) return [];
  return [
    patch.enabledForDiskEncryption ? 'enabledForDiskEncryption → true' : undefined,
    patch.enableSoftDelete ? 'enableSoftDelete → true' : undefined,
    patch.enablePurgeProtection ? 'enablePurgeProtection → true (irreversible)' : undefined,
    patch.networkBypass ? `networkAcls.bypass → ${patch.networkBypass}` : undefined,
  ].filter((x): x is string => !!x);
}

export function vaultFixCliFlags(patch: VaultPatch | undefined): string[] {
  if (!patch) return [];
  return [
    patch.enabledForDiskEncryption ? '--enabled-for-disk-encryption true' : undefined,
    patch.enableSoftDelete ? '--enable-soft-delete true' : undefined,
    patch.enablePurgeProtection ? '--enable-purge-protection true' : undefined,
    patch.networkBypass ? `--bypass ${patch.networkBypass}` : undefined,
  ].filter((x): x is string => !!x);
}

/** Builds the steps that will run, with one line per change in Azure. */
export function buildEnablePlan(
  s: WizardServices,
  c: EnableContext,
  follow?: { timeoutMs?: number; initialDelayMs?: number; maxDelayMs?: number },
): Plan {
  const t = need(c.target);
  const v = need(c.vault);
  const volumeType = need(c.volumeType);
  c.sequenceVersion ??= randomUUID();
  const seq = c.sequenceVersion;
  const tenant = t.tenantId ? { tenantId: t.tenantId } : {};
  const steps: ExecStep[] = [];
  const nv = c.newVault;
  if (nv) {
    steps.push({
      title: `Create key vault ${nv.name}`,
      changes: [newVaultWords(nv, t)],
      run: async (signal, report) => {
        const tenantId = t.tenantId ?? s.tenantOf(t.subscriptionId) ?? v.model.properties.tenantId;
        const r = await s.az.createVault(s.factory, {
          subscriptionId: t.subscriptionId,
          resourceGroup: t.resourceGroup,
          name: nv.name,
          location: t.location,
          tenantId,
          sku: nv.sku,
          rbac: true,
          signal,
          onProgress: (x) => report(x.message),
        });
        return r.summary;
      },
    });
  }
  const fixes = vaultFixWords(c.vaultPatch);
  if (c.vaultPatch && fixes.length) {
    const patch = c.vaultPatch;
    steps.push({
      title: `Update key vault ${v.name}`,
      changes: [`Key vault ${v.name}: ${fixes.join(', ')} (PATCH of these properties only; access policies untouched)`],
      run: async (signal, report) => {
        const r = await s.az.patchVault(s.factory, v.id, patch, {
          signal,
          onProgress: (x) => report(x.message),
          ...tenant,
        });
        return r.summary;
      },
    });
  }
  let kekUrl = c.kek?.kind === 'existing' ? c.kek.url : undefined;
  const kek = c.kek;
  if (kek?.kind === 'create') {
    steps.push({
      title: `Create key ${kek.name}`,
      changes: [
        `Key vault ${v.name}: create ${kek.hsm ? 'RSA-HSM' : 'RSA'} ${kek.size}-bit key ${kek.name} (wrapKey, unwrapKey)`,
      ],
      run: async (signal, report) => {
        const r = await s.az.createKek(s.factory, {
          vaultId: v.id,
          keyName: kek.name,
          keySize: kek.size,
          hsm: kek.hsm,
          signal,
          onProgress: (x) => report(x.message),
          ...tenant,
        });
        kekUrl = r.value.keyUrlWithVersion;
        return r.summary;
      },
    });
  }
  const ext = t.os === 'Windows' ? 'AzureDiskEncryption 2.2' : 'AzureDiskEncryptionForLinux 1.1';
  const kekWords =
    kek?.kind === 'existing'
      ? `, KEK ${kek.url}`
      : kek?.kind === 'create'
        ? `, KEK ${kek.name} (new version URL)`
        : ', no KEK';
  steps.push({
    title: `Run ADE on ${t.name}`,
    changes: [
      t.kind === 'vm'
        ? `VM ${t.name}: ADE extension ${ext} with EncryptionOperation EnableEncryption, VolumeType ${volumeType}, KeyVaultURL ${nv ? (v.model.properties.vaultUri ?? `of ${v.name}`) : `of ${v.name}`}${kekWords}, SequenceVersion ${seq}`
        : `Scale set ${t.name}: ADE extension ${ext} in the model with VolumeType ${volumeType}, vault ${v.name}${kekWords}; instances updated when the upgrade mode is manual`,
    ],
    run: async (signal, report) => {
      const common = {
        vaultId: v.id,
        volumeType,
        ...(kekUrl ? { keyEncryptionKeyUrl: kekUrl, kekVaultId: v.id } : {}),
        signal,
        onProgress: (x: { message: string }) => report(x.message),
        ...tenant,
      };
      const r =
        t.kind === 'vm'
          ? await s.az.enableAde(s.factory, { ...common, vmId: t.id, newSequenceVersion: () => seq })
          : await s.az.enableScaleSetAde(s.factory, { ...common, vmssId: t.id, newForceUpdateTag: () => seq });
      return [r.summary, ...r.warnings].join(' ');
    },
  });
  if (t.kind === 'vm') steps.push(followDisksStep(s, t, 'enable', volumeType, follow));
  const notes = [RETIREMENT_NOTICE];
  const vn = volumeNote(t.os, volumeType, t.dataDiskCount);
  if (vn) notes.push(vn);
  if (c.vaultPatch?.enablePurgeProtection || nv) notes.push('Purge protection cannot be turned off again.');
  if (nv)
    notes.push(
      `${nv.name} uses Azure RBAC: the ADE extension needs no role, but people and apps that manage its keys need a Key Vault role (e.g. Key Vault Crypto Officer).`,
    );
  return { title: `Enable disk encryption on ${t.name}`, steps, notes };
}

export function enableExportInput(c: EnableContext): EnableExportInput {
  const t = need(c.target);
  const v = need(c.vault);
  c.sequenceVersion ??= randomUUID();
  const kek = c.kek;
  return {
    target: {
      kind: t.kind,
      name: t.name,
      resourceGroup: t.resourceGroup,
      subscriptionId: t.subscriptionId,
      os: t.os ?? 'Linux',
      location: t.location,
    },
    vault: { name: v.name, resourceGroup: v.resourceGroup, subscriptionId: v.subscriptionId },
    ...(c.newVault ? { newVault: { location: t.location, sku: c.newVault.sku, rbac: true } } : {}),
    volumeType: need(c.volumeType),
    ...(kek?.kind === 'existing' ? { kek: { kind: 'existing', url: kek.url } } : {}),
    ...(kek?.kind === 'create' ? { kek: { kind: 'create', name: kek.name, size: kek.size, hsm: kek.hsm } } : {}),
    sequenceVersion: c.sequenceVersion,
    vaultFixes: vaultFixCliFlags(c.vaultPatch),
  };
}

export function enableExport(c: EnableContext, format: 'bicep' | 'json'): string {
  const input = enableExportInput(c);
  return format === 'bicep' ? enableBicep(input) : enableArmJson(input);
}
