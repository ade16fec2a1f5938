import type { PlainError } from '../../../azure/errors';
import type {
  KeySummary,
  ScaleSetEncryptionItem,
  SecretSummary,
  SubscriptionInfo,
  SubscriptionInventory,
  TenantInfo,
  VaultDetails,
  VaultItem,
  VmEncryptionItem,
} from '../../../azure/inventory/types';
import type { AdeExtensionInfo, DiskEncryptionDetail, EncryptionState } from '../../../azure/state/types';
import { ADE_RETIREMENT_DATE, isRetiring, vaultBadge, vmBadge, vmDescription, vmTooltip } from './badges';
import { armNodeId, errorNodeId, lastSegment, subscriptionNodeId, syntheticId } from './ids';
import type { GroupKind, IconRef, NodeDescriptor, NodeRef, VaultSection } from './types';

/** Where a subscription's nodes hang and which tenant it belongs to. */
export interface SubRef {
  readonly subscriptionId: string;
  readonly tenantId: string;
}

function subRef(sub: SubscriptionInfo): SubRef {
  return { subscriptionId: sub.subscriptionId, tenantId: sub.tenantId };
}

function leaf(
  id: string,
  kind: NodeDescriptor['kind'],
  label: string,
  extra: Partial<Omit<NodeDescriptor, 'id' | 'kind' | 'label'>> = {},
): NodeDescriptor {
  return { id, kind, label, contextValue: `ade.${kind}`, collapsible: 'none', ref: {}, ...extra };
}

// ---------------------------------------------------------------- root level

export function rootNode(title: string, kind: 'sandbox' | 'azure', description?: string): NodeDescriptor {
  return {
    id: `ade:${kind}`,
    kind: 'root',
    label: title,
    ...(description ? { description } : {}),
    tooltip:
      kind === 'sandbox'
        ? '**Sandbox** — a simulated Azure estate inside VS Code. Nothing here touches Azure; close it with *ADE: Close Sandbox*.'
        : `**${title}** — subscriptions you can see with the signed-in account.`,
    icon: { id: kind === 'sandbox' ? 'beaker' : 'azure' },
    contextValue: kind === 'sandbox' ? 'ade.root.sandbox' : 'ade.root.azure',
    collapsible: 'expanded',
    ref: {},
  };
}

export function signInNode(): NodeDescriptor {
  return leaf('ade:signin', 'signIn', 'Sign in to Azure…', {
    icon: { id: 'sign-in' },
    tooltip: 'Sign in with your Microsoft account (the one VS Code already knows, or a new one).',
    command: { command: 'ade.signIn', title: 'Sign In to Azure' },
  });
}

export function tenantSignInNode(tenant: TenantInfo, error?: PlainError): NodeDescriptor {
  const name = tenant.displayName ?? tenant.defaultDomain ?? tenant.tenantId;
  return leaf(`ade:tenant/${tenant.tenantId.toLowerCase()}`, 'tenantSignIn', `Sign in to tenant ${name}…`, {
    description: 'needs sign-in (MFA)',
    tooltip: `The directory **${name}** (\`${tenant.tenantId}\`) needs you to sign in again, for example for multi-factor authentication.${
      error ? `\n\n${error.message}` : ''
    }\n\nClick to sign in to this tenant; its subscriptions appear afterwards.`,
    icon: { id: 'key', color: 'charts.yellow' },
    contextValue: 'ade.tenant.needsSignIn',
    command: { command: 'ade.signInToTenant', title: 'Sign In to Tenant', args: [tenant.tenantId] },
    ref: { tenantId: tenant.tenantId },
  });
}

export function selectSubscriptionsNode(total: number): NodeDescriptor {
  return leaf('ade:selectsubscriptions', 'selectSubscriptions', 'Select subscriptions…', {
    description: `none of ${total} selected`,
    tooltip: 'The subscription filter hides every subscription. Choose the ones to show.',
    icon: { id: 'filter' },
    command: { command: 'ade.selectSubscriptions', title: 'Select Subscriptions' },
  });
}

export function subscriptionNode(sub: SubscriptionInfo, inv?: SubscriptionInventory): NodeDescriptor {
  let description = sub.subscriptionId;
  if (inv) {
    const ade = inv.vms.filter((v) => isRetiring(v.state)).length;
    description = `${inv.vms.length} VMs${ade ? ` · ${ade} with ADE` : ''}`;
  }
  return {
    id: subscriptionNodeId(sub.subscriptionId),
    kind: 'subscription',
    label: sub.displayName,
    description,
    tooltip: `**${sub.displayName}**\n\nSubscription \`${sub.subscriptionId}\`\n\nTenant \`${sub.tenantId}\`${sub.state ? `\n\nState: ${sub.state}` : ''}`,
    icon: { id: 'organization' },
    contextValue: 'ade.subscription',
    collapsible: 'collapsed',
    ref: { ...subRef(sub), armId: `/subscriptions/${sub.subscriptionId}` },
  };
}

