import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { collect, errorCode, setup } from './helpers';

describe('sandbox: role assignments and definitions', () => {
  it('lists built-in Key Vault roles by name and by id', async () => {
    const c = setup();
    const scope = `/subscriptions/${c.sub}`;
    const all = await collect(c.auth.roleDefinitions.list(scope));
    assert.ok(all.some((r) => r.roleName === 'Key Vault Crypto Service Encryption User'));
    const [secretsUser] = await collect(
      c.auth.roleDefinitions.list(scope, { filter: "roleName eq 'Key Vault Secrets User'" }),
    );
    assert.equal(secretsUser?.name, '4633458b-17de-408a-b874-0445c86b69e6');
    const byId = await c.auth.roleDefinitions.getById(
      `${scope}/providers/Microsoft.Authorization/roleDefinitions/00482a5a-887f-4fb3-b363-3b7fe8e74483`,
    );
    assert.equal(byId.roleName, 'Key Vault Administrator');
    // Key Vault Crypto User: every data action of the built-in role, not only wrap/unwrap.
    const cryptoUser = await c.auth.roleDefinitions.getById(
      `${scope}/providers/Microsoft.Authorization/roleDefinitions/12338af0-0e69-4776-bea7-57ae8d297424`,
    );
    const actions = cryptoUser.permissions?.flatMap((p) => p.dataActions ?? []) ?? [];
    for (const a of [
      'read',
      'update/action',
      'backup/action',
      'encrypt/action',
      'decrypt/action',
      'sign/action',
      'verify/action',
    ])
      assert.ok(actions.includes(`Microsoft.KeyVault/vaults/keys/${a}`), a);
  });

  it('creates, lists (inherited too) and deletes assignments at a vault scope', async () => {
    const c = setup();
    const vault = `/subscriptions/${c.sub}/resourceGroups/rg-ade-prod/providers/Microsoft.KeyVault/vaults/kv-ade-rbac`;
    const before = await collect(c.auth.roleAssignments.listForScope(vault));
    // Two at the vault plus the inherited subscription-level ones (a user's Reader, the operator's Owner and the
    // reader principal's Reader).
    assert.equal(before.length, 5);
    const name = randomUUID();
    const principal = randomUUID();
    const created = await c.auth.roleAssignments.create(vault, name, {
      roleDefinitionId: `/subscriptions/${c.sub}/providers/Microsoft.Authorization/roleDefinitions/e147488a-f6f5-4113-8e2d-b22465e65bf6`,
      principalId: principal,
      principalType: 'ServicePrincipal',
    });
    assert.equal(created.scope, vault);
    await assert.rejects(
      c.auth.roleAssignments.create(vault, randomUUID(), {
        roleDefinitionId: created.roleDefinitionId ?? '',
        principalId: principal,
      }),
      (e) => errorCode(e) === 'RoleAssignmentExists',
    );
    const mine = await collect(c.auth.roleAssignments.listForScope(vault, { filter: `principalId eq '${principal}'` }));
    assert.equal(mine.length, 1);
    const atSub = await collect(c.auth.roleAssignments.listForSubscription());
    assert.ok(atSub.some((a) => a.name === name));
    await c.auth.roleAssignments.delete(vault, name);
    assert.equal((await collect(c.auth.roleAssignments.listForScope(vault))).length, 5);
  });
});
