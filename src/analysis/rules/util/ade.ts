import type { ObjectNode, PropertyNode, Resource, RuleContext, ValueNode } from '../../model';
import { getProperty, getPath, stringValue } from '../../model';
import { isIncomplete, lookup, type Lookup, neverDeployed, parentOf } from './values';
import { groupBy, perContext } from './memo';
import { ADE_EXTENSIONS, ADE_PUBLISHER, parseKeyVaultUrl, type AdeOs } from '../../../ade';

export const VM_TYPE = 'Microsoft.Compute/virtualMachines';
export const VMSS_TYPE = 'Microsoft.Compute/virtualMachineScaleSets';
export const VM_EXT_TYPE = 'Microsoft.Compute/virtualMachines/extensions';
export const VMSS_EXT_TYPE = 'Microsoft.Compute/virtualMachineScaleSets/extensions';
export const VAULT_TYPE = 'Microsoft.KeyVault/vaults';
export const KEY_TYPE = 'Microsoft.KeyVault/vaults/keys';
export const SECRET_TYPE = 'Microsoft.KeyVault/vaults/secrets';
export const DISK_TYPE = 'Microsoft.Compute/disks';

export { ADE_PUBLISHER } from '../../../ade';
export const ADE_TYPE_WINDOWS = ADE_EXTENSIONS.Windows.type;
export const ADE_TYPE_LINUX = ADE_EXTENSIONS.Linux.type;

export type OsKind = 'windows' | 'linux';
export type HostKind = 'vm' | 'vmss';

/** The fact tables' name for an OS. */
export function adeOs(os: OsKind): AdeOs {
  return os === 'linux' ? 'Linux' : 'Windows';
}

/** One VM extension, wherever it was declared. */
export interface ExtensionInfo {
  /** The resource findings attach to: the extension resource, or the scale set declaring it inline. */
  readonly resource: Resource;
  /** The extension object: the resource body, or the item in `extensionProfile.extensions`. */
  readonly ext: ObjectNode;
  /** The extension's `properties` property (absent when not written). */
  readonly propertiesProp?: PropertyNode;
  readonly properties?: ValueNode;
  readonly publisherProp?: PropertyNode;
  readonly typeProp?: PropertyNode;
  /** Publisher/type as written, when known. */
  readonly publisher?: string;
  readonly extType?: string;
  /** True when the publisher/type are known and match ADE (case-insensitively). */
  readonly isAde: boolean;
  /** True when publisher or type are not known values (could be anything). */
  readonly unknownIdentity: boolean;
  /** OS family of an ADE extension (from its type). */
  readonly os?: OsKind;
  /** The VM or scale set the extension belongs to, when resolvable. */
  readonly host?: Resource;
  readonly hostKind: HostKind;
  readonly settings: Lookup;
  readonly protectedSettings: Lookup;
  /** The settings object may hold keys the model does not show (parse problem or spread). */
  readonly settingsIncomplete: boolean;
  /**
   * `EncryptionOperation: DisableEncryption`: the extension decrypts. It needs no vault or key
   * (`az vm encryption disable` sends only VolumeType, EncryptionOperation and SequenceVersion).
   */
  readonly disables: boolean;
}

function classify(
  ctx: RuleContext,
  resource: Resource,
  ext: ObjectNode,
  host: Resource | undefined,
  hostKind: HostKind,
): ExtensionInfo {
  const propertiesProp = getProperty(ext, 'properties');
  const properties = propertiesProp?.value;
  const publisherProp = getProperty(properties, 'publisher');
  const typeProp = getProperty(properties, 'type');
  const publisher = stringValue(publisherProp?.value);
  const extType = stringValue(typeProp?.value);
  const pubOk = publisher?.toLowerCase() === ADE_PUBLISHER.toLowerCase();
  const t = extType?.toLowerCase();
  const isAde = pubOk && (t === ADE_TYPE_WINDOWS.toLowerCase() || t === ADE_TYPE_LINUX.toLowerCase());
  const settings = lookup(properties, 'settings');
  const os: OsKind | undefined = isAde ? (t === ADE_TYPE_LINUX.toLowerCase() ? 'linux' : 'windows') : undefined;
  return {
    resource,
    ext,
    propertiesProp,
    properties,
    publisherProp,
    typeProp,
    publisher,
    extType,
    isAde,
    unknownIdentity: publisher === undefined || extType === undefined,
    os,
    host,
    hostKind,
    settings,
    protectedSettings: lookup(properties, 'protectedSettings'),
    settingsIncomplete: settings.state === 'present' && isIncomplete(ctx, resource.file, settings.value),
    disables:
      settings.state === 'present' &&
      stringValue(getProperty(settings.value, 'EncryptionOperation')?.value)?.toLowerCase() === 'disableencryption',
  };
}

