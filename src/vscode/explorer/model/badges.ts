import type { EncryptionState, EncryptionSummary, VaultReadiness } from '../../../azure/state/types';
import { ADE_RETIREMENT, EAH_TEMP_DISK_KEYS, LINUX_OS_ENCRYPTION_COST } from '../../../ade';
import type { IconRef } from './types';

/** How one encryption state looks in the tree: short description, icon, theme colour and what to do. */
export interface Badge {
  /** Short text for the node description. */
  readonly short: string;
  readonly icon: IconRef;
  /** First tooltip paragraph: what it means. */
  readonly meaning: string;
  /** Second paragraph: what to do next. */
  readonly next: string;
}

export const ADE_RETIREMENT_DATE = ADE_RETIREMENT.date;

const MIGRATE = `Azure Disk Encryption retires on ${ADE_RETIREMENT.longDate}: after that date ADE disks fail to unlock after a reboot. Plan the move to encryption at host.`;

/** The badge table: one row per VM / scale set summary. Colours are theme colour ids. */
export const VM_BADGES: Readonly<Record<EncryptionSummary, Badge>> = {
  encrypted: {
    short: 'Encrypted (ADE)',
    icon: { id: 'lock', color: 'charts.green' },
    meaning: 'Azure Disk Encryption protects the OS disk and every data disk with keys in Key Vault.',
    next: MIGRATE,
  },
  osNotEncrypted: {
    short: 'OS not encrypted',
    icon: { id: 'unlock', color: 'charts.yellow' },
    meaning: 'ADE encrypts the data disks, but the OS disk is not encrypted.',
    next: `Windows: run ADE with volume type All. Linux: prefer moving to encryption at host; ${LINUX_OS_ENCRYPTION_COST}.`,
  },
  dataNotEncrypted: {
    short: 'Data not encrypted',
    icon: { id: 'unlock', color: 'charts.yellow' },
    meaning: 'ADE encrypts the OS disk, but at least one data disk is not encrypted.',
    next: 'Re-run ADE with volume type All (a new data disk is only encrypted when ADE runs again).',
  },
  stamped: {
    short: 'ADE settings stamped',
    icon: { id: 'lock', color: 'charts.yellow' },
    meaning:
      'ADE settings are stamped on the disks, which says the settings were written, not that the volumes are encrypted. The instance view has not been read yet.',
    next: 'Open the VM or show its encryption status to verify (the explorer also checks in the background).',
  },
  hadAde: {
    short: 'Had ADE (decrypted)',
    icon: { id: 'history', color: 'charts.orange' },
    meaning:
      'No volume is ADE-encrypted now, but the disks keep their ADE flag (encryptionSettingsVersion cannot be overwritten), through snapshots and copies too.',
    next: 'Encryption at host cannot be turned on for these disks in place: create new disks by download + upload and attach them to a VM with encryption at host.',
  },
  none: {
    short: 'Not encrypted',
    icon: { id: 'circle-slash', color: 'disabledForeground' },
    meaning: 'Only server-side encryption with platform-managed keys: no ADE, no encryption at host, no customer key.',
    next: 'For new protection use encryption at host (ADE is retiring); enable ADE only if a policy requires it.',
  },
  inProgress: {
    short: 'Encryption in progress',
    icon: { id: 'sync', color: 'charts.blue' },
    meaning: 'The ADE extension is still working on the disks (encrypting or decrypting).',
    next: 'Wait and refresh this VM; an OS disk can take hours. Do not restart the VM meanwhile.',
  },
  failed: {
    short: 'ADE failed',
    icon: { id: 'error', color: 'errorForeground' },
    meaning: 'The ADE extension reported a failure.',
    next: 'Read the extension status below, fix the cause (often the vault: disk-encryption flag, region, firewall) and run ADE again.',
  },
  encryptionAtHost: {
    short: 'Encryption at host',
    icon: { id: 'server', color: 'charts.green' },
    meaning: `Encryption at host encrypts the disks and their caches on the host server; ${EAH_TEMP_DISK_KEYS.text}.`,
    next: 'Nothing to do: this is the recommended option for new VMs.',
  },
  sseCustomerKey: {
    short: 'SSE with customer key',
    icon: { id: 'key', color: 'charts.purple' },
    meaning: 'Managed disks use server-side encryption with a customer-managed key (disk encryption set).',
    next: 'Nothing to do for ADE: ADE cannot be combined with customer-managed keys on the same disks.',
  },
  legacyAad: {
    short: 'Legacy ADE (AAD)',
    icon: { id: 'history', color: 'charts.orange' },
    meaning: 'ADE with the older Microsoft Entra (AAD) app schema (dual-pass).',
    next: `Keep the AAD app secret valid; the new schema cannot be switched to in place. ${MIGRATE}`,
  },
  unknown: {
    short: 'Unknown',
    icon: { id: 'question', color: 'disabledForeground' },
    meaning: 'The encryption state could not be told from what Azure reported.',
    next: 'Refresh this VM, or show its encryption status for the raw report.',
  },
};

