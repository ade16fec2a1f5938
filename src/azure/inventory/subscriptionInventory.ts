import type { Disk, VirtualMachine, VirtualMachineInstanceView, VirtualMachineScaleSet } from '@azure/arm-compute';
import type { Vault } from '@azure/arm-keyvault';
import { findAdeExtension, isFinalProvisioningState, osKindOf } from '../ade/extension';
import type { AzureClientFactory } from '../clients';
import { describeAzureError, isAbortError, type PlainError } from '../errors';
import { parseResourceId } from '../ids';
import { encryptionState } from '../state/encryptionState';
import { scaleSetEncryptionState } from '../state/scaleSetState';
import { vaultReadiness } from '../state/vaultReadiness';
import { collect, mapWithConcurrency } from './concurrency';
import type {
  InventoryOptions,
  Outcome,
  ScaleSetEncryptionItem,
  SubscriptionInfo,
  SubscriptionInventory,
  VaultItem,
  VmEncryptionItem,
} from './types';

type PartialError = SubscriptionInventory['partialErrors'][number];

async function settle<T>(p: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await p };
  } catch (err) {
    if (isAbortError(err)) throw err;
    return { ok: false, error: describeAzureError(err) };
  }
}

function vaultItem(v: Vault): VaultItem {
  const parsed = v.id ? parseResourceId(v.id) : undefined;
  return {
    id: v.id ?? '',
    name: v.name ?? parsed?.name ?? '',
    resourceGroup: parsed?.resourceGroup ?? '',
    location: v.location ?? '',
    ...(v.properties?.sku?.name ? { sku: v.properties.sku.name } : {}),
    ...(v.properties?.vaultUri ? { vaultUri: v.properties.vaultUri } : {}),
    readiness: vaultReadiness(v),
    model: v,
  };
}

function scaleSetItem(s: VirtualMachineScaleSet, now: Date): ScaleSetEncryptionItem {
  const parsed = s.id ? parseResourceId(s.id) : undefined;
  return {
    id: s.id ?? '',
    name: s.name ?? parsed?.name ?? '',
    resourceGroup: parsed?.resourceGroup ?? '',
    location: s.location,
    os: osKindOf(s.virtualMachineProfile?.storageProfile?.osDisk?.osType),
    ...(s.sku?.capacity !== undefined ? { capacity: s.sku.capacity } : {}),
    ...(s.upgradePolicy?.mode ? { upgradeMode: s.upgradePolicy.mode } : {}),
    state: scaleSetEncryptionState(s, { now }),
    model: s,
  };
}

/** The ADE extension is still provisioning (decided from the VM model alone). */
function adeExtensionRunning(vm: VirtualMachine): boolean {
  const ext = findAdeExtension(vm.resources);
  return !!ext && ext.provisioningState !== undefined && !isFinalProvisioningState(ext.provisioningState);
}

function vmDiskIds(vm: VirtualMachine): string[] {
  const sp = vm.storageProfile;
  return [sp?.osDisk?.managedDisk?.id, ...(sp?.dataDisks ?? []).map((d) => d.managedDisk?.id)]
    .filter((x): x is string => !!x)
    .map((x) => x.toLowerCase());
}

/**
 * The encryption picture of one subscription in a fixed number of list calls, whatever the VM count:
 * VMs (models include the extension child resources), managed disks (ADE stamps, SSE type), scale
 * sets (extension profile), and optionally vaults. Instance views are read only for VMs whose state the
 * models cannot settle (ADE extension still running, or done with nothing stamped) unless asked for all.
 */
