import type { VirtualMachineScaleSet, VirtualMachineScaleSetExtension } from '@azure/arm-compute';
import {
  ADE_EXTENSION,
  ADE_PUBLISHER,
  extensionHandlerType,
  isFinalProvisioningState,
  isLegacyAdeVersion,
  nonEmpty,
  osKindFromAdeType,
  osKindOf,
  readAdeSettings,
} from '../ade/extension';
import { retirementNotice, type EncryptionStateOptions } from './encryptionState';
import type { AdeExtensionInfo, EncryptionState, KeyReferences } from './types';

const ADE_TYPES = new Set(Object.values(ADE_EXTENSION).map((e) => e.type.toLowerCase()));

export function findScaleSetAdeExtension(vmss: VirtualMachineScaleSet): VirtualMachineScaleSetExtension | undefined {
  return vmss.virtualMachineProfile?.extensionProfile?.extensions?.find((e) => {
    const type = extensionHandlerType(e)?.toLowerCase();
    return !!type && ADE_TYPES.has(type) && (!e.publisher || e.publisher.toLowerCase() === ADE_PUBLISHER.toLowerCase());
  });
}

/**
 * Scale-set encryption as declared by the model (extension profile, security profile, disk encryption sets).
 * Per-instance disk statuses need `vmssShowStatus` (one instance-view listing), like `az vmss encryption show`.
 */
export function scaleSetEncryptionState(
  vmss: VirtualMachineScaleSet,
  options: EncryptionStateOptions = {},
): EncryptionState {
  const profile = vmss.virtualMachineProfile;
  const ext = findScaleSetAdeExtension(vmss);
  const os = osKindOf(profile?.storageProfile?.osDisk?.osType) ?? osKindFromAdeType(ext && extensionHandlerType(ext));
  const encryptionAtHost = profile?.securityProfile?.encryptionAtHost === true;
  const desIds = [
    profile?.storageProfile?.osDisk?.managedDisk?.diskEncryptionSet?.id,
    ...(profile?.storageProfile?.dataDisks ?? []).map((d) => d.managedDisk?.diskEncryptionSet?.id),
  ].filter((x): x is string => !!x);
  const hasDataDisks = (profile?.storageProfile?.dataDisks ?? []).length > 0;
  const s = readAdeSettings(ext?.settings);
  const keys: KeyReferences = {
    vaultIds: [nonEmpty(s.KeyVaultResourceId), nonEmpty(s.KekVaultResourceId)]
      .filter((x): x is string => !!x)
      .map((x) => x.toLowerCase())
      .filter((x, i, a) => a.indexOf(x) === i),
    keyVaultUrls: [nonEmpty(s.KeyVaultURL)].filter((x): x is string => !!x),
    keyEncryptionKeyUrls: [nonEmpty(s.KeyEncryptionKeyURL)].filter((x): x is string => !!x),
    diskEncryptionSetIds: [...new Set(desIds.map((d) => d.toLowerCase()))],
  };
  const common = {
    os,
    encryptionAtHost,
    disks: [],
    keys,
    basis: 'model',
    needsInstanceView: false,
    everAde: !!ext,
  } as const;
  if (!ext) {
    if (encryptionAtHost) {
      return {
        ...common,
        summary: 'encryptionAtHost',
        label: 'Encryption at host',
        osDiskEncrypted: undefined,
        dataDisksEncrypted: undefined,
        problems: [],
      };
    }
    const cmk = desIds.length > 0;
    return {
      ...common,
      summary: cmk ? 'sseCustomerKey' : 'none',
      label: cmk ? 'Server-side encryption with a customer-managed key' : 'No ADE: platform-managed keys only',
      osDiskEncrypted: false,
      dataDisksEncrypted: hasDataDisks ? false : undefined,
      problems: [],
    };
  }
  const ade: AdeExtensionInfo = {
    name: ext.name ?? extensionHandlerType(ext) ?? '',
    type: extensionHandlerType(ext) ?? '',
    typeHandlerVersion: ext.typeHandlerVersion,
    legacy: isLegacyAdeVersion(os, ext.typeHandlerVersion),
    provisioningState: ext.provisioningState,
    volumeType: nonEmpty(s.VolumeType),
    encryptionOperation: nonEmpty(s.EncryptionOperation),
    keyVaultUrl: nonEmpty(s.KeyVaultURL),
    keyVaultResourceId: nonEmpty(s.KeyVaultResourceId),
    keyEncryptionKeyUrl: nonEmpty(s.KeyEncryptionKeyURL),
    kekVaultResourceId: nonEmpty(s.KekVaultResourceId),
    keyEncryptionAlgorithm: nonEmpty(s.KeyEncryptionAlgorithm),
    sequenceVersion: nonEmpty(s.SequenceVersion),
    installed: true,
  };
  const problems: string[] = [];
  if (encryptionAtHost)
    problems.push('ADE and encryption at host are both set; Azure does not support this combination.');
  if (desIds.length) problems.push('ADE together with disk encryption sets (customer-managed keys) is not supported.');
  if (os === 'Linux' && (ade.volumeType ?? 'DATA').toUpperCase() !== 'DATA') {
    problems.push('Linux scale sets support ADE on data disks only.');
  }
  const retirement = retirementNotice(options.now ?? new Date());
  const disabling = (ade.encryptionOperation ?? '').toLowerCase() === 'disableencryption';
  const volume = (ade.volumeType ?? (os === 'Linux' ? 'DATA' : 'ALL')).toUpperCase();
  // Linux scale sets cannot encrypt the OS volume (CLI encrypt_vmss; scale-set ADE page): whatever VolumeType
  // says, never summarise one as "OS and data disks".
  const linuxOsUnsupported = os === 'Linux' && volume !== 'DATA';
  const osEnc = !disabling && !linuxOsUnsupported && (volume === 'ALL' || volume === 'OS');
  const dataEnc = hasDataDisks ? !disabling && (volume === 'ALL' || volume === 'DATA') : undefined;
  const base = { ...common, ade, retirement, problems, osDiskEncrypted: osEnc, dataDisksEncrypted: dataEnc };
  const provisioning = (ade.provisioningState ?? '').toLowerCase();
  if (provisioning === 'failed') {
    return {
      ...base,
      summary: 'failed',
      label: 'ADE extension failed on the scale set',
      error: 'The ADE extension failed on the scale set model. Read the instance statuses for details.',
    };
  }
  if (ade.provisioningState !== undefined && !isFinalProvisioningState(ade.provisioningState)) {
    return {
      ...base,
      summary: 'inProgress',
      label: disabling ? 'ADE: decryption in progress' : 'ADE: encryption in progress',
    };
  }
  if (ade.legacy) return { ...base, summary: 'legacyAad', label: 'ADE with the legacy Microsoft Entra app schema' };
  if (disabling) {
    return {
      ...common,
      ade,
      problems,
      osDiskEncrypted: false,
      dataDisksEncrypted: hasDataDisks ? false : undefined,
      summary: 'none',
      label: 'ADE disabled on the scale set model',
    };
  }
  if (osEnc && dataEnc !== false)
    return { ...base, summary: 'encrypted', label: 'ADE: OS and data disks (scale set model)' };
  if (osEnc) return { ...base, summary: 'dataNotEncrypted', label: 'ADE: OS disk only (scale set model)' };
  return {
    ...base,
    summary: 'osNotEncrypted',
    label: linuxOsUnsupported
      ? `ADE: data disks only at most (scale set model); VolumeType ${ade.volumeType ?? ''} asks for the OS volume, which Linux scale sets do not support`
      : 'ADE: data disks only (scale set model)',
  };
}
