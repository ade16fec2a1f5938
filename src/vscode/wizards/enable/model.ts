/** Pure rules of the enable wizard: who can be encrypted, which vaults and volume types fit. */
import type { OsKind, VolumeType } from '../../../azure/ade/extension';
import { ADE_RETIREMENT } from '../../../ade';
import { vaultNameProblem } from '../../../azure/operations/createVault';
import type { PickItem } from '../engine/prompter';
import type { TargetInfo, VaultInfo } from '../services';

export const RETIREMENT_DATE = ADE_RETIREMENT.date;

export const RETIREMENT_NOTICE =
  `Azure Disk Encryption retires on ${RETIREMENT_DATE}: after that date ADE-encrypted disks fail to unlock after a reboot. ` +
  'Microsoft recommends encryption at host for new VMs, and a VM that ever had ADE cannot switch to encryption at host later.';

/** Why a VM or scale set cannot get ADE from this wizard, or undefined when it can. */
export function enableRefusal(t: TargetInfo): string | undefined {
  switch (t.state.summary) {
    case 'encryptionAtHost':
      return 'encryption at host is on; ADE cannot be enabled on disks that use encryption at host';
    case 'sseCustomerKey':
      return 'a disk uses a disk encryption set (customer-managed key); ADE cannot be applied to such disks';
    case 'legacyAad':
      return 'legacy ADE with a Microsoft Entra app; re-running needs the app credentials (use az vm encryption enable)';
    case 'inProgress':
      return 'an ADE operation is still running; wait for it to finish';
    default:
      break;
  }
  if (t.vm?.securityProfile?.encryptionAtHost || t.vmss?.virtualMachineProfile?.securityProfile?.encryptionAtHost)
    return 'encryption at host is on; ADE cannot be enabled on disks that use encryption at host';
  if (!t.os) return 'the model does not say whether it runs Windows or Linux';
  return undefined;
}

