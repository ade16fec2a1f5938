// Simulates what the ADE extension and the platform do after an AzureDiskEncryption[ForLinux] extension PUT:
// validate (ade/rules.ts), stamp encryption settings on the managed disks (new ADE) or in the VM model (legacy
// AAD ADE), write BEK secrets to the vault, and move the disks from EncryptionInProgress to encrypted over
// simulated time. Disable and the SequenceVersion re-run rule are handled here too.
import type { SandboxContext, Json } from '../context';
import { arr, clone, obj, props, str } from '../context';
import type { LroResult } from '../lro';
import { stableGuid, stableHex } from '../ids';
import { EXT_LINUX, EXT_PUBLISHER, EXT_WINDOWS, makeSecret, status } from '../resources';
import { DISK_STATE_TEXT, type DiskEncryptionState, failure, inScope, isAdeExtension, osOf } from './common';
import { ScaleSetAde } from './scaleSet';
import type { StoredResource } from '../types';
import {
  type AdeSettings,
  EAH_CONFLICT,
  LINUX_DISABLE_OS_ENCRYPTED,
  checkVaults,
  memoryGb,
  memoryNeededGb,
  readSettings,
  unsupportedSize,
  usesDiskEncryptionSet,
} from './rules';

function isLegacyVersion(os: 'Windows' | 'Linux', version: string): boolean {
  return version.split('.')[0] === (os === 'Windows' ? '1' : '0');
}

interface DiskRef {
  name: string;
  managedDiskId?: string;
  isOs: boolean;
}

export class AdeSimulator {
  /** Bumped on every ADE run per VM so stale "encryption finished" jobs do nothing. */
  private readonly generation = new Map<string, number>();

  readonly scaleSets: ScaleSetAde;

  constructor(private readonly ctx: SandboxContext) {
    this.scaleSets = new ScaleSetAde(ctx);
  }

  // ---------------------------------------------------------------- VM extensions

  /** True when the PUT would not re-run the extension: same SequenceVersion and the same settings otherwise. */
  isNoOp(previous: StoredResource | undefined, next: Json): boolean {
    if (!previous) return false;
    const pp = props(previous);
    if (!isAdeExtension(pp) || !isAdeExtension(next)) return false;
    const a = obj(pp['settings']);
    const b = obj(next['settings']);
    return (
      String(a['SequenceVersion'] ?? '') === String(b['SequenceVersion'] ?? '') &&
      str(pp['provisioningState']) !== undefined
    );
  }

  /** Marks a freshly PUT extension as transitioning. */
  accept(ext: StoredResource): void {
    const p = props(ext);
    p['instanceView'] = {
      name: ext['name'],
      type: `${str(p['publisher'])}.${str(p['type'])}`,
      typeHandlerVersion: str(p['typeHandlerVersion']),
      statuses: [
        status(
          'ProvisioningState/transitioning',
          'Transitioning',
          this.ctx.clock.iso(),
          'Info',
          'Extension operation in progress.',
        ),
      ],
    };
  }

  /** Runs when the extension's long-running operation completes. */
  completeVmExtension(vmId: string, extId: string, previous: StoredResource | undefined): LroResult {
    const vm = this.ctx.store.get(vmId);
    const ext = this.ctx.store.get(extId);
    if (!vm || !ext) return { status: 'Succeeded' };
    const p = props(ext);
    if (previous && this.isNoOp(previous, p)) {
      // The handler sees identical settings and does nothing: the previous outcome stays.
      const pp = props(previous);
      p['provisioningState'] = pp['provisioningState'];
      p['instanceView'] = clone(pp['instanceView']);
      return pp['provisioningState'] === 'Failed' ? failure(ext, osOf(vm), lastMessage(pp)) : { status: 'Succeeded' };
    }
    if (!isAdeExtension(p)) {
      p['provisioningState'] = 'Succeeded';
      obj(p['instanceView'])['statuses'] = [
        status('ProvisioningState/succeeded', 'Provisioning succeeded', this.ctx.clock.iso()),
      ];
      return { status: 'Succeeded' };
    }
    const outcome = this.runVm(vm, ext, previous);
    if (outcome.ok) return { status: 'Succeeded' };
    this.markFailed(ext, outcome.message);
    return failure(ext, osOf(vm), outcome.message);
  }