// ---------------------------------------------------------------- subscription level

const GROUP_LABEL: Record<GroupKind, string> = {
  vaults: 'Key Vaults',
  vms: 'Virtual Machines',
  scaleSets: 'VM Scale Sets',
};
const GROUP_ICON: Record<GroupKind, string> = { vaults: 'lock', vms: 'vm', scaleSets: 'layers' };

function itemsOf(
  inv: SubscriptionInventory,
  group: GroupKind,
  resourceGroup?: string,
): readonly { resourceGroup: string }[] {
  const all = group === 'vms' ? inv.vms : group === 'scaleSets' ? inv.scaleSets : (inv.vaults ?? []);
  return resourceGroup ? all.filter((i) => i.resourceGroup.toLowerCase() === resourceGroup.toLowerCase()) : all;
}

export function groupNode(
  sub: SubRef,
  inv: SubscriptionInventory,
  group: GroupKind,
  resourceGroup?: string,
): NodeDescriptor {
  const parent = resourceGroup
    ? resourceGroupNodeId(sub.subscriptionId, resourceGroup)
    : subscriptionNodeId(sub.subscriptionId);
  const count = itemsOf(inv, group, resourceGroup).length;
  let description = `${count}`;
  if (group === 'vms' || group === 'scaleSets') {
    const items = (group === 'vms' ? inv.vms : inv.scaleSets).filter(
      (i) => !resourceGroup || i.resourceGroup.toLowerCase() === resourceGroup.toLowerCase(),
    );
    const unprotected = items.filter((i) => i.state.summary === 'none' || i.state.summary === 'failed').length;
    if (unprotected) description += ` · ${unprotected} unprotected or failed`;
  } else {
    const notReady = itemsOf(inv, 'vaults', resourceGroup).filter((v) => !(v as VaultItem).readiness.ready).length;
    if (notReady) description += ` · ${notReady} not ready`;
  }
  const partial = inv.partialErrors.find((p) =>
    group === 'vaults' ? p.part === 'vaults' : group === 'scaleSets' ? p.part === 'scaleSets' : false,
  );
  return {
    id: syntheticId(parent, group),
    kind: 'group',
    label: GROUP_LABEL[group],
    description: partial ? 'could not be listed' : description,
    ...(partial ? { tooltip: `${partial.error.message}${partial.error.fix ? `\n\n${partial.error.fix}` : ''}` } : {}),
    icon: partial ? { id: 'warning', color: 'list.warningForeground' } : { id: GROUP_ICON[group] },
    contextValue: `ade.group.${group}`,
    collapsible: count > 0 || partial ? 'collapsed' : 'none',
    ref: { ...sub, group, ...(resourceGroup ? { resourceGroup } : {}) },
  };
}

