// Turns ScenarioData into stored ARM resources. ADE states are produced by running the simulator itself, so a
// scenario's "failed" VM fails for the same reason (and with the same message) as a live PUT would.
import type { AdeSimulator } from '../ade/simulator';
import { props, type SandboxContext } from '../context';
import { providerId, rgId, stableGuid, stableHex } from '../ids';
import { BUILT_IN_ROLES, makeRoleAssignment } from '../providers/authorization';
import {
  EXT_LINUX,
  EXT_PUBLISHER,
  EXT_WINDOWS,
  diskNames,
  makeDisks,
  makeKey,
  makeResourceGroup,
  makeVault,
  makeVm,
  makeVmInstanceView,
  status,
  type VmSpec,
} from '../resources';
import { DEFAULT_OPERATOR } from '../identity/principals';
import { setFeatureState } from '../providers/features';
import type { StoredResource } from '../types';
import type { ScenarioAde, ScenarioData, ScenarioResourceGroup, ScenarioScaleSet, ScenarioSubscription } from './model';

export function loadScenario(ctx: SandboxContext, ade: AdeSimulator, data: ScenarioData): void {
  const created = new Date(ctx.clock.now() - 90 * 86400_000).toISOString();
  const declared = data.principals ?? [];
  for (const p of declared.length ? declared : [DEFAULT_OPERATOR]) ctx.directory.add({ ...p });
  for (const sub of data.subscriptions) {
    if (!declared.length) {
      const scope = `/subscriptions/${sub.subscriptionId}`;
      const owner = BUILT_IN_ROLES.find((r) => r.name === 'Owner')?.id ?? '';
      const name = stableGuid(`ra:${scope}:${owner}:${DEFAULT_OPERATOR.objectId}`);
      ctx.store.put(makeRoleAssignment(scope, name, owner, DEFAULT_OPERATOR.objectId, 'ServicePrincipal', created));
    }
    ctx.subscriptions.push({
      subscriptionId: sub.subscriptionId,
      displayName: sub.displayName,
      tenantId: sub.tenantId,
    });
    for (const rg of sub.resourceGroups) buildGroup(ctx, ade, sub, rg, created);
    for (const [name, state] of Object.entries(sub.features ?? {}))
      setFeatureState(ctx, sub.subscriptionId, name, state);
    for (const ra of sub.roleAssignments ?? []) {
      const scope = resolveScope(sub, ra.scope);
      const role = BUILT_IN_ROLES.find((r) => r.name.toLowerCase() === ra.role.toLowerCase());
      if (!role) throw new Error(`Scenario: unknown role '${ra.role}'`);
      const principal = ra.principal ? ctx.directory.byName(ra.principal) : undefined;
      if (ra.principal && !principal) throw new Error(`Scenario: unknown principal '${ra.principal}'`);
      const principalId = principal?.objectId ?? ra.principalId;
      if (!principalId) throw new Error(`Scenario: role assignment '${ra.role}' names no principal`);
      const type = ra.principalType ?? (principal ? 'ServicePrincipal' : 'User');
      const name = stableGuid(`ra:${scope}:${role.id}:${principalId}`);
      ctx.store.put(makeRoleAssignment(scope, name, role.id, principalId, type, created));
    }
  }
}

function resolveScope(sub: ScenarioSubscription, scope: string): string {
  const base = `/subscriptions/${sub.subscriptionId}`;
  if (scope === 'subscription') return base;
  if (scope.startsWith('rg:')) return rgId(sub.subscriptionId, scope.slice(3));
  if (scope.startsWith('vault:')) {
    const [rg, name] = scope.slice(6).split('/');
    return providerId(sub.subscriptionId, rg ?? '', 'Microsoft.KeyVault', 'vaults', name ?? '');
  }
  return scope;
}

