import type {
  DataDisk,
  Disk,
  DiskInstanceView,
  InstanceViewStatus,
  OSDisk,
  VirtualMachine,
  VirtualMachineExtension,
  VirtualMachineExtensionInstanceView,
  VirtualMachineInstanceView,
} from '@azure/arm-compute';
import {
  ADE_RETIREMENT_DATE,
  extensionHandlerType,
  findAdeExtension,
  findAdeInstanceView,
  isFinalProvisioningState,
  isLegacyAdeVersion,
  nonEmpty,
  osKindFromAdeType,
  osKindOf,
  readAdeSettings,
  type OsKind,
} from '../ade/extension';
import { adeFailureHint } from './failureHints';
import type {
  AdeExtensionInfo,
  DiskAdeStatus,
  DiskEncryptionDetail,
  DiskStatusSource,
  EncryptionState,
  KeyReferences,
  RetirementNotice,
  SseKind,
} from './types';

export interface EncryptionStateOptions {
  /** Clock for the retirement countdown (default: now). */
  readonly now?: Date;
}

/** `EncryptionState/encrypted` → 'encrypted'; also the Linux substatus words (`EncryptionInProgress`, …). */
export function parseAdeStatusWord(word: string | undefined): DiskAdeStatus {
  const w = (word ?? '').replace(/^EncryptionState\//i, '').toLowerCase();
  switch (w) {
    case 'encrypted':
      return 'encrypted';
    case 'notencrypted':
      return 'notEncrypted';
    case 'encryptioninprogress':
    case 'decryptioninprogress':
    case 'inprogress':
      return 'inProgress';
    case 'vmrestartpending':
      return 'vmRestartPending';
    case 'notmounted':
      return 'notMounted';
    default:
      return 'unknown';
  }
}

/** The statuses `az vm encryption show` keeps per disk: codes starting with `EncryptionState`. */
export function encryptionStatuses(div: DiskInstanceView | undefined): InstanceViewStatus[] {
  return (div?.statuses ?? []).filter((s) => (s.code ?? '').startsWith('EncryptionState'));
}

/**
 * Linux ADE reports `{"os": "...", "data": "..."}` as JSON in the first substatus message
 * (CLI legacy show path; Azure SDK `LinuxEncryptionExtensionUtil`).
 */
export function parseLinuxSubstatus(
  iv: VirtualMachineExtensionInstanceView | undefined,
): { os?: string; data?: string } | undefined {
  const msg = iv?.substatuses?.[0]?.message;
  if (!msg) return undefined;
  try {
    const parsed: unknown = JSON.parse(msg);
    if (!parsed || typeof parsed !== 'object') return undefined;
    const rec = parsed as Record<string, unknown>;
    return {
      os: typeof rec['os'] === 'string' ? rec['os'] : undefined,
      data: typeof rec['data'] === 'string' ? rec['data'] : undefined,
    };
  } catch {
    return undefined;
  }
}

export function retirementNotice(now: Date): RetirementNotice {
  const [y, m, d] = ADE_RETIREMENT_DATE.split('-').map(Number);
  const end = Date.UTC(y ?? 2028, (m ?? 9) - 1, d ?? 15);
  const daysLeft = Math.max(0, Math.ceil((end - now.getTime()) / 86_400_000));
  return {
    date: ADE_RETIREMENT_DATE,
    daysLeft,
    message:
      `Azure Disk Encryption retires on ${ADE_RETIREMENT_DATE} (${daysLeft} days left): after that, ADE disks fail to ` +
      'unlock after a reboot. Plan the move to encryption at host (new disks; no in-place migration).',
  };
}

function sseKindOf(
  disk: Disk | undefined,
  managed: OSDisk['managedDisk'] | DataDisk['managedDisk'],
  hasVhd: boolean,
): SseKind {
  const t = (disk?.encryption?.type ?? '').toLowerCase();
  if (t === 'encryptionatrestwithplatformandcustomerkeys') return 'platformAndCustomerKey';
  if (t === 'encryptionatrestwithcustomerkey') return 'customerKey';
  if (managed?.securityProfile?.securityEncryptionType) return 'confidential';
  if (managed?.diskEncryptionSet?.id || disk?.encryption?.diskEncryptionSetId) return 'customerKey';
  if (t === 'encryptionatrestwithplatformkey') return 'platformKey';
  if (!managed && hasVhd) return 'unmanaged';
  return managed ? 'platformKey' : 'unknown';
}

interface DiskInput {
  readonly role: 'os' | 'data';
  readonly name: string;
  readonly lun?: number;
  readonly diskId?: string;
  readonly managed: OSDisk['managedDisk'];
  readonly hasVhd: boolean;
}

function listModelDisks(vm: VirtualMachine): DiskInput[] {
  const sp = vm.storageProfile;
  const out: DiskInput[] = [];
  const os = sp?.osDisk;
  if (os) {
    out.push({
      role: 'os',
      name: os.name ?? os.managedDisk?.id?.split('/').pop() ?? 'OS disk',
      diskId: os.managedDisk?.id?.toLowerCase(),
      managed: os.managedDisk,
      hasVhd: !!os.vhd,
    });
  }
  for (const dd of sp?.dataDisks ?? []) {
    if (dd.toBeDetached) continue;
    out.push({
      role: 'data',
      name: dd.name ?? dd.managedDisk?.id?.split('/').pop() ?? `LUN ${dd.lun}`,
      lun: dd.lun,
      diskId: dd.managedDisk?.id?.toLowerCase(),
      managed: dd.managedDisk,
      hasVhd: !!dd.vhd,
    });
  }
  return out;
}

function firstStatus(iv: VirtualMachineExtensionInstanceView | undefined): InstanceViewStatus | undefined {
  return iv?.statuses?.[0];
}

function uniq(values: (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const n = nonEmpty(v);
    if (!n) continue;
    const key = n.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(n);
  }
  return out;
}

function adeInfo(
  ext: VirtualMachineExtension | undefined,
  extIv: VirtualMachineExtensionInstanceView | undefined,
  os: OsKind | undefined,
  legacyModelStamp: boolean,
): AdeExtensionInfo {
  const s = readAdeSettings(ext?.settings);
  const status = firstStatus(extIv) ?? firstStatus(ext?.instanceView);
  const sub = (extIv ?? ext?.instanceView)?.substatuses?.[0];
  const type = ext ? (extensionHandlerType(ext) ?? '') : '';
  return {
    name: ext?.name ?? ext?.id?.split('/').pop() ?? type,
    type,
    typeHandlerVersion: ext?.typeHandlerVersion ?? extIv?.typeHandlerVersion,
    legacy: legacyModelStamp || isLegacyAdeVersion(os, ext?.typeHandlerVersion ?? extIv?.typeHandlerVersion),
    provisioningState: ext?.provisioningState,
    volumeType: nonEmpty(s.VolumeType),
    encryptionOperation: nonEmpty(s.EncryptionOperation),
    keyVaultUrl: nonEmpty(s.KeyVaultURL),
    keyVaultResourceId: nonEmpty(s.KeyVaultResourceId),
    keyEncryptionKeyUrl: nonEmpty(s.KeyEncryptionKeyURL),
    kekVaultResourceId: nonEmpty(s.KekVaultResourceId),
    keyEncryptionAlgorithm: nonEmpty(s.KeyEncryptionAlgorithm),
    sequenceVersion: nonEmpty(s.SequenceVersion),
    statusCode: status?.code,
    statusMessage: status?.message,
    substatusMessage: sub?.message,
    installed: !!ext,
  };
}

function describeDisks(disks: readonly DiskEncryptionDetail[], role: 'os' | 'data', status: DiskAdeStatus): number {
  return disks.filter((d) => d.role === role && d.adeStatus === status).length;
}

/**
 * Encryption picture of one VM from its model (`VirtualMachine` with `resources`), the managed disks
 * (from a disk listing) and, when read, its instance view. Mirrors `az vm encryption show`: per-disk
 * `EncryptionState/*` statuses from the instance view, the ADE extension status, and legacy detection;
 * then adds what the CLI does not cover (encryption at host, SSE with customer keys, stamps on disks).
 */
export function encryptionState(
  vm: VirtualMachine,
  instanceView: VirtualMachineInstanceView | undefined,
  disks: readonly Disk[],
  options: EncryptionStateOptions = {},
): EncryptionState {
  const now = options.now ?? new Date();
  const iv = instanceView ?? vm.instanceView;
  const ext = findAdeExtension(vm.resources);
  const os = osKindOf(vm.storageProfile?.osDisk?.osType) ?? osKindFromAdeType(ext && extensionHandlerType(ext));
  const extIv = iv ? findAdeInstanceView(iv.extensions, ext?.name) : undefined;
  const osSettings = vm.storageProfile?.osDisk?.encryptionSettings;
  // CLI `_detect_ade_status`: any osDisk.encryptionSettings object means the legacy (dual-pass) flow.
  const legacyModelStamp = !!osSettings;
  const encryptionAtHost = vm.securityProfile?.encryptionAtHost === true;

  const diskById = new Map<string, Disk>();
  for (const d of disks) if (d.id) diskById.set(d.id.toLowerCase(), d);
  const ivByName = new Map<string, DiskInstanceView>();
  for (const d of iv?.disks ?? []) if (d.name) ivByName.set(d.name.toLowerCase(), d);
  const linux = os === 'Linux' ? parseLinuxSubstatus(extIv) : undefined;

  const details: DiskEncryptionDetail[] = listModelDisks(vm).map((input) => {
    const disk = input.diskId ? diskById.get(input.diskId) : undefined;
    const esc = disk?.encryptionSettingsCollection;
    const element = esc?.encryptionSettings?.[0];
    const legacyOsStamp = input.role === 'os' ? osSettings : undefined;
    const adeStamped = esc?.enabled === true || legacyOsStamp?.enabled === true;
    const ivStatus = encryptionStatuses(ivByName.get(input.name.toLowerCase()))[0];
    let adeStatus: DiskAdeStatus;
    let statusSource: DiskStatusSource;
    const linuxWord = input.role === 'os' ? linux?.os : linux?.data;
    if (ivStatus) {
      adeStatus = parseAdeStatusWord(ivStatus.code);
      statusSource = 'instanceView';
    } else if (linuxWord) {
      adeStatus = parseAdeStatusWord(linuxWord);
      statusSource = 'extensionSubstatus';
    } else {
      // A stamp says the settings were written, not that the volume is encrypted ("Verify encryption status").
      adeStatus = adeStamped ? 'unknown' : 'notEncrypted';
      statusSource = adeStamped ? 'diskStamp' : 'none';
    }
    const sse = sseKindOf(disk, input.managed, input.hasVhd);
    const desId = input.managed?.diskEncryptionSet?.id ?? disk?.encryption?.diskEncryptionSetId;
    return {
      name: input.name,
      role: input.role,
      ...(input.lun !== undefined ? { lun: input.lun } : {}),
      ...(input.diskId ? { diskId: input.diskId } : {}),
      adeStatus,
      statusSource,
      ...(ivStatus?.code ? { statusCode: ivStatus.code } : {}),
      ...(ivStatus?.displayStatus || ivStatus?.message
        ? { statusMessage: ivStatus.displayStatus ?? ivStatus.message }
        : {}),
      adeStamped,
      ...(esc?.encryptionSettingsVersion ? { adeSettingsVersion: esc.encryptionSettingsVersion } : {}),
      sse,
      ...(desId ? { diskEncryptionSetId: desId } : {}),
      ...(element?.diskEncryptionKey?.secretUrl || legacyOsStamp?.diskEncryptionKey?.secretUrl
        ? { secretUrl: element?.diskEncryptionKey?.secretUrl ?? legacyOsStamp?.diskEncryptionKey?.secretUrl }
        : {}),
      ...(element?.keyEncryptionKey?.keyUrl || legacyOsStamp?.keyEncryptionKey?.keyUrl
        ? { keyEncryptionKeyUrl: element?.keyEncryptionKey?.keyUrl ?? legacyOsStamp?.keyEncryptionKey?.keyUrl }
        : {}),
      ...(element?.diskEncryptionKey?.sourceVault?.id || legacyOsStamp?.diskEncryptionKey?.sourceVault?.id
        ? {
            vaultId: (
              element?.diskEncryptionKey?.sourceVault?.id ??
              legacyOsStamp?.diskEncryptionKey?.sourceVault?.id ??
              ''
            ).toLowerCase(),
          }
        : {}),
    };
  });

  const ade =
    ext || legacyModelStamp || details.some((d) => d.adeStamped)
      ? adeInfo(ext, extIv, os, legacyModelStamp)
      : undefined;
  const keys: KeyReferences = {
    vaultIds: uniq([ade?.keyVaultResourceId, ade?.kekVaultResourceId, ...details.map((d) => d.vaultId)]).map((v) =>
      v.toLowerCase(),
    ),
    keyVaultUrls: uniq([ade?.keyVaultUrl]),
    keyEncryptionKeyUrls: uniq([ade?.keyEncryptionKeyUrl, ...details.map((d) => d.keyEncryptionKeyUrl)]),
    diskEncryptionSetIds: uniq(details.map((d) => d.diskEncryptionSetId)).map((v) => v.toLowerCase()),
  };
  const osDisk = details.find((d) => d.role === 'os');
  const dataDisks = details.filter((d) => d.role === 'data');
  const basis = iv ? 'instanceView' : 'model';
  const customerKey = details.some((d) => d.sse === 'customerKey' || d.sse === 'platformAndCustomerKey');
  // encryptionSettingsVersion cannot be overwritten once set (DiskRP spec): the disk had ADE at some point.
  const hadAdeDisks = details.filter((d) => d.adeSettingsVersion !== undefined);
  const everAde = !!ade || hadAdeDisks.length > 0;
  const common = { os, encryptionAtHost, disks: details, keys, basis, everAde } as const;

  if (!ade) {
    if (encryptionAtHost) {
      return {
        ...common,
        summary: 'encryptionAtHost',
        label: customerKey ? 'Encryption at host (customer-managed key)' : 'Encryption at host',
        osDiskEncrypted: undefined,
        dataDisksEncrypted: undefined,
        needsInstanceView: false,
        problems: hadAdeDisks.length
          ? ['A disk of this VM had Azure Disk Encryption: encryption at host is not supported on such disks.']
          : [],
      };
    }
    if (hadAdeDisks.length) {
      return {
        ...common,
        summary: 'hadAde',
        label: 'Had ADE (decrypted): encryption at host needs new disks',
        osDiskEncrypted: false,
        dataDisksEncrypted: dataDisks.length ? false : undefined,
        needsInstanceView: false,
        problems: [],
      };
    }
    return {
      ...common,
      summary: customerKey ? 'sseCustomerKey' : 'none',
      label: customerKey
        ? 'Server-side encryption with a customer-managed key'
        : 'No ADE: platform-managed keys only (server-side encryption)',
      osDiskEncrypted: false,
      dataDisksEncrypted: dataDisks.length ? false : undefined,
      needsInstanceView: false,
      problems: [],
    };
  }

  const problems: string[] = [];
  if (encryptionAtHost)
    problems.push('ADE and encryption at host are both set; Azure does not support this combination.');
  if (customerKey)
    problems.push('ADE disks also use a customer-managed key (disk encryption set); Azure does not support this.');
  if (!ade.installed) problems.push('Disks carry ADE settings but the ADE extension is not installed on the VM.');

  const retirement = retirementNotice(now);
  // Only instance-view evidence says "encrypted"; a disk with a stamp and no evidence leaves the flag unknown.
  const unverified = (d: DiskEncryptionDetail) => d.statusSource === 'diskStamp';
  const osEnc = osDisk && !unverified(osDisk) ? osDisk.adeStatus === 'encrypted' : undefined;
  const dataEnc =
    dataDisks.length && !dataDisks.some(unverified) ? dataDisks.every((d) => d.adeStatus === 'encrypted') : undefined;
  const flags = { osDiskEncrypted: osEnc, dataDisksEncrypted: dataEnc };
  const base = { ...common, ...flags, ade, retirement, problems };
  const provisioning = (ade.provisioningState ?? '').toLowerCase();
  const disabling = (ade.encryptionOperation ?? '').toLowerCase() === 'disableencryption';

  if (provisioning === 'failed') {
    const error =
      ade.statusMessage ??
      ade.substatusMessage ??
      'The ADE extension failed. Read the full status (instance view) for the extension message.';
    const hint = adeFailureHint(error);
    return {
      ...base,
      summary: 'failed',
      label: `ADE failed: ${error.split('\n')[0]}`,
      error,
      ...(hint ? { hint } : {}),
      // Failed is final; the message is a detail the caller can fetch on demand (getVmEncryption).
      needsInstanceView: false,
    };
  }
  if (ade.installed && !isFinalProvisioningState(ade.provisioningState) && ade.provisioningState !== undefined) {
    return {
      ...base,
      summary: 'inProgress',
      label: disabling ? 'ADE: decryption in progress' : 'ADE: encryption in progress',
      needsInstanceView: !iv,
    };
  }
  if (ade.legacy) {
    return {
      ...base,
      summary: 'legacyAad',
      label: 'ADE with the legacy Microsoft Entra app (dual-pass) schema',
      needsInstanceView: false,
    };
  }
  if (details.some((d) => d.adeStatus === 'inProgress' || d.adeStatus === 'vmRestartPending')) {
    const restart = details.some((d) => d.adeStatus === 'vmRestartPending');
    return {
      ...base,
      summary: 'inProgress',
      label: restart
        ? 'ADE: restart the VM to finish'
        : disabling
          ? 'ADE: decryption in progress'
          : 'ADE: encryption in progress',
      needsInstanceView: false,
    };
  }
  // Stamped without an instance view: say so, never "encrypted" (the explorer verifies lazily).
  if (details.some((d) => d.adeStamped && d.statusSource === 'diskStamp')) {
    return {
      ...base,
      summary: 'stamped',
      label: 'ADE settings stamped (encryption not verified yet)',
      needsInstanceView: true,
    };
  }
  const someDataEncrypted = dataDisks.some((d) => d.adeStatus === 'encrypted');
  if (osEnc && dataEnc !== false) {
    return {
      ...base,
      summary: 'encrypted',
      label: dataDisks.length ? 'ADE: OS and data disks encrypted' : 'ADE: OS disk encrypted',
      needsInstanceView: false,
    };
  }
  if (osEnc && dataEnc === false) {
    const missing = dataDisks.length - describeDisks(details, 'data', 'encrypted');
    return {
      ...base,
      summary: 'dataNotEncrypted',
      label: `ADE: OS disk encrypted, ${missing} of ${dataDisks.length} data disk(s) not encrypted`,
      needsInstanceView: false,
    };
  }
  if (!osEnc && someDataEncrypted) {
    const partial = dataEnc === false ? ' (some data disks not encrypted)' : '';
    return {
      ...base,
      summary: 'osNotEncrypted',
      label: `ADE: data disks encrypted, OS disk not encrypted${partial}`,
      needsInstanceView: false,
    };
  }
  // Nothing encrypted: after a disable this is the expected end state. The disks keep their ADE flag.
  if (disabling) {
    return {
      ...common,
      ...flags,
      ade,
      summary: 'hadAde',
      label: 'Had ADE (decrypted; the extension is still installed)',
      needsInstanceView: false,
      problems,
    };
  }
  return {
    ...base,
    summary: 'unknown',
    label: 'ADE extension installed; no disk reports encryption yet',
    reason: iv
      ? 'The ADE extension succeeded but no disk reports an EncryptionState of encrypted.'
      : 'The ADE extension succeeded but no disk carries encryption settings yet; read the instance view.',
    needsInstanceView: !iv,
  };
}

/**
 * Whether the OS volume is ADE-encrypted, as the Linux handler would judge it before a decryption (anything but
 * NotEncrypted counts): from instance-view evidence only. Undefined when only a stamp speaks (not verified).
 */
export function osVolumeEncrypted(state: EncryptionState): boolean | undefined {
  const os = state.disks.find((d) => d.role === 'os');
  if (!os) return undefined;
  if (os.statusSource === 'instanceView' || os.statusSource === 'extensionSubstatus') {
    return os.adeStatus !== 'notEncrypted';
  }
  return os.statusSource === 'diskStamp' ? undefined : false;
}
