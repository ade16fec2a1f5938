// Managed disks created for upload and disk access (SAS): `az disk create --upload-type Upload
// --upload-size-bytes N`, `az disk grant-access`, `az disk revoke-access`. States follow the DiskState enum of the
// Disks spec (specification/compute/.../DiskRP/stable/2025-01-02/disk.json): ReadyToUpload after creation,
// ActiveUpload while a write SAS is out, ActiveSAS while a read SAS is out. Upload limits from the CLI's help for
// --upload-size-bytes (min 20972032, max 35183298347520). Known gap: the SAS points at a blob host the sandbox does
// not serve, so no bytes are uploaded; revoking a write SAS treats the upload as done (Unattached), which is what
// Azure shows after an upload completes (https://learn.microsoft.com/azure/virtual-machines/linux/disks-upload-vhd-to-managed-disk-cli).
import { createHash } from 'node:crypto';
import { ArmError, badRequest } from '../arm-errors';
import { obj, props, requireResourceGroup, str, type SandboxContext } from '../context';
import { stableGuid } from '../ids';
import { LroManager } from '../lro';
import type { Params } from '../router';
import type { StoredResource } from '../types';

const RG = '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/disks/{name}';
const MIN_UPLOAD = 20972032;
const MAX_UPLOAD = 35183298347520;

export function registerDiskUpload(ctx: SandboxContext): void {
  const { router, store } = ctx;
  /** The state a disk returns to when its read SAS is revoked. */
  const stateBeforeSas = new Map<string, string>();
  const idOf = (p: Params): string =>
    `/subscriptions/${p['sub']}/resourceGroups/${p['rg']}/providers/Microsoft.Compute/disks/${p['name']}`;
  const requireDisk = (p: Params): StoredResource => {
    requireResourceGroup(ctx, p['sub'] ?? '', p['rg'] ?? '');
    const d = store.get(idOf(p));
    if (!d)
      throw new ArmError(
        404,
        'ResourceNotFound',
        `The Resource 'Microsoft.Compute/disks/${p['name']}' under resource group '${p['rg']}' was not found.`,
      );
    return d;
  };

  router.add('PUT', RG, (req, p) => {
    const rg = requireResourceGroup(ctx, p['sub'] ?? '', p['rg'] ?? '');
    const body = obj(req.body);
    const bp = obj(body['properties']);
    const creation = obj(bp['creationData']);
    const option = str(creation['createOption']) ?? '';
    const existing = store.get(idOf(p));
    if (existing) {
      throw badRequest(
        'OperationNotAllowed',
        `The sandbox models only new disks for upload; disk '${p['name']}' exists.`,
      );
    }
    if (option.toLowerCase() !== 'upload' && option.toLowerCase() !== 'empty') {
      throw badRequest(
        'InvalidParameter',
        `The sandbox creates disks with createOption Upload or Empty, not '${option}'.`,
      );
    }
    const upload = option.toLowerCase() === 'upload';
    const bytes = Number(creation['uploadSizeBytes']);
    if (upload && !(Number.isInteger(bytes) && bytes >= MIN_UPLOAD && bytes <= MAX_UPLOAD)) {
      throw badRequest(
        'InvalidParameter',
        `Parameter 'creationData.uploadSizeBytes' must be between ${MIN_UPLOAD} and ${MAX_UPLOAD} bytes for createOption Upload.`,
      );
    }
    const gb = upload ? Math.ceil((bytes - 512) / 1073741824) : Number(bp['diskSizeGB']);
    if (!upload && !(gb > 0))
      throw badRequest('InvalidParameter', "Required parameter 'diskSizeGB' is missing (null).");
    const id = idOf(p);
    const sku = str(obj(body['sku'])['name']) ?? 'Standard_LRS';
    const disk: StoredResource = {
      id,
      name: p['name'],
      type: 'Microsoft.Compute/disks',
      location: str(body['location']) ?? rg['location'],
      sku: { name: sku, tier: sku.startsWith('Premium') ? 'Premium' : 'Standard' },
      properties: {
        creationData: upload ? { createOption: 'Upload', uploadSizeBytes: bytes } : { createOption: 'Empty' },
        diskSizeGB: gb,
        diskSizeBytes: gb * 1073741824,
        uniqueId: stableGuid(`disk:${id}`),
        encryption: { type: 'EncryptionAtRestWithPlatformKey' },
        networkAccessPolicy: 'AllowAll',
        publicNetworkAccess: 'Enabled',
        timeCreated: ctx.clock.iso(),
        provisioningState: 'Succeeded',
        diskState: upload ? 'ReadyToUpload' : 'Unattached',
      },
    };
    if (body['tags'] && typeof body['tags'] === 'object') disk['tags'] = body['tags'];
    store.put(disk);
    // The operation's result (what a client following Location reads, as `az disk create` does) is the disk.
    const headers = ctx.lro.start(req, p['sub'] ?? '', 'Microsoft.Compute', String(disk['location']), () => ({
      status: 'Succeeded',
      output: store.get(id),
    }));
    return LroManager.accepted(200, disk, headers);
  });

  router.add('POST', `${RG}/beginGetAccess`, (req, p) => {
    const disk = requireDisk(p);
    const dp = props(disk);
    const access = (str(obj(req.body)['access']) ?? '').toLowerCase();
    const state = String(dp['diskState'] ?? '');
    if (access === 'write' && state !== 'ReadyToUpload') {
      throw new ArmError(
        409,
        'OperationNotAllowed',
        `Write access can be granted only to a disk in state ReadyToUpload; disk '${p['name']}' is ${state}.`,
      );
    }
    if (access !== 'write' && access !== 'read') {
      throw badRequest('InvalidParameter', "Parameter 'access' must be 'Read' or 'Write'.");
    }
    stateBeforeSas.set(disk.id.toLowerCase(), state);
    dp['diskState'] = access === 'write' ? 'ActiveUpload' : 'ActiveSAS';
    const duration = Number(obj(req.body)['durationInSeconds'] ?? 3600);
    const expiry = new Date(ctx.clock.now() + duration * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const sig = createHash('sha256').update(`${disk.id}|${expiry}|${access}`).digest('base64url');
    const host = `md-${stableGuid(disk.id).replace(/-/g, '').slice(0, 12)}.blob.core.windows.net`;
    const accessSAS = `https://${host}/${stableGuid(`blob:${disk.id}`)}/abcd?sv=2018-03-28&sr=b&si=${stableGuid(`si:${disk.id}`)}&sp=${access === 'write' ? 'rw' : 'r'}&se=${encodeURIComponent(expiry)}&sig=${sig}`;
    const headers = ctx.lro.start(req, p['sub'] ?? '', 'Microsoft.Compute', String(disk['location']), () => ({
      status: 'Succeeded',
      output: { accessSAS },
    }));
    return LroManager.accepted(202, undefined, headers);
  });

  router.add('POST', `${RG}/endGetAccess`, (req, p) => {
    const disk = requireDisk(p);
    const dp = props(disk);
    const state = String(dp['diskState'] ?? '');
    const previous = stateBeforeSas.get(disk.id.toLowerCase());
    stateBeforeSas.delete(disk.id.toLowerCase());
    if (state === 'ActiveUpload') dp['diskState'] = 'Unattached';
    else if (state === 'ActiveSAS') dp['diskState'] = previous ?? 'Unattached';
    const headers = ctx.lro.start(req, p['sub'] ?? '', 'Microsoft.Compute', String(disk['location']), () => ({
      status: 'Succeeded',
    }));
    return LroManager.accepted(202, undefined, headers);
  });
}