export function resourceGroupNodeId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourcegroups/${resourceGroup}`.toLowerCase();
}

export function resourceGroupNode(sub: SubRef, resourceGroup: string, count: number): NodeDescriptor {
  return {
    id: resourceGroupNodeId(sub.subscriptionId, resourceGroup),
    kind: 'resourceGroup',
    label: resourceGroup,
    description: `${count} resources`,
    icon: { id: 'symbol-folder' },
    contextValue: 'ade.resourceGroup',
    collapsible: 'collapsed',
    ref: { ...sub, resourceGroup, armId: `/subscriptions/${sub.subscriptionId}/resourceGroups/${resourceGroup}` },
  };
}

/** Children of a subscription: the three groups, or resource groups when grouping is on. */
export function subscriptionChildren(
  sub: SubRef,
  inv: SubscriptionInventory,
  groupByResourceGroup: boolean,
): NodeDescriptor[] {
  const notes = inv.partialErrors
    .filter((p) => p.part === 'disks' || p.part === 'instanceViews')
    .map((p) =>
      leaf(
        syntheticId(subscriptionNodeId(sub.subscriptionId), `partial-${p.part}`),
        'info',
        `Some details are missing (${p.part === 'disks' ? 'disks' : 'instance views'})`,
        {
          description: p.error.message,
          tooltip: `${p.error.message}${p.error.fix ? `\n\n**Next:** ${p.error.fix}` : ''}`,
          icon: { id: 'warning', color: 'list.warningForeground' },
        },
      ),
    );
  if (!groupByResourceGroup) {
    return [groupNode(sub, inv, 'vaults'), groupNode(sub, inv, 'vms'), groupNode(sub, inv, 'scaleSets'), ...notes];
  }
  const counts = new Map<string, { name: string; count: number }>();
  for (const i of [...(inv.vaults ?? []), ...inv.vms, ...inv.scaleSets]) {
    const key = i.resourceGroup.toLowerCase();
    const e = counts.get(key) ?? { name: i.resourceGroup, count: 0 };
    e.count++;
    counts.set(key, e);
  }
  const groups = [...counts.values()].sort((a, b) => a.name.localeCompare(b.name));
  return [...groups.map((g) => resourceGroupNode(sub, g.name, g.count)), ...notes];
}

export function resourceGroupChildren(
  sub: SubRef,
  inv: SubscriptionInventory,
  resourceGroup: string,
): NodeDescriptor[] {
  return (['vaults', 'vms', 'scaleSets'] as const)
    .filter((g) => itemsOf(inv, g, resourceGroup).length > 0)
    .map((g) => groupNode(sub, inv, g, resourceGroup));
}

export function groupChildren(
  sub: SubRef,
  inv: SubscriptionInventory,
  group: GroupKind,
  resourceGroup?: string,
): NodeDescriptor[] {
  const inRg = (i: { resourceGroup: string }) =>
    !resourceGroup || i.resourceGroup.toLowerCase() === resourceGroup.toLowerCase();
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  if (group === 'vms')
    return inv.vms
      .filter(inRg)
      .sort(byName)
      .map((vm) => vmNode(sub, vm));
  if (group === 'scaleSets')
    return inv.scaleSets
      .filter(inRg)
      .sort(byName)
      .map((s) => scaleSetNode(sub, s));
  const partial = inv.partialErrors.find((p) => p.part === 'vaults');
  if (partial) return [errorNode(syntheticId(subscriptionNodeId(sub.subscriptionId), 'vaults'), partial.error)];
  return (inv.vaults ?? [])
    .filter(inRg)
    .sort(byName)
    .map((v) => vaultNode(sub, v));
}

// ---------------------------------------------------------------- resources

function stateTag(state: EncryptionState): string {
  return state.summary;
}

export function vmNode(sub: SubRef, vm: VmEncryptionItem): NodeDescriptor {
  const badge = vmBadge(vm.state);
  return {
    id: armNodeId(vm.id),
    kind: 'vm',
    label: vm.name,
    description: vmDescription(vm.state),
    tooltip:
      vmTooltip(vm.name, 'VM', vm.state) +
      `\n\n${vm.os ?? 'Unknown OS'} · ${vm.location}${vm.vmSize ? ` · ${vm.vmSize}` : ''} · resource group ${vm.resourceGroup}`,
    icon: badge.icon,
    contextValue: `ade.vm.${stateTag(vm.state)}`,
    collapsible: 'collapsed',
    ref: { ...sub, armId: vm.id, resourceGroup: vm.resourceGroup },
  };
}

export function scaleSetNode(sub: SubRef, ss: ScaleSetEncryptionItem): NodeDescriptor {
  const badge = vmBadge(ss.state);
  return {
    id: armNodeId(ss.id),
    kind: 'scaleSet',
    label: ss.name,
    description: vmDescription(ss.state),
    tooltip:
      vmTooltip(ss.name, 'Scale set', ss.state) +
      `\n\n${ss.os ?? 'Unknown OS'} · ${ss.location}${ss.capacity !== undefined ? ` · ${ss.capacity} instances` : ''} · resource group ${ss.resourceGroup}`,
    icon: badge.icon,
    contextValue: `ade.vmss.${stateTag(ss.state)}`,
    collapsible: 'collapsed',
    ref: { ...sub, armId: ss.id, resourceGroup: ss.resourceGroup },
  };
}

export function vaultNode(sub: SubRef, vault: VaultItem): NodeDescriptor {
  const badge = vaultBadge(vault.name, vault.readiness);
  return {
    id: armNodeId(vault.id),
    kind: 'vault',
    label: vault.name,
    description: badge.short,
    tooltip: `${badge.tooltip}\n\n${vault.location}${vault.sku ? ` · ${vault.sku}` : ''} · resource group ${vault.resourceGroup}`,
    icon: badge.icon,
    contextValue: badge.ready ? 'ade.vault.ready' : 'ade.vault.notReady',
    collapsible: 'collapsed',
    ref: {
      ...sub,
      armId: vault.id,
      resourceGroup: vault.resourceGroup,
      ...(vault.vaultUri ? { vaultUri: vault.vaultUri } : {}),
    },
  };
}

// ---------------------------------------------------------------- VM / scale set details

const DISK_STATUS: Record<DiskEncryptionDetail['adeStatus'], { text: string; icon: IconRef }> = {
  encrypted: { text: 'encrypted (ADE)', icon: { id: 'lock', color: 'charts.green' } },
  notEncrypted: { text: 'not encrypted by ADE', icon: { id: 'unlock', color: 'disabledForeground' } },
  inProgress: { text: 'encryption in progress', icon: { id: 'sync', color: 'charts.blue' } },
  vmRestartPending: { text: 'VM restart pending', icon: { id: 'debug-restart', color: 'charts.yellow' } },
  notMounted: { text: 'not mounted', icon: { id: 'warning', color: 'charts.yellow' } },
  unknown: { text: 'unknown', icon: { id: 'question', color: 'disabledForeground' } },
};

const SSE_TEXT: Record<DiskEncryptionDetail['sse'], string> = {
  platformKey: 'SSE with platform key',
  customerKey: 'SSE with customer key',
  platformAndCustomerKey: 'SSE double encryption',
  confidential: 'confidential disk encryption',
  unmanaged: 'unmanaged disk',
  unknown: 'SSE unknown',
};

export function diskNode(ownerId: string, d: DiskEncryptionDetail, encryptionAtHost: boolean): NodeDescriptor {
  const st = DISK_STATUS[d.adeStatus];
  const role = d.role === 'os' ? 'OS disk' : `Data disk${d.lun !== undefined ? ` (LUN ${d.lun})` : ''}`;
  const icon =
    d.adeStatus === 'notEncrypted' &&
    (encryptionAtHost || d.sse === 'customerKey' || d.sse === 'platformAndCustomerKey')
      ? { id: 'lock', color: 'charts.green' }
      : st.icon;
  const tooltip = [
    `**${d.name}** — ${role}`,
    '',
    `ADE: ${st.text}${d.statusCode ? ` (\`${d.statusCode}\`)` : ''}; from ${d.statusSource === 'none' ? 'no ADE data' : d.statusSource}.`,
    d.statusMessage ? `\n${d.statusMessage}` : '',
    '',
    `Server-side: ${SSE_TEXT[d.sse]}${encryptionAtHost ? '; encrypted at host' : ''}.`,
    d.secretUrl ? `\nBEK secret: \`${d.secretUrl}\`` : '',
    d.keyEncryptionKeyUrl ? `\nKEK: \`${d.keyEncryptionKeyUrl}\`` : '',
  ].join('\n');
  return leaf(d.diskId ? armNodeId(d.diskId) : syntheticId(ownerId, `disk:${d.name}`), 'disk', d.name, {
    description: `${role} · ${st.text}${encryptionAtHost ? ' · at host' : d.sse !== 'platformKey' ? ` · ${SSE_TEXT[d.sse]}` : ''}`,
    tooltip,
    icon,
    contextValue: 'ade.disk',
    ref: d.diskId ? { armId: d.diskId, ...(d.secretUrl ? { secretUrl: d.secretUrl } : {}) } : {},
  });
}