/** Every VM / scale-set extension in the model (child resources and inline VMSS profile entries). */
export const allExtensions = perContext((ctx): ExtensionInfo[] => {
  const out: ExtensionInfo[] = [];
  for (const r of ctx.resourcesOfType(VM_EXT_TYPE)) {
    if (!neverDeployed(r)) out.push(classify(ctx, r, r.body, parentOf(ctx, r, VM_TYPE), 'vm'));
  }
  for (const r of ctx.resourcesOfType(VMSS_EXT_TYPE)) {
    if (!neverDeployed(r)) out.push(classify(ctx, r, r.body, parentOf(ctx, r, VMSS_TYPE), 'vmss'));
  }
  for (const r of ctx.resourcesOfType(VMSS_TYPE)) {
    if (neverDeployed(r)) continue;
    const list = getPath(r.properties, 'virtualMachineProfile', 'extensionProfile', 'extensions');
    if (list?.kind !== 'array') continue;
    for (const item of list.items) if (item.kind === 'object') out.push(classify(ctx, r, item, r, 'vmss'));
  }
  return out;
});

/** ADE extensions the rules report on (declared, not `existing`). */
export const adeExtensions = perContext((ctx): ExtensionInfo[] =>
  allExtensions(ctx).filter((e) => e.isAde && !e.resource.existing),
);

/** ADE extensions that encrypt (not `DisableEncryption`): the ones that need a vault, keys and a supported target. */
export const encryptingAdeExtensions = perContext((ctx): ExtensionInfo[] =>
  adeExtensions(ctx).filter((e) => !e.disables),
);

const extensionsByHost = perContext((ctx) => groupBy(allExtensions(ctx), (e) => e.host));
const adeExtensionsByHost = perContext((ctx) => groupBy(adeExtensions(ctx), (e) => e.host));

/** The extensions whose VM or scale set is `host` (undefined: those whose host is not declared). */
export function extensionsOf(ctx: RuleContext, host: Resource | undefined): readonly ExtensionInfo[] {
  return extensionsByHost(ctx).get(host) ?? [];
}

/** The ADE extensions (declared, not `existing`) of `host`. */
export function adeExtensionsOf(ctx: RuleContext, host: Resource): readonly ExtensionInfo[] {
  return adeExtensionsByHost(ctx).get(host) ?? [];
}

/** The VM model part of a VM (`properties`) or scale set (`properties.virtualMachineProfile`). */
export function vmProfile(host: Resource): ValueNode | undefined {
  return isScaleSet(host) ? getPath(host.properties, 'virtualMachineProfile') : host.properties;
}

export function isScaleSet(r: Resource): boolean {
  return r.type.toLowerCase() === VMSS_TYPE.toLowerCase();
}

/** Path from the resource body to the VM profile: `['properties']` or `['properties','virtualMachineProfile']`. */
export function profilePath(host: Resource): string[] {
  return isScaleSet(host) ? ['properties', 'virtualMachineProfile'] : ['properties'];
}

/** ADE settings value by its documented name (case-insensitive), with the property. */
export function setting(e: ExtensionInfo, key: string): PropertyNode | undefined {
  return e.settings.state === 'present' ? getProperty(e.settings.value, key) : undefined;
}

/** The known VM size (`hardwareProfile.vmSize` or the scale set's `sku.name`). */
export function vmSizeNode(host: Resource): ValueNode | undefined {
  if (isScaleSet(host)) return getPath(host.body, 'sku', 'name');
  return getPath(host.properties, 'hardwareProfile', 'vmSize');
}

/** All managed-disk parameter objects of a VM profile: OS disk first, then data disks. */
export interface DiskRef {
  readonly kind: 'os' | 'data';
  readonly disk: ValueNode;
}

/**
 * The disks of a VM profile; `complete` is false when the data-disk list is not a known array
 * (so "no disk has X" cannot be concluded).
 */
export function profileDisks(profile: ValueNode | undefined): { disks: DiskRef[]; complete: boolean } {
  const storage = getProperty(profile, 'storageProfile')?.value;
  if (!profile || profile.kind !== 'object') return { disks: [], complete: false };
  if (!storage) return { disks: [], complete: true };
  if (storage.kind !== 'object') return { disks: [], complete: false };
  const disks: DiskRef[] = [];
  let complete = true;
  const os = getProperty(storage, 'osDisk')?.value;
  if (os) {
    if (os.kind === 'object') disks.push({ kind: 'os', disk: os });
    else complete = false;
  }
  const data = getProperty(storage, 'dataDisks')?.value;
  if (data) {
    if (data.kind === 'array') {
      for (const d of data.items) {
        if (d.kind === 'object') disks.push({ kind: 'data', disk: d });
        else complete = false;
      }
    } else complete = false;
  }
  return { disks, complete };
}

/** The vault name in a vault or key URL, when the URL is a Key Vault (or Managed HSM) URL. */
export function vaultNameFromUrl(url: string): string | undefined {
  return parseKeyVaultUrl(url)?.vault;
}
