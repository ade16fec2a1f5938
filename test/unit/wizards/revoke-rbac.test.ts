import * as assert from 'node:assert/strict';
import type { VaultRoleAssignment } from '../../../src/azure/operations/roles';
import {
  describeScope,
  remainingAccessNote,
  roleAssignmentChange,
  roleAssignmentItems,
  roleAssignmentRefusal,
} from '../../../src/vscode/wizards/access/model';
import { buildRevokePlan, revokeSteps, type RevokeContext } from '../../../src/vscode/wizards/access/wizard';
import { executePlan, planChanges } from '../../../src/vscode/wizards/engine/plan';
import { ScriptedPrompter } from '../../../src/vscode/wizards/engine/scriptedPrompter';
import { runPromptSteps } from '../../../src/vscode/wizards/engine/wizard';
import type { VaultInfo, WizardServices } from '../../../src/vscode/wizards/services';

const SUB = '/subscriptions/4f6c1a52-8d3e-4b7a-9c21-5e0d7f3a9b10';
const VAULT = `${SUB}/resourceGroups/rg-ade-prod/providers/Microsoft.KeyVault/vaults/kv-ade-rbac`;
const RA = '/providers/Microsoft.Authorization/roleAssignments';
const USER = '6a1e3c6d-1111-4c2b-9a55-0b1f2c3d4e01';
const SP = '0e1d2c3b-2222-4a5b-8c6d-7e8f9a0b1c02';

function assignment(
  scope: string,
  name: string,
  roleName: string,
  guid: string,
  principalId: string,
  principalType: string,
): VaultRoleAssignment {
  return {
    id: `${scope}${RA}/${name}`,
    name,
    scope,
    roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
    roleName,
    principalId,
    principalType,
    inherited: scope !== VAULT,
  };
}

const ADMIN = assignment(
  VAULT,
  'ra-admin',
  'Key Vault Administrator',
  '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  USER,
  'User',
);
const CSE = assignment(
  VAULT,
  'ra-cse',
  'Key Vault Crypto Service Encryption User',
  'e147488a-f6f5-4113-8e2d-b22465e65bf6',
  SP,
  'ServicePrincipal',
);
const READER = assignment(SUB, 'ra-reader', 'Reader', 'acdd72a7-3385-48ef-bd42-f606fba81ae7', USER, 'User');
const ALL = [ADMIN, CSE, READER];

const RBAC_VAULT: VaultInfo = {
  id: VAULT,
  name: 'kv-ade-rbac',
  location: 'eastus',
  subscriptionId: SUB.split('/')[2] ?? '',
  resourceGroup: 'rg-ade-prod',
  premium: false,
  rbac: true,
  model: {
    location: 'eastus',
    properties: { tenantId: 't', sku: { family: 'A', name: 'standard' }, enableRbacAuthorization: true },
  },
};

function services(list: readonly VaultRoleAssignment[], removed: string[]): WizardServices {
  return {
    factory: {},
    readVault: async () => RBAC_VAULT,
    az: {
      listVaultRoleAssignments: async () => ({
        changed: false,
        summary: '',
        changes: [],
        warnings: [],
        value: [...list],
      }),
      removeRoleAssignment: async (_f: unknown, id: string) => {
        removed.push(id);
        return { changed: true, summary: `Removed ${id}.`, changes: [], warnings: [], value: { removed: true } };
      },
    },
  } as unknown as WizardServices;
}