export async function loadSubscriptionInventory(
  factory: AzureClientFactory,
  subscription: SubscriptionInfo,
  options: InventoryOptions = {},
): Promise<SubscriptionInventory> {
  const { signal } = options;
  const now = options.now ?? new Date();
  const subId = subscription.subscriptionId;
  const tenant = subscription.tenantId || undefined;
  const before = factory.requestCount(subId);
  const compute = factory.compute(subId, tenant);
  const mode = options.instanceViews ?? 'auto';

  const vmsP = collect(
    compute.virtualMachines.listAll({ abortSignal: signal, ...(mode === 'all' ? { expand: 'instanceView' } : {}) }),
    signal,
  );
  const disksP = settle(collect(compute.disks.list({ abortSignal: signal }), signal));
  const scaleSetsP =
    options.includeScaleSets === false
      ? undefined
      : settle(collect(compute.virtualMachineScaleSets.listAll({ abortSignal: signal }), signal));
  const vaultsP =
    options.includeVaults === false
      ? undefined
      : settle(collect(factory.keyVault(subId, tenant).vaults.listBySubscription({ abortSignal: signal }), signal));

  const views = new Map<VirtualMachine, VirtualMachineInstanceView>();
  let instanceViewError: PlainError | undefined;
  const fetchViews = (wanted: readonly VirtualMachine[]) =>
    mapWithConcurrency(
      wanted.filter((vm) => !views.has(vm)),
      options.instanceViewConcurrency ?? 8,
      async (vm) => {
        const parsed = vm.id ? parseResourceId(vm.id) : undefined;
        if (!parsed || !vm.name) return;
        const got = await settle(
          compute.virtualMachines.instanceView(parsed.resourceGroup, vm.name, { abortSignal: signal }),
        );
        if (got.ok) views.set(vm, got.value);
        else instanceViewError ??= got.error;
      },
      signal,
    );
  // Early instance views: a running ADE extension is visible in the VM model alone, so those views are
  // read while the disk listing is still on its way (one round trip less for the slowest subscriptions).
  const earlyViews = settle(
    vmsP.then((vms) =>
      mode === 'none'
        ? undefined
        : fetchViews(vms.filter((vm) => (mode === 'all' ? !vm.instanceView : adeExtensionRunning(vm)))),
    ),
  );

  // Let the side listings settle before a VM failure propagates, so no request outlives the call.
  const [vmsOutcome, disksOutcome, scaleSetsOutcome, vaultsOutcome, early] = await Promise.all([
    settle(vmsP),
    disksP,
    scaleSetsP,
    vaultsP,
    earlyViews,
  ]);
  if (!vmsOutcome.ok) throw new SubscriptionLoadError(vmsOutcome.error);
  if (!early.ok) throw new SubscriptionLoadError(early.error);
  const vms = vmsOutcome.value;
  const partialErrors: PartialError[] = [];
  if (!disksOutcome.ok) partialErrors.push({ part: 'disks', error: disksOutcome.error });
  if (scaleSetsOutcome && !scaleSetsOutcome.ok)
    partialErrors.push({ part: 'scaleSets', error: scaleSetsOutcome.error });
  if (vaultsOutcome && !vaultsOutcome.ok) partialErrors.push({ part: 'vaults', error: vaultsOutcome.error });
  const allDisks = disksOutcome.ok ? disksOutcome.value : [];
  const diskById = new Map<string, Disk>();
  for (const d of allDisks) if (d.id) diskById.set(d.id.toLowerCase(), d);

  const firstPass = vms.map((vm) => {
    const disks = vmDiskIds(vm)
      .map((id) => diskById.get(id))
      .filter((d): d is Disk => !!d);
    return { vm, disks, state: encryptionState(vm, views.get(vm) ?? vm.instanceView, disks, { now }) };
  });

  // Late instance views: states that only the disks showed to be undecided (e.g. ADE done, nothing stamped).
  // Stamped VMs are not read here: one request per ADE VM would break the fixed per-subscription budget, so
  // they are verified afterwards (verifyStampedVms), lazily and with a concurrency cap.
  if (mode !== 'none')
    await fetchViews(
      firstPass
        .filter((e) => e.state.needsInstanceView && (mode === 'all' || e.state.summary !== 'stamped'))
        .map((e) => e.vm),
    );
  if (instanceViewError) partialErrors.push({ part: 'instanceViews', error: instanceViewError });

  const items: VmEncryptionItem[] = firstPass.map((e) => {
    const iv = views.get(e.vm) ?? e.vm.instanceView;
    const parsed = e.vm.id ? parseResourceId(e.vm.id) : undefined;
    return {
      id: e.vm.id ?? '',
      name: e.vm.name ?? parsed?.name ?? '',
      resourceGroup: parsed?.resourceGroup ?? '',
      location: e.vm.location,
      os: e.state.os ?? osKindOf(e.vm.storageProfile?.osDisk?.osType),
      ...(e.vm.hardwareProfile?.vmSize ? { vmSize: e.vm.hardwareProfile.vmSize } : {}),
      state: views.has(e.vm) && e.state.basis === 'model' ? encryptionState(e.vm, iv, e.disks, { now }) : e.state,
      model: e.vm,
      disks: e.disks,
      ...(iv ? { instanceView: iv } : {}),
    };
  });

  return {
    subscription,
    vms: items,
    scaleSets: scaleSetsOutcome?.ok ? scaleSetsOutcome.value.map((s) => scaleSetItem(s, now)) : [],
    ...(vaultsOutcome ? { vaults: vaultsOutcome.ok ? vaultsOutcome.value.map(vaultItem) : [] } : {}),
    requestCount: factory.requestCount(subId) - before,
    partialErrors,
  };
}

