// ADE on scale sets: the extension lives in the scale set model; the outcome reaches instances at once
// (automatic/rolling upgrade) or only after manualupgrade (manual policy), as `az vmss encryption` warns.
import type { SandboxContext } from '../context';
import { arr, obj, props, str } from '../context';
import type { LroResult } from '../lro';
import { status } from '../resources';
import { type AdeSettings, LINUX_VMSS_OS, checkVaults, readSettings } from './rules';
import { DISK_STATE_TEXT, type DiskEncryptionState, failure, inScope, isAdeExtension, osOf } from './common';

export class ScaleSetAde {
  /** Scale set ADE outcome waiting to reach instances (manual upgrade policy). */
  private readonly pendingModel = new Map<string, { target: DiskEncryptionState; vt: AdeSettings['volumeType'] }>();

  constructor(private readonly ctx: SandboxContext) {}

  /** Runs when a scale set's ADE extension operation completes (the extension sits in the scale set model). */
  completeVmssExtension(vmssId: string, extName: string): LroResult {
    const vmss = this.ctx.store.get(vmssId);
    if (!vmss) return { status: 'Succeeded' };
    const extensions = arr(obj(obj(props(vmss)['virtualMachineProfile'])['extensionProfile'])['extensions']);
    const ext = extensions.find((e) => str(e['name']) === extName);
    if (!ext) return { status: 'Succeeded' };
    const p = props(ext);
    if (!isAdeExtension(p)) {
      p['provisioningState'] = 'Succeeded';
      return { status: 'Succeeded' };
    }
    const os = osOf(vmss);
    const read = readSettings(
      obj(p['settings']),
      os === 'Linux',
      str(obj(p['settings'])['EncryptionOperation']) === 'DisableEncryption',
    );
    let message: string | undefined;
    if (!read.ok) message = read.message;
    else if (os === 'Linux' && read.value.volumeType !== 'Data') message = LINUX_VMSS_OS;
    else if (read.value.operation !== 'DisableEncryption') {
      const v = checkVaults({ store: this.ctx.store, settings: read.value, target: vmss, targetKind: 'VMSS' });
      if (!v.ok) message = v.message;
    }
    if (message) {
      p['provisioningState'] = 'Failed';
      return failure({ id: `${vmssId}/extensions/${extName}`, name: extName, properties: p }, os, message);
    }
    p['provisioningState'] = 'Succeeded';
    const target: DiskEncryptionState =
      read.ok && read.value.operation === 'DisableEncryption' ? 'notEncrypted' : 'encrypted';
    const vt = read.ok ? read.value.volumeType : 'Data';
    this.pendingModel.set(vmssId.toLowerCase(), { target, vt });
    // Manual upgrade policy: instances keep the old model until manualupgrade (az vmss update-instances).
    const manual = str(obj(props(vmss)['upgradePolicy'])['mode'])?.toLowerCase() === 'manual';
    if (manual) {
      for (const inst of this.ctx.store.children(vmssId, 'virtualMachines')) props(inst)['latestModelApplied'] = false;
    } else this.applyVmssModel(vmssId, ['*']);
    return { status: 'Succeeded' };
  }

  /** Brings the listed instances ('*' = all) to the scale set's latest model, including its ADE extension. */
  applyVmssModel(vmssId: string, instanceIds: readonly string[]): void {
    const pending = this.pendingModel.get(vmssId.toLowerCase());
    for (const inst of this.ctx.store.children(vmssId, 'virtualMachines')) {
      if (!instanceIds.includes('*') && !instanceIds.includes(String(inst['instanceId']))) continue;
      props(inst)['latestModelApplied'] = true;
      if (!pending) continue;
      const iv = this.ctx.store.get(`${inst.id}/instanceView`);
      arr(iv?.['disks']).forEach((d, i) => {
        if (!inScope(i === 0, pending.vt)) return;
        const statuses = arr(d['statuses']).filter((x) => !str(x['code'])?.startsWith('EncryptionState/'));
        statuses.push(
          status(`EncryptionState/${pending.target}`, DISK_STATE_TEXT[pending.target], this.ctx.clock.iso()),
        );
        d['statuses'] = statuses;
      });
    }
  }
}
