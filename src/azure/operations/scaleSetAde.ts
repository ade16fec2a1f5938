import { randomUUID } from 'node:crypto';
import type { VirtualMachineScaleSet, VirtualMachineScaleSetExtension } from '@azure/arm-compute';
import {
  ADE_EXTENSION,
  ADE_PUBLISHER,
  normalizeVolumeType,
  osKindOf,
  type OsKind,
  type VolumeType,
} from '../ade/extension';
import { keyVaultUrl } from '../auth/clouds';
import type { AzureClientFactory } from '../clients';
import { describeAzureError } from '../errors';
import { requireResourceId } from '../ids';
import { runPreflight } from '../preflight/checks';
import type { PreflightReport } from '../preflight/types';
import { findScaleSetAdeExtension, scaleSetEncryptionState } from '../state/scaleSetState';
import type { EncryptionState } from '../state/types';
import { refuse, runOperation, type OperationOptions, type OperationResult } from './types';

export interface EnableScaleSetAdeParams extends OperationOptions {
  readonly vmssId: string;
  readonly vaultId: string;
  readonly keyEncryptionKeyUrl?: string;
  readonly kekVaultId?: string;
  readonly keyEncryptionAlgorithm?: 'RSA-OAEP' | 'RSA-OAEP-256' | 'RSA1_5';
  /** Default: Linux DATA (the only choice), Windows ALL. */
  readonly volumeType?: VolumeType;
  /** Manual upgrade mode: push the model to every instance afterwards (default true). */
  readonly updateInstances?: boolean;
  readonly newForceUpdateTag?: () => string;
}

export interface DisableScaleSetAdeParams extends OperationOptions {
  readonly vmssId: string;
  readonly volumeType?: VolumeType;
  readonly updateInstances?: boolean;
  readonly newForceUpdateTag?: () => string;
}

export interface ScaleSetAdeResult {
  readonly extension: VirtualMachineScaleSetExtension;
  readonly settings: Record<string, string>;
  readonly preflight?: PreflightReport;
  readonly state: EncryptionState;
  /** True when instances were updated (manual upgrade mode). */
  readonly instancesUpdated: boolean;
}

function ssOs(vmss: VirtualMachineScaleSet): OsKind {
  const os = osKindOf(vmss.virtualMachineProfile?.storageProfile?.osDisk?.osType);
  if (!os) throw refuse('The scale set model does not say whether it runs Windows or Linux.');
  return os;
}

async function applyExtension(
  factory: AzureClientFactory,
  vmssId: string,
  vmss: VirtualMachineScaleSet,
  os: OsKind,
  settings: Record<string, string>,
  params: OperationOptions & { updateInstances?: boolean; newForceUpdateTag?: () => string },
  warnings: string[],
): Promise<{ extension: VirtualMachineScaleSetExtension; state: EncryptionState; instancesUpdated: boolean }> {
  const { subscriptionId, resourceGroup, name } = requireResourceId(vmssId, 'VM scale set');
  const compute = factory.compute(subscriptionId, params.tenantId);
  const existing = findScaleSetAdeExtension(vmss);
  const extName = existing?.name ?? ADE_EXTENSION[os].type;
  // The CLI replaces the ADE entry in the extension profile and uses a new forceUpdateTag (no SequenceVersion
  // on scale sets). Writing the extension child resource changes exactly that entry and leaves the rest of the
  // model (image reference included) alone.
  const body: VirtualMachineScaleSetExtension = {
    name: extName,
    publisher: ADE_PUBLISHER,
    typePropertiesType: ADE_EXTENSION[os].type,
    typeHandlerVersion: existing?.typeHandlerVersion ?? ADE_EXTENSION[os].version,
    autoUpgradeMinorVersion: true,
    forceUpdateTag: (params.newForceUpdateTag ?? randomUUID)(),
    settings,
  };
  params.onProgress?.({ message: `Updating the ADE extension on scale set ${name}…` });
  const extension = await compute.virtualMachineScaleSetExtensions.createOrUpdate(resourceGroup, name, extName, body, {
    abortSignal: params.signal,
    updateIntervalInMs: 2_000,
  });
  let instancesUpdated = false;
  if ((vmss.upgradePolicy?.mode ?? '').toLowerCase() === 'manual') {
    if (params.updateInstances === false) {
      warnings.push(
        `The scale set uses manual upgrades: update all instances (az vmss update-instances -g ${resourceGroup} -n ${name} --instance-ids "*") to propagate the change.`,
      );
    } else {
      params.onProgress?.({ message: 'Updating all instances to the latest model…' });
      try {
        await compute.virtualMachineScaleSets.updateInstances(
          resourceGroup,
          name,
          { instanceIds: ['*'] },
          { abortSignal: params.signal, updateIntervalInMs: 2_000 },
        );
        instancesUpdated = true;
      } catch (err) {
        if ((err as { name?: string }).name === 'AbortError') throw err;
        warnings.push(
          `The model changed but updating the instances failed (${describeAzureError(err).message}). Run update instances for all instances to propagate the change.`,
        );
      }
    }
  }
  const after = await compute.virtualMachineScaleSets.get(resourceGroup, name, { abortSignal: params.signal });
  return { extension, state: scaleSetEncryptionState(after), instancesUpdated };
}

