import * as assert from 'node:assert/strict';
import * as az from '../../../src/azure';
import { analyzeFile, nodeHost } from '../../../src/analysis/engine';
import type { EncryptionState } from '../../../src/azure/state/types';
import { createSandbox, type Sandbox } from '../../../src/sandbox';
import { executePlan, planChanges } from '../../../src/vscode/wizards/engine/plan';
import { newVaultInfo, newVaultNameProblem, newVaultWords } from '../../../src/vscode/wizards/enable/model';
import {
  buildEnablePlan,
  defaultVaultName,
  enableExport,
  type EnableContext,
} from '../../../src/vscode/wizards/enable/wizard';
import type { TargetInfo, WizardServices } from '../../../src/vscode/wizards/services';

function target(sb: Sandbox): TargetInfo {
  const sub = sb.subscriptions[0];
  assert.ok(sub);
  return {
    id: `/subscriptions/${sub.subscriptionId}/resourceGroups/rg-ade-prod/providers/Microsoft.Compute/virtualMachines/vm-plain`,
    name: 'vm-plain',
    kind: 'vm',
    os: 'Linux',
    location: 'eastus',
    subscriptionId: sub.subscriptionId,
    tenantId: sub.tenantId,
    resourceGroup: 'rg-ade-prod',
    state: { summary: 'none' } as EncryptionState,
    dataDiskCount: 1,
  };
}

function services(sb: Sandbox): WizardServices {
  const factory = az.connectToSandbox(sb);
  return {
    az,
    factory,
    mode: 'sandbox',
    tenantOf: () => sb.subscriptions[0]?.tenantId,
  } as unknown as WizardServices;
}

function context(sb: Sandbox, kek: EnableContext['kek'] = { kind: 'none' }): EnableContext {
  const t = target(sb);
  const newVault = { name: 'kv-vm-plain', sku: 'standard' as const };
  return {
    target: t,
    createVault: true,
    newVault,
    vault: newVaultInfo(t, newVault, t.tenantId),
    kekKind: kek?.kind ?? 'none',
    kek,
    volumeType: 'DATA',
    sequenceVersion: '00000000-0000-4000-8000-000000000001',
  };
}

const hooks = {
  signal: new AbortController().signal,
  describe: (e: unknown) => az.describeAzureError(e),
  isAbort: (e: unknown) => az.isAbortError(e),
};

