import type { Fix, Resource, RuleContext, SourceRange, ValueNode } from '../../model';
import { booleanValue, getPath, getProperty, stringValue } from '../../model';
import { extensionsOf, isScaleSet, profileDisks, profilePath, vmProfile } from './ade';
import { adeMarkers } from '../ade-conflicting-encryption';
import { insertPathFix, replaceValueFix } from './fixes';
import { isIncomplete, lookupPath } from './values';

export type Tri = 'yes' | 'no' | 'maybe';

export interface EncryptionState {
  readonly ade: Tri;
  readonly eah: Tri;
  /** The encryptionAtHost value node when written. */
  readonly eahNode?: ValueNode;
  readonly cmk: Tri;
  readonly confidential: boolean;
}

function present(v: ValueNode | undefined): boolean {
  return v !== undefined && !(v.kind === 'scalar' && (v.value === null || v.value === ''));
}

/** What encrypts a VM's or scale set's disks beyond platform-managed keys, three-valued. */
export function encryptionState(ctx: RuleContext, host: Resource): EncryptionState {
  const profile = vmProfile(host);
  let ade: Tri = adeMarkers(ctx, host).length > 0 ? 'yes' : 'no';
  if (ade === 'no') {
    const kind = isScaleSet(host) ? 'vmss' : 'vm';
    if (extensionsOf(ctx, host).some((e) => e.unknownIdentity)) ade = 'maybe';
    // An extension whose parent is not declared here may belong to this VM.
    if (extensionsOf(ctx, undefined).some((e) => e.hostKind === kind && (e.isAde || e.unknownIdentity))) ade = 'maybe';
  }
  const sec = getProperty(profile, 'securityProfile')?.value;
  const confidential = stringValue(getProperty(sec, 'securityType')?.value)?.toLowerCase() === 'confidentialvm';
  let eah: Tri;
  let eahNode: ValueNode | undefined;
  if (!profile || profile.kind !== 'object') eah = 'maybe';
  else if (!sec) eah = 'no';
  else if (sec.kind !== 'object') eah = 'maybe';
  else {
    eahNode = getProperty(sec, 'encryptionAtHost')?.value;
    const b = eahNode ? booleanValue(eahNode) : false;
    eah = b === true ? 'yes' : b === false ? 'no' : 'maybe';
  }
  const { disks, complete } = profileDisks(profile);
  let cmk: Tri = complete ? 'no' : 'maybe';
  for (const d of disks) {
    const md = getProperty(d.disk, 'managedDisk')?.value;
    if (!md) continue;
    if (md.kind !== 'object') {
      if (cmk === 'no') cmk = 'maybe';
      continue;
    }
    const des = getProperty(md, 'diskEncryptionSet')?.value;
    const cdes = getPath(md, 'securityProfile', 'diskEncryptionSet');
    if (present(des) || present(cdes)) {
      cmk = 'yes';
      continue;
    }
    const idNode = getProperty(md, 'id')?.value;
    // `id: null` (a module's "no existing disk") attaches nothing.
    if (present(idNode)) {
      const disk = ctx.resolveRef(idNode);
      if (!disk || disk.existing) {
        if (cmk === 'no') cmk = 'maybe';
        continue;
      }
      if (present(getPath(disk.properties, 'encryption', 'diskEncryptionSetId'))) cmk = 'yes';
      if (booleanValue(getPath(disk.properties, 'encryptionSettingsCollection', 'enabled')) === true) ade = 'yes';
    }
  }
  // Syntax the parser could not read (or a spread) inside the VM profile: "none" is not provable.
  if (profile && isIncomplete(ctx, host.file, profile)) {
    if (eah === 'no') eah = 'maybe';
    if (cmk === 'no') cmk = 'maybe';
  }
  return { ade, eah, eahNode, cmk, confidential };
}

/** Fix enabling encryption at host on a VM or scale set. */
export function enableEahFix(ctx: RuleContext, host: Resource, eahNode: ValueNode | undefined): Fix | undefined {
  const title = 'Enable encryption at host';
  if (eahNode) return replaceValueFix(ctx, host.file, eahNode, true, title);
  const l = lookupPath(host.body, [...profilePath(host), 'securityProfile', 'encryptionAtHost']);
  if (l.state !== 'missing') return undefined;
  return insertPathFix(ctx, host.file, l.holder, l.rest, true, title);
}

/** Where "this VM lacks encryption" goes: the securityProfile key, else the profile key, else the declaration. */
export function eahAnchor(host: Resource): SourceRange {
  const path = profilePath(host);
  const l = lookupPath(host.body, [...path, 'securityProfile']);
  if (l.state === 'present') return l.prop.keyRange;
  if (l.state === 'missing') return l.holderProp?.keyRange ?? host.declRange;
  const p = lookupPath(host.body, path);
  return p.state === 'present' ? p.prop.keyRange : host.declRange;
}
