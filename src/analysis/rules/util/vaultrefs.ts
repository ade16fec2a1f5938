import type { Resource, RuleContext, SourceLocation, ValueNode } from '../../model';
import { getPath, getProperty, booleanValue } from '../../model';
import { encryptingAdeExtensions, DISK_TYPE, type ExtensionInfo, setting, VM_TYPE, VMSS_TYPE, vmProfile } from './ade';
import { declared } from './values';
import { perContext } from './memo';

/** A place that makes ADE (or legacy ADE) use a vault. */
export interface VaultRef {
  /** The resource-id value pointing at the vault. */
  readonly value: ValueNode;
  /** The resource holding the reference (extension, VM, scale set or disk). */
  readonly source: Resource;
  /** The VM / scale set / disk whose location must match the vault's. */
  readonly host?: Resource;
  readonly role: 'disk' | 'kek';
  readonly via: 'extension' | 'osDiskEncryptionSettings' | 'diskEncryptionSettingsCollection';
  readonly ext?: ExtensionInfo;
  /** The vault it resolves to (declared in the analysed set), if any. */
  readonly vault?: Resource;
}

export function refLocation(r: VaultRef): SourceLocation {
  return { file: r.source.file, range: r.value.range };
}

export function describeRef(r: VaultRef): string {
  const what = r.role === 'kek' ? 'key-encryption-key vault' : 'disk-encryption vault';
  switch (r.via) {
    case 'extension':
      return `ADE extension uses this ${what}`;
    case 'osDiskEncryptionSettings':
      return `VM osDisk.encryptionSettings uses this ${what}`;
    default:
      return `disk encryptionSettingsCollection uses this ${what}`;
  }
}

const cache = new WeakMap<RuleContext, VaultRef[]>();

/** Every reference from ADE (extension settings, legacy VM stamps, disk settings) to a vault. */
export function adeVaultRefs(ctx: RuleContext): VaultRef[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const out: VaultRef[] = [];
  const add = (r: Omit<VaultRef, 'vault'>): void => {
    out.push({ ...r, vault: ctx.resolveRef(r.value) });
  };
  for (const e of encryptingAdeExtensions(ctx)) {
    const disk = setting(e, 'KeyVaultResourceId');
    if (disk) add({ value: disk.value, source: e.resource, host: e.host, role: 'disk', via: 'extension', ext: e });
    const kek = setting(e, 'KekVaultResourceId');
    if (kek && !(kek.value.kind === 'scalar' && kek.value.value === '')) {
      add({ value: kek.value, source: e.resource, host: e.host, role: 'kek', via: 'extension', ext: e });
    }
  }
  for (const vm of declared([...ctx.resourcesOfType(VM_TYPE), ...ctx.resourcesOfType(VMSS_TYPE)])) {
    const es = getPath(vmProfile(vm), 'storageProfile', 'osDisk', 'encryptionSettings');
    if (!es || booleanValue(getProperty(es, 'enabled')?.value) === false) continue;
    const d = getPath(es, 'diskEncryptionKey', 'sourceVault', 'id');
    if (d) add({ value: d, source: vm, host: vm, role: 'disk', via: 'osDiskEncryptionSettings' });
    const k = getPath(es, 'keyEncryptionKey', 'sourceVault', 'id');
    if (k) add({ value: k, source: vm, host: vm, role: 'kek', via: 'osDiskEncryptionSettings' });
  }
  for (const disk of declared(ctx.resourcesOfType(DISK_TYPE))) {
    const col = getPath(disk.properties, 'encryptionSettingsCollection');
    if (!col || booleanValue(getProperty(col, 'enabled')?.value) === false) continue;
    const list = getProperty(col, 'encryptionSettings')?.value;
    if (list?.kind !== 'array') continue;
    for (const item of list.items) {
      const d = getPath(item, 'diskEncryptionKey', 'sourceVault', 'id');
      if (d) add({ value: d, source: disk, host: disk, role: 'disk', via: 'diskEncryptionSettingsCollection' });
      const k = getPath(item, 'keyEncryptionKey', 'sourceVault', 'id');
      if (k) add({ value: k, source: disk, host: disk, role: 'kek', via: 'diskEncryptionSettingsCollection' });
    }
  }
  cache.set(ctx, out);
  return out;
}

/** Vaults used by ADE, each with the references pointing at it. */
export const adeVaults = perContext((ctx): Map<Resource, VaultRef[]> => {
  const m = new Map<Resource, VaultRef[]>();
  for (const r of adeVaultRefs(ctx)) {
    if (!r.vault) continue;
    const list = m.get(r.vault) ?? [];
    list.push(r);
    m.set(r.vault, list);
  }
  return m;
});