  private markFailed(ext: StoredResource, message: string): void {
    const p = props(ext);
    p['provisioningState'] = 'Failed';
    p['instanceView'] = {
      name: ext['name'],
      type: `${str(p['publisher'])}.${str(p['type'])}`,
      typeHandlerVersion: str(p['typeHandlerVersion']),
      statuses: [status('ProvisioningState/failed/0', 'Provisioning failed', this.ctx.clock.iso(), 'Error', message)],
    };
  }

  private runVm(
    vm: StoredResource,
    ext: StoredResource,
    previous: StoredResource | undefined,
  ): { ok: true } | { ok: false; message: string } {
    const os = osOf(vm);
    const p = props(ext);
    const type = str(p['type']) ?? '';
    const version = str(p['typeHandlerVersion']) ?? '';
    const expectedType = os === 'Windows' ? EXT_WINDOWS : EXT_LINUX;
    if (type.toLowerCase() !== expectedType.toLowerCase()) {
      return {
        ok: false,
        message: `Extension type '${type}' does not support the ${os} operating system; use '${expectedType}'.`,
      };
    }
    const major = version.split('.')[0];
    const known = os === 'Windows' ? ['1', '2'] : ['0', '1'];
    if (!major || !known.includes(major) || (os === 'Linux' && major === '1' && version !== '1.1' && version !== '1')) {
      return {
        ok: false,
        message: `Version '${version}' of extension '${EXT_PUBLISHER}.${type}' is not available. Use ${os === 'Windows' ? '2.2 (or 1.1 for the Microsoft Entra ID release)' : '1.1 (or 0.1 for the Microsoft Entra ID release)'}.`,
      };
    }
    const settingsRead = readSettings(
      obj(p['settings']),
      os === 'Linux',
      str(obj(p['settings'])['EncryptionOperation']) === 'DisableEncryption',
    );
    if (!settingsRead.ok) return settingsRead;
    const s = settingsRead.value;
    const legacyRequest = isLegacyVersion(os, version);
    if (s.operation === 'DisableEncryption') return this.disableVm(vm, ext, s);

    const size = str(obj(props(vm)['hardwareProfile'])['vmSize']) ?? '';
    if (unsupportedSize(size)) {
      return {
        ok: false,
        message: `Azure Disk Encryption is not supported on VM size '${size}' (Basic, A-series, L-family, v7+ and v6 sizes with a temporary disk are not supported).`,
      };
    }
    if (obj(props(vm)['securityProfile'])['encryptionAtHost'] === true) return { ok: false, message: EAH_CONFLICT };
    const mem = memoryGb(size);
    const needed = memoryNeededGb(os, s.volumeType);
    if (mem !== undefined && mem < needed) {
      return {
        ok: false,
        message:
          os === 'Linux' && needed === 8
            ? `Encrypting the OS volume of a Linux VM needs at least 8 GB of memory; VM size '${size}' has ${mem} GB. Use VolumeType Data or a larger size.`
            : `Azure Disk Encryption needs at least ${needed} GB of memory; VM size '${size}' has ${mem} GB.`,
      };
    }
    if (usesDiskEncryptionSet(vm)) {
      return {
        ok: false,
        message:
          'Azure Disk Encryption cannot be enabled on disks encrypted with customer-managed keys (disk encryption set).',
      };
    }
    const vmHasLegacy =
      obj(obj(obj(props(vm)['storageProfile'])['osDisk'])['encryptionSettings'])['enabled'] === true ||
      (previous !== undefined &&
        isAdeExtension(props(previous)) &&
        isLegacyVersion(os, str(props(previous)['typeHandlerVersion']) ?? ''));
    if (legacyRequest && !s.aadClientId) {
      return {
        ok: false,
        message: `AADClientID is required by extension version ${version} (the release of Azure Disk Encryption with Microsoft Entra ID).`,
      };
    }
    if (!legacyRequest && s.aadClientId) {
      return {
        ok: false,
        message: `AADClientID is not supported by extension version ${version}; remove the Microsoft Entra ID settings or use the previous release.`,
      };
    }
    if (vmHasLegacy && !legacyRequest) {
      return {
        ok: false,
        message:
          'The VM is encrypted with the previous release of Azure Disk Encryption (with Microsoft Entra ID). Keep using that release (AADClientID) for this VM.',
      };
    }
    const vaults = checkVaults({ store: this.ctx.store, settings: s, target: vm, targetKind: 'VM' });
    if (!vaults.ok) return vaults;
    this.enableVm(vm, ext, s, vaults.value.vault, vaults.value.kek, legacyRequest);
    return { ok: true };
  }

