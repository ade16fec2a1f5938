/**
 * The public sources every ADE fact in this folder is taken from. Rules, hovers, preflight checks and
 * the explorer cite these instead of restating where a fact comes from.
 */
export interface Source {
  /** Short name shown in findings and hovers. */
  readonly title: string;
  /** A public URL, or `owner/repo: path` for a file in a public repository. */
  readonly ref: string;
}

const learn = (path: string): string => `https://learn.microsoft.com/azure/${path}`;

export const SOURCES = {
  linuxOverview: {
    title: 'Azure Disk Encryption for Linux VMs',
    ref: learn('virtual-machines/linux/disk-encryption-overview'),
  },
  windowsOverview: {
    title: 'Azure Disk Encryption for Windows VMs',
    ref: learn('virtual-machines/windows/disk-encryption-overview'),
  },
  linuxExtension: {
    title: 'Azure Disk Encryption for Linux (extension schema)',
    ref: learn('virtual-machines/extensions/azure-disk-enc-linux'),
  },
  windowsExtension: {
    title: 'Azure Disk Encryption for Windows (extension schema)',
    ref: learn('virtual-machines/extensions/azure-disk-enc-windows'),
  },
  scaleSets: {
    title: 'Azure Disk Encryption for Virtual Machine Scale Sets',
    ref: learn('virtual-machine-scale-sets/disk-encryption-overview'),
  },
  keyVault: {
    title: 'Creating and configuring a key vault for Azure Disk Encryption',
    ref: learn('virtual-machines/linux/disk-encryption-key-vault'),
  },
  windowsFaq: {
    title: 'Azure Disk Encryption for Windows VMs FAQ',
    ref: learn('virtual-machines/windows/disk-encryption-faq'),
  },
  migrate: {
    title: 'Migrate from Azure Disk Encryption to encryption at host',
    ref: learn('virtual-machines/disk-encryption-migrate'),
  },
  backup: {
    title: 'Back up and restore encrypted Azure VMs',
    ref: learn('backup/backup-azure-vms-encryption'),
  },
  verifyStatus: {
    title: 'Verify encryption status for Linux',
    ref: learn('virtual-machines/linux/how-to-verify-encryption-status'),
  },
  diskEncryption: {
    title: 'Server-side encryption of Azure Disk Storage (encryption at host)',
    ref: learn('virtual-machines/disk-encryption'),
  },
  cli: {
    title: 'Azure CLI az vm encryption',
    ref: 'Azure/azure-cli: src/azure-cli/azure/cli/command_modules/vm/disk_encryption.py',
  },
  linuxHandler: {
    title: 'Linux ADE extension handler',
    ref: 'Azure/azure-linux-extensions: VMEncryption/main/handle.py',
  },
  linuxHandlerKeys: {
    title: 'Linux ADE extension setting names',
    ref: 'Azure/azure-linux-extensions: VMEncryption/main/Common.py, ExtensionParameter.py',
  },
  diskRp: {
    title: 'DiskRP OpenAPI (encryptionSettingsCollection)',
    ref: 'Azure/azure-rest-api-specs: specification/compute/resource-manager/Microsoft.Compute/DiskRP/stable/2025-01-02/diskRPCommon.json',
  },
  vmssWindowsQuickstart: {
    title: 'Quickstart template 201-encrypt-vmss-windows-jumpbox',
    ref: 'Azure/azure-quickstart-templates: 201-encrypt-vmss-windows-jumpbox/azuredeploy.json',
  },
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;

/** "Title (ref)" for messages and docs. */
export function cite(id: SourceId): string {
  const s = SOURCES[id];
  return `${s.title} (${s.ref})`;
}

/** A clickable URL for a source: Learn pages as they are, repository files on GitHub (the first file named). */
export function sourceUrl(s: Source): string {
  if (s.ref.startsWith('https://')) return s.ref;
  const [repo, paths] = s.ref.split(': ');
  const first = (paths ?? '').split(', ')[0] ?? '';
  return `https://github.com/${repo}/blob/HEAD/${first}`;
}
