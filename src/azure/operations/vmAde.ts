import { randomUUID } from 'node:crypto';
import type { Disk, VirtualMachine, VirtualMachineExtension } from '@azure/arm-compute';
import type { Vault } from '@azure/arm-keyvault';
import {
  ADE_EXTENSION,
  ADE_PUBLISHER,
  findAdeExtension,
  isLegacyAdeVersion,
  normalizeVolumeType,
  osKindOf,
  type OsKind,
  type VolumeType,
} from '../ade/extension';
import { keyVaultUrl } from '../auth/clouds';
import type { AzureClientFactory } from '../clients';
import { AzureOperationError } from '../errors';
import { requireResourceId } from '../ids';
import { collect } from '../inventory/concurrency';
import { defaultVolumeType, runPreflight } from '../preflight/checks';
import type { PreflightReport } from '../preflight/types';
import { LINUX_DISABLE_OS_ENCRYPTED } from '../../ade';
import { encryptionState, osVolumeEncrypted } from '../state/encryptionState';
import { adeFailureHint } from '../state/failureHints';
import { scaleSetShowStatus, vmShowStatus } from '../state/showStatus';
import type { EncryptionState } from '../state/types';
import { pollWithBackoff, type BackoffOptions } from './poll';
import { refuse, runOperation, type Change, type OperationOptions, type OperationResult } from './types';

export interface EnableAdeParams extends OperationOptions {
  readonly vmId: string;
  /** Disk-encryption vault (same region and subscription as the VM). */
  readonly vaultId: string;
  /** Versioned KEK URL (optional). */
  readonly keyEncryptionKeyUrl?: string;
  /** KEK vault; defaults to the disk-encryption vault, as in the CLI. */
  readonly kekVaultId?: string;
  /** Default `RSA-OAEP` (the CLI's default). */
  readonly keyEncryptionAlgorithm?: 'RSA-OAEP' | 'RSA-OAEP-256' | 'RSA1_5';
  /** Default: Windows ALL; Linux OS without data disks, otherwise required. */
  readonly volumeType?: VolumeType;
  /** Linux only: format-and-encrypt data disks (destroys their data). */
  readonly encryptFormatAll?: boolean;
  /** Go on despite failed preflight checks (the CLI's --force). */
  readonly force?: boolean;
  /** Poll the VM until disks reach a final state. */
  readonly follow?: boolean | FollowOptions;
  /** For tests: deterministic SequenceVersion. */
  readonly newSequenceVersion?: () => string;
}

export interface DisableAdeParams extends OperationOptions {
  readonly vmId: string;
  /** Windows: ALL (default), OS or DATA. Linux: DATA only. */
  readonly volumeType?: VolumeType;
  readonly follow?: boolean | FollowOptions;
  readonly newSequenceVersion?: () => string;
}

export type FollowOptions = BackoffOptions;

export interface AdeRunResult {
  readonly extension: VirtualMachineExtension;
  /** Settings written (public settings; there are no protected settings for single-pass ADE). */
  readonly settings: Record<string, string | null>;
  readonly preflight?: PreflightReport;
  /** Final state when followed, else the state right after the extension finished. */
  readonly state: EncryptionState;
  /** False when following stopped at the timeout. */
  readonly finished: boolean;
}

function vmOs(vm: VirtualMachine): OsKind {
  const os = osKindOf(vm.storageProfile?.osDisk?.osType);
  if (!os) throw refuse('The VM model does not say whether it runs Windows or Linux.');
  return os;
}

async function readVm(factory: AzureClientFactory, vmId: string, opts: OperationOptions) {
  const { subscriptionId, resourceGroup, name } = requireResourceId(vmId, 'VM');
  const compute = factory.compute(subscriptionId, opts.tenantId);
  const vm = await compute.virtualMachines.get(resourceGroup, name, { abortSignal: opts.signal });
  return { vm, compute, subscriptionId, resourceGroup, name };
}