/** `az vmss encryption enable`: always single-pass ADE; Linux data disks only. */
export function enableScaleSetAde(
  factory: AzureClientFactory,
  params: EnableScaleSetAdeParams,
): Promise<OperationResult<ScaleSetAdeResult>> {
  return runOperation(async () => {
    const { subscriptionId, resourceGroup, name } = requireResourceId(params.vmssId, 'VM scale set');
    const compute = factory.compute(subscriptionId, params.tenantId);
    const vmss = await compute.virtualMachineScaleSets.get(resourceGroup, name, { abortSignal: params.signal });
    const os = ssOs(vmss);
    const volumeType = normalizeVolumeType(params.volumeType) ?? (os === 'Linux' ? 'DATA' : 'ALL');
    const vp = requireResourceId(params.vaultId, 'Key vault');
    const vault = await factory
      .keyVault(vp.subscriptionId, params.tenantId)
      .vaults.get(vp.resourceGroup, vp.name, { abortSignal: params.signal });
    const preflight = runPreflight({
      target: { kind: 'vmss', vmss },
      operation: 'enable',
      volumeType,
      vault,
      vaultId: params.vaultId,
      ...(params.keyEncryptionKeyUrl ? { keyEncryptionKeyUrl: params.keyEncryptionKeyUrl } : {}),
    });
    // VMSS path: no --force bypass of the disk-encryption flag in the CLI; we refuse on any blocking check.
    if (!preflight.canProceed) throw refuse(`Cannot enable ADE: ${preflight.blocking.map((c) => c.message).join(' ')}`);
    const kek = params.keyEncryptionKeyUrl;
    const settings: Record<string, string> = {
      KeyVaultURL: vault.properties?.vaultUri ?? keyVaultUrl(factory.connection.cloud, vault.name ?? ''),
      KeyEncryptionKeyURL: kek ?? '',
      KeyVaultResourceId: vault.id ?? params.vaultId,
      KekVaultResourceId: kek ? (params.kekVaultId ?? params.vaultId) : '',
      KeyEncryptionAlgorithm: kek ? (params.keyEncryptionAlgorithm ?? 'RSA-OAEP') : '',
      VolumeType: volumeType,
      EncryptionOperation: 'EnableEncryption',
    };
    const warnings: string[] = [];
    const before = findScaleSetAdeExtension(vmss)?.settings;
    const applied = await applyExtension(factory, params.vmssId, vmss, os, settings, params, warnings);
    return {
      changed: true,
      summary: `ADE enabled for ${volumeType} volumes on scale set ${name}${applied.instancesUpdated ? ' and all instances updated' : ''}.`,
      changes: [
        {
          resourceId: applied.extension.id ?? params.vmssId,
          property: 'virtualMachineProfile.extensionProfile ADE settings',
          before,
          after: settings,
        },
      ],
      warnings,
      value: {
        extension: applied.extension,
        settings,
        preflight,
        state: applied.state,
        instancesUpdated: applied.instancesUpdated,
      },
    };
  });
}

/** `az vmss encryption disable`. */
export function disableScaleSetAde(
  factory: AzureClientFactory,
  params: DisableScaleSetAdeParams,
): Promise<OperationResult<ScaleSetAdeResult>> {
  return runOperation(async () => {
    const { subscriptionId, resourceGroup, name } = requireResourceId(params.vmssId, 'VM scale set');
    const compute = factory.compute(subscriptionId, params.tenantId);
    const vmss = await compute.virtualMachineScaleSets.get(resourceGroup, name, { abortSignal: params.signal });
    const os = ssOs(vmss);
    const existing = findScaleSetAdeExtension(vmss);
    if (!existing) throw refuse(`VM scale set '${name}' was not encrypted.`);
    const volumeType = normalizeVolumeType(params.volumeType) ?? (os === 'Linux' ? 'DATA' : 'ALL');
    if (os === 'Linux' && volumeType !== 'DATA')
      throw refuse('Linux scale sets support ADE on data disks only; disable with DATA.');
    const settings: Record<string, string> = {
      ...(existing.settings && typeof existing.settings === 'object'
        ? (existing.settings as Record<string, string>)
        : {}),
      VolumeType: volumeType,
      EncryptionOperation: 'DisableEncryption',
    };
    const warnings: string[] = [];
    const applied = await applyExtension(factory, params.vmssId, vmss, os, settings, params, warnings);
    return {
      changed: true,
      summary: `ADE disabled for ${volumeType} volumes on scale set ${name}.`,
      changes: [
        {
          resourceId: applied.extension.id ?? params.vmssId,
          property: 'virtualMachineProfile.extensionProfile ADE settings',
          before: existing.settings,
          after: settings,
        },
      ],
      warnings,
      value: {
        extension: applied.extension,
        settings,
        state: applied.state,
        instancesUpdated: applied.instancesUpdated,
      },
    };
  });
}