export function targetLabel(t: TargetInfo): string {
  return `${t.kind === 'vm' ? 'VM' : 'scale set'} ${t.name}`;
}

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** Why a vault cannot serve this target (the CLI's own checks: region and subscription). */
export function vaultMismatch(t: TargetInfo, v: VaultInfo): string | undefined {
  if (v.subscriptionId.toLowerCase() !== t.subscriptionId.toLowerCase())
    return `different subscription: ${v.subscriptionId}`;
  if (norm(v.location) !== norm(t.location)) return `different region: ${v.location}`;
  return undefined;
}

/** Same region and subscription first (ready ones on top); the others shown but refused with the reason. */
export function vaultPickItems(t: TargetInfo, vaults: readonly VaultInfo[]): PickItem<VaultInfo>[] {
  const fit = vaults.filter((v) => !vaultMismatch(t, v)).sort((a, b) => a.name.localeCompare(b.name));
  const other = vaults.filter((v) => vaultMismatch(t, v)).sort((a, b) => a.name.localeCompare(b.name));
  const flags = (v: VaultInfo) =>
    [
      v.model.properties?.enabledForDiskEncryption ? 'disk encryption on' : 'disk encryption off (can be fixed)',
      v.rbac ? 'RBAC' : 'access policies',
      v.premium ? 'premium' : 'standard',
    ].join(' · ');
  return [
    { label: `In ${t.location}, same subscription`, separator: true },
    ...fit.map((v) => ({ label: `$(key) ${v.name}`, description: flags(v), detail: v.resourceGroup, value: v })),
    ...(other.length ? [{ label: 'Other vaults (ADE needs the same region and subscription)', separator: true }] : []),
    ...other.map((v) => {
      const why = vaultMismatch(t, v) ?? '';
      return {
        label: `$(key) ${v.name}`,
        description: why,
        detail: v.resourceGroup,
        disabledReason: `${why}. ADE needs the vault in the same region and subscription as ${t.name}.`,
        value: v,
      };
    }),
  ];
}

export interface VolumeChoice {
  readonly volumeType: VolumeType;
  readonly label: string;
  readonly description: string;
}

/** The volume types ADE allows for this OS and target, with what each leaves unencrypted. */
export function volumeChoices(os: OsKind | undefined, kind: 'vm' | 'vmss', dataDisks: number): VolumeChoice[] {
  if (os === 'Linux' && kind === 'vmss')
    return [
      {
        volumeType: 'DATA',
        label: 'Data',
        description: 'Linux scale sets support ADE on data disks only; the OS disk stays unencrypted',
      },
    ];
  if (os === 'Linux' && dataDisks === 0)
    // Without data disks, Data would encrypt nothing.
    return [
      {
        volumeType: 'OS',
        label: 'OS',
        description: 'the OS disk (the VM has no data disks); needs 8 GB RAM or more while it encrypts',
      },
      {
        volumeType: 'ALL',
        label: 'All',
        description: 'the same as OS today; data disks added later get encrypted on the next run',
      },
    ];
  if (os === 'Linux')
    return [
      {
        volumeType: 'ALL',
        label: 'All',
        description: `OS disk and ${dataDisks} data disk(s); needs 8 GB RAM or more while the OS disk encrypts`,
      },
      { volumeType: 'OS', label: 'OS', description: 'OS disk only; data disks stay unencrypted' },
      {
        volumeType: 'DATA',
        label: 'Data',
        description: 'data disks only: the OS disk stays unencrypted',
      },
    ];
  return [
    { volumeType: 'ALL', label: 'All', description: 'OS and data disks (recommended)' },
    {
      volumeType: 'OS',
      label: 'OS',
      description: 'OS disk only (Windows cannot encrypt data disks without the OS disk)',
    },
  ];
}

/** In words, what a volume type leaves unencrypted (for the summary). */
export function volumeNote(os: OsKind | undefined, volumeType: VolumeType, dataDisks: number): string | undefined {
  if (os === 'Linux' && volumeType === 'DATA')
    return 'VolumeType Data leaves the OS disk unencrypted. On Linux, an encrypted OS disk can never be decrypted again, so choose All or OS only if you mean it.';
  if (volumeType === 'OS' && dataDisks > 0) return `VolumeType OS leaves the ${dataDisks} data disk(s) unencrypted.`;
  if (os === 'Linux' && volumeType !== 'DATA')
    return 'Linux OS disk encryption takes hours and cannot be undone (disable works on data disks only).';
  return undefined;
}

/** Key names in Key Vault: letters, digits and dashes, 1–127 characters. */
export function keyNameProblem(name: string, existing: readonly string[] = []): string | undefined {
  if (!name) return 'Enter a key name.';
  if (!/^[a-zA-Z0-9-]{1,127}$/.test(name)) return 'Use letters, digits and dashes only (1–127 characters).';
  if (existing.some((e) => e.toLowerCase() === name.toLowerCase()))
    return `A key named ${name} already exists; pick it under "existing key" or choose another name.`;
  return undefined;
}

/** Why a name cannot be used for a new vault: Azure's naming rules, then the vaults the listing knows. */
export function newVaultNameProblem(name: string, known: readonly string[] = []): string | undefined {
  const rule = vaultNameProblem(name);
  if (rule) return rule;
  if (known.some((k) => k.toLowerCase() === name.toLowerCase()))
    return `A vault named ${name} already exists; pick it in the vault list or choose another name.`;
  return undefined;
}

/** The vault the plan creates, described as it will be (for the preflight and the later steps). */
export function newVaultInfo(
  t: TargetInfo,
  v: { readonly name: string; readonly sku: 'standard' | 'premium' },
  tenantId: string | undefined,
  dnsSuffix = 'vault.azure.net',
): VaultInfo {
  const id = `/subscriptions/${t.subscriptionId}/resourceGroups/${t.resourceGroup}/providers/Microsoft.KeyVault/vaults/${v.name}`;
  return {
    id,
    name: v.name,
    location: t.location,
    subscriptionId: t.subscriptionId,
    ...(tenantId ? { tenantId } : {}),
    resourceGroup: t.resourceGroup,
    premium: v.sku === 'premium',
    rbac: true,
    model: {
      id,
      name: v.name,
      type: 'Microsoft.KeyVault/vaults',
      location: t.location,
      properties: {
        tenantId: tenantId ?? '',
        sku: { family: 'A', name: v.sku },
        accessPolicies: [],
        vaultUri: `https://${v.name.toLowerCase()}.${dnsSuffix}/`,
        enabledForDiskEncryption: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        enablePurgeProtection: true,
        enableRbacAuthorization: true,
      },
    },
  };
}

/** The summary line of the vault the plan creates. */
export function newVaultWords(v: { readonly name: string; readonly sku: string }, t: TargetInfo): string {
  return `Create key vault ${v.name} in ${t.location} (${t.resourceGroup}) with disk encryption, soft delete 90 days, purge protection, RBAC; ${v.sku} SKU`;
}