  private disks(vm: StoredResource): DiskRef[] {
    const sp = obj(props(vm)['storageProfile']);
    const os = obj(sp['osDisk']);
    const refs: DiskRef[] = [{ name: str(os['name']) ?? 'osdisk', isOs: true }];
    const osId = str(obj(os['managedDisk'])['id']);
    if (osId) refs[0]!.managedDiskId = osId;
    for (const d of arr(sp['dataDisks'])) {
      const r: DiskRef = { name: str(d['name']) ?? '', isOs: false };
      const id = str(obj(d['managedDisk'])['id']);
      if (id) r.managedDiskId = id;
      refs.push(r);
    }
    return refs;
  }

  private inScope(d: DiskRef, vt: AdeSettings['volumeType']): boolean {
    return inScope(d.isOs, vt);
  }

  diskState(vmId: string, diskName: string): DiskEncryptionState | undefined {
    const iv = this.ctx.store.get(`${vmId}/instanceView`);
    const d = arr(iv?.['disks']).find((x) => str(x['name']) === diskName);
    const st = arr(d?.['statuses']).find((x) => str(x['code'])?.startsWith('EncryptionState/'));
    return st ? (str(st['code'])?.slice('EncryptionState/'.length) as DiskEncryptionState) : undefined;
  }

  setDiskState(vmId: string, diskName: string, state: DiskEncryptionState, encryptionSettings?: Json[]): void {
    const iv = this.ctx.store.get(`${vmId}/instanceView`);
    if (!iv) return;
    const d = arr(iv['disks']).find((x) => str(x['name']) === diskName);
    if (!d) return;
    const statuses = arr(d['statuses']).filter((x) => !str(x['code'])?.startsWith('EncryptionState/'));
    statuses.push(status(`EncryptionState/${state}`, DISK_STATE_TEXT[state], this.ctx.clock.iso()));
    d['statuses'] = statuses;
    if (encryptionSettings) d['encryptionSettings'] = encryptionSettings;
  }

