// VM Run Command (POST .../virtualMachines/{vm}/runCommand; `az vm run-command invoke`): the sandbox has no guest,
// so it answers the few commands that show disk encryption inside the VM from the simulated per-disk ADE state
// (the instance view's EncryptionState codes): `manage-bde -status` (RunPowerShellScript, Windows) and `lsblk`,
// `cryptsetup status <name>` (RunShellScript, Linux). The answer is a long-running operation whose result (final
// state via Location, as the CLI's aaz Invoke reads it) is the RunCommandResult `{ value: [statuses] }` in the
// documented per-OS layout: https://learn.microsoft.com/azure/virtual-machines/windows/run-command and
// https://learn.microsoft.com/azure/virtual-machines/linux/run-command. The command output text is the sandbox's own
// rendering of what those tools print; anything else in a script gets a note on stderr.
import { ArmError, badRequest } from '../arm-errors';
import { arr, obj, props, str, type Json, type SandboxContext } from '../context';
import { LroManager } from '../lro';
import type { Params, SandboxRequest, SandboxResponse } from '../router';
import type { StoredResource } from '../types';

type DiskState = 'encrypted' | 'notEncrypted' | 'encryptionInProgress' | 'decryptionInProgress';

interface GuestDisk {
  role: 'os' | 'data';
  lun?: number;
  sizeGb: number;
  state: DiskState;
}