/**
 * Key vaults of one subscription with their ADE readiness, for callers that load vaults only when
 * the user opens them (the encryption picture itself needs VMs, disks and scale sets only).
 */
export async function listVaults(
  factory: AzureClientFactory,
  subscription: SubscriptionInfo,
  options: { signal?: AbortSignal } = {},
): Promise<VaultItem[]> {
  const kv = factory.keyVault(subscription.subscriptionId, subscription.tenantId || undefined);
  const vaults = await collect(kv.vaults.listBySubscription({ abortSignal: options.signal }), options.signal);
  return vaults.map(vaultItem);
}

/** The VM listing failed: the subscription has no picture at all. */
export class SubscriptionLoadError extends Error {
  constructor(readonly plain: PlainError) {
    super(plain.message);
    this.name = 'SubscriptionLoadError';
  }
}

/**
 * Inventories many subscriptions, a few at a time (default 4). Each subscription yields ok or an error
 * in plain words; one failing never hides the others. Aborting stops everything (rejects with AbortError).
 */
export async function loadInventory(
  factory: AzureClientFactory,
  subscriptions: readonly SubscriptionInfo[],
  options: InventoryOptions = {},
): Promise<Map<string, Outcome<SubscriptionInventory>>> {
  const results = new Map<string, Outcome<SubscriptionInventory>>();
  let done = 0;
  await mapWithConcurrency(
    subscriptions,
    options.concurrency ?? 4,
    async (sub) => {
      let outcome: Outcome<SubscriptionInventory>;
      try {
        outcome = { ok: true, value: await loadSubscriptionInventory(factory, sub, options) };
      } catch (err) {
        if (isAbortError(err)) throw err;
        outcome = { ok: false, error: err instanceof SubscriptionLoadError ? err.plain : describeAzureError(err) };
      }
      results.set(sub.subscriptionId, outcome);
      done++;
      options.onSubscription?.(sub.subscriptionId, outcome);
      options.onProgress?.({
        subscriptionId: sub.subscriptionId,
        done,
        total: subscriptions.length,
        outcome: outcome.ok ? 'ok' : 'error',
      });
    },
    options.signal,
  );
  return results;
}

export interface VerifyOptions {
  readonly signal?: AbortSignal;
  /** Instance views read at the same time (default 2: a background pass must not crowd out the user). */
  readonly concurrency?: number;
  /** At most this many VMs per call (default all stamped ones). */
  readonly max?: number;
  readonly now?: Date;
}

/**
 * Reads the instance view of VMs whose picture is "ADE settings stamped" (one request each, `concurrency` at a
 * time) and returns them with the verified state; VMs whose view could not be read stay as they were.
 */
export async function verifyStampedVms(
  factory: AzureClientFactory,
  subscription: SubscriptionInfo,
  items: readonly VmEncryptionItem[],
  options: VerifyOptions = {},
): Promise<VmEncryptionItem[]> {
  const compute = factory.compute(subscription.subscriptionId, subscription.tenantId || undefined);
  const wanted = items.filter((i) => i.state.summary === 'stamped').slice(0, options.max ?? Number.MAX_SAFE_INTEGER);
  const out: VmEncryptionItem[] = [];
  await mapWithConcurrency(
    wanted,
    options.concurrency ?? 2,
    async (item) => {
      const got = await settle(
        compute.virtualMachines.instanceView(item.resourceGroup, item.name, { abortSignal: options.signal }),
      );
      if (!got.ok) return;
      const state = encryptionState(item.model, got.value, item.disks, { now: options.now ?? new Date() });
      out.push({ ...item, state, instanceView: got.value });
    },
    options.signal,
  );
  return out;
}