function buildGroup(
  ctx: SandboxContext,
  ade: AdeSimulator,
  sub: ScenarioSubscription,
  rg: ScenarioResourceGroup,
  created: string,
): void {
  const { store } = ctx;
  const s = sub.subscriptionId;
  store.put(makeResourceGroup(s, rg.name, rg.location));
  const epoch = Math.floor(ctx.clock.now() / 1000) - 60 * 86400;
  for (const v of rg.vaults ?? []) {
    const vault = makeVault({
      ...v,
      subscriptionId: s,
      resourceGroup: rg.name,
      location: v.location ?? rg.location,
      tenantId: sub.tenantId,
    });
    store.put(vault);
    for (const k of v.keys ?? []) {
      const spec: { kty: string; keySize?: number; curveName?: string } = { kty: k.kty ?? 'RSA' };
      if (k.keySize) spec.keySize = k.keySize;
      if (k.curveName) spec.curveName = k.curveName;
      const [key, ver] = makeKey(vault, k.name, spec, stableHex(`${vault.id}/keys/${k.name}`, 32), epoch);
      store.put(key);
      store.put(ver);
    }
  }
  for (const des of rg.diskEncryptionSets ?? []) {
    const vaultId = providerId(s, rg.name, 'Microsoft.KeyVault', 'vaults', des.vault);
    const key = store.get(`${vaultId}/keys/${des.key}`);
    store.put({
      id: providerId(s, rg.name, 'Microsoft.Compute', 'diskEncryptionSets', des.name),
      name: des.name,
      type: 'Microsoft.Compute/diskEncryptionSets',
      location: rg.location,
      identity: { type: 'SystemAssigned', principalId: stableGuid(`des-mi:${des.name}`), tenantId: sub.tenantId },
      properties: {
        encryptionType: des.encryptionType ?? 'EncryptionAtRestWithCustomerKey',
        activeKey: { sourceVault: { id: vaultId }, keyUrl: key ? String(props(key)['keyUriWithVersion']) : '' },
        rotationToLatestKeyVersionEnabled: false,
        provisioningState: 'Succeeded',
      },
    });
  }
  for (const v of rg.vms ?? []) {
    const spec: VmSpec = {
      subscriptionId: s,
      resourceGroup: rg.name,
      name: v.name,
      location: v.location ?? rg.location,
      os: v.os,
      size: v.size ?? (v.os === 'Windows' ? 'Standard_D2s_v5' : 'Standard_D4s_v5'),
      dataDisks: v.dataDisks ?? 0,
      created,
    };
    if (v.encryptionAtHost) spec.encryptionAtHost = true;
    if (v.diskEncryptionSet) {
      spec.diskEncryptionSetId = providerId(s, rg.name, 'Microsoft.Compute', 'diskEncryptionSets', v.diskEncryptionSet);
      const des = store.get(spec.diskEncryptionSetId);
      const type = des ? (des['properties'] as Record<string, unknown>)['encryptionType'] : undefined;
      if (typeof type === 'string') spec.diskEncryptionType = type;
    }
    if (v.tags) spec.tags = v.tags;
    const vm = makeVm(spec);
    store.put(vm);
    store.put(makeVmInstanceView(vm, spec, v.powerState ?? 'running', created));
    for (const d of makeDisks(spec, vm.id)) store.put(d);
    if (v.ade) applyAde(ctx, ade, vm, v.os, sub, rg, v.ade);
  }
  for (const ss of rg.scaleSets ?? []) buildScaleSet(ctx, ade, sub, rg, ss, created);
}

