// Helpers shared by the VM and scale set ADE simulation.
import type { Json } from '../context';
import { obj, props, str } from '../context';
import type { LroResult } from '../lro';
import { EXT_LINUX, EXT_PUBLISHER, EXT_WINDOWS } from '../resources';
import type { StoredResource } from '../types';
import type { AdeSettings } from './rules';

export type DiskEncryptionState = 'encrypted' | 'notEncrypted' | 'encryptionInProgress' | 'decryptionInProgress';

export const DISK_STATE_TEXT: Record<DiskEncryptionState, string> = {
  encrypted: 'Encryption is enabled on disk',
  notEncrypted: 'Encryption is disabled on disk',
  encryptionInProgress: 'Encryption is in progress on disk',
  decryptionInProgress: 'Decryption is in progress on disk',
};

export function isAdeExtension(p: Json): boolean {
  const pub = str(p['publisher'])?.toLowerCase();
  const type = str(p['type'])?.toLowerCase();
  return (
    pub === EXT_PUBLISHER.toLowerCase() && (type === EXT_WINDOWS.toLowerCase() || type === EXT_LINUX.toLowerCase())
  );
}

export function osOf(vm: StoredResource): 'Windows' | 'Linux' {
  const sp = obj(props(vm)['storageProfile']);
  const os =
    str(obj(sp['osDisk'])['osType']) ??
    str(obj(obj(obj(props(vm)['virtualMachineProfile'])['storageProfile'])['osDisk'])['osType']);
  return os === 'Linux' ? 'Linux' : 'Windows';
}

/** The error ARM reports for a failed extension operation. */
export function failure(ext: StoredResource, os: 'Windows' | 'Linux', detail: string): LroResult {
  const p = props(ext);
  return {
    status: 'Failed',
    error: {
      code: 'VMExtensionProvisioningError',
      message:
        `VM has reported a failure when processing extension '${String(ext['name'])}' (publisher '${str(p['publisher']) ?? ''}' and type '${str(p['type']) ?? ''}'). ` +
        `Error message: "${detail}". More information on troubleshooting is available at https://aka.ms/vmextension${os === 'Windows' ? 'windows' : 'linux'}troubleshoot. `,
    },
  };
}

export function inScope(isOs: boolean, vt: AdeSettings['volumeType']): boolean {
  return vt === 'All' || (vt === 'OS' ? isOs : !isOs);
}
