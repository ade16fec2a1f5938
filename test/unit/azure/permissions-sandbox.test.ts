// The Azure layer against real 403s: the sandbox's reader principal is refused writes by ARM, and each operation
// the wizards run turns AuthorizationFailed into plain words naming the refused action and a role that grants it.
import * as assert from 'node:assert/strict';
import {
  addAccessPolicy,
  assignRole,
  connectToSandbox,
  describeAzureError,
  enableAde,
  patchVault,
} from '../../../src/azure';
import { createSandbox } from '../../../src/sandbox';

describe('the wizards as a principal without permission (sandbox reader, real 403s)', function () {
  this.timeout(30_000);
  const sb = createSandbox({ clock: 'manual' });
  const sub = sb.subscriptions[0]?.subscriptionId ?? '';
  const rg = `/subscriptions/${sub}/resourceGroups/rg-ade-prod/providers`;
  const reader = connectToSandbox({ ...sb, credential: sb.credentialFor('ade-reader') }, { retry: { maxRetries: 0 } });

  async function refusal(run: () => Promise<unknown>): Promise<{ message: string; fix: string; role?: string }> {
    try {
      await run();
    } catch (e) {
      const plain = describeAzureError(e);
      assert.equal(plain.kind, 'forbidden', `${plain.kind}: ${plain.message}`);
      assert.equal(plain.status, 403);
      return {
        message: plain.message,
        fix: plain.fix ?? '',
        ...(plain.permission?.suggestedRole ? { role: plain.permission.suggestedRole } : {}),
      };
    }
    assert.fail('the operation was not refused');
  }

  it('enable ADE: names the extension write and Virtual Machine Contributor', async () => {
    const r = await refusal(() =>
      enableAde(reader, {
        vmId: `${rg}/Microsoft.Compute/virtualMachines/vm-plain`,
        vaultId: `${rg}/Microsoft.KeyVault/vaults/kv-ade-ready`,
      }),
    );
    assert.match(r.message, /permission 'Microsoft\.Compute\/virtualMachines\/extensions\/write' on \/subscriptions\//);
    assert.match(r.fix, /Virtual Machine Contributor/);
  });

  it('vault flag and access policy: name Key Vault Contributor', async () => {
    const vault = `${rg}/Microsoft.KeyVault/vaults/kv-ade-noflag`;
    const flag = await refusal(() => patchVault(reader, vault, { enabledForDiskEncryption: true }));
    assert.match(flag.message, /Microsoft\.KeyVault\/vaults\/write/);
    assert.equal(flag.role, 'Key Vault Contributor');
    const policy = await refusal(() =>
      addAccessPolicy(reader, `${rg}/Microsoft.KeyVault/vaults/kv-ade-ready`, {
        objectId: 'bbbbbbbb-0000-4000-8000-000000000002',
        permissions: { keys: ['get'] },
      }),
    );
    assert.match(policy.fix, /Key Vault Contributor/);
  });

  it('role assignment: names User Access Administrator (or Owner)', async () => {
    const r = await refusal(() =>
      assignRole(reader, {
        scope: `${rg}/Microsoft.KeyVault/vaults/kv-ade-rbac`,
        role: 'Key Vault Crypto Service Encryption User',
        principalId: 'bbbbbbbb-0000-4000-8000-000000000002',
      }),
    );
    assert.match(r.message, /Microsoft\.Authorization\/roleAssignments\/write/);
    assert.match(r.fix, /User Access Administrator \(or Owner\)/);
  });
});