export function adeSettings(
  sub: ScenarioSubscription,
  rg: ScenarioResourceGroup,
  ctx: SandboxContext,
  a: ScenarioAde,
  os: 'Windows' | 'Linux',
): Record<string, unknown> {
  const vaultId = a.vault.startsWith('/')
    ? a.vault
    : providerId(sub.subscriptionId, rg.name, 'Microsoft.KeyVault', 'vaults', a.vault);
  const vault = ctx.store.get(vaultId);
  const settings: Record<string, unknown> = {
    KeyVaultURL: vault ? props(vault)['vaultUri'] : `https://${a.vault.split('/').pop()}.vault.azure.net/`,
    VolumeType: a.volumeType ?? (os === 'Windows' ? 'All' : 'Data'),
    EncryptionOperation: 'EnableEncryption',
    KeyEncryptionAlgorithm: 'RSA-OAEP',
    SequenceVersion: stableGuid(`seq:${vaultId}:${a.state}`),
  };
  if (a.state === 'legacy') settings['AADClientID'] = a.aadClientId ?? stableGuid('aad-app');
  else settings['KeyVaultResourceId'] = vaultId;
  if (a.kek) {
    const kekVaultId = a.kekVault
      ? a.kekVault.startsWith('/')
        ? a.kekVault
        : providerId(sub.subscriptionId, rg.name, 'Microsoft.KeyVault', 'vaults', a.kekVault)
      : vaultId;
    const key = ctx.store.get(`${kekVaultId}/keys/${a.kek}`);
    settings['KeyEncryptionKeyURL'] = key ? props(key)['keyUriWithVersion'] : '';
    if (a.state !== 'legacy') settings['KekVaultResourceId'] = kekVaultId;
  } else if (a.state !== 'legacy') {
    settings['KeyEncryptionKeyURL'] = '';
    settings['KekVaultResourceId'] = '';
  }
  return settings;
}

function applyAde(
  ctx: SandboxContext,
  ade: AdeSimulator,
  vm: StoredResource,
  os: 'Windows' | 'Linux',
  sub: ScenarioSubscription,
  rg: ScenarioResourceGroup,
  a: ScenarioAde,
): void {
  const type = os === 'Windows' ? EXT_WINDOWS : EXT_LINUX;
  const version = a.state === 'legacy' ? (os === 'Windows' ? '1.1' : '0.1') : os === 'Windows' ? '2.2' : '1.1';
  const settings = adeSettings(sub, rg, ctx, a, os);
  if (a.state === 'legacy') {
    // The legacy flow runs against the vault given by KeyVaultURL; the simulator checks KeyVaultResourceId, so
    // give it one internally and drop it from the public settings afterwards.
    settings['KeyVaultResourceId'] = a.vault.startsWith('/')
      ? a.vault
      : providerId(sub.subscriptionId, rg.name, 'Microsoft.KeyVault', 'vaults', a.vault);
  }
  const ext: StoredResource = {
    id: `${vm.id}/extensions/${type}`,
    name: type,
    type: 'Microsoft.Compute/virtualMachines/extensions',
    location: vm['location'],
    properties: {
      publisher: EXT_PUBLISHER,
      type,
      typeHandlerVersion: version,
      autoUpgradeMinorVersion: true,
      settings,
      provisioningState: 'Creating',
    },
  };
  ctx.store.put(ext);
  ade.accept(ext);
  if (a.state === 'inProgress') {
    // Still transitioning: disks show EncryptionInProgress and the extension completes a little later.
    const names = diskNames(
      { name: String(vm['name']) },
      (props(vm)['storageProfile'] as { dataDisks: unknown[] }).dataDisks.length,
    );
    const vt = String(settings['VolumeType']);
    const disks = vt === 'OS' ? [names.os] : vt === 'Data' ? names.data : [names.os, ...names.data];
    for (const d of disks) ade.setDiskState(vm.id, d, 'encryptionInProgress');
    ctx.clock.schedule(Math.max(1, Math.floor(ctx.encryptionSeconds / 2)), () => {
      ade.completeVmExtension(vm.id, ext.id, undefined);
    });
    return;
  }
  const result = ade.completeVmExtension(vm.id, ext.id, undefined);
  if (a.state === 'failed' && result.status !== 'Failed')
    throw new Error(`Scenario: ADE on ${String(vm['name'])} was expected to fail`);
  if (a.state !== 'failed' && result.status === 'Failed')
    throw new Error(`Scenario: ADE on ${String(vm['name'])} failed: ${result.error.message}`);
  if (a.state === 'legacy') delete (props(ext)['settings'] as Record<string, unknown>)['KeyVaultResourceId'];
  ade.finishVm(vm.id, ext.id);
}

