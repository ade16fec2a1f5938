// Volume-type rules: what src/ade/volumeTypes.ts says about the requested (or CLI default) volume type.
import type { AdeVolumeType } from '../../../ade';
import type { VolumeType } from '../../ade/extension';
import type { PreflightRule } from '../rule';

const upper = (v: AdeVolumeType): VolumeType => (v === 'Data' ? 'DATA' : v === 'All' ? 'ALL' : 'OS');

/** The Linux handler refuses any decryption while the OS volume is encrypted (handle.py, disable_encryption). */
export const linuxOsEncrypted: PreflightRule = {
  id: 'linuxOsEncrypted',
  severity: 'error',
  source: 'handler',
  operations: ['disable'],
  check({ requested, cliDefault, verdict }) {
    if ((!requested && typeof cliDefault === 'object') || verdict?.ok !== false) return undefined;
    if (verdict.code !== 'linuxDisableOsEncrypted') return undefined;
    return {
      ok: false,
      ref: verdict.source,
      message: verdict.message,
      fix: {
        kind: 'manual',
        steps:
          'An encrypted Linux OS volume cannot be decrypted: build a new VM with encryption at host and copy the data at file level (scp, rsync, or backup and restore).',
      },
    };
  },
};

export const volumeType: PreflightRule = {
  id: 'volumeType',
  severity: 'error',
  source: 'cli',
  operations: ['enable', 'disable'],
  check({ requested, cliDefault, verdict }) {
    if (!requested && typeof cliDefault === 'object') {
      return { ok: false, message: cliDefault.error, fix: { kind: 'setVolumeType', volumeType: 'DATA' } };
    }
    if (verdict && !verdict.ok) {
      if (verdict.code === 'linuxDisableOsEncrypted') return undefined;
      // The CLI refuses a Linux disable of anything but DATA unless forced: here that blocks, like the CLI.
      const cliRefuses = verdict.code === 'linuxDisableNotData';
      return {
        ok: false,
        severity: cliRefuses ? 'error' : verdict.severity,
        source: cliRefuses || verdict.source.ref.includes('azure-cli') ? 'cli' : 'docs',
        ref: verdict.source,
        message: verdict.message,
        ...(verdict.suggest ? { fix: { kind: 'setVolumeType', volumeType: upper(verdict.suggest) } as const } : {}),
      };
    }
    return {
      ok: true,
      severity: 'info',
      message:
        verdict?.note?.message ?? `Volume type ${requested ?? (typeof cliDefault === 'string' ? cliDefault : '')}.`,
      ...(verdict?.note ? { ref: verdict.note.source } : {}),
    };
  },
};

/** `az vm encryption disable` stops when ADE is not there (decrypt_vm, decrypt_vmss). */
export const notEncrypted: PreflightRule = {
  id: 'notEncrypted',
  severity: 'error',
  source: 'cli',
  operations: ['disable'],
  check({ t, input }) {
    if (t.hasAde) return { ok: true, severity: 'info', message: 'ADE is present and can be disabled.' };
    return {
      ok: false,
      message:
        input.target.kind === 'vmss'
          ? `VM scale set '${t.name}' was not encrypted.`
          : 'Azure Disk Encryption is not enabled.',
    };
  },
};
