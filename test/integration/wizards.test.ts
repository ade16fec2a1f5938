import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Sandbox } from '../../src/sandbox/types';
import { BACK, CANCEL, ScriptedPrompter, type ScriptedAnswer } from '../../src/vscode/wizards/engine/scriptedPrompter';
import type { WizardOutcome } from '../../src/vscode/wizards';
import { activateExtension } from './helpers';

const SUB = '/subscriptions/4f6c1a52-8d3e-4b7a-9c21-5e0d7f3a9b10/resourceGroups/rg-ade-prod/providers';
const vm = (name: string) => `${SUB}/Microsoft.Compute/virtualMachines/${name}`;
const vault = (name: string) => `${SUB}/Microsoft.KeyVault/vaults/${name}`;
const FAST_FOLLOW = { initialDelayMs: 50, maxDelayMs: 200, timeoutMs: 20000 };

/** A fresh sandbox per test: `ade.openSandbox` builds a new one from the scenario. */
async function freshSandbox(): Promise<Sandbox> {
  const api = await activateExtension();
  await vscode.commands.executeCommand('ade.openSandbox');
  const sb = api.sandbox();
  assert.ok(sb, 'sandbox mode did not start');
  return sb;
}

/** Runs a wizard command with scripted answers while simulated time moves on (disks finish encrypting). */
async function run(
  sb: Sandbox,
  command: string,
  answers: readonly ScriptedAnswer[],
  target?: string,
): Promise<{ out: WizardOutcome; p: ScriptedPrompter }> {
  const p = new ScriptedPrompter(answers);
  const ticker = setInterval(() => sb.advance(60), 50);
  try {
    const out = await vscode.commands.executeCommand<WizardOutcome>(command, {
      prompter: p,
      ...(target ? { target } : {}),
      follow: FAST_FOLLOW,
      signal: new AbortController().signal,
    });
    return { out, p };
  } finally {
    clearInterval(ticker);
  }
}

function props(sb: Sandbox, id: string): Record<string, unknown> {
  const r = sb.store.get(id);
  assert.ok(r, `${id} is not in the sandbox`);
  return (r['properties'] ?? {}) as Record<string, unknown>;
}

function adeSettings(sb: Sandbox, vmId: string): Record<string, unknown> {
  const ext = sb.store.list(`${vmId}/extensions/`).find((e) => /AzureDiskEncryption/i.test(e.id));
  assert.ok(ext, `no ADE extension on ${vmId}`);
  return ((ext['properties'] as Record<string, unknown>)['settings'] ?? {}) as Record<string, unknown>;
}