function guestDisks(ctx: SandboxContext, vm: StoredResource): GuestDisk[] {
  const sp = obj(props(vm)['storageProfile']);
  const iv = ctx.store.get(`${vm.id}/instanceView`);
  const stateOf = (name: string | undefined): DiskState => {
    const d = arr(iv?.['disks']).find((x) => str(x['name'])?.toLowerCase() === (name ?? '').toLowerCase());
    const code = arr(d?.['statuses'])
      .map((s) => str(s['code']) ?? '')
      .find((c) => /^EncryptionState\//i.test(c));
    const s = (code?.split('/')[1] ?? 'notEncrypted').toLowerCase();
    if (s === 'encrypted') return 'encrypted';
    if (s === 'encryptioninprogress') return 'encryptionInProgress';
    if (s === 'decryptioninprogress') return 'decryptionInProgress';
    return 'notEncrypted';
  };
  const size = (d: Json): number => {
    const id = str(obj(d['managedDisk'])['id']);
    const stored = id ? ctx.store.get(id) : undefined;
    const gb = Number(obj(stored?.['properties'])['diskSizeGB'] ?? d['diskSizeGB']);
    return Number.isFinite(gb) && gb > 0 ? gb : 32;
  };
  const os = obj(sp['osDisk']);
  return [
    { role: 'os', sizeGb: size(os), state: stateOf(str(os['name'])) },
    ...arr(sp['dataDisks']).map((d) => ({
      role: 'data' as const,
      lun: Number(d['lun'] ?? 0),
      sizeGb: size(d),
      state: stateOf(str(d['name'])),
    })),
  ];
}

function manageBde(disks: GuestDisk[]): string {
  const conversion: Record<DiskState, [string, string, string, string]> = {
    encrypted: ['Fully Encrypted', '100.0%', 'XTS-AES 256', 'Protection On'],
    notEncrypted: ['Fully Decrypted', '0.0%', 'None', 'Protection Off'],
    encryptionInProgress: ['Encryption in Progress', '50.0%', 'XTS-AES 256', 'Protection Off'],
    decryptionInProgress: ['Decryption in Progress', '50.0%', 'XTS-AES 256', 'Protection Off'],
  };
  const letters = 'CFGHIJKLMNOPQRSTUVWXYZ';
  const out = [
    'BitLocker Drive Encryption: Configuration Tool version 10.0.20348',
    'Copyright (C) 2013 Microsoft Corporation. All rights reserved.',
    '',
    'Disk volumes that can be protected with',
    'BitLocker Drive Encryption:',
  ];
  disks.forEach((d, i) => {
    const [status, pct, method, protection] = conversion[d.state];
    out.push(
      `Volume ${letters[i] ?? 'Z'}: [${d.role === 'os' ? 'Windows' : 'Data'}]`,
      d.role === 'os' ? '[OS Volume]' : '[Data Volume]',
      '',
      `    Size:                 ${(d.sizeGb - 0.5).toFixed(2)} GB`,
      '    BitLocker Version:    2.0',
      `    Conversion Status:    ${status}`,
      `    Percentage Encrypted: ${pct}`,
      `    Encryption Method:    ${method}`,
      `    Protection Status:    ${protection}`,
      '    Lock Status:          Unlocked',
      '    Identification Field: Unknown',
      '    Key Protectors:',
      d.state === 'notEncrypted' ? '        None Found' : '        External Key',
      '',
    );
  });
  return out.join('\n');
}

/** Linux block devices: sda OS, sdb the resource disk, sdc... the data disks by LUN. */
function linuxDevices(disks: GuestDisk[]): { dev: string; part: string; mapper?: string; mount: string; gb: number }[] {
  const os = disks.find((d) => d.role === 'os');
  const list = [];
  if (os) {
    list.push({
      dev: 'sda',
      part: 'sda1',
      mount: '/',
      gb: os.sizeGb,
      ...(os.state !== 'notEncrypted' ? { mapper: 'osencrypt' } : {}),
    });
  }
  disks
    .filter((d) => d.role === 'data')
    .sort((a, b) => (a.lun ?? 0) - (b.lun ?? 0))
    .forEach((d, i) => {
      const dev = `sd${String.fromCharCode('c'.charCodeAt(0) + i)}`;
      list.push({
        dev,
        part: `${dev}1`,
        mount: `/data${d.lun ?? i}`,
        gb: d.sizeGb,
        ...(d.state !== 'notEncrypted' ? { mapper: `resourceencrypt-lun${d.lun ?? i}` } : {}),
      });
    });
  return list;
}

function lsblk(disks: GuestDisk[]): string {
  const row = (name: string, majMin: string, size: string, type: string, mount = ''): string =>
    `${name.padEnd(24)} ${majMin.padEnd(7)} 0 ${size.padStart(5)}  0 ${type.padEnd(5)} ${mount}`.trimEnd();
  const rows = [`${'NAME'.padEnd(24)} MAJ:MIN RM  SIZE RO TYPE  MOUNTPOINT`];
  let dm = 0;
  const devices = linuxDevices(disks);
  const ordered = [devices[0], { dev: 'sdb', part: 'sdb1', mount: '/mnt', gb: 16 }, ...devices.slice(1)];
  ordered.forEach((d, i) => {
    if (!d) return;
    const mapper = 'mapper' in d ? d.mapper : undefined;
    rows.push(row(d.dev, `8:${i * 16}`, `${d.gb}G`, 'disk'));
    rows.push(row(`\u2514\u2500${d.part}`, `8:${i * 16 + 1}`, `${d.gb}G`, 'part', mapper ? '' : d.mount));
    if (mapper) rows.push(row(`  \u2514\u2500${mapper}`, `253:${dm++}`, `${d.gb}G`, 'crypt', d.mount));
  });
  return rows.join('\n');
}

function cryptsetupStatus(disks: GuestDisk[], name: string): { out: string; err: string } {
  const bare = name.replace(/^\/dev\/mapper\//, '');
  const d = linuxDevices(disks).find((x) => x.mapper === bare);
  if (!d) return { out: `/dev/mapper/${bare} is inactive.`, err: '' };
  return {
    out: [
      `/dev/mapper/${bare} is active and is in use.`,
      '  type:    LUKS1',
      '  cipher:  aes-xts-plain64',
      '  keysize: 256 bits',
      '  key location: dm-crypt',
      `  device:  /dev/${d.part}`,
      '  sector size:  512',
      '  offset:  4096 sectors',
      `  size:    ${d.gb * 2097152 - 4096} sectors`,
      '  mode:    read/write',
    ].join('\n'),
    err: '',
  };
}

/** Runs the script lines the sandbox understands; the rest is reported on stderr, not pretended. */
function runScript(os: 'Windows' | 'Linux', disks: GuestDisk[], script: string[]): { out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  for (const raw of script.flatMap((s) => s.split(/\r?\n|;|&&/))) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (os === 'Windows' && /^manage-bde(\.exe)?\s+-status\b/i.test(line)) out.push(manageBde(disks));
    else if (os === 'Linux' && /^(sudo\s+)?lsblk\b/.test(line)) out.push(lsblk(disks));
    else if (os === 'Linux' && /^(sudo\s+)?cryptsetup\s+status\s+(\S+)/.test(line)) {
      const r = cryptsetupStatus(disks, /status\s+(\S+)/.exec(line)?.[1] ?? '');
      out.push(r.out);
      if (r.err) err.push(r.err);
    } else {
      err.push(
        `sandbox: '${line}' was not run: the sandbox has no guest and answers only ${os === 'Windows' ? 'manage-bde -status' : 'lsblk and cryptsetup status <name>'}.`,
      );
    }
  }
  return { out: out.join('\n'), err: err.join('\n') };
}

const COMMAND_OS: Record<string, 'Windows' | 'Linux'> = {
  runpowershellscript: 'Windows',
  runshellscript: 'Linux',
};

export function runCommand(ctx: SandboxContext, req: SandboxRequest, p: Params, vm: StoredResource): SandboxResponse {
  const body = obj(req.body);
  const commandId = str(body['commandId']) ?? '';
  if (!commandId) throw badRequest('InvalidParameter', "Required parameter 'commandId' is missing (null).");
  const os = str(obj(obj(props(vm)['storageProfile'])['osDisk'])['osType']) === 'Linux' ? 'Linux' : 'Windows';
  const wanted = COMMAND_OS[commandId.toLowerCase()];
  if (!wanted) {
    throw new ArmError(404, 'NotFound', `The entity was not found in this Azure location: run command '${commandId}'.`);
  }
  if (wanted !== os) {
    throw badRequest('InvalidParameter', `Run command '${commandId}' is not available for ${os} VMs.`);
  }
  const power = arr(ctx.store.get(`${vm.id}/instanceView`)?.['statuses']).find((s) =>
    str(s['code'])?.startsWith('PowerState/'),
  );
  if (power && str(power['code']) !== 'PowerState/running') {
    throw new ArmError(409, 'OperationNotAllowed', 'Cannot run commands on the VM when the VM is not running.');
  }
  const script = Array.isArray(body['script']) ? body['script'].map(String) : [];
  const headers = ctx.lro.start(req, p['sub'] ?? '', 'Microsoft.Compute', String(vm['location']), () => {
    const { out, err } = runScript(os, guestDisks(ctx, vm), script);
    const ok = { level: 'Info', displayStatus: 'Provisioning succeeded' };
    const value =
      os === 'Windows'
        ? [
            { code: 'ComponentStatus/StdOut/succeeded', ...ok, message: out },
            { code: 'ComponentStatus/StdErr/succeeded', ...ok, message: err },
          ]
        : [
            {
              code: 'ProvisioningState/succeeded',
              ...ok,
              message: `Enable succeeded: \n[stdout]\n${out}\n\n[stderr]\n${err}\n`,
            },
          ];
    return { status: 'Succeeded', output: { value } };
  });
  return LroManager.accepted(202, undefined, headers);
}