async function readVmDisks(factory: AzureClientFactory, vm: VirtualMachine, opts: OperationOptions): Promise<Disk[]> {
  const ids = [
    vm.storageProfile?.osDisk?.managedDisk?.id,
    ...(vm.storageProfile?.dataDisks ?? []).map((d) => d.managedDisk?.id),
  ];
  const out: Disk[] = [];
  for (const id of ids) {
    if (!id) continue;
    const p = requireResourceId(id, 'Disk');
    out.push(
      await factory
        .compute(p.subscriptionId, opts.tenantId)
        .disks.get(p.resourceGroup, p.name, { abortSignal: opts.signal }),
    );
  }
  return out;
}

async function readVaultOrNull(
  factory: AzureClientFactory,
  vaultId: string,
  opts: OperationOptions,
): Promise<Vault | null> {
  const p = requireResourceId(vaultId, 'Key vault');
  try {
    return await factory
      .keyVault(p.subscriptionId, opts.tenantId)
      .vaults.get(p.resourceGroup, p.name, { abortSignal: opts.signal });
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}

/** Extension PUT body: publisher/type/version per OS, auto minor upgrade on, as the CLI builds it. */
function extensionBody(
  vm: VirtualMachine,
  os: OsKind,
  settings: Record<string, string | null>,
): VirtualMachineExtension {
  return {
    location: vm.location,
    publisher: ADE_PUBLISHER,
    typePropertiesType: ADE_EXTENSION[os].type,
    typeHandlerVersion: ADE_EXTENSION[os].version,
    autoUpgradeMinorVersion: true,
    settings,
  };
}

async function putExtensionAndRead(
  factory: AzureClientFactory,
  target: Awaited<ReturnType<typeof readVm>>,
  os: OsKind,
  body: VirtualMachineExtension,
  opts: OperationOptions,
): Promise<VirtualMachineExtension> {
  const extName = findAdeExtension(target.vm.resources)?.name ?? ADE_EXTENSION[os].type;
  opts.onProgress?.({ message: `Running the ADE extension on ${target.name}…` });
  await target.compute.virtualMachineExtensions.createOrUpdate(target.resourceGroup, target.name, extName, body, {
    abortSignal: opts.signal,
    updateIntervalInMs: 2_000,
  });
  // Like the CLI: read back with the instance view and fail when the extension did not succeed.
  return target.compute.virtualMachineExtensions.get(target.resourceGroup, target.name, extName, {
    abortSignal: opts.signal,
    expand: 'instanceView',
  });
}

function extensionFailure(ext: VirtualMachineExtension): AzureOperationError {
  const msg =
    ext.instanceView?.statuses?.find((s) => s.level === 'Error')?.message ??
    ext.instanceView?.statuses?.[0]?.message ??
    `The ADE extension ended in state ${ext.provisioningState ?? 'unknown'}.`;
  return new AzureOperationError({
    kind: 'badRequest',
    code: 'VMExtensionProvisioningError',
    message: `ADE failed: ${msg}`,
    fix:
      adeFailureHint(msg) ??
      'Fix the cause (often the key vault settings), then run enable again; a new SequenceVersion re-runs the extension.',
    retryable: false,
    detail: msg,
  });
}

/**
 * Polls the VM (model + instance view) until no disk is in progress and the targeted disks have the
 * wanted state, reporting each poll. Cancellable; stops at the timeout with `finished: false`.
 */
export async function followVmEncryption(
  factory: AzureClientFactory,
  vmId: string,
  goal: { operation: 'enable' | 'disable'; volumeType: VolumeType },
  opts: OperationOptions & FollowOptions,
): Promise<{ state: EncryptionState; finished: boolean }> {
  const { subscriptionId, resourceGroup, name } = requireResourceId(vmId, 'VM');
  const compute = factory.compute(subscriptionId, opts.tenantId);
  const wantOs = goal.volumeType !== 'DATA';
  const wantData = goal.volumeType !== 'OS';
  const wanted = goal.operation === 'enable' ? 'encrypted' : 'notEncrypted';
  const result = await pollWithBackoff(
    async () => {
      const vm = await compute.virtualMachines.get(resourceGroup, name, {
        abortSignal: opts.signal,
        expand: 'instanceView',
      });
      const disks = await readVmDisks(factory, vm, opts);
      const state = encryptionState(vm, vm.instanceView, disks);
      const pending = state.disks.filter((d) => (d.role === 'os' ? wantOs : wantData) && d.adeStatus !== wanted);
      opts.onProgress?.({
        message: pending.length
          ? `${pending.length} disk(s) still ${goal.operation === 'enable' ? 'encrypting' : 'decrypting'}…`
          : 'Done.',
        percent: state.disks.length
          ? Math.round(((state.disks.length - pending.length) / state.disks.length) * 100)
          : 100,
      });
      return { state, pending: pending.length };
    },
    (v) => v.state.summary === 'failed' || v.pending === 0,
    opts,
  );
  return { state: result.value.state, finished: result.finished };
}

/**
 * The VM's encryption state once the extension has run: followed to the final disk states when
 * asked, else read once (model, instance view and disks).
 */
async function stateAfterRun(
  factory: AzureClientFactory,
  params: OperationOptions & { readonly vmId: string; readonly follow?: boolean | FollowOptions },
  operation: 'enable' | 'disable',
  volumeType: VolumeType,
): Promise<{ state: EncryptionState; finished: boolean }> {
  if (params.follow) {
    const follow = typeof params.follow === 'object' ? params.follow : {};
    return followVmEncryption(factory, params.vmId, { operation, volumeType }, { ...params, ...follow });
  }
  const { subscriptionId, resourceGroup, name } = requireResourceId(params.vmId, 'VM');
  const after = await factory.compute(subscriptionId, params.tenantId).virtualMachines.get(resourceGroup, name, {
    abortSignal: params.signal,
    expand: 'instanceView',
  });
  return {
    state: encryptionState(after, after.instanceView, await readVmDisks(factory, after, params)),
    finished: true,
  };
}

/**
 * `az vm encryption enable` (single-pass, no AAD app): preflight, then PUT the ADE extension with
 * exactly the CLI's public settings and a fresh SequenceVersion, then (optionally) follow the disks.
 */
export function enableAde(
  factory: AzureClientFactory,
  params: EnableAdeParams,
): Promise<OperationResult<AdeRunResult>> {
  return runOperation(async () => {
    const target = await readVm(factory, params.vmId, params);
    const { vm } = target;
    const os = vmOs(vm);
    const existing = findAdeExtension(vm.resources);
    if (
      vm.storageProfile?.osDisk?.encryptionSettings ||
      (existing && isLegacyAdeVersion(os, existing.typeHandlerVersion))
    ) {
      throw refuse(
        'This VM uses legacy ADE with a Microsoft Entra app; it must stay on that schema and needs the AAD app credentials.',
        'Use `az vm encryption enable` with --aad-client-id and a secret or certificate thumbprint.',
      );
    }
    const kekVaultId = params.keyEncryptionKeyUrl ? (params.kekVaultId ?? params.vaultId) : undefined;
    const [vault, kekVault, disks] = await Promise.all([
      readVaultOrNull(factory, params.vaultId, params),
      kekVaultId && kekVaultId.toLowerCase() !== params.vaultId.toLowerCase()
        ? readVaultOrNull(factory, kekVaultId, params)
        : Promise.resolve(undefined),
      readVmDisks(factory, vm, params),
    ]);
    const preflight = runPreflight({
      target: { kind: 'vm', vm, disks },
      operation: 'enable',
      vault,
      vaultId: params.vaultId,
      ...(normalizeVolumeType(params.volumeType) ? { volumeType: normalizeVolumeType(params.volumeType) } : {}),
      ...(params.keyEncryptionKeyUrl ? { keyEncryptionKeyUrl: params.keyEncryptionKeyUrl } : {}),
      ...(kekVault !== undefined ? { kekVault } : {}),
    });
    const warnings: string[] = [];
    if (!preflight.canProceed) {
      const text = preflight.blocking.map((c) => c.message).join(' ');
      if (!params.force || !vault)
        throw refuse(
          `Cannot enable ADE: ${text}`,
          preflight.blocking[0]?.fix ? 'Apply the suggested fixes and try again.' : undefined,
        );
      warnings.push(`${text} Encryption might fail.`);
    }
    const def = defaultVolumeType(os, 'vm', 'enable', (vm.storageProfile?.dataDisks ?? []).length > 0);
    const volumeType = normalizeVolumeType(params.volumeType) ?? (typeof def === 'string' ? def : undefined);
    if (!volumeType) throw refuse('VM has data disks, please supply a volume type (DATA, OS or ALL).');
    if (params.encryptFormatAll && os !== 'Linux') throw refuse('Encrypt-format-all is only supported for Linux VMs.');
    if (!vault) throw refuse(`Key vault '${params.vaultId}' was not found.`);

    const kekUrl = params.keyEncryptionKeyUrl;
    // Exactly the CLI's public_config for new ADE (`encrypt_vm` in disk_encryption.py): KEK URL null without a KEK, KEK vault ''.
    const settings: Record<string, string | null> = {
      KeyVaultURL: vault.properties?.vaultUri ?? keyVaultUrl(factory.connection.cloud, vault.name ?? ''),
      VolumeType: volumeType,
      EncryptionOperation: params.encryptFormatAll ? 'EnableEncryptionFormatAll' : 'EnableEncryption',
      KeyEncryptionKeyURL: kekUrl ?? null,
      KeyEncryptionAlgorithm: params.keyEncryptionAlgorithm ?? 'RSA-OAEP',
      SequenceVersion: (params.newSequenceVersion ?? randomUUID)(),
      KeyVaultResourceId: vault.id ?? params.vaultId,
      KekVaultResourceId: kekUrl ? (kekVaultId ?? '') : '',
    };
    const ext = await putExtensionAndRead(factory, target, os, extensionBody(vm, os, settings), params);
    if ((ext.provisioningState ?? '').toLowerCase() !== 'succeeded') throw extensionFailure(ext);
    if (os === 'Linux' && volumeType !== 'DATA') {
      warnings.push(
        'The encryption request was accepted; Linux OS disk encryption can take hours. Follow the status to see it finish.',
      );
    }

    const { state, finished } = await stateAfterRun(factory, params, 'enable', volumeType);
    const changes: Change[] = [
      {
        resourceId: ext.id ?? `${params.vmId}/extensions/${ADE_EXTENSION[os].type}`,
        property: 'properties.settings',
        before: existing?.settings,
        after: settings,
      },
    ];
    return {
      changed: true,
      summary: `ADE ${params.encryptFormatAll ? 'format-and-encrypt' : 'encryption'} of ${volumeType} volumes started on ${target.name} with ${vault.name ?? 'the vault'}${kekUrl ? ' and a KEK' : ''}.`,
      changes,
      warnings,
      value: { extension: ext, settings, preflight, state, finished },
    };
  });
}

/**
 * `az vm encryption disable`: the extension runs again with `DisableEncryption` (it is not removed;
 * removing it first would leave the disks encrypted). Linux decrypts data volumes only.
 */
export function disableAde(
  factory: AzureClientFactory,
  params: DisableAdeParams,
): Promise<OperationResult<AdeRunResult>> {
  return runOperation(async () => {
    const target = await readVm(factory, params.vmId, params);
    const { vm } = target;
    const os = vmOs(vm);
    const existing = findAdeExtension(vm.resources);
    if (!existing && !vm.storageProfile?.osDisk?.encryptionSettings)
      throw refuse('Azure Disk Encryption is not enabled on this VM.');
    if (
      vm.storageProfile?.osDisk?.encryptionSettings ||
      (existing && isLegacyAdeVersion(os, existing.typeHandlerVersion))
    ) {
      throw refuse(
        'This VM uses legacy ADE with a Microsoft Entra app; disable it with `az vm encryption disable`, which also clears the OS disk stamp.',
      );
    }
    const volumeType = normalizeVolumeType(params.volumeType) ?? (os === 'Linux' ? 'DATA' : 'ALL');
    if (os === 'Linux' && volumeType !== 'DATA') {
      throw refuse(
        'Only data disks can have encryption disabled on a Linux VM: an encrypted Linux OS disk cannot be decrypted.',
        'Disable with volume type DATA; to get an unencrypted OS disk, build a new VM (see the ADE migration guide).',
      );
    }
    if (os === 'Linux') {
      // The handler refuses any decryption while the OS volume is not NotEncrypted (handle.py, disable_encryption):
      // read the instance view, which is the only evidence of what is encrypted.
      const { state } = await getVmEncryption(factory, params.vmId, params);
      const osEncrypted = osVolumeEncrypted(state);
      if (osEncrypted !== false) {
        throw refuse(
          osEncrypted
            ? `The OS volume of this Linux VM is encrypted: ADE cannot decrypt its OS or its data volumes (the extension fails with "${LINUX_DISABLE_OS_ENCRYPTED}").`
            : `Azure does not report the OS volume of this Linux VM as not encrypted, and ADE refuses to decrypt anything while it is ("${LINUX_DISABLE_OS_ENCRYPTED}").`,
          'To end up without ADE, build a new VM with encryption at host and copy the data at file level (scp, rsync, or backup and restore); see the ADE migration guide.',
        );
      }
    }
    const warnings: string[] = [];
    if (os === 'Windows' && volumeType === 'DATA') {
      warnings.push(
        'Disabling only data-disk encryption on Windows when the OS is also encrypted does not work as expected; prefer ALL.',
      );
    }
    const settings: Record<string, string | null> = {
      VolumeType: volumeType,
      EncryptionOperation: 'DisableEncryption',
      SequenceVersion: (params.newSequenceVersion ?? randomUUID)(),
    };
    const body: VirtualMachineExtension = {
      ...extensionBody(vm, os, settings),
      // Keep the installed handler version: disable runs the same extension that encrypted.
      typeHandlerVersion: existing?.typeHandlerVersion ?? ADE_EXTENSION[os].version,
    };
    const ext = await putExtensionAndRead(factory, target, os, body, params);
    if ((ext.provisioningState ?? '').toLowerCase() !== 'succeeded') throw extensionFailure(ext);
    const { state, finished } = await stateAfterRun(factory, params, 'disable', volumeType);
    return {
      changed: true,
      summary: `ADE decryption of ${volumeType} volumes started on ${target.name}.`,
      changes: [
        { resourceId: ext.id ?? '', property: 'properties.settings', before: existing?.settings, after: settings },
      ],
      warnings,
      value: { extension: ext, settings, state, finished },
    };
  });
}

/** `az vm encryption show` equivalent: the VM with its instance view, and the derived state. */
export async function getVmEncryption(
  factory: AzureClientFactory,
  vmId: string,
  opts: OperationOptions = {},
): Promise<{ vm: VirtualMachine; disks: Disk[]; state: EncryptionState }> {
  return runOperation(async () => {
    const { subscriptionId, resourceGroup, name } = requireResourceId(vmId, 'VM');
    const vm = await factory.compute(subscriptionId, opts.tenantId).virtualMachines.get(resourceGroup, name, {
      abortSignal: opts.signal,
      expand: 'instanceView',
    });
    const disks = await readVmDisks(factory, vm, opts);
    return { vm, disks, state: encryptionState(vm, vm.instanceView, disks) };
  });
}

/** VMSS instances with instance views, for `scaleSetShowStatus`. */
export async function listScaleSetInstances(factory: AzureClientFactory, vmssId: string, opts: OperationOptions = {}) {
  return runOperation(async () => {
    const { subscriptionId, resourceGroup, name } = requireResourceId(vmssId, 'VM scale set');
    return collect(
      factory.compute(subscriptionId, opts.tenantId).virtualMachineScaleSetVMs.list(resourceGroup, name, {
        abortSignal: opts.signal,
        expand: 'instanceView',
        select: 'instanceView',
      }),
      opts.signal,
    );
  });
}

/** `az vm encryption show` output for one VM (same JSON shape; undefined when ADE is not enabled). */
export async function showVmEncryption(factory: AzureClientFactory, vmId: string, opts: OperationOptions = {}) {
  const { vm } = await getVmEncryption(factory, vmId, opts);
  return vmShowStatus(vm, vm.instanceView);
}

/** `az vmss encryption show` output: one entry per instance with its disks' EncryptionState statuses. */
export async function showScaleSetEncryption(factory: AzureClientFactory, vmssId: string, opts: OperationOptions = {}) {
  return scaleSetShowStatus(await listScaleSetInstances(factory, vmssId, opts));
}