describe('wizards', function () {
  this.timeout(90000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('wizard enable: refuses a vault in another region, fixes the vault flag by PATCH, goes back, applies and follows the disks', async () => {
    const sb = await freshSandbox();
    const api = await activateExtension();
    const before = (props(sb, vault('kv-ade-noflag'))['accessPolicies'] as unknown[]).length;
    const { out, p } = await run(
      sb,
      'ade.wizard.enableEncryption',
      [
        'kv-dr-weu', // refused: different subscription/region
        'kv-ade-noflag',
        'No key encryption key',
        BACK, // on the volume step: back to the key question
        'No key encryption key',
        'OS',
        'Continue to the summary', // refused: the vault flag is off
        /Fix: enable disk encryption/,
        'Continue to the summary',
        'Apply',
      ],
      vm('vm-plain'),
    );
    assert.equal(out.outcome, 'applied', JSON.stringify(out));
    assert.deepEqual(p.remaining, []);
    const first = p.records[0];
    assert.deepEqual(first?.position, { step: 1, totalSteps: 5 });
    assert.match(first?.refusals[0] ?? '', /different (subscription|region)/);
    const preflight = p.records.find((r) => r.title.includes('preflight'));
    assert.ok(preflight?.refusals.length, 'continue should be refused while the vault flag is off');
    const summary = p.records.at(-1);
    assert.ok(
      summary?.items?.some((i) => /enabledForDiskEncryption → true/.test(`${i.label} ${i.detail ?? ''}`)),
      'summary names the vault change',
    );
    assert.ok(
      summary?.items?.some((i) => /2028-09-15/.test(`${i.label} ${i.detail ?? ''}`)),
      'summary shows the retirement notice',
    );
    assert.ok(summary?.items?.some((i) => /encryption at host instead/.test(i.label)));
    assert.equal(props(sb, vault('kv-ade-noflag'))['enabledForDiskEncryption'], true);
    assert.equal((props(sb, vault('kv-ade-noflag'))['accessPolicies'] as unknown[]).length, before, 'policies kept');
    const settings = adeSettings(sb, vm('vm-plain'));
    assert.equal(settings['VolumeType'], 'OS');
    assert.equal(settings['EncryptionOperation'], 'EnableEncryption');
    assert.match(String(settings['KeyVaultResourceId']), /kv-ade-noflag/i);
    assert.deepEqual(api.activityLog.history.at(-1), {
      title: 'Enable disk encryption on vm-plain',
      outcome: 'succeeded',
    });
    if (out.outcome === 'applied') assert.match(out.message, /final state/);
  });

  it('wizard enable: creates a KEK and refuses HSM on a standard vault', async () => {
    const sb = await freshSandbox();
    const { out, p } = await run(
      sb,
      'ade.wizard.enableEncryption',
      [
        'kv-ade-nopurge',
        'Create a new RSA key',
        'bad name!',
        'kek-plain',
        '4096',
        'HSM-protected',
        'Software-protected',
        'All',
        /Fix: turn purge protection on/,
        'Continue',
        'Apply',
      ],
      vm('vm-plain'),
    );
    assert.equal(out.outcome, 'applied', JSON.stringify(out));
    const nameRecord = p.records.find((r) => r.kind === 'input');
    assert.match(nameRecord?.refusals[0] ?? '', /letters, digits and dashes/);
    const protection = p.records.find((r) => r.title.includes('key protection'));
    assert.match(protection?.refusals[0] ?? '', /premium vault/);
    const settings = adeSettings(sb, vm('vm-plain'));
    assert.match(String(settings['KeyEncryptionKeyURL']), /\/keys\/kek-plain\/[^/]+$/);
    assert.equal(props(sb, vault('kv-ade-nopurge'))['enablePurgeProtection'], true);
  });

  it('wizard enable: creates a new vault as the first step of the plan and points ADE at it', async () => {
    const sb = await freshSandbox();
    const newId = vault('kv-plain-new');
    const { out, p } = await run(
      sb,
      'ade.wizard.enableEncryption',
      [
        'Create a new vault',
        'kv--plain-', // refused as typed
        'kv-ade-ready', // refused: the listing knows it
        'kv-plain-new',
        'Standard',
        'No key encryption key',
        'OS',
        'Continue',
        'Apply',
      ],
      vm('vm-plain'),
    );
    assert.equal(out.outcome, 'applied', JSON.stringify(out));
    assert.deepEqual(p.remaining, []);
    const nameRecord = p.records.find((r) => r.kind === 'input');
    assert.match(nameRecord?.refusals[0] ?? '', /consecutive hyphens/);
    assert.match(nameRecord?.refusals[1] ?? '', /already exists/);
    const kekRecord = p.records.find((r) => r.title.includes('key encryption key'));
    assert.ok(!kekRecord?.items?.some((i) => /Existing RSA key/.test(i.label)), 'no existing keys for a new vault');
    const summary = p.records.at(-1);
    const lines = (summary?.items ?? []).map((i) => `${i.label} ${i.detail ?? ''}`);
    const first = lines.findIndex((l) => /^1\. /.test(l));
    assert.match(
      lines[first] ?? '',
      /Create key vault kv-plain-new in eastus \(rg-ade-prod\) with disk encryption, soft delete 90 days, purge protection, RBAC/,
    );
    const vp = props(sb, newId);
    assert.equal(vp['enabledForDiskEncryption'], true);
    assert.equal(vp['enableSoftDelete'], true);
    assert.equal(vp['softDeleteRetentionInDays'], 90);
    assert.equal(vp['enablePurgeProtection'], true);
    assert.equal(vp['enableRbacAuthorization'], true);
    const settings = adeSettings(sb, vm('vm-plain'));
    assert.equal(String(settings['KeyVaultResourceId']).toLowerCase(), newId.toLowerCase());
    assert.equal(settings['KeyVaultURL'], 'https://kv-plain-new.vault.azure.net/');
    assert.equal(settings['VolumeType'], 'OS');
  });

  it('wizard enable: from a tree node (context menu arguments), then the tree shows the new state', async () => {
    const sb = await freshSandbox();
    const api = await activateExtension();
    const id = vm('vm-linux-data');
    const node = {
      id: id.toLowerCase(),
      kind: 'vm',
      label: 'vm-linux-data',
      contextValue: 'ade.vm.osNotEncrypted',
      collapsible: 'collapsed',
      ref: { armId: id },
    };
    const p = new ScriptedPrompter(['kv-ade-ready', 'Existing RSA key', 'kek-rsa', 'Data', 'Continue', 'Apply']);
    const ticker = setInterval(() => sb.advance(60), 50);
    let out: WizardOutcome;
    try {
      // VS Code passes the node and the selection; the options come last.
      out = await vscode.commands.executeCommand<WizardOutcome>('ade.wizard.enableEncryption', node, [node], {
        prompter: p,
        follow: FAST_FOLLOW,
        signal: new AbortController().signal,
      });
    } finally {
      clearInterval(ticker);
    }
    assert.equal(out.outcome, 'applied', JSON.stringify(out));
    // The VM comes from the node, so the vault is step 1; picking an existing key adds a step.
    assert.deepEqual(p.records[0]?.position, { step: 1, totalSteps: 5 });
    assert.deepEqual(p.records.at(-1)?.position, { step: 6, totalSteps: 6 });
    const settings = adeSettings(sb, id);
    assert.match(String(settings['KeyEncryptionKeyURL']), /\/keys\/kek-rsa\/[^/]+$/);
    assert.equal(settings['VolumeType'], 'DATA');
    const store = api.explorer.store;
    assert.ok(store);
    const inv = await store.inventory({
      subscriptionId: '4f6c1a52-8d3e-4b7a-9c21-5e0d7f3a9b10',
      displayName: '',
      tenantId: '',
    });
    assert.ok(inv.ok);
    const item = inv.value.vms.find((v) => v.name === 'vm-linux-data');
    assert.equal(item?.state.ade?.keyEncryptionKeyUrl, settings['KeyEncryptionKeyURL']);
  });

  it('wizard enable: refuses a VM with encryption at host from the tree node', async () => {
    const sb = await freshSandbox();
    const { out } = await run(sb, 'ade.wizard.enableEncryption', [], vm('vm-eah'));
    assert.equal(out.outcome, 'refused');
    if (out.outcome === 'refused') assert.match(out.message, /encryption at host/);
  });

  it('wizard enable: a failure says what was applied and what was not (fault on the extension PUT)', async () => {
    const sb = await freshSandbox();
    sb.addFault({ match: { method: 'PUT', pathIncludes: '/extensions/' }, kind: 'serverError' });
    const { out } = await run(
      sb,
      'ade.wizard.enableEncryption',
      ['kv-ade-noflag', 'No key', 'OS', /Fix: enable disk encryption/, 'Continue', 'Apply'],
      vm('vm-plain'),
    );
    sb.clearFaults();
    assert.equal(out.outcome, 'failed', JSON.stringify(out));
    if (out.outcome === 'failed') {
      assert.match(out.message, /Applied: Update key vault kv-ade-noflag/);
      assert.match(out.message, /Not applied: Run ADE on vm-plain/);
    }
    assert.equal(props(sb, vault('kv-ade-noflag'))['enabledForDiskEncryption'], true);
    const api = await activateExtension();
    assert.equal(api.activityLog.history.at(-1)?.outcome, 'failed');
  });

  it('wizard enable: cancelling is quiet and changes nothing', async () => {
    const sb = await freshSandbox();
    const api = await activateExtension();
    const runs = api.activityLog.history.length;
    const { out } = await run(sb, 'ade.wizard.enableEncryption', ['kv-ade-ready', CANCEL], vm('vm-plain'));
    assert.equal(out.outcome, 'cancelled');
    assert.equal(api.activityLog.history.length, runs);
    assert.equal(sb.store.list(`${vm('vm-plain')}/extensions/`).length, 0);
  });

  it('wizard enable: exports Bicep instead of applying', async () => {
    const sb = await freshSandbox();
    const { out } = await run(
      sb,
      'ade.wizard.enableEncryption',
      ['kv-ade-ready', 'Existing RSA key', 'kek-ec', 'kek-rsa', 'All', 'Continue', 'Export as Bicep'],
      vm('vm-plain'),
    );
    assert.equal(out.outcome, 'exported');
    if (out.outcome === 'exported') {
      // Without the Bicep extension VS Code has no 'bicep' language and opens plain text.
      const langs = await vscode.languages.getLanguages();
      assert.equal(out.document.languageId, langs.includes('bicep') ? 'bicep' : 'plaintext');
      assert.match(out.document.getText(), /Microsoft\.Compute\/virtualMachines\/extensions/);
      assert.match(out.document.getText(), /keys\/kek-rsa\//);
    }
    assert.equal(sb.store.list(`${vm('vm-plain')}/extensions/`).length, 0, 'nothing applied');
  });

  it('wizard grant: Azure Backup preset with the add operation keeps existing policies', async () => {
    const sb = await freshSandbox();
    const id = vault('kv-ade-ready');
    const before = props(sb, id)['accessPolicies'] as { objectId: string }[];
    const backupOid = '11111111-2222-4333-8444-555555555555';
    const { out, p } = await run(
      sb,
      'ade.wizard.grantAccess',
      ['Azure Backup', 'not-a-guid', backupOid, 'Azure Backup for ADE VMs', 'Apply'],
      id,
    );
    assert.equal(out.outcome, 'applied', JSON.stringify(out));
    assert.match(p.records.find((r) => r.kind === 'input')?.refusals[0] ?? '', /not a GUID/);
    const after = props(sb, id)['accessPolicies'] as {
      objectId: string;
      permissions: { keys: string[]; secrets: string[] };
    }[];
    assert.equal(after.length, before.length + 1);
    for (const b of before)
      assert.ok(
        after.some((a) => a.objectId === b.objectId),
        'existing entry kept',
      );
    const added = after.find((a) => a.objectId === backupOid);
    assert.deepEqual([...(added?.permissions.keys ?? [])].sort(), ['backup', 'get', 'list']);
    assert.deepEqual([...(added?.permissions.secrets ?? [])].sort(), ['backup', 'get', 'list']);
  });

  it('wizard grant: on an RBAC vault assigns the built-in role instead and says why', async () => {
    const sb = await freshSandbox();
    const id = vault('kv-ade-rbac');
    const sp = '22222222-3333-4444-8555-666666666666';
    const { out, p } = await run(
      sb,
      'ade.wizard.grantAccess',
      ['A service principal', sp, 'KEK wrap/unwrap', 'Apply'],
      id,
    );
    assert.equal(out.outcome, 'applied', JSON.stringify(out));
    assert.ok(p.records.at(-1)?.items?.some((i) => /uses Azure RBAC/.test(`${i.label} ${i.detail ?? ''}`)));
    const assignments = sb.store
      .list(`${id}/providers/Microsoft.Authorization/roleAssignments`)
      .map((a) => a['properties'] as { principalId: string; roleDefinitionId: string });
    assert.ok(
      assignments.some((a) => a.principalId === sp && /e147488a-f6f5-4113-8e2d-b22465e65bf6$/.test(a.roleDefinitionId)),
      JSON.stringify(assignments),
    );
  });

  it('wizard revoke: removes one entry and keeps the others', async () => {
    const sb = await freshSandbox();
    const id = vault('kv-des-cmk');
    const { out } = await run(sb, 'ade.wizard.revokeAccess', [/0e1d2c3b/, 'Apply'], id);
    assert.equal(out.outcome, 'applied', JSON.stringify(out));
    assert.equal((props(sb, id)['accessPolicies'] as unknown[]).length, 0);
  });

  it('wizard revoke: on an RBAC vault removes one role assignment, refuses an inherited one, keeps the others', async () => {
    const sb = await freshSandbox();
    const api = await activateExtension();
    const id = vault('kv-ade-rbac');
    const assignments = () =>
      sb.store
        .list('/subscriptions/')
        .filter((r) => r['type'] === 'Microsoft.Authorization/roleAssignments')
        .map((r) => ({ id: r.id, ...(r['properties'] as { principalId: string; roleDefinitionId: string }) }));
    const before = assignments();
    const cse = before.find((a) => /e147488a-f6f5-4113-8e2d-b22465e65bf6$/.test(a.roleDefinitionId));
    assert.ok(cse, JSON.stringify(before));
    const { out, p } = await run(
      sb,
      'ade.wizard.revokeAccess',
      ['Reader', 'Key Vault Crypto Service Encryption User', 'Apply'],
      id,
    );
    assert.equal(out.outcome, 'applied', JSON.stringify(out));
    assert.deepEqual(p.remaining, []);
    assert.match(p.records[0]?.refusals[0] ?? '', /inherited from subscription/);
    assert.ok(
      p.records
        .at(-1)
        ?.items?.some((i) =>
          `${i.label} ${i.detail ?? ''}`.includes(`ServicePrincipal ${cse.principalId} at scope ${id}`),
        ),
      'summary names the principal, role and scope',
    );
    const after = assignments();
    assert.deepEqual(
      after.map((a) => a.id),
      before.filter((a) => a.id !== cse.id).map((a) => a.id),
      'exactly that assignment is gone',
    );
    assert.deepEqual(api.activityLog.history.at(-1), {
      title: `Revoke Key Vault Crypto Service Encryption User of ${cse.principalId} on kv-ade-rbac`,
      outcome: 'succeeded',
    });
  });

  it('wizard disable: Linux refuses OS and decrypts data disks', async () => {
    const sb = await freshSandbox();
    const { out, p } = await run(sb, 'ade.wizard.disableEncryption', ['OS', 'Data', 'Apply'], vm('vm-linux-data'));
    assert.equal(out.outcome, 'applied', JSON.stringify(out));
    assert.match(p.records[0]?.refusals[0] ?? '', /cannot be decrypted/);
    assert.ok(
      p.records.at(-1)?.items?.some((i) => /before removing the ADE extension/.test(`${i.label} ${i.detail ?? ''}`)),
    );
    const settings = adeSettings(sb, vm('vm-linux-data'));
    assert.equal(settings['EncryptionOperation'], 'DisableEncryption');
    assert.equal(settings['VolumeType'], 'DATA');
  });

  it('wizard rotate: new key, re-run enable with its versioned URL and a new SequenceVersion', async () => {
    const sb = await freshSandbox();
    const before = adeSettings(sb, vm('vm-win-ade-kek'));
    const { out } = await run(
      sb,
      'ade.wizard.rotateKek',
      ['Create a new RSA key', 'kek-rotated', 'Apply'],
      vm('vm-win-ade-kek'),
    );
    assert.equal(out.outcome, 'applied', JSON.stringify(out));
    const after = adeSettings(sb, vm('vm-win-ade-kek'));
    assert.match(String(after['KeyEncryptionKeyURL']), /\/keys\/kek-rotated\/[^/]+$/);
    assert.notEqual(after['SequenceVersion'], before['SequenceVersion']);
    assert.ok(sb.store.get(`${vault('kv-ade-ready')}/keys/kek-rsa`), 'the old key is still there');
  });

  it('wizard migrate: per-VM eligibility document and a fleet report', async () => {
    const sb = await freshSandbox();
    const one = await run(sb, 'ade.wizard.migrateToEncryptionAtHost', [], vm('vm-linux-data'));
    assert.equal(one.out.outcome, 'document');
    if (one.out.outcome === 'document') {
      assert.equal(one.out.document.languageId, 'markdown');
      assert.match(one.out.document.getText(), /Must move before 2028-09-15 \| yes/);
    }
    const fleet = await run(sb, 'ade.wizard.retirementReport', ['JSON']);
    assert.equal(fleet.out.outcome, 'document');
    if (fleet.out.outcome === 'document') {
      const json = JSON.parse(fleet.out.document.getText()) as { mustMigrate: { name: string }[] };
      const names = json.mustMigrate.map((m) => m.name);
      assert.ok(names.includes('vm-linux-data') && names.includes('vm-win-ade-kek'), names.join(','));
      assert.ok(!names.includes('vm-eah'));
    }
  });
});
