import * as assert from 'node:assert/strict';
import { AzureOperationError, connectToSandbox, createVault, vaultNameProblem } from '../../../src/azure';
import { createSandbox } from '../../../src/sandbox';

describe('createVault against the sandbox (real SDK client)', function () {
  this.timeout(30_000);

  it('creates a vault ready for ADE: disk encryption, soft delete 90 days, purge protection, RBAC', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const sub = sb.subscriptions[0];
    assert.ok(sub);
    const progress: string[] = [];
    const r = await createVault(f, {
      subscriptionId: sub.subscriptionId,
      resourceGroup: 'rg-ade-prod',
      name: 'kv-new-ade',
      location: 'eastus',
      tenantId: sub.tenantId,
      sku: 'premium',
      onProgress: (p) => progress.push(p.message),
    });
    assert.equal(r.changed, true);
    assert.match(r.summary, /Created key vault kv-new-ade/);
    const id = `/subscriptions/${sub.subscriptionId}/resourceGroups/rg-ade-prod/providers/Microsoft.KeyVault/vaults/kv-new-ade`;
    const stored = sb.store.get(id);
    assert.ok(stored, 'the vault is in the sandbox');
    const p = stored['properties'] as Record<string, unknown>;
    assert.equal(p['enabledForDiskEncryption'], true);
    assert.equal(p['enableSoftDelete'], true);
    assert.equal(p['softDeleteRetentionInDays'], 90);
    assert.equal(p['enablePurgeProtection'], true);
    assert.equal(p['enableRbacAuthorization'], true);
    assert.deepEqual(p['accessPolicies'], []);
    assert.equal((p['sku'] as { name?: string }).name, 'premium');
    assert.equal(p['tenantId'], sub.tenantId);
    assert.equal(stored['location'], 'eastus');
    assert.equal(r.value.properties.vaultUri, 'https://kv-new-ade.vault.azure.net/');
    assert.ok(progress.some((m) => /Creating key vault kv-new-ade/.test(m)));
  });

  it('uses access policies when asked', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const sub = sb.subscriptions[0];
    assert.ok(sub);
    const r = await createVault(f, {
      subscriptionId: sub.subscriptionId,
      resourceGroup: 'rg-ade-prod',
      name: 'kv-new-policies',
      location: 'eastus',
      tenantId: sub.tenantId,
      sku: 'standard',
      rbac: false,
    });
    assert.equal(r.value.properties.enableRbacAuthorization, false);
    assert.equal(r.value.properties.enabledForDiskEncryption, true);
  });

  it('refuses a name that is taken, with plain words and nothing changed', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const sub = sb.subscriptions[0];
    assert.ok(sub);
    const before = JSON.stringify(
      sb.store.get(
        `/subscriptions/${sub.subscriptionId}/resourceGroups/rg-ade-prod/providers/Microsoft.KeyVault/vaults/kv-ade-ready`,
      ),
    );
    await assert.rejects(
      createVault(f, {
        subscriptionId: sub.subscriptionId,
        resourceGroup: 'rg-ade-prod',
        name: 'kv-ade-ready',
        location: 'eastus',
        tenantId: sub.tenantId,
        sku: 'standard',
      }),
      (e: unknown) => {
        assert.ok(e instanceof AzureOperationError);
        assert.match(e.message, /kv-ade-ready is already taken/);
        assert.match(e.plain.fix ?? '', /another name/);
        return true;
      },
    );
    const after = JSON.stringify(
      sb.store.get(
        `/subscriptions/${sub.subscriptionId}/resourceGroups/rg-ade-prod/providers/Microsoft.KeyVault/vaults/kv-ade-ready`,
      ),
    );
    assert.equal(after, before);
  });

  it('refuses an invalid name before calling Azure', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const sub = sb.subscriptions[0];
    assert.ok(sub);
    await assert.rejects(
      createVault(f, {
        subscriptionId: sub.subscriptionId,
        resourceGroup: 'rg-ade-prod',
        name: '1bad--name-',
        location: 'eastus',
        tenantId: sub.tenantId,
        sku: 'standard',
      }),
      (e: unknown) => e instanceof AzureOperationError && /starts? with a letter/.test(e.message),
    );
  });

  it('validates vault names like Azure does', () => {
    for (const ok of ['kv1', 'kv-ade-prod', 'A23456789012345678901234'])
      assert.equal(vaultNameProblem(ok), undefined, ok);
    for (const bad of ['', 'kv', 'a234567890123456789012345', 'kv_ade', '1kv', '-kv', 'kv--ade', 'kv-', 'kv.ade'])
      assert.ok(vaultNameProblem(bad), bad);
  });
});