describe('enable wizard: a new vault', function () {
  this.timeout(30_000);

  it('validates the vault name as it is typed', () => {
    assert.equal(newVaultNameProblem('kv-ade-01'), undefined);
    assert.match(newVaultNameProblem('') ?? '', /Enter/);
    assert.match(newVaultNameProblem('kv') ?? '', /3–24/);
    assert.match(newVaultNameProblem('k'.repeat(25)) ?? '', /3–24/);
    assert.match(newVaultNameProblem('kv_ade') ?? '', /letters, digits and hyphens/);
    assert.match(newVaultNameProblem('1kv') ?? '', /start with a letter/);
    assert.match(newVaultNameProblem('kv--ade') ?? '', /consecutive hyphens/);
    assert.match(newVaultNameProblem('kv-ade-') ?? '', /end with a hyphen/);
    assert.match(newVaultNameProblem('KV-Ade-Ready', ['kv-ade-ready']) ?? '', /already exists/);
  });

  it('proposes a valid default name', () => {
    assert.equal(defaultVaultName('vm-plain'), 'kv-vm-plain');
    assert.equal(newVaultNameProblem(defaultVaultName('a_very-long--vm_name-that-goes-on')), undefined);
    assert.equal(newVaultNameProblem(defaultVaultName('x')), undefined);
  });

  it('puts the vault creation first in the plan, in exact words, and the enable step after it', () => {
    const sb = createSandbox({ clock: 'manual' });
    const plan = buildEnablePlan(services(sb), context(sb));
    assert.equal(plan.steps[0]?.title, 'Create key vault kv-vm-plain');
    const lines = planChanges(plan);
    assert.equal(
      lines[0],
      'Create key vault kv-vm-plain in eastus (rg-ade-prod) with disk encryption, soft delete 90 days, purge protection, RBAC; standard SKU',
    );
    assert.equal(lines[0], newVaultWords({ name: 'kv-vm-plain', sku: 'standard' }, target(sb)));
    assert.match(lines[1] ?? '', /KeyVaultURL https:\/\/kv-vm-plain\.vault\.azure\.net\//);
    assert.ok(plan.notes.some((n) => /Purge protection cannot be turned off/.test(n)));
  });

  it('changes nothing until the plan runs; then creates the vault and points ADE at it', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const c = context(sb, { kind: 'create', name: 'kek-new', size: 3072, hsm: false });
    const plan = buildEnablePlan(services(sb), c);
    const vaultId = c.vault?.id ?? '';
    assert.equal(sb.store.get(vaultId), undefined, 'building the plan creates nothing');
    assert.deepEqual(
      plan.steps.map((s) => s.title),
      ['Create key vault kv-vm-plain', 'Create key kek-new', 'Run ADE on vm-plain', 'Follow the disks of vm-plain'],
    );
    // Run everything except following the disks (the manual clock does not move here).
    const result = await executePlan({ ...plan, steps: plan.steps.slice(0, 3) }, hooks);
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result));
    const p = (sb.store.get(vaultId)?.['properties'] ?? {}) as Record<string, unknown>;
    assert.equal(p['enabledForDiskEncryption'], true);
    assert.equal(p['enablePurgeProtection'], true);
    assert.equal(p['softDeleteRetentionInDays'], 90);
    assert.equal(p['enableRbacAuthorization'], true);
    const ext = sb.store.list(`${c.target?.id ?? ''}/extensions/`).find((e) => /AzureDiskEncryption/i.test(e.id));
    const settings = ((ext?.['properties'] as Record<string, unknown> | undefined)?.['settings'] ?? {}) as Record<
      string,
      unknown
    >;
    assert.equal(String(settings['KeyVaultResourceId']).toLowerCase(), vaultId.toLowerCase());
    assert.equal(settings['KeyVaultURL'], 'https://kv-vm-plain.vault.azure.net/');
    assert.match(String(settings['KeyEncryptionKeyURL']), /^https:\/\/kv-vm-plain\.vault\.azure\.net\/keys\/kek-new\//);
  });

  it('a taken name fails the first step in plain words and nothing else runs', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const c = context(sb);
    const taken = { name: 'kv-ade-ready', sku: 'standard' as const };
    const t = target(sb);
    const plan = buildEnablePlan(services(sb), {
      ...c,
      newVault: taken,
      vault: newVaultInfo(t, taken, t.tenantId),
    });
    const result = await executePlan(plan, hooks);
    assert.equal(result.outcome, 'failed');
    assert.match(result.error ?? '', /kv-ade-ready is already taken/);
    assert.deepEqual(
      result.steps.map((s) => s.outcome),
      ['failed', 'skipped', 'skipped'],
    );
  });

  for (const format of ['bicep', 'json'] as const) {
    it(`exports the new vault as ${format}, clean under our linter`, async () => {
      const sb = createSandbox({ clock: 'manual' });
      for (const kek of [
        { kind: 'none' } as const,
        { kind: 'create', name: 'kek-new', size: 3072, hsm: false } as const,
      ]) {
        const text = enableExport(context(sb, kek), format);
        if (format === 'bicep') {
          assert.match(text, /resource vault 'Microsoft\.KeyVault\/vaults@[\d-]+' = \{/);
          assert.doesNotMatch(text, /existing = \{\n {2}name: 'kv-vm-plain'/);
        } else {
          const doc = JSON.parse(text) as { resources: { type: string; properties: Record<string, unknown> }[] };
          const v = doc.resources.find((r) => r.type === 'Microsoft.KeyVault/vaults');
          assert.ok(v, 'the vault is declared');
          assert.equal(v.properties['enablePurgeProtection'], true);
        }
        assert.match(text, /enabledForDiskEncryption/);
        assert.match(text, /softDeleteRetentionInDays/);
        const file = format === 'bicep' ? 'enable.bicep' : 'enable.json';
        const r = await analyzeFile(file, text, { host: nodeHost });
        assert.deepEqual(
          r.issues.filter((i) => (i as { severity?: string }).severity === 'error'),
          [],
          'parse issues',
        );
        assert.deepEqual(
          r.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`),
          [],
        );
      }
    });
  }
});
