import * as assert from 'node:assert/strict';
import { connectToSandbox, listVaultRoleAssignments, removeRoleAssignment } from '../../../src/azure';
import { createSandbox, type Sandbox } from '../../../src/sandbox';

const ASSIGNMENTS = '/providers/Microsoft.Authorization/roleAssignments';

function rbacVault(sb: Sandbox): string {
  const sub = sb.subscriptions[0]?.subscriptionId ?? '';
  return `/subscriptions/${sub}/resourceGroups/rg-ade-prod/providers/Microsoft.KeyVault/vaults/kv-ade-rbac`;
}

function storedAssignmentIds(sb: Sandbox): string[] {
  return sb.store
    .list('/')
    .filter((r) => r['type'] === 'Microsoft.Authorization/roleAssignments')
    .map((r) => String(r['id']))
    .sort();
}

describe('role assignments on an RBAC vault (sandbox, real SDK client)', function () {
  this.timeout(30_000);

  it('lists the vault’s own assignments with built-in role names and marks inherited ones', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const vaultId = rbacVault(sb);
    const r = await listVaultRoleAssignments(f, vaultId);
    assert.equal(r.changed, false);
    const own = r.value.filter((a) => !a.inherited);
    const inherited = r.value.filter((a) => a.inherited);
    assert.deepEqual(own.map((a) => a.roleName).sort(), [
      'Key Vault Administrator',
      'Key Vault Crypto Service Encryption User',
    ]);
    for (const a of own) {
      assert.equal(a.scope.toLowerCase(), vaultId.toLowerCase());
      assert.ok(a.id.toLowerCase().startsWith(`${vaultId}${ASSIGNMENTS}/`.toLowerCase()), a.id);
    }
    const admin = own.find((a) => a.roleName === 'Key Vault Administrator');
    assert.equal(admin?.principalId, '6a1e3c6d-1111-4c2b-9a55-0b1f2c3d4e01');
    assert.equal(admin?.principalType, 'User');
    const reader = inherited.find((a) => a.roleName === 'Reader');
    assert.ok(reader, `subscription Reader should be listed as inherited: ${JSON.stringify(r.value)}`);
    assert.equal(reader.scope, `/subscriptions/${sb.subscriptions[0]?.subscriptionId}`);
    assert.deepEqual(
      r.value.map((a) => a.inherited),
      [false, false, true, true, true],
      'own assignments first (then the user Reader, the operator Owner and the reader principal)',
    );
  });

  it('removes exactly one assignment and keeps the others; removing it again is nothing to remove', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    const vaultId = rbacVault(sb);
    const before = storedAssignmentIds(sb);
    assert.equal(before.length, 6, 'two on the vault, three on Production, the operator on DR');
    const listed = await listVaultRoleAssignments(f, vaultId);
    const target = listed.value.find((a) => a.roleName === 'Key Vault Crypto Service Encryption User');
    assert.ok(target);
    const progress: string[] = [];
    const r = await removeRoleAssignment(f, target.id, { onProgress: (p) => progress.push(p.message) });
    assert.equal(r.changed, true);
    assert.equal(r.value.removed, true);
    assert.match(r.summary, /Key Vault Crypto Service Encryption User/);
    assert.match(r.summary, /0e1d2c3b-2222-4a5b-8c6d-7e8f9a0b1c02/);
    assert.equal(r.changes.length, 1);
    assert.ok(progress.length > 0);
    const after = storedAssignmentIds(sb);
    assert.deepEqual(
      after,
      before.filter((id) => id.toLowerCase() !== target.id.toLowerCase()),
      'exactly that one is gone',
    );
    const again = await removeRoleAssignment(f, target.id);
    assert.equal(again.changed, false);
    assert.equal(again.value.removed, false);
    assert.match(again.summary, /nothing to remove/);
    assert.deepEqual(again.changes, []);
    assert.deepEqual(storedAssignmentIds(sb), after, 'the repeat changed nothing');
    const deletes = sb.requestLog.filter((e) => e.method === 'DELETE');
    assert.deepEqual(
      deletes.map((e) => e.status),
      [200, 204],
      'the SDK path reaches the sandbox route: 200 with the body, then 204 when already gone',
    );
    const relisted = await listVaultRoleAssignments(f, vaultId);
    assert.deepEqual(
      relisted.value.map((a) => a.roleName),
      ['Key Vault Administrator', 'Owner', 'Reader', 'Reader'],
    );
  });

  it('a malformed id is refused before any request', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const f = connectToSandbox(sb);
    await assert.rejects(removeRoleAssignment(f, 'not-an-id'), /not a valid Azure resource id/);
  });
});