  private enableVm(
    vm: StoredResource,
    ext: StoredResource,
    s: AdeSettings,
    vault: StoredResource,
    kek: { url: string; vault: StoredResource } | undefined,
    legacy: boolean,
  ): void {
    const os = osOf(vm);
    const gen = (this.generation.get(vm.id.toLowerCase()) ?? 0) + 1;
    this.generation.set(vm.id.toLowerCase(), gen);
    const disks = this.disks(vm);
    const epoch = Math.floor(this.ctx.clock.now() / 1000);
    let linuxSecret: string | undefined;
    let volumeIndex = 0;
    const letters = ['F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N'];
    for (const d of disks) {
      if (!this.inScope(d, s.volumeType)) {
        if (!this.diskState(vm.id, d.name)) this.setDiskState(vm.id, d.name, 'notEncrypted');
        continue;
      }
      // Windows writes one BEK secret per BitLocker volume; Linux one passphrase secret per VM.
      let secretUrl = linuxSecret;
      if (!secretUrl) {
        const secretName = stableGuid(`bek:${vm.id}:${s.sequenceVersion ?? ''}:${d.name}:${gen}`);
        const version = stableHex(`${secretName}:v`, 32);
        const tags: Record<string, string> = {
          DiskEncryptionKeyFileName: os === 'Windows' ? `${secretName.toUpperCase()}.BEK` : 'LinuxPassPhraseFileName',
          MachineName: String(vm['name']),
        };
        if (os === 'Windows') tags['VolumeLetter'] = d.isOs ? 'C:\\' : `${letters[volumeIndex++ % letters.length]}:\\`;
        if (kek) {
          tags['DiskEncryptionKeyEncryptionAlgorithm'] = s.kekAlgorithm;
          tags['DiskEncryptionKeyEncryptionKeyURL'] = kek.url;
        }
        const secret = makeSecret(vault, secretName, version, epoch, tags, kek ? 'Wrapped BEK' : 'BEK');
        this.ctx.store.put(secret);
        secretUrl = String(props(secret)['secretUriWithVersion']);
        if (os === 'Linux') linuxSecret = secretUrl;
      }
      const setting: Json = { diskEncryptionKey: { secretUrl, sourceVault: { id: vault.id } } };
      if (kek) setting['keyEncryptionKey'] = { keyUrl: kek.url, sourceVault: { id: kek.vault.id } };
      if (d.managedDiskId) {
        const disk = this.ctx.store.get(d.managedDiskId);
        if (disk) {
          props(disk)['encryptionSettingsCollection'] = {
            enabled: true,
            encryptionSettings: [clone(setting)],
            encryptionSettingsVersion: legacy ? '1.0' : '1.1',
          };
        }
      }
      if (legacy && d.isOs) {
        obj(obj(props(vm)['storageProfile'])['osDisk'])['encryptionSettings'] = { ...clone(setting), enabled: true };
      }
      this.setDiskState(vm.id, d.name, 'encryptionInProgress', [{ ...clone(setting), enabled: true }]);
    }
    const p = props(ext);
    p['provisioningState'] = 'Succeeded';
    this.writeExtensionStatus(vm, ext, 'Encryption is in progress.');
    this.ctx.clock.schedule(this.ctx.encryptionSeconds, () => {
      if (this.generation.get(vm.id.toLowerCase()) === gen) this.finishVm(vm.id, ext.id);
    });
  }

  /** Moves every in-progress disk of the VM to its final state (also used by scenarios to start "done"). */
  finishVm(vmId: string, extId: string): void {
    const vm = this.ctx.store.get(vmId);
    const ext = this.ctx.store.get(extId);
    if (!vm) return;
    for (const d of this.disks(vm)) {
      const st = this.diskState(vmId, d.name);
      if (st === 'encryptionInProgress') this.setDiskState(vmId, d.name, 'encrypted');
      if (st === 'decryptionInProgress') this.setDiskState(vmId, d.name, 'notEncrypted');
    }
    if (ext && props(ext)['provisioningState'] !== 'Failed') this.writeExtensionStatus(vm, ext, undefined);
  }

