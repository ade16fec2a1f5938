// Rules on the VM or scale set itself: schema, size, memory and disks.
import { memoryShortfall } from '../../../ade';
import type { PreflightRule } from '../rule';
import { adeSizeVerdict } from '../vmSize';

/** The CLI keeps legacy VMs on the legacy schema and needs the AAD app (`_detect_ade_status`, encrypt_vm). */
export const legacyAad: PreflightRule = {
  id: 'legacyAad',
  severity: 'error',
  source: 'cli',
  operations: ['enable'],
  check({ t, input }) {
    if (!t.legacy) return undefined;
    return input.aadClientId
      ? { ok: true, message: 'This VM uses legacy (Microsoft Entra app) ADE; the AAD parameters will be used.' }
      : {
          ok: false,
          message:
            'This VM uses legacy ADE with a Microsoft Entra app: re-running needs the AAD client id and secret or certificate thumbprint.',
          fix: {
            kind: 'manual',
            steps:
              'Run `az vm encryption enable` with --aad-client-id and --aad-client-secret (or --aad-client-cert-thumbprint).',
          },
        };
  },
};

/** The unsupported-size table of src/ade/sizes.ts (both OS pages' unsupported scenarios). */
export const vmSize: PreflightRule = {
  id: 'vmSize',
  severity: 'error',
  source: 'docs',
  operations: ['enable'],
  check({ t }) {
    const size = adeSizeVerdict(t.vmSize, t.os);
    return size.supported
      ? { ok: true, message: `Size ${t.vmSize ?? 'unknown'} is not on the ADE exclusion list.` }
      : {
          ok: false,
          message: size.reason ?? '',
          fix: { kind: 'manual', steps: 'Resize to a supported size, or use encryption at host instead of ADE.' },
        };
  },
};

/** 2 GB (Windows, Linux data volumes), 8 GB to encrypt a Linux OS volume. Unknown sizes: no finding. */
export const vmMemory: PreflightRule = {
  id: 'vmMemory',
  severity: 'error',
  source: 'docs',
  operations: ['enable'],
  check({ t, effective }) {
    const short = t.vmSize && t.os && effective ? memoryShortfall(t.vmSize, t.os, effective) : undefined;
    if (!short) return undefined;
    return {
      ok: false,
      ref: short.source,
      message: `${short.message}; ${t.vmSize} has ${short.sizeGib} GiB.`,
      fix: { kind: 'manual', steps: 'Resize the VM to a size with enough memory, or use encryption at host instead.' },
    };
  },
};

export const encryptionAtHostConflict: PreflightRule = {
  id: 'encryptionAtHostConflict',
  severity: 'error',
  source: 'docs',
  operations: ['enable'],
  check({ t }) {
    const eah = t.securityProfile?.encryptionAtHost === true;
    return {
      ok: !eah,
      message: eah
        ? 'Encryption at host is enabled; ADE cannot be enabled on disks that use encryption at host.'
        : 'Encryption at host is not enabled.',
    };
  },
};

export const diskEncryptionSetConflict: PreflightRule = {
  id: 'diskEncryptionSetConflict',
  severity: 'error',
  source: 'docs',
  operations: ['enable'],
  check({ t }) {
    const desIds = [
      t.osDisk?.managedDisk?.diskEncryptionSet?.id,
      ...t.dataDisks.map((d) => d.managedDisk?.diskEncryptionSet?.id),
    ];
    const cmk =
      desIds.some(Boolean) ||
      t.diskModels.some((d) => (d.encryption?.type ?? '').toLowerCase().includes('customerkey'));
    return {
      ok: !cmk,
      message: cmk
        ? 'A disk uses a customer-managed key (disk encryption set); ADE cannot be applied to such disks.'
        : 'No disk uses a disk encryption set.',
    };
  },
};

export const unsupportedDiskType: PreflightRule = {
  id: 'unsupportedDiskType',
  severity: 'error',
  source: 'docs',
  operations: ['enable'],
  check({ t }) {
    const types = [
      t.osDisk?.managedDisk?.storageAccountType,
      ...t.dataDisks.map((d) => d.managedDisk?.storageAccountType),
      ...t.diskModels.map((d) => d.sku?.name),
    ]
      .filter((x): x is string => !!x)
      .map((x) => x.toLowerCase());
    const bad = t.ultra || types.some((s) => s === 'ultrassd_lrs' || s === 'premiumv2_lrs');
    return {
      ok: !bad,
      message: bad ? 'Ultra disks and Premium SSD v2 disks are not supported by ADE.' : 'Disk types are supported.',
    };
  },
};

export const ephemeralOsDisk: PreflightRule = {
  id: 'ephemeralOsDisk',
  severity: 'error',
  source: 'docs',
  operations: ['enable'],
  check({ t }) {
    const ephemeral = !!t.osDisk?.diffDiskSettings;
    return {
      ok: !ephemeral,
      message: ephemeral ? 'Ephemeral OS disks are not supported by ADE.' : 'The OS disk is not ephemeral.',
    };
  },
};

export const managedDisksOnly: PreflightRule = {
  id: 'managedDisksOnly',
  severity: 'error',
  source: 'docs',
  operations: ['enable'],
  check({ t, input }) {
    if (input.target.kind !== 'vmss') return undefined;
    return {
      ok: t.managedOnly,
      message: t.managedOnly ? 'The scale set uses managed disks.' : 'ADE on scale sets supports managed disks only.',
    };
  },
};
