import assert from 'node:assert/strict';
import type { Vault } from '@azure/arm-keyvault';
import { collect, errorCode, setup } from './helpers';

const RG = 'rg-ade-prod';
const OBJ = '6a1e3c6d-1111-4c2b-9a55-0b1f2c3d4e01';

describe('sandbox: Key Vault management plane', () => {
  it('PUT replaces the vault: omitting accessPolicies loses them; PATCH merges', async () => {
    const c = setup();
    const before = await c.kv.vaults.get(RG, 'kv-ade-ready');
    assert.equal(before.properties.accessPolicies?.length, 1);
    const patched = await c.kv.vaults.update(RG, 'kv-ade-ready', { properties: { enabledForDeployment: true } });
    assert.equal(patched.properties.accessPolicies?.length, 1);
    assert.equal(patched.properties.enabledForDeployment, true);
    assert.equal(patched.properties.enabledForDiskEncryption, true);
    const put = await c.kv.vaults.beginCreateOrUpdateAndWait(RG, 'kv-ade-ready', {
      location: before.location ?? 'eastus',
      properties: {
        tenantId: before.properties.tenantId,
        sku: { family: 'A', name: 'premium' },
        enabledForDiskEncryption: true,
        enablePurgeProtection: true,
      },
    });
    assert.deepEqual(put.properties.accessPolicies, []);
    assert.equal(put.properties.enabledForDeployment, false);
    assert.deepEqual((await c.kv.vaults.get(RG, 'kv-ade-ready')).properties.accessPolicies, []);
  });

  it('creates a vault as a long-running operation and validates the body', async () => {
    const c = setup();
    const tenantId = c.sb.subscriptions[0]!.tenantId;
    const v: Vault = await c.kv.vaults.beginCreateOrUpdateAndWait(RG, 'kv-new-1', {
      location: 'eastus',
      properties: { tenantId, sku: { family: 'A', name: 'standard' } },
    });
    assert.equal(v.properties.provisioningState, 'Succeeded');
    assert.equal(v.properties.vaultUri, 'https://kv-new-1.vault.azure.net/');
    assert.equal(v.properties.enableSoftDelete, true);
    assert.ok(c.sb.requestLog.some((r) => r.method === 'PUT' && r.status === 201));
    await assert.rejects(
      c.kv.vaults.beginCreateOrUpdateAndWait(RG, 'kv-ade-ready', {
        location: 'eastus',
        properties: { tenantId, sku: { family: 'A', name: 'standard' }, enablePurgeProtection: false },
      }),
      /enablePurgeProtection" cannot be set to false/,
    );
    const avail = await c.kv.vaults.checkNameAvailability({ name: 'kv-ade-ready', type: 'Microsoft.KeyVault/vaults' });
    assert.equal(avail.nameAvailable, false);
    assert.equal(avail.reason, 'AlreadyExists');
    assert.equal(
      (await c.kv.vaults.checkNameAvailability({ name: 'kv-free-name', type: 'Microsoft.KeyVault/vaults' }))
        .nameAvailable,
      true,
    );
  });

  it('access policy add merges permissions per objectId; concurrent adds both survive; remove drops permissions', async () => {
    const c = setup();
    const tenantId = c.sb.subscriptions[0]!.tenantId;
    const other = '99999999-2222-4333-8444-555555555555';
    await Promise.all([
      c.kv.vaults.updateAccessPolicy(RG, 'kv-ade-ready', 'add', {
        properties: {
          accessPolicies: [{ tenantId, objectId: OBJ, permissions: { keys: ['backup', 'get'], secrets: ['backup'] } }],
        },
      }),
      c.kv.vaults.updateAccessPolicy(RG, 'kv-ade-ready', 'add', {
        properties: { accessPolicies: [{ tenantId, objectId: other, permissions: { secrets: ['get', 'list'] } }] },
      }),
    ]);
    const v = await c.kv.vaults.get(RG, 'kv-ade-ready');
    const mine = v.properties.accessPolicies?.find((p) => p.objectId === OBJ);
    assert.deepEqual(mine?.permissions.keys, ['get', 'list', 'create', 'wrapKey', 'unwrapKey', 'backup']);
    assert.deepEqual(mine?.permissions.secrets, ['get', 'list', 'set', 'backup']);
    assert.ok(v.properties.accessPolicies?.some((p) => p.objectId === other));
    await c.kv.vaults.updateAccessPolicy(RG, 'kv-ade-ready', 'remove', {
      properties: { accessPolicies: [{ tenantId, objectId: OBJ, permissions: { keys: ['create'] } }] },
    });
    await c.kv.vaults.updateAccessPolicy(RG, 'kv-ade-ready', 'remove', {
      properties: { accessPolicies: [{ tenantId, objectId: other, permissions: { secrets: ['get', 'list'] } }] },
    });
    const after = await c.kv.vaults.get(RG, 'kv-ade-ready');
    assert.ok(!after.properties.accessPolicies?.find((p) => p.objectId === OBJ)?.permissions.keys?.includes('create'));
    assert.ok(!after.properties.accessPolicies?.some((p) => p.objectId === other));
    await c.kv.vaults.updateAccessPolicy(RG, 'kv-ade-ready', 'replace', {
      properties: { accessPolicies: [{ tenantId, objectId: OBJ, permissions: { keys: ['get'] } }] },
    });
    const replaced = await c.kv.vaults.get(RG, 'kv-ade-ready');
    assert.deepEqual(replaced.properties.accessPolicies?.[0]?.permissions.keys, ['get']);
    assert.equal(replaced.properties.accessPolicies?.[0]?.permissions.secrets, undefined);
  });

  it('keys: list, get, versions, createIfNotExist; secrets list carries ADE tags', async () => {
    const c = setup();
    const keys = await collect(c.kv.keys.list(RG, 'kv-ade-ready'));
    assert.deepEqual(keys.map((k) => k.name).sort(), ['kek-ec', 'kek-rsa']);
    const rsa = await c.kv.keys.get(RG, 'kv-ade-ready', 'kek-rsa');
    assert.equal(rsa.kty, 'RSA');
    assert.equal(rsa.keySize, 3072);
    assert.match(
      rsa.keyUriWithVersion ?? '',
      /^https:\/\/kv-ade-ready\.vault\.azure\.net\/keys\/kek-rsa\/[0-9a-f]{32}$/,
    );
    const versions = await collect(c.kv.keys.listVersions(RG, 'kv-ade-ready', 'kek-rsa'));
    assert.equal(versions.length, 1);
    const created = await c.kv.keys.createIfNotExist(RG, 'kv-ade-ready', 'kek-new', {
      properties: { kty: 'RSA', keySize: 4096 },
    });
    assert.equal(created.keySize, 4096);
    const again = await c.kv.keys.createIfNotExist(RG, 'kv-ade-ready', 'kek-new', { properties: { kty: 'EC' } });
    assert.equal(again.kty, 'RSA');
    await assert.rejects(
      c.kv.keys.createIfNotExist(RG, 'kv-ade-nopurge', 'hsm', { properties: { kty: 'RSA-HSM' } }),
      /require a premium vault/,
    );
    await assert.rejects(c.kv.keys.get(RG, 'kv-ade-ready', 'nope'), (e) => errorCode(e) === 'ResourceNotFound');
    const secrets = await collect(c.kv.secrets.list(RG, 'kv-ade-ready'));
    const win = secrets.filter((s) => s.tags?.['MachineName'] === 'vm-win-ade-kek');
    assert.equal(win.length, 2);
    assert.ok(win.every((s) => s.tags?.['DiskEncryptionKeyFileName']?.endsWith('.BEK')));
    assert.ok(win.every((s) => s.tags?.['DiskEncryptionKeyEncryptionAlgorithm'] === 'RSA-OAEP'));
  });

  it('firewalled, RBAC and no-purge vaults have the expected properties', async () => {
    const c = setup();
    const fw = await c.kv.vaults.get(RG, 'kv-ade-firewall');
    assert.equal(fw.properties.networkAcls?.defaultAction, 'Deny');
    assert.equal(fw.properties.networkAcls?.bypass, 'None');
    assert.equal((await c.kv.vaults.get(RG, 'kv-ade-nopurge')).properties.enablePurgeProtection, undefined);
    assert.equal((await c.kv.vaults.get(RG, 'kv-ade-noflag')).properties.enabledForDiskEncryption, false);
  });
});