export function extensionNode(ownerId: string, sub: SubRef, ade: AdeExtensionInfo): NodeDescriptor {
  const failed = (ade.provisioningState ?? '').toLowerCase() === 'failed';
  const id = ade.installed ? armNodeId(`${ownerId}/extensions/${ade.name}`) : syntheticId(ownerId, 'ade-extension');
  return {
    id,
    kind: 'extension',
    label: ade.installed ? `${ade.type} ${ade.typeHandlerVersion ?? ''}`.trim() : 'ADE extension not installed',
    description: [ade.provisioningState, ade.legacy ? 'legacy AAD schema' : undefined].filter(Boolean).join(' · '),
    tooltip: `**ADE extension** ${ade.type} ${ade.typeHandlerVersion ?? ''}\n\nProvisioning: ${ade.provisioningState ?? 'unknown'}${
      ade.statusMessage ? `\n\nStatus: ${ade.statusMessage}` : ''
    }\n\nSettings are shown without protected values.`,
    icon: failed ? { id: 'error', color: 'errorForeground' } : { id: 'extensions' },
    contextValue: 'ade.extension',
    collapsible: 'collapsed',
    ref: { ...sub, armId: ownerId },
  };
}

/** ADE extension settings; protected settings are never read, so no secret can appear. */
export function extensionChildren(extNodeId: string, ade: AdeExtensionInfo): NodeDescriptor[] {
  const rows: [string, string | undefined][] = [
    ['EncryptionOperation', ade.encryptionOperation],
    ['VolumeType', ade.volumeType],
    ['KeyVaultURL', ade.keyVaultUrl],
    ['KeyVaultResourceId', ade.keyVaultResourceId],
    ['KeyEncryptionKeyURL', ade.keyEncryptionKeyUrl],
    ['KekVaultResourceId', ade.kekVaultResourceId],
    ['KeyEncryptionAlgorithm', ade.keyEncryptionAlgorithm],
    ['SequenceVersion', ade.sequenceVersion],
    [
      'Status',
      ade.statusCode ? `${ade.statusCode}${ade.statusMessage ? `: ${ade.statusMessage}` : ''}` : ade.statusMessage,
    ],
    ['Substatus', ade.substatusMessage],
  ];
  return rows
    .filter((r): r is [string, string] => !!r[1])
    .map(([k, v]) =>
      leaf(syntheticId(extNodeId, `setting:${k}`), 'setting', k, {
        description: v,
        tooltip: `**${k}**\n\n\`${v}\``,
        icon: { id: 'symbol-property' },
        contextValue: 'ade.setting',
      }),
    );
}