  /** Extension instance view as the handler reports it; Linux adds the {"os","data"} substatus JSON. */
  private writeExtensionStatus(vm: StoredResource, ext: StoredResource, progress: string | undefined): void {
    const os = osOf(vm);
    const p = props(ext);
    const disks = this.disks(vm);
    const summarize = (pred: (d: DiskRef) => boolean): string => {
      const states = disks.filter(pred).map((d) => this.diskState(vm.id, d.name) ?? 'notEncrypted');
      if (states.length === 0) return 'NotMounted';
      if (states.some((x) => x === 'encryptionInProgress' || x === 'decryptionInProgress'))
        return 'EncryptionInProgress';
      return states.every((x) => x === 'encrypted') ? 'Encrypted' : 'NotEncrypted';
    };
    const osState = summarize((d) => d.isOs);
    const dataState = summarize((d) => !d.isOs);
    const op = str(obj(p['settings'])['EncryptionOperation']) ?? 'EnableEncryption';
    const message =
      progress ??
      (op === 'DisableEncryption'
        ? 'Disable Encryption completed successfully'
        : osState === 'Encrypted' && (dataState === 'Encrypted' || dataState === 'NotMounted')
          ? 'Encryption succeeded for all volumes'
          : dataState === 'Encrypted'
            ? 'Encryption succeeded for data volumes'
            : 'Encryption succeeded for OS volume');
    const time = this.ctx.clock.iso();
    const iv: Json = {
      name: ext['name'],
      type: `${str(p['publisher'])}.${str(p['type'])}`,
      typeHandlerVersion: str(p['typeHandlerVersion']),
      statuses: [status('ProvisioningState/succeeded', 'Provisioning succeeded', time, 'Info', message)],
    };
    if (os === 'Linux') {
      iv['substatuses'] = [
        status(
          'ComponentStatus/EncryptionStatus/succeeded',
          'Provisioning succeeded',
          time,
          'Info',
          JSON.stringify({ os: osState, data: dataState }),
        ),
      ];
    }
    p['instanceView'] = iv;
  }

  private disableVm(
    vm: StoredResource,
    ext: StoredResource,
    s: AdeSettings,
  ): { ok: true } | { ok: false; message: string } {
    const os = osOf(vm);
    const disks = this.disks(vm);
    let vt = s.volumeType;
    if (os === 'Linux') {
      // The handler checks the OS volume first and refuses any decryption unless it is NotEncrypted; then it
      // decrypts the encrypted data volumes it finds, whatever VolumeType says.
      const osDisk = disks.find((d) => d.isOs);
      const osEncrypted = osDisk ? (this.diskState(vm.id, osDisk.name) ?? 'notEncrypted') !== 'notEncrypted' : false;
      if (osEncrypted) return { ok: false, message: LINUX_DISABLE_OS_ENCRYPTED };
      vt = 'Data';
    }
    const gen = (this.generation.get(vm.id.toLowerCase()) ?? 0) + 1;
    this.generation.set(vm.id.toLowerCase(), gen);
    for (const d of disks) {
      if (!this.inScope(d, vt)) continue;
      const st = this.diskState(vm.id, d.name);
      if (!st || st === 'notEncrypted') continue;
      this.setDiskState(vm.id, d.name, 'decryptionInProgress', []);
      if (d.managedDiskId) {
        const disk = this.ctx.store.get(d.managedDiskId);
        const esc = disk ? obj(props(disk)['encryptionSettingsCollection']) : undefined;
        if (disk && esc)
          props(disk)['encryptionSettingsCollection'] = { ...esc, enabled: false, encryptionSettings: [] };
      }
      if (d.isOs) {
        const osDisk = obj(obj(props(vm)['storageProfile'])['osDisk']);
        if (osDisk['encryptionSettings']) osDisk['encryptionSettings'] = { enabled: false };
      }
    }
    props(ext)['provisioningState'] = 'Succeeded';
    this.writeExtensionStatus(vm, ext, 'Decryption is in progress.');
    this.ctx.clock.schedule(this.ctx.encryptionSeconds, () => {
      if (this.generation.get(vm.id.toLowerCase()) === gen) this.finishVm(vm.id, ext.id);
    });
    return { ok: true };
  }
}

function lastMessage(p: Json): string {
  const st = arr(obj(p['instanceView'])['statuses'])[0];
  return str(st?.['message']) ?? 'Extension provisioning failed.';
}