export function vmBadge(state: EncryptionState): Badge {
  return VM_BADGES[state.summary];
}

/** True for states where ADE is (or was) in use and the 2028 retirement applies. */
export function isRetiring(state: EncryptionState): boolean {
  return state.retirement !== undefined;
}

export function vmDescription(state: EncryptionState): string {
  const badge = vmBadge(state);
  return isRetiring(state) ? `${badge.short} · retires ${ADE_RETIREMENT.date.slice(0, 4)}` : badge.short;
}

function escapeMd(text: string): string {
  return text.replace(/([\\`*_{}[\]<>()#+!|])/g, '\\$1');
}

export function vmTooltip(name: string, kind: 'VM' | 'Scale set', state: EncryptionState): string {
  const badge = vmBadge(state);
  const lines = [
    `**${escapeMd(name)}** (${kind}) — ${escapeMd(badge.short)}`,
    '',
    escapeMd(state.label),
    '',
    badge.meaning,
  ];
  const firstError = state.summary === 'failed' ? (state.error.split('\n')[0] ?? '') : '';
  if (firstError && !state.label.includes(firstError)) lines.push('', `Error: ${escapeMd(firstError)}`);
  if (state.summary === 'unknown') lines.push('', escapeMd(state.reason));
  for (const p of state.problems) lines.push('', `$(warning) ${escapeMd(p)}`);
  lines.push('', `**Next:** ${badge.next}`);
  if (isRetiring(state) && state.retirement) {
    lines.push('', `$(calendar) **ADE retirement ${ADE_RETIREMENT_DATE}**: ${escapeMd(state.retirement.message)}`);
  }
  return lines.join('\n');
}

export interface VaultBadge {
  readonly short: string;
  readonly icon: IconRef;
  readonly tooltip: string;
  readonly ready: boolean;
}

export function vaultBadge(name: string, readiness: VaultReadiness): VaultBadge {
  const errors = readiness.reasons.filter((r) => r.severity === 'error');
  const warnings = readiness.reasons.filter((r) => r.severity === 'warning');
  const model = readiness.permissionModel === 'rbac' ? 'Azure RBAC' : 'access policies';
  const lines = [`**${escapeMd(name)}** (Key Vault) — ${readiness.ready ? 'ready for ADE' : 'not ready for ADE'}`, ''];
  if (readiness.ready) {
    lines.push('Azure Disk Encryption can store disk keys in this vault and unwrap them at boot.');
  } else {
    lines.push('Azure Disk Encryption cannot use this vault yet:');
    for (const r of errors) lines.push(`- $(error) ${escapeMd(r.message)}`);
  }
  if (warnings.length) {
    lines.push('', 'Recommended:');
    for (const r of warnings) lines.push(`- $(warning) ${escapeMd(r.message)}`);
  }
  lines.push('', `Permission model: ${model}.`);
  lines.push(
    '',
    readiness.ready
      ? '**Next:** pick this vault when enabling ADE on a VM in the same region and subscription.'
      : "**Next:** fix the reasons above (the vault's Networking and Access configuration pages in the portal), then refresh.",
  );
  const first = errors[0];
  const short = readiness.ready
    ? warnings.length
      ? 'Ready for ADE (see tips)'
      : 'Ready for ADE'
    : `Not ready: ${first ? shortReason(first.id) : 'see tooltip'}`;
  return {
    short,
    icon: readiness.ready
      ? { id: 'workspace-trusted', color: 'charts.green' }
      : { id: 'workspace-untrusted', color: 'errorForeground' },
    tooltip: lines.join('\n'),
    ready: readiness.ready,
  };
}

/** A few words per readiness reason, for the vault's description. */
export function shortReason(id: VaultReadiness['reasons'][number]['id']): string {
  switch (id) {
    case 'diskEncryptionDisabled':
      return 'disk encryption off';
    case 'softDeleteDisabled':
      return 'soft delete off';
    case 'purgeProtectionDisabled':
      return 'purge protection off';
    case 'firewallBlocksTrustedServices':
      return 'firewall blocks trusted services';
    case 'publicAccessDisabledNoBypass':
      return 'public access off, no bypass';
    case 'rbacAuthorization':
      return 'RBAC';
    case 'accessPolicies':
      return 'access policies';
    case 'regionMismatch':
      return 'other region';
    case 'subscriptionMismatch':
      return 'other subscription';
    case 'notProvisioned':
      return 'provisioning';
  }
}