export function vaultRefNode(
  ownerId: string,
  sub: SubRef,
  vaultId: string,
  role: string,
  known?: VaultItem,
): NodeDescriptor {
  const name = known?.name ?? lastSegment(vaultId);
  const badge = known ? vaultBadge(known.name, known.readiness) : undefined;
  return leaf(syntheticId(ownerId, `vault:${vaultId}`), 'vaultRef', name, {
    description: `${role}${badge ? ` · ${badge.short}` : ''}`,
    tooltip: badge
      ? badge.tooltip
      : `Key vault \`${vaultId}\` (not in this subscription's list, or not visible to you).`,
    icon: badge ? badge.icon : { id: 'lock' },
    contextValue: 'ade.vaultRef',
    command: { command: 'ade.revealResource', title: 'Reveal Vault', args: [vaultId] },
    ref: { ...sub, armId: vaultId, ...(known?.vaultUri ? { vaultUri: known.vaultUri } : {}) },
  });
}

export function keyRefNode(ownerId: string, sub: SubRef, keyUrl: string): NodeDescriptor {
  const parts = keyUrl.replace(/^https?:\/\//, '').split('/');
  const host = parts[0] ?? '';
  const name = parts[2] ?? keyUrl;
  const version = parts[3];
  return leaf(syntheticId(ownerId, `kek:${keyUrl}`), 'keyRef', `KEK ${name}`, {
    description: `${host.split('.')[0]}${version ? ` · version ${version.slice(0, 8)}…` : ' · unversioned (ADE needs a versioned URL)'}`,
    tooltip: `**Key encryption key** used by ADE\n\n\`${keyUrl}\``,
    icon: { id: 'key', color: version ? 'charts.green' : 'charts.yellow' },
    contextValue: 'ade.keyRef',
    ref: { ...sub, keyUrl },
  });
}

function retirementNode(ownerId: string, state: EncryptionState): NodeDescriptor | undefined {
  if (!isRetiring(state) || !state.retirement) return undefined;
  return leaf(syntheticId(ownerId, 'retirement'), 'retirement', `ADE retires ${ADE_RETIREMENT_DATE}`, {
    description: `${state.retirement.daysLeft} days left · migrate to encryption at host`,
    tooltip: `**Azure Disk Encryption retirement: ${ADE_RETIREMENT_DATE}**\n\n${state.retirement.message}\n\n**Next:** plan the migration to encryption at host (new disks via upload + copy; Linux VMs with an encrypted OS disk need a new VM).`,
    icon: { id: 'calendar', color: 'charts.orange' },
    contextValue: 'ade.retirement',
  });
}

function stateNotes(ownerId: string, state: EncryptionState): NodeDescriptor[] {
  const out: NodeDescriptor[] = [];
  if (state.summary === 'failed') {
    out.push(
      leaf(syntheticId(ownerId, 'ade-error'), 'info', 'ADE failed', {
        description: state.error.split('\n')[0],
        tooltip: `**The ADE extension failed**\n\n${state.error}\n\n**Next:** fix the cause, then run ADE again.`,
        icon: { id: 'error', color: 'errorForeground' },
      }),
    );
  }
  state.problems.forEach((p, i) =>
    out.push(
      leaf(syntheticId(ownerId, `problem:${i}`), 'info', p, {
        tooltip: p,
        icon: { id: 'warning', color: 'list.warningForeground' },
      }),
    ),
  );
  return out;
}

function keyChildren(
  ownerId: string,
  sub: SubRef,
  state: EncryptionState,
  vaults: readonly VaultItem[],
): NodeDescriptor[] {
  const byId = new Map(vaults.map((v) => [v.id.toLowerCase(), v]));
  const out: NodeDescriptor[] = [];
  state.keys.vaultIds.forEach((id, i) =>
    out.push(
      vaultRefNode(ownerId, sub, id, i === 0 ? 'disk encryption vault' : 'KEK vault', byId.get(id.toLowerCase())),
    ),
  );
  for (const url of state.keys.keyEncryptionKeyUrls) out.push(keyRefNode(ownerId, sub, url));
  return out;
}

export function vmChildren(sub: SubRef, vm: VmEncryptionItem, vaults: readonly VaultItem[]): NodeDescriptor[] {
  const ownerId = armNodeId(vm.id);
  const out: NodeDescriptor[] = [];
  const ret = retirementNode(ownerId, vm.state);
  if (ret) out.push(ret);
  out.push(...stateNotes(ownerId, vm.state));
  for (const d of vm.state.disks) out.push(diskNode(ownerId, d, vm.state.encryptionAtHost));
  if (vm.state.ade) out.push(extensionNode(vm.id, sub, vm.state.ade));
  out.push(...keyChildren(ownerId, sub, vm.state, vaults));
  return out;
}

export function scaleSetChildren(
  sub: SubRef,
  ss: ScaleSetEncryptionItem,
  vaults: readonly VaultItem[],
): NodeDescriptor[] {
  const ownerId = armNodeId(ss.id);
  const out: NodeDescriptor[] = [];
  const ret = retirementNode(ownerId, ss.state);
  if (ret) out.push(ret);
  out.push(...stateNotes(ownerId, ss.state));
  if (ss.upgradeMode?.toLowerCase() === 'manual' && ss.state.ade) {
    out.push(
      leaf(syntheticId(ownerId, 'upgrade'), 'info', 'Manual upgrade mode', {
        description: 'instances get model changes after "update instances"',
        tooltip:
          'The scale set uses manual upgrades: ADE settings reach existing instances only after you update them (`az vmss update-instances --instance-ids "*"`).',
        icon: { id: 'info' },
      }),
    );
  }
  for (const d of ss.state.disks) out.push(diskNode(ownerId, d, ss.state.encryptionAtHost));
  if (ss.state.ade) out.push(extensionNode(ss.id, sub, ss.state.ade));
  out.push(...keyChildren(ownerId, sub, ss.state, vaults));
  return out;
}

// ---------------------------------------------------------------- vault details

const SECTION_LABEL: Record<VaultSection, string> = {
  readiness: 'Readiness for ADE',
  accessPolicies: 'Access Policies',
  keys: 'Keys',
  secrets: 'ADE Secrets (BEK)',
};
const SECTION_ICON: Record<VaultSection, string> = {
  readiness: 'checklist',
  accessPolicies: 'person',
  keys: 'key',
  secrets: 'lock',
};

export function vaultSectionNode(
  sub: SubRef,
  vault: VaultItem,
  d: VaultDetails,
  section: VaultSection,
): NodeDescriptor {
  let description = '';
  if (section === 'readiness')
    description = d.readiness.ready
      ? 'ready'
      : `${d.readiness.reasons.filter((r) => r.severity === 'error').length} blocking`;
  if (section === 'accessPolicies')
    description = d.permissionModel === 'rbac' ? 'RBAC vault: policies ignored' : `${d.accessPolicies.length}`;
  if (section === 'keys')
    description = d.keys.ok
      ? `${d.keys.value.length} · ${d.keys.value.filter((k) => k.usableAsKek).length} usable as KEK`
      : 'could not be listed';
  if (section === 'secrets')
    description = d.secrets.ok ? `${d.secrets.value.filter((s) => s.isAdeBek).length}` : 'could not be listed';
  return {
    id: syntheticId(armNodeId(vault.id), section),
    kind: 'vaultSection',
    label: SECTION_LABEL[section],
    description,
    icon: { id: SECTION_ICON[section] },
    contextValue: `ade.vaultSection.${section}`,
    collapsible: 'collapsed',
    ref: { ...sub, armId: vault.id, section, ...(vault.vaultUri ? { vaultUri: vault.vaultUri } : {}) },
  };
}

export function vaultChildren(sub: SubRef, vault: VaultItem, d: VaultDetails): NodeDescriptor[] {
  return (['readiness', 'accessPolicies', 'keys', 'secrets'] as const).map((s) => vaultSectionNode(sub, vault, d, s));
}

function onOff(v: boolean | undefined): string {
  return v === true ? 'on' : v === false ? 'off' : 'not set';
}

export function readinessChildren(vault: VaultItem, d: VaultDetails): NodeDescriptor[] {
  const base = syntheticId(armNodeId(vault.id), 'readiness');
  const p = d.vault.properties;
  const bad = (ok: boolean): IconRef =>
    ok ? { id: 'pass', color: 'charts.green' } : { id: 'error', color: 'errorForeground' };
  const warn = (ok: boolean): IconRef =>
    ok ? { id: 'pass', color: 'charts.green' } : { id: 'warning', color: 'charts.yellow' };
  const acls = d.networkAcls;
  const firewallOk = !d.readiness.reasons.some(
    (r) => r.id === 'firewallBlocksTrustedServices' || r.id === 'publicAccessDisabledNoBypass',
  );
  const row = (key: string, label: string, description: string, icon: IconRef, tooltip: string) =>
    leaf(syntheticId(base, key), 'reason', label, { description, icon, tooltip, contextValue: `ade.readiness.${key}` });
  const rows = [
    row(
      'diskencryption',
      'Enabled for disk encryption',
      onOff(p.enabledForDiskEncryption),
      bad(p.enabledForDiskEncryption === true),
      'ADE needs `enabledForDiskEncryption` so the platform can read BEK secrets and unwrap keys.',
    ),
    row(
      'softdelete',
      'Soft delete',
      `${onOff(p.enableSoftDelete ?? true)}${p.softDeleteRetentionInDays ? ` · ${p.softDeleteRetentionInDays} days` : ''}`,
      bad(p.enableSoftDelete !== false),
      'ADE requires soft delete; once on it cannot be turned off.',
    ),
    row(
      'purgeprotection',
      'Purge protection',
      onOff(p.enablePurgeProtection),
      warn(p.enablePurgeProtection === true),
      'Recommended: without it a deleted key could be purged and disks never unlock again.',
    ),
    row(
      'network',
      'Network rules',
      `${acls?.defaultAction ? `default ${acls.defaultAction}` : 'allow all'} · bypass ${acls?.bypass ?? 'AzureServices'}${p.publicNetworkAccess ? ` · public ${p.publicNetworkAccess}` : ''}`,
      bad(firewallOk),
      'With a firewall, trusted Microsoft services must be allowed through (bypass AzureServices).',
    ),
    row(
      'permissionmodel',
      'Permission model',
      d.permissionModel === 'rbac' ? 'Azure RBAC' : 'access policies',
      { id: 'info' },
      d.permissionModel === 'rbac'
        ? 'Access is granted with role assignments; access policies are ignored.'
        : 'Access is granted with vault access policies.',
    ),
    row(
      'region',
      'Region',
      vault.location,
      { id: 'globe' },
      'ADE needs the vault in the same region and subscription as the VM.',
    ),
  ];
  const reasons = d.readiness.reasons
    .filter((r) => r.severity !== 'info')
    .map((r) =>
      leaf(syntheticId(base, `reason:${r.id}`), 'reason', r.message, {
        description: r.severity,
        tooltip: `${r.message}${r.fix ? '\n\nThis can be fixed with a vault update.' : ''}`,
        icon:
          r.severity === 'error'
            ? { id: 'error', color: 'errorForeground' }
            : { id: 'warning', color: 'charts.yellow' },
        contextValue: `ade.readiness.reason.${r.severity}`,
      }),
    );
  return [...rows, ...reasons];
}

export function accessPolicyChildren(vault: VaultItem, d: VaultDetails): NodeDescriptor[] {
  const base = syntheticId(armNodeId(vault.id), 'accesspolicies');
  const out: NodeDescriptor[] = [];
  if (d.permissionModel === 'rbac') {
    out.push(
      leaf(syntheticId(base, 'rbac'), 'info', 'This vault uses Azure RBAC', {
        description: 'access policies below are ignored',
        tooltip:
          'In RBAC mode access is granted with role assignments (e.g. Key Vault Crypto Officer); access policies have no effect.',
        icon: { id: 'info' },
      }),
    );
  }
  d.accessPolicies.forEach((ap, i) => {
    const perms = ap.permissions;
    const parts = [
      perms.keys?.length ? `keys: ${perms.keys.join(', ')}` : undefined,
      perms.secrets?.length ? `secrets: ${perms.secrets.join(', ')}` : undefined,
      perms.certificates?.length ? `certificates: ${perms.certificates.join(', ')}` : undefined,
    ].filter(Boolean);
    out.push(
      leaf(syntheticId(base, `${ap.objectId}:${i}`), 'accessPolicy', ap.objectId, {
        description: parts.join(' · ') || 'no permissions',
        tooltip: `**Object id** \`${ap.objectId}\`${ap.applicationId ? `\n\nApplication id \`${ap.applicationId}\`` : ''}\n\n${parts.map((p) => `- ${p}`).join('\n')}`,
        icon: { id: 'person' },
      }),
    );
  });
  if (!out.length) out.push(leaf(syntheticId(base, 'empty'), 'info', 'No access policies', { icon: { id: 'info' } }));
  return out;
}

function keyNode(vault: VaultItem, sub: SubRef, k: KeySummary): NodeDescriptor {
  const expires = k.expires ? k.expires.toISOString().slice(0, 10) : undefined;
  const desc = [
    k.kty,
    k.keySize ? `${k.keySize}` : undefined,
    k.enabled === false ? 'disabled' : 'enabled',
    expires ? `expires ${expires}` : 'no expiry',
  ]
    .filter(Boolean)
    .join(' · ');
  const why = k.usableAsKek
    ? 'Usable as a key encryption key (KEK) for ADE.'
    : k.kty?.startsWith('EC')
      ? 'Not usable as KEK: ADE supports RSA keys only.'
      : k.enabled === false
        ? 'Not usable as KEK: the key is disabled.'
        : 'Not usable as KEK (RSA-HSM keys need a premium vault).';
  const url = k.keyUriWithVersion ?? k.keyUri;
  return leaf(`${armNodeId(vault.id)}/keys/${k.name.toLowerCase()}`, 'key', k.name, {
    description: desc,
    tooltip: `**${k.name}**\n\n${why}${k.rotationPolicyRotates ? '\n\n$(warning) The key has an auto-rotation policy: ADE keeps using the version it was given; never disable old versions.' : ''}${url ? `\n\n\`${url}\`` : ''}`,
    icon: { id: 'key', color: k.usableAsKek ? 'charts.green' : 'disabledForeground' },
    contextValue: k.usableAsKek ? 'ade.key.kek' : 'ade.key',
    ref: { ...sub, armId: vault.id, ...(url ? { keyUrl: url } : {}) },
  });
}

export function keyChildrenOfVault(vault: VaultItem, sub: SubRef, d: VaultDetails): NodeDescriptor[] {
  const base = syntheticId(armNodeId(vault.id), 'keys');
  if (!d.keys.ok) return [errorNode(base, d.keys.error)];
  if (!d.keys.value.length)
    return [
      leaf(syntheticId(base, 'empty'), 'info', 'No keys', {
        description: 'ADE can work without a KEK',
        icon: { id: 'info' },
      }),
    ];
  return [...d.keys.value].sort((a, b) => a.name.localeCompare(b.name)).map((k) => keyNode(vault, sub, k));
}

function volumeOf(s: SecretSummary): string | undefined {
  const find = (name: string) => Object.entries(s.tags).find(([k]) => k.toLowerCase() === name)?.[1];
  const file = find('diskencryptionkeyfilename');
  return (
    find('volumeletter') ?? find('volumelabel') ?? (file && /linuxpassphrase/i.test(file) ? 'Linux passphrase' : file)
  );
}

export function secretChildren(vault: VaultItem, sub: SubRef, d: VaultDetails): NodeDescriptor[] {
  const base = syntheticId(armNodeId(vault.id), 'secrets');
  if (!d.secrets.ok) return [errorNode(base, d.secrets.error)];
  const bek = d.secrets.value.filter((s) => s.isAdeBek);
  const others = d.secrets.value.length - bek.length;
  const rows = bek
    .map((s) => ({ s, vm: s.machineName ?? 'unknown VM', volume: volumeOf(s) ?? '' }))
    .sort((a, b) => a.vm.localeCompare(b.vm) || a.volume.localeCompare(b.volume))
    .map(({ s, vm, volume }) =>
      leaf(`${armNodeId(vault.id)}/secrets/${s.name.toLowerCase()}`, 'secret', `${vm}${volume ? ` · ${volume}` : ''}`, {
        description: `${s.name}${s.enabled === false ? ' · disabled' : ''}`,
        tooltip: `**BEK secret** stored by ADE for **${vm}**${volume ? ` (volume ${volume})` : ''}\n\nSecret \`${s.name}\` — the value is never shown.\n\nTags: ${Object.entries(
          s.tags,
        )
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`,
        icon: { id: 'lock', color: s.enabled === false ? 'disabledForeground' : 'charts.green' },
        contextValue: 'ade.secret',
        ref: { ...sub, armId: vault.id, ...(s.secretUri ? { secretUrl: s.secretUri } : {}) },
      }),
    );
  if (others > 0)
    rows.push(
      leaf(syntheticId(base, 'others'), 'info', `${others} other secret(s)`, {
        description: 'not written by ADE',
        icon: { id: 'info' },
      }),
    );
  if (!rows.length)
    rows.push(
      leaf(syntheticId(base, 'empty'), 'info', 'No ADE secrets', {
        description: 'no VM has stored a disk key here',
        icon: { id: 'info' },
      }),
    );
  return rows;
}

// ---------------------------------------------------------------- errors and notes

export function errorNode(
  parentId: string,
  error: PlainError | { message: string; fix?: string },
  retryable = true,
): NodeDescriptor {
  const fix = error.fix;
  return {
    id: errorNodeId(parentId),
    kind: 'error',
    label: error.message.split('\n')[0] ?? 'Something went wrong',
    description: retryable ? 'click to retry' : undefined,
    tooltip: `$(error) ${error.message}${fix ? `\n\n**Next:** ${fix}` : ''}${retryable ? '\n\nClick to try again.' : ''}`,
    icon: { id: 'error', color: 'errorForeground' },
    contextValue: 'ade.error',
    collapsible: 'none',
    ...(retryable ? { command: { command: 'ade.retry', title: 'Retry', args: [parentId] } } : {}),
    ref: { parentId },
  };
}

export function infoNode(id: string, label: string, description?: string): NodeDescriptor {
  return leaf(id, 'info', label, { ...(description ? { description } : {}), icon: { id: 'info' } });
}

export type { NodeRef };
