// Microsoft.Compute: virtual machines, VM extensions (LRO + ADE), scale sets, disks, disk encryption sets.
import { ArmError, badRequest, conflict, resourceNotFound } from '../arm-errors';
import type { AdeSimulator } from '../ade/simulator';
import {
  arr,
  clone,
  isObject,
  obj,
  props,
  requireResource,
  requireResourceGroup,
  requireSubscription,
  str,
  type Json,
  type SandboxContext,
} from '../context';
import { LroManager } from '../lro';
import { EXT_PUBLISHER } from '../resources';
import { runCommand } from './runCommand';
import { paged } from '../paging';
import { ok, type Params, type SandboxRequest } from '../router';
import type { StoredResource } from '../types';

const RG = '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute';
const SUB = '/subscriptions/{sub}/providers/Microsoft.Compute';
const BUSY = ['Creating', 'Updating', 'Deleting'];

export function registerCompute(ctx: SandboxContext, ade: AdeSimulator): void {
  const { router, store } = ctx;
  const id = (p: Params, ...rest: string[]): string =>
    `/subscriptions/${p['sub']}/resourceGroups/${p['rg']}/providers/Microsoft.Compute/${rest.join('/')}`;
  const listSub = (p: Params, type: string): StoredResource[] => {
    requireSubscription(ctx, p['sub'] ?? '');
    return store.listByType(type, `/subscriptions/${p['sub']}/resourceGroups`);
  };
  const listRg = (p: Params, type: string): StoredResource[] => {
    requireResourceGroup(ctx, p['sub'] ?? '', p['rg'] ?? '');
    return store.listByType(type, `/subscriptions/${p['sub']}/resourceGroups/${p['rg']}`);
  };
  const get = (p: Params, resourceId: string): StoredResource =>
    requireResource(ctx, p['sub'] ?? '', p['rg'] ?? '', resourceId);
  const expandIv = (req: SandboxRequest): boolean =>
    (req.url.searchParams.get('$expand') ?? '').toLowerCase() === 'instanceview';

  /** Extensions are stored as children; without $expand their instanceView is not returned (as in ARM). */
  // Views are shallow copies: responses are serialized right away, so only the top levels that get edited here
  // are copied (deep clones dominated listing time on generated estates).
  const extView = (ext: StoredResource, withIv: boolean): Json => {
    const p: Json = { ...props(ext) };
    if (!withIv) delete p['instanceView'];
    return { ...ext, properties: p };
  };
  const vmView = (vm: StoredResource, withIv: boolean): Json => {
    const v: Json = { ...vm, properties: { ...props(vm) } };
    const exts = store.children(vm.id, 'extensions');
    if (exts.length) v['resources'] = exts.map((e) => extView(e, false));
    if (withIv) props(v)['instanceView'] = instanceView(vm);
    return v;
  };
  const instanceView = (vm: StoredResource): Json => {
    const iv: Json = { ...(store.get(`${vm.id}/instanceView`) ?? {}) };
    delete iv['id'];
    const children = store.children(vm.id, 'extensions');
    const exts = children.map((e) => obj(props(e)['instanceView'])).filter((x) => Object.keys(x).length);
    if (exts.length) iv['extensions'] = exts;
    // With the ADE extension on the VM, every disk of the instance view carries `encryptionSettings`: the Azure CLI
    // reads `div['encryptionSettings']` for each disk without a default (azure-cli 2.91,
    // command_modules/vm/disk_encryption.py _show_vm_encryption_status_thru_new_ade) and works against Azure.
    // What Azure puts there for a disk ADE has not stamped (yet) is not documented; the sandbox answers
    // `[{ "enabled": false }]`.
    const hasAde = children.some((e) => str(props(e)['publisher'])?.toLowerCase() === EXT_PUBLISHER.toLowerCase());
    if (hasAde && Array.isArray(iv['disks'])) {
      iv['disks'] = arr(iv['disks']).map((d) =>
        Array.isArray(d['encryptionSettings']) ? d : { ...d, encryptionSettings: [{ enabled: false }] },
      );
    }
    return iv;
  };

  // Virtual machines
  // statusOnly=true: ARM returns the instance view of every VM in the list (one request instead of N).
  const statusOnly = (req: SandboxRequest): boolean => req.url.searchParams.get('statusOnly') === 'true';
  router.add('GET', `${SUB}/virtualMachines`, (req, p) =>
    paged(req, listSub(p, 'Microsoft.Compute/virtualMachines'), ctx.pageSize, (v) => vmView(v, statusOnly(req))),
  );
  router.add('GET', `${RG}/virtualMachines`, (req, p) =>
    paged(req, listRg(p, 'Microsoft.Compute/virtualMachines'), ctx.pageSize, (v) => vmView(v, false)),
  );
  router.add('GET', `${RG}/virtualMachines/{vm}`, (req, p) =>
    ok(vmView(get(p, id(p, 'virtualMachines', p['vm'] ?? '')), expandIv(req))),
  );
  router.add('GET', `${RG}/virtualMachines/{vm}/instanceView`, (_req, p) =>
    ok(instanceView(get(p, id(p, 'virtualMachines', p['vm'] ?? '')))),
  );

  router.add('POST', `${RG}/virtualMachines/{vm}/runCommand`, (req, p) =>
    runCommand(ctx, req, p, get(p, id(p, 'virtualMachines', p['vm'] ?? ''))),
  );

  // VM extensions
  router.add('GET', `${RG}/virtualMachines/{vm}/extensions`, (req, p) => {
    const vm = get(p, id(p, 'virtualMachines', p['vm'] ?? ''));
    return ok({ value: store.children(vm.id, 'extensions').map((e) => extView(e, expandIv(req))) });
  });
  router.add('GET', `${RG}/virtualMachines/{vm}/extensions/{ext}`, (req, p) => {
    get(p, id(p, 'virtualMachines', p['vm'] ?? ''));
    return ok(extView(get(p, id(p, 'virtualMachines', p['vm'] ?? '', 'extensions', p['ext'] ?? '')), expandIv(req)));
  });
  const putExtension = (req: SandboxRequest, p: Params, merge: boolean): ReturnType<typeof ok> => {
    const vm = get(p, id(p, 'virtualMachines', p['vm'] ?? ''));
    const extId = `${vm.id}/extensions/${p['ext']}`;
    const existing = store.get(extId);
    if (merge && !existing) throw resourceNotFound(extId);
    const power = arr(store.get(`${vm.id}/instanceView`)?.['statuses']).find((s) =>
      str(s['code'])?.startsWith('PowerState/'),
    );
    if (power && str(power['code']) !== 'PowerState/running') {
      // CRP refuses extension changes on a stopped or deallocated VM (the guest agent must run them).
      throw new ArmError(409, 'OperationNotAllowed', 'Cannot modify extensions in the VM when the VM is not running.');
    }
    if (existing && BUSY.includes(String(props(existing)['provisioningState']))) {
      throw conflict(
        `Operation 'PUT' is not allowed on VM extension '${p['ext']}' since a previous operation on it is still in progress (provisioningState '${String(props(existing)['provisioningState'])}'). Retry after it completes.`,
      );
    }
    const body = obj(req.body);
    if (!isObject(body['properties']))
      throw badRequest('InvalidParameter', "Required parameter 'properties' is missing (null).");
    const incoming = clone(body['properties']) as Json;
    const np: Json = merge && existing ? { ...clone(props(existing)), ...incoming } : incoming;
    // typeHandlerVersion is optional: VirtualMachineExtensionProperties has no `required` list (specification/compute/
    // resource-manager/Microsoft.Compute/ComputeRP/stable/2025-04-01/virtualMachine.json), and `az vm encryption disable` sends none
    // (disk_encryption.py decrypt_vm). Which version Azure then runs is not documented; the sandbox keeps the
    // version of the extension already on the VM.
    if (typeof np['typeHandlerVersion'] !== 'string' && existing) {
      const kept = str(props(existing)['typeHandlerVersion']);
      if (kept) np['typeHandlerVersion'] = kept;
    }
    for (const f of ['publisher', 'type']) {
      if (typeof np[f] !== 'string' || !np[f])
        throw badRequest('InvalidParameter', `Required parameter '${f}' is missing (null).`);
    }
    // Protected settings are write-only: ARM never returns them.
    delete np['protectedSettings'];
    delete np['instanceView'];
    np['provisioningState'] = existing ? 'Updating' : 'Creating';
    const ext: StoredResource = {
      id: existing?.id ?? extId,
      name: p['ext'],
      type: 'Microsoft.Compute/virtualMachines/extensions',
      location: vm['location'],
      properties: np,
    };
    if (isObject(body['tags'])) ext['tags'] = body['tags'];
    const previous = existing ? (clone(existing) as StoredResource) : undefined;
    store.put(ext);
    ade.accept(ext);
    const headers = ctx.lro.start(req, p['sub'] ?? '', 'Microsoft.Compute', String(vm['location']), () => {
      const r = ade.completeVmExtension(vm.id, ext.id, previous);
      return r;
    });
    return LroManager.accepted(existing ? 200 : 201, extView(ext, false), headers);
  };
  router.add('PUT', `${RG}/virtualMachines/{vm}/extensions/{ext}`, (req, p) => putExtension(req, p, false));
  router.add('PATCH', `${RG}/virtualMachines/{vm}/extensions/{ext}`, (req, p) => putExtension(req, p, true));
  router.add('DELETE', `${RG}/virtualMachines/{vm}/extensions/{ext}`, (req, p) => {
    const vm = get(p, id(p, 'virtualMachines', p['vm'] ?? ''));
    const ext = store.get(`${vm.id}/extensions/${p['ext']}`);
    if (!ext) return { status: 204 };
    if (BUSY.includes(String(props(ext)['provisioningState']))) throw conflict();
    props(ext)['provisioningState'] = 'Deleting';
    // Removing the ADE extension does not decrypt anything: disks keep their state (the ADE pages: disable first, then remove the extension).
    const headers = ctx.lro.start(req, p['sub'] ?? '', 'Microsoft.Compute', String(vm['location']), () => {
      store.delete(ext.id);
      return { status: 'Succeeded' };
    });
    return LroManager.accepted(202, undefined, headers);
  });

  // Scale sets
  router.add('GET', `${SUB}/virtualMachineScaleSets`, (req, p) =>
    paged(req, listSub(p, 'Microsoft.Compute/virtualMachineScaleSets'), ctx.pageSize),
  );
  router.add('GET', `${RG}/virtualMachineScaleSets`, (req, p) =>
    paged(req, listRg(p, 'Microsoft.Compute/virtualMachineScaleSets'), ctx.pageSize),
  );
  router.add('GET', `${RG}/virtualMachineScaleSets/{ss}`, (_req, p) =>
    ok(get(p, id(p, 'virtualMachineScaleSets', p['ss'] ?? ''))),
  );
  router.add('GET', `${RG}/virtualMachineScaleSets/{ss}/instanceView`, (_req, p) => {
    const ss = get(p, id(p, 'virtualMachineScaleSets', p['ss'] ?? ''));
    return ok(vmssInstanceView(ctx, ss));
  });
  const vmssExtensions = (ss: StoredResource): Json[] =>
    arr(obj(obj(props(ss)['virtualMachineProfile'])['extensionProfile'])['extensions']);
  const vmssExtView = (ss: StoredResource, e: Json): Json => ({
    id: `${ss.id}/extensions/${str(e['name'])}`,
    name: e['name'],
    type: 'Microsoft.Compute/virtualMachineScaleSets/extensions',
    properties: clone(e['properties']),
  });
  router.add('GET', `${RG}/virtualMachineScaleSets/{ss}/extensions`, (req, p) => {
    const ss = get(p, id(p, 'virtualMachineScaleSets', p['ss'] ?? ''));
    return paged(
      req,
      vmssExtensions(ss).map((e) => vmssExtView(ss, e)),
      ctx.pageSize,
    );
  });
  router.add('GET', `${RG}/virtualMachineScaleSets/{ss}/extensions/{ext}`, (_req, p) => {
    const ss = get(p, id(p, 'virtualMachineScaleSets', p['ss'] ?? ''));
    const e = vmssExtensions(ss).find((x) => str(x['name'])?.toLowerCase() === (p['ext'] ?? '').toLowerCase());
    if (!e) throw resourceNotFound(`${ss.id}/extensions/${p['ext']}`);
    return ok(vmssExtView(ss, e));
  });
  router.add('PUT', `${RG}/virtualMachineScaleSets/{ss}/extensions/{ext}`, (req, p) => {
    const ss = get(p, id(p, 'virtualMachineScaleSets', p['ss'] ?? ''));
    const body = obj(req.body);
    if (!isObject(body['properties']))
      throw badRequest('InvalidParameter', "Required parameter 'properties' is missing (null).");
    const profile = obj(props(ss)['virtualMachineProfile']);
    const extProfile = obj(profile['extensionProfile']);
    const list = arr(extProfile['extensions']);
    const existing = list.find((x) => str(x['name'])?.toLowerCase() === (p['ext'] ?? '').toLowerCase());
    if (existing && BUSY.includes(String(props(existing)['provisioningState']))) throw conflict();
    const np = clone(body['properties']) as Json;
    delete np['protectedSettings'];
    np['provisioningState'] = existing ? 'Updating' : 'Creating';
    const entry: Json = { name: p['ext'], properties: np };
    extProfile['extensions'] = [...list.filter((x) => x !== existing), entry];
    profile['extensionProfile'] = extProfile;
    const headers = ctx.lro.start(req, p['sub'] ?? '', 'Microsoft.Compute', String(ss['location']), () =>
      ade.scaleSets.completeVmssExtension(ss.id, p['ext'] ?? ''),
    );
    return LroManager.accepted(existing ? 200 : 201, vmssExtView(ss, entry), headers);
  });
  // Scale set update (PUT of the whole model), as `az vmss encryption enable` sends it (azure-cli
  // disk_encryption.py encrypt_vmss: GET, replace the ADE entry in extensionProfile, PUT). The sandbox models only
  // extension changes: each extension whose definition differs from the stored one is provisioned like a PUT on
  // the scale set extension endpoint. Creating a scale set is not modelled.
  router.add('PUT', `${RG}/virtualMachineScaleSets/{ss}`, (req, p) => {
    const ss = get(p, id(p, 'virtualMachineScaleSets', p['ss'] ?? ''));
    const body = obj(req.body);
    const incoming = arr(obj(obj(obj(body['properties'])['virtualMachineProfile'])['extensionProfile'])['extensions']);
    const profile = obj(props(ss)['virtualMachineProfile']);
    const extProfile = obj(profile['extensionProfile']);
    const stored = arr(extProfile['extensions']);
    const comparable = (e: Json | undefined): string => {
      const pr: Json = { ...obj(e?.['properties']) };
      delete pr['provisioningState'];
      delete pr['protectedSettings'];
      return JSON.stringify(pr);
    };
    const changed: string[] = [];
    const next = incoming.map((e) => {
      const name = str(e['name']) ?? '';
      const before = stored.find((x) => str(x['name'])?.toLowerCase() === name.toLowerCase());
      if (before && BUSY.includes(String(props(before)['provisioningState']))) throw conflict();
      if (before && comparable(before) === comparable(e)) return before;
      const np = clone(obj(e['properties']));
      delete np['protectedSettings'];
      np['provisioningState'] = before ? 'Updating' : 'Creating';
      changed.push(name);
      return { name, properties: np };
    });
    extProfile['extensions'] = next;
    profile['extensionProfile'] = extProfile;
    if (isObject(body['tags'])) ss['tags'] = body['tags'];
    const headers = ctx.lro.start(req, p['sub'] ?? '', 'Microsoft.Compute', String(ss['location']), () => {
      for (const name of changed) {
        const r = ade.scaleSets.completeVmssExtension(ss.id, name);
        if (r.status === 'Failed') return r;
      }
      return { status: 'Succeeded' };
    });
    return LroManager.accepted(200, ss, headers);
  });
  router.add('POST', `${RG}/virtualMachineScaleSets/{ss}/manualupgrade`, (req, p) => {
    const ss = get(p, id(p, 'virtualMachineScaleSets', p['ss'] ?? ''));
    const ids = obj(req.body)['instanceIds'];
    if (!Array.isArray(ids) || ids.length === 0) {
      throw badRequest('InvalidParameter', "Required parameter 'instanceIds' is missing (null).");
    }
    const headers = ctx.lro.start(req, p['sub'] ?? '', 'Microsoft.Compute', String(ss['location']), () => {
      ade.scaleSets.applyVmssModel(ss.id, ids.map(String));
      return { status: 'Succeeded' };
    });
    return LroManager.accepted(202, undefined, headers);
  });
  router.add('GET', `${RG}/virtualMachineScaleSets/{ss}/virtualMachines`, (req, p) => {
    const ss = get(p, id(p, 'virtualMachineScaleSets', p['ss'] ?? ''));
    const withIv = expandIv(req);
    return paged(
      req,
      store.children(ss.id, 'virtualMachines').map((v) => vmssVmView(ctx, v, withIv)),
      ctx.pageSize,
    );
  });
  router.add('GET', `${RG}/virtualMachineScaleSets/{ss}/virtualMachines/{i}`, (req, p) =>
    ok(
      vmssVmView(
        ctx,
        get(p, id(p, 'virtualMachineScaleSets', p['ss'] ?? '', 'virtualMachines', p['i'] ?? '')),
        expandIv(req),
      ),
    ),
  );
  router.add('GET', `${RG}/virtualMachineScaleSets/{ss}/virtualMachines/{i}/instanceView`, (_req, p) => {
    const v = get(p, id(p, 'virtualMachineScaleSets', p['ss'] ?? '', 'virtualMachines', p['i'] ?? ''));
    const iv = clone(store.get(`${v.id}/instanceView`) ?? { id: '' }) as Json;
    delete iv['id'];
    return ok(iv);
  });

  // Disks and disk encryption sets
  for (const [seg, type] of [
    ['disks', 'Microsoft.Compute/disks'],
    ['diskEncryptionSets', 'Microsoft.Compute/diskEncryptionSets'],
  ] as const) {
    router.add('GET', `${SUB}/${seg}`, (req, p) => paged(req, listSub(p, type), ctx.pageSize));
    router.add('GET', `${RG}/${seg}`, (req, p) => paged(req, listRg(p, type), ctx.pageSize));
    router.add('GET', `${RG}/${seg}/{name}`, (_req, p) => ok(get(p, id(p, seg, p['name'] ?? ''))));
  }
}

function vmssVmView(ctx: SandboxContext, v: StoredResource, withIv: boolean): Json {
  const out = clone(v) as Json;
  if (withIv) {
    const iv = clone(ctx.store.get(`${v.id}/instanceView`) ?? { id: '' }) as Json;
    delete iv['id'];
    props(out)['instanceView'] = iv;
  }
  return out;
}

/** Scale set instance view: statuses summarised over the instances, as ARM reports it. */
function vmssInstanceView(ctx: SandboxContext, ss: StoredResource): Json {
  const instances = ctx.store.children(ss.id, 'virtualMachines');
  const exts = arr(obj(obj(props(ss)['virtualMachineProfile'])['extensionProfile'])['extensions']);
  const time = ctx.clock.iso();
  return {
    virtualMachine: { statusesSummary: [{ code: 'ProvisioningState/succeeded', count: instances.length }] },
    extensions: exts.map((e) => ({
      name: e['name'],
      statusesSummary: [
        {
          code: `ProvisioningState/${String(props(e)['provisioningState'] ?? 'Succeeded').toLowerCase()}`,
          count: instances.length,
        },
      ],
    })),
    statuses: [{ code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time }],
    orchestrationServices: [],
  };
}