describe('revoke wizard on an RBAC vault (vscode-free parts)', () => {
  it('names scopes in words', () => {
    assert.equal(describeScope(SUB), 'subscription 4f6c1a52-8d3e-4b7a-9c21-5e0d7f3a9b10');
    assert.equal(describeScope(`${SUB}/resourceGroups/rg-ade-prod`), 'resource group rg-ade-prod');
    assert.equal(describeScope('/providers/Microsoft.Management/managementGroups/mg1'), 'management group mg1');
    assert.equal(describeScope('/'), 'the root scope (/)');
  });

  it('pick items: role name, principal type and id, scope; inherited ones shown but refused with the reason', () => {
    const items = roleAssignmentItems(ALL);
    const real = items.filter((i) => !i.separator);
    assert.deepEqual(
      real.map((i) => [i.label, i.description, i.detail]),
      [
        ['$(shield) Key Vault Administrator', `User ${USER}`, `scope ${VAULT}`],
        ['$(shield) Key Vault Crypto Service Encryption User', `ServicePrincipal ${SP}`, `scope ${VAULT}`],
        ['$(shield) Reader', `User ${USER}`, `inherited from subscription ${SUB.split('/')[2]} · scope ${SUB}`],
      ],
    );
    assert.equal(real[0]?.disabledReason, undefined);
    const reason = real[2]?.disabledReason;
    assert.match(reason ?? '', /inherited from subscription .* cannot be removed on the vault/);
    assert.equal(roleAssignmentRefusal(ADMIN), undefined);
    assert.deepEqual(
      items.filter((i) => i.separator).map((i) => i.label),
      ['Assigned on this vault', 'Inherited from above (remove them where they are assigned)'],
    );
  });

  it('the change line says principal, role and scope; the note names access the principal keeps', () => {
    const line = roleAssignmentChange('kv-ade-rbac', ADMIN);
    assert.match(line, /remove role assignment Key Vault Administrator \(role 00482a5a-887f-4fb3-b363-3b7fe8e74483\)/);
    assert.ok(line.includes(`of User ${USER} at scope ${VAULT}`), line);
    assert.match(
      remainingAccessNote('kv-ade-rbac', ADMIN, ALL) ?? '',
      /keeps .*: Reader \(inherited from subscription/,
    );
    assert.equal(remainingAccessNote('kv-ade-rbac', CSE, ALL), undefined);
  });

  it('steps: an inherited pick is refused, the next pick goes to a summary of exactly that removal, then applies it', async () => {
    const removed: string[] = [];
    const s = services(ALL, removed);
    const p = new ScriptedPrompter(['Reader', 'Key Vault Administrator', 'Apply']);
    const run = await runPromptSteps(revokeSteps(s), { vault: RBAC_VAULT } as RevokeContext, p);
    assert.deepEqual(p.remaining, []);
    const ctx = run.context;
    assert.ok(ctx);
    assert.equal(ctx.action, 'apply');
    assert.equal(ctx.assignment?.id, ADMIN.id);
    assert.equal(ctx.entry, undefined);
    assert.match(p.records[0]?.refusals[0] ?? '', /inherited from subscription/);
    const summary = p.records.at(-1);
    assert.ok(
      summary?.items?.some((i) => `${i.label} ${i.detail ?? ''}`.includes(`User ${USER} at scope ${VAULT}`)),
      JSON.stringify(summary?.items),
    );
    const plan = buildRevokePlan(s, ctx);
    assert.equal(plan.title, `Revoke Key Vault Administrator of ${USER} on kv-ade-rbac`);
    assert.deepEqual(planChanges(plan), [roleAssignmentChange('kv-ade-rbac', ADMIN)]);
    const result = await executePlan(plan, {
      signal: new AbortController().signal,
      describe: (e) => ({ message: String(e) }),
      isAbort: () => false,
    });
    assert.equal(result.outcome, 'succeeded');
    assert.deepEqual(removed, [ADMIN.id]);
  });

  it('a vault with only inherited assignments says so instead of offering a pick', async () => {
    const s = services([READER], []);
    const p = new ScriptedPrompter([]);
    await assert.rejects(
      runPromptSteps(revokeSteps(s), { vault: RBAC_VAULT } as RevokeContext, p),
      /no role assignments of its own; the 1 that apply are inherited/,
    );
  });

  it('the plan refuses an inherited assignment even if one got into the context', () => {
    const s = services(ALL, []);
    assert.throws(
      () => buildRevokePlan(s, { vault: RBAC_VAULT, assignment: READER }),
      /cannot be removed on the vault/,
    );
  });
});
