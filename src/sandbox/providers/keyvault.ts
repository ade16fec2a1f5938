// Microsoft.KeyVault management plane: vaults (PUT replaces, PATCH merges), access policy add/replace/remove,
// keys and key versions, secrets (metadata only: the management plane never returns secret values),
// checkNameAvailability, and the generic resources list the SDK's vaults.list() uses.
import { ArmError, badRequest, resourceNotFound } from '../arm-errors';
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
import { stableHex, vaultUri } from '../ids';
import { LroManager } from '../lro';
import { paged } from '../paging';
import { ok, type Params } from '../router';
import { makeKey } from '../resources';
import type { StoredResource } from '../types';

const RG = '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault';
const CATEGORIES = ['keys', 'secrets', 'certificates', 'storage'] as const;

export function registerKeyVault(ctx: SandboxContext): void {
  const { router, store } = ctx;
  const vaultId = (p: Params): string =>
    `/subscriptions/${p['sub']}/resourceGroups/${p['rg']}/providers/Microsoft.KeyVault/vaults/${p['vault']}`;
  const getVault = (p: Params): StoredResource => requireResource(ctx, p['sub'] ?? '', p['rg'] ?? '', vaultId(p));
  const isVault = (r: StoredResource): boolean => String(r['type']).toLowerCase() === 'microsoft.keyvault/vaults';

  router.add('GET', '/subscriptions/{sub}/providers/Microsoft.KeyVault/vaults', (req, p) => {
    requireSubscription(ctx, p['sub'] ?? '');
    return paged(
      req,
      store.listByType('Microsoft.KeyVault/vaults', `/subscriptions/${p['sub']}/resourceGroups`),
      ctx.pageSize,
    );
  });
  router.add('GET', `${RG}/vaults`, (req, p) => {
    requireResourceGroup(ctx, p['sub'] ?? '', p['rg'] ?? '');
    return paged(
      req,
      store.listByType('Microsoft.KeyVault/vaults', `/subscriptions/${p['sub']}/resourceGroups/${p['rg']}`),
      ctx.pageSize,
    );
  });
  // Generic resource list; only `resourceType eq '...'` filters are understood.
  router.add('GET', '/subscriptions/{sub}/resources', (req, p) => {
    requireSubscription(ctx, p['sub'] ?? '');
    const filter = req.url.searchParams.get('$filter') ?? '';
    const m = /resourceType\s+eq\s+'([^']+)'/i.exec(filter);
    const all = store.list(`/subscriptions/${p['sub']}/resourceGroups`).filter((r) => parseDepth(r.id) === 1);
    const items = all
      .filter((r) => !m || String(r['type']).toLowerCase() === (m[1] ?? '').toLowerCase())
      .map((r) => ({ id: r.id, name: r['name'], type: r['type'], location: r['location'], tags: r['tags'] ?? {} }));
    return paged(req, items, ctx.pageSize);
  });
  router.add('GET', `${RG}/vaults/{vault}`, (_req, p) => ok(getVault(p)));

  router.add('PUT', `${RG}/vaults/{vault}`, (req, p) => {
    requireResourceGroup(ctx, p['sub'] ?? '', p['rg'] ?? '');
    const name = p['vault'] ?? '';
    if (!/^[a-zA-Z0-9-]{3,24}$/.test(name)) {
      throw badRequest(
        'VaultNameNotValid',
        `The vault name '${name}' is invalid. A vault's name must be between 3-24 alphanumeric characters. The name must begin with a letter, end with a letter or digit, and not contain consecutive hyphens.`,
      );
    }
    const body = obj(req.body);
    const bp = obj(body['properties']);
    if (typeof body['location'] !== 'string')
      throw badRequest('LocationRequired', 'The location property is required for this definition.');
    if (typeof bp['tenantId'] !== 'string')
      throw badRequest('BadRequest', "The parameter 'properties.tenantId' is required.");
    if (!isObject(bp['sku']) || typeof obj(bp['sku'])['name'] !== 'string')
      throw badRequest('BadRequest', "The parameter 'properties.sku' is required.");
    const existing = store.get(vaultId(p));
    if (existing) {
      const ep = props(existing);
      if (ep['enablePurgeProtection'] === true && bp['enablePurgeProtection'] === false) {
        throw badRequest(
          'BadRequest',
          'The property "enablePurgeProtection" cannot be set to false. Enabling the purge protection for a vault is an irreversible action.',
        );
      }
      if (ep['enableSoftDelete'] === true && bp['enableSoftDelete'] === false) {
        throw badRequest(
          'BadRequest',
          'The property "enableSoftDelete" cannot be set to false. Enabling soft delete for a vault is an irreversible action.',
        );
      }
    } else {
      const taken = store.all().find((r) => isVault(r) && String(r['name']).toLowerCase() === name.toLowerCase());
      if (taken)
        throw new ArmError(
          409,
          'VaultAlreadyExists',
          `The vault name '${name}' is already in use. Vault names are globally unique so it is possible that the name is already taken.`,
        );
    }
    // PUT replaces the whole resource: whatever the body omits (access policies included) is gone afterwards.
    const properties: Json = {
      accessPolicies: [],
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enableRbacAuthorization: false,
      publicNetworkAccess: 'Enabled',
      ...clone(bp),
      vaultUri: vaultUri(name),
      provisioningState: existing ? 'Succeeded' : 'RegisteringDns',
    };
    const vault: StoredResource = {
      id: existing?.id ?? vaultId(p),
      name,
      type: 'Microsoft.KeyVault/vaults',
      location: body['location'],
      tags: isObject(body['tags']) ? body['tags'] : {},
      properties,
    };
    store.put(vault);
    if (existing) return ok(vault, 200);
    const headers = ctx.lro.start(req, p['sub'] ?? '', 'Microsoft.KeyVault', String(body['location']), () => {
      props(vault)['provisioningState'] = 'Succeeded';
      return { status: 'Succeeded' };
    });
    return LroManager.accepted(201, vault, headers);
  });

  router.add('PATCH', `${RG}/vaults/{vault}`, (req, p) => {
    const vault = getVault(p);
    const body = obj(req.body);
    const vp = props(vault);
    const patch = obj(body['properties']);
    if (vp['enablePurgeProtection'] === true && patch['enablePurgeProtection'] === false) {
      throw badRequest(
        'BadRequest',
        'The property "enablePurgeProtection" cannot be set to false. Enabling the purge protection for a vault is an irreversible action.',
      );
    }
    for (const [k, v] of Object.entries(patch)) if (v !== null && v !== undefined) vp[k] = clone(v);
    if (isObject(body['tags'])) vault['tags'] = clone(body['tags']);
    return ok(vault);
  });

  router.add('DELETE', `${RG}/vaults/{vault}`, (_req, p) => {
    requireResourceGroup(ctx, p['sub'] ?? '', p['rg'] ?? '');
    return { status: store.delete(vaultId(p)) ? 200 : 204 };
  });

  router.add('PUT', `${RG}/vaults/{vault}/accessPolicies/{kind}`, (req, p) => {
    const vault = getVault(p);
    const kind = (p['kind'] ?? '').toLowerCase();
    if (!['add', 'replace', 'remove'].includes(kind)) {
      throw badRequest(
        'BadRequest',
        `The access policy operation kind '${p['kind']}' is invalid. Valid values: add, replace, remove.`,
      );
    }
    const entries = arr(obj(obj(req.body)['properties'])['accessPolicies']);
    if (!Array.isArray(obj(obj(req.body)['properties'])['accessPolicies'])) {
      throw badRequest('BadRequest', "The parameter 'properties.accessPolicies' is required.");
    }
    const vp = props(vault);
    const current = arr(vp['accessPolicies']);
    for (const e of entries) {
      if (typeof e['objectId'] !== 'string' || typeof e['tenantId'] !== 'string') {
        throw badRequest('BadRequest', 'An access policy entry must have tenantId and objectId.');
      }
      const match = current.find((c) => samePrincipal(c, e));
      if (kind === 'add') {
        if (match) match['permissions'] = unionPermissions(obj(match['permissions']), obj(e['permissions']));
        else current.push(clone(e));
      } else if (kind === 'replace') {
        if (match) match['permissions'] = clone(e['permissions']);
        else current.push(clone(e));
      } else if (match) {
        const remaining = removePermissions(obj(match['permissions']), obj(e['permissions']));
        if (CATEGORIES.every((c) => ((remaining[c] as unknown[] | undefined) ?? []).length === 0)) {
          current.splice(current.indexOf(match), 1);
        } else match['permissions'] = remaining;
      }
    }
    vp['accessPolicies'] = current;
    return ok({
      id: `${vault.id}/accessPolicies/${kind}`,
      name: kind,
      type: 'Microsoft.KeyVault/vaults/accessPolicies',
      location: vault['location'],
      properties: { accessPolicies: clone(current) },
    });
  });

  router.add('POST', '/subscriptions/{sub}/providers/Microsoft.KeyVault/checkNameAvailability', (req, p) => {
    requireSubscription(ctx, p['sub'] ?? '');
    const name = str(obj(req.body)['name']) ?? '';
    if (!/^[a-zA-Z0-9-]{3,24}$/.test(name)) {
      return ok({ nameAvailable: false, reason: 'AccountNameInvalid', message: `Vault name '${name}' is invalid.` });
    }
    const taken = store.all().some((r) => isVault(r) && String(r['name']).toLowerCase() === name.toLowerCase());
    return ok(
      taken
        ? { nameAvailable: false, reason: 'AlreadyExists', message: `The vault name '${name}' is already in use.` }
        : { nameAvailable: true },
    );
  });

  // Keys
  router.add('GET', `${RG}/vaults/{vault}/keys`, (req, p) =>
    paged(req, store.children(getVault(p).id, 'keys'), ctx.pageSize),
  );
  router.add('GET', `${RG}/vaults/{vault}/keys/{key}`, (_req, p) => {
    const id = `${getVault(p).id}/keys/${p['key']}`;
    const key = store.get(id);
    if (!key) throw resourceNotFound(id);
    return ok(key);
  });
  router.add('GET', `${RG}/vaults/{vault}/keys/{key}/versions`, (req, p) => {
    const id = `${getVault(p).id}/keys/${p['key']}`;
    if (!store.get(id)) throw resourceNotFound(id);
    return paged(req, store.children(id, 'versions'), ctx.pageSize);
  });
  router.add('GET', `${RG}/vaults/{vault}/keys/{key}/versions/{version}`, (_req, p) => {
    const id = `${getVault(p).id}/keys/${p['key']}/versions/${p['version']}`;
    const v = store.get(id);
    if (!v) throw resourceNotFound(id);
    return ok(v);
  });
  // createIfNotExist: an existing key is returned unchanged (the management plane cannot update keys).
  router.add('PUT', `${RG}/vaults/{vault}/keys/{key}`, (req, p) => {
    const vault = getVault(p);
    const name = p['key'] ?? '';
    const existing = store.get(`${vault.id}/keys/${name}`);
    if (existing) return ok(existing);
    if (!/^[a-zA-Z0-9-]{1,127}$/.test(name)) throw badRequest('BadRequest', `The key name '${name}' is invalid.`);
    const bp = obj(obj(req.body)['properties']);
    const kty = str(bp['kty']) ?? 'RSA';
    if (!['RSA', 'RSA-HSM', 'EC', 'EC-HSM'].includes(kty))
      throw badRequest('BadRequest', `The key type '${kty}' is invalid.`);
    if (kty.endsWith('-HSM') && obj(props(vault)['sku'])['name'] !== 'premium') {
      throw badRequest('BadRequest', `HSM-protected keys (${kty}) require a premium vault.`);
    }
    const keySize = typeof bp['keySize'] === 'number' ? bp['keySize'] : undefined;
    if (keySize !== undefined && kty.startsWith('RSA') && ![2048, 3072, 4096].includes(keySize)) {
      throw badRequest(
        'BadRequest',
        `The key size ${keySize} is not supported. Supported RSA key sizes: 2048, 3072, 4096.`,
      );
    }
    const spec: { kty: string; keySize?: number; curveName?: string; keyOps?: string[] } = { kty };
    if (keySize !== undefined) spec.keySize = keySize;
    if (typeof bp['curveName'] === 'string') spec.curveName = bp['curveName'];
    if (Array.isArray(bp['keyOps'])) spec.keyOps = bp['keyOps'].map(String);
    const version = stableHex(`${vault.id}/keys/${name}@${ctx.clock.now()}`, 32);
    const [key, ver] = makeKey(vault, name, spec, version, Math.floor(ctx.clock.now() / 1000));
    if (isObject(obj(req.body)['tags'])) key['tags'] = clone(obj(req.body)['tags']);
    store.put(key);
    store.put(ver);
    return ok(key);
  });

  // Secrets (management plane)
  router.add('GET', `${RG}/vaults/{vault}/secrets`, (req, p) =>
    paged(req, store.children(getVault(p).id, 'secrets'), ctx.pageSize),
  );
  router.add('GET', `${RG}/vaults/{vault}/secrets/{secret}`, (_req, p) => {
    const id = `${getVault(p).id}/secrets/${p['secret']}`;
    const s = store.get(id);
    if (!s) throw resourceNotFound(id);
    return ok(s);
  });
}