function buildScaleSet(
  ctx: SandboxContext,
  ade: AdeSimulator,
  sub: ScenarioSubscription,
  rg: ScenarioResourceGroup,
  ss: ScenarioScaleSet,
  created: string,
): void {
  const s = sub.subscriptionId;
  const id = providerId(s, rg.name, 'Microsoft.Compute', 'virtualMachineScaleSets', ss.name);
  const capacity = ss.capacity ?? 2;
  const dataDisks = ss.dataDisks ?? 1;
  const extensions: Record<string, unknown>[] = [];
  const type = ss.os === 'Windows' ? EXT_WINDOWS : EXT_LINUX;
  if (ss.ade) {
    const settings = adeSettings(sub, rg, ctx, ss.ade, ss.os);
    delete settings['SequenceVersion'];
    extensions.push({
      name: type,
      properties: {
        publisher: EXT_PUBLISHER,
        type,
        typeHandlerVersion: ss.os === 'Windows' ? '2.2' : '1.1',
        autoUpgradeMinorVersion: true,
        settings,
        forceUpdateTag: stableGuid(`ftag:${id}`),
        provisioningState: 'Creating',
      },
    });
  }
  const vmss: StoredResource = {
    id,
    name: ss.name,
    type: 'Microsoft.Compute/virtualMachineScaleSets',
    location: rg.location,
    sku: { name: ss.size ?? 'Standard_D2s_v5', tier: 'Standard', capacity },
    properties: {
      singlePlacementGroup: true,
      orchestrationMode: 'Uniform',
      upgradePolicy: { mode: 'Manual' },
      virtualMachineProfile: {
        osProfile: { computerNamePrefix: ss.name.slice(0, 9), adminUsername: 'azureuser' },
        storageProfile: {
          osDisk: {
            osType: ss.os,
            createOption: 'FromImage',
            caching: 'ReadWrite',
            managedDisk: { storageAccountType: 'Premium_LRS' },
            diskSizeGB: 30,
          },
          dataDisks: Array.from({ length: dataDisks }, (_, lun) => ({
            lun,
            createOption: 'Empty',
            caching: 'None',
            managedDisk: { storageAccountType: 'Premium_LRS' },
            diskSizeGB: 64,
          })),
        },
        securityProfile: { encryptionAtHost: false },
        extensionProfile: { extensions },
      },
      provisioningState: 'Succeeded',
      uniqueId: stableGuid(`vmss:${id}`),
      timeCreated: created,
    },
  };
  ctx.store.put(vmss);
  for (let i = 0; i < capacity; i++) {
    const instId = `${id}/virtualMachines/${i}`;
    const diskNamesList = [
      `${ss.name}_${ss.name}_${i}_OsDisk_1_${stableHex(`${id}${i}`, 32)}`,
      ...Array.from(
        { length: dataDisks },
        (_, l) => `${ss.name}_${ss.name}_${i}_disk2_${stableHex(`${id}${i}${l}`, 32)}`,
      ),
    ];
    ctx.store.put({
      id: instId,
      name: `${ss.name}_${i}`,
      type: 'Microsoft.Compute/virtualMachineScaleSets/virtualMachines',
      location: rg.location,
      instanceId: String(i),
      sku: { name: ss.size ?? 'Standard_D2s_v5', tier: 'Standard' },
      properties: {
        latestModelApplied: true,
        vmId: stableGuid(`vmssvm:${instId}`),
        hardwareProfile: {},
        storageProfile: {},
        provisioningState: 'Succeeded',
      },
    });
    ctx.store.put({
      id: `${instId}/instanceView`,
      computerName: `${ss.name.slice(0, 9)}00000${i}`,
      disks: diskNamesList.map((n) => ({
        name: n,
        statuses: [status('ProvisioningState/succeeded', 'Provisioning succeeded', created)],
      })),
      statuses: [
        status('ProvisioningState/succeeded', 'Provisioning succeeded', created),
        status('PowerState/running', 'VM running', created),
      ],
    });
  }
  if (ss.ade) {
    const r = ade.scaleSets.completeVmssExtension(id, type);
    if (r.status === 'Failed') throw new Error(`Scenario: ADE on scale set ${ss.name} failed: ${r.error.message}`);
    ade.scaleSets.applyVmssModel(id, ['*']);
  }
}