function parseDepth(id: string): number {
  const m = /\/providers\/[^/]+\/(.+)$/i.exec(id);
  return m ? Math.ceil((m[1] ?? '').split('/').length / 2) : 0;
}

function samePrincipal(a: Json, b: Json): boolean {
  const l = (v: unknown): string => String(v ?? '').toLowerCase();
  return (
    l(a['tenantId']) === l(b['tenantId']) &&
    l(a['objectId']) === l(b['objectId']) &&
    l(a['applicationId']) === l(b['applicationId'])
  );
}

function unionPermissions(a: Json, b: Json): Json {
  const out: Json = {};
  for (const c of CATEGORIES) {
    const merged = [...((a[c] as unknown[] | undefined) ?? []), ...((b[c] as unknown[] | undefined) ?? [])].map(String);
    const seen = new Set<string>();
    const list = merged.filter((x) => !seen.has(x.toLowerCase()) && seen.add(x.toLowerCase()));
    if (list.length || a[c] !== undefined) out[c] = list;
  }
  return out;
}

function removePermissions(a: Json, b: Json): Json {
  const out: Json = {};
  for (const c of CATEGORIES) {
    const drop = new Set(((b[c] as unknown[] | undefined) ?? []).map((x) => String(x).toLowerCase()));
    const list = ((a[c] as unknown[] | undefined) ?? []).map(String).filter((x) => !drop.has(x.toLowerCase()));
    if (a[c] !== undefined) out[c] = list;
  }
  return out;
}
