// The Azure Verified Modules part of the shared corpus: real modules and the end-to-end tests AVM's
// CI deploys. MANIFEST.tsv records in prose what each one contains; the expectations below restate
// that as rule ids (after module expansion, which is how the templates deploy). Every e2e test is
// deployed by AVM's pipeline, so none of them may get an error-level finding.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtInRules, lintModel, loadModel, nodeHost } from '../../../src/analysis/engine';
import type { Finding } from '../../../src/analysis/model';

const corpusDir = path.resolve(process.cwd(), '..', 'shared', 'corpus', 'bicep-registry-modules', 'avm', 'res');

interface Expectation {
  /** Path under `avm/res`. */
  readonly file: string;
  /** Rules that must report something (any severity). */
  readonly present?: readonly string[];
  /** Rules that must stay silent. */
  readonly absent?: readonly string[];
  readonly why: string;
}

const VM = 'compute/virtual-machine/tests/e2e';
const VMSS = 'compute/virtual-machine-scale-set/tests/e2e';
const KV = 'key-vault/vault/tests/e2e';
const VAULT_WITHOUT_PURGE = ['kv-purge-protection', 'kv-firewall', 'kv-key-expiry'];

const EXPECTATIONS: readonly Expectation[] = [
  {
    file: `${VM}/linux.max/main.test.bicep`,
    present: ['ade-retirement', ...VAULT_WITHOUT_PURGE],
    absent: ['ade-conflicting-encryption', 'kv-rbac-authorization', 'ade-vm-no-encryption', 'ade-key-vault-settings'],
    why: 'Linux ADE through the module, vault without purge protection, public, RBAC; encryptionAtHost false',
  },
  {
    file: `${VM}/linux.max/dependencies.bicep`,
    present: VAULT_WITHOUT_PURGE,
    absent: ['kv-rbac-authorization', 'kv-soft-delete'],
    why: 'enablePurgeProtection null, no networkAcls, RSA key without exp; RBAC on',
  },
  {
    file: `${VM}/windows.max/main.test.bicep`,
    present: ['ade-retirement', 'ade-settings-keys', ...VAULT_WITHOUT_PURGE],
    absent: ['ade-conflicting-encryption', 'ade-key-vault-settings'],
    why: "Windows ADE; a 'tags' object sits inside the ADE settings (a real defect of the test)",
  },
  {
    file: `${VM}/windows.disks/main.test.bicep`,
    present: ['ade-encryption-at-host'],
    absent: ['ade-retirement', 'ade-vm-no-encryption', 'kv-purge-protection'],
    why: 'disks encrypted with a disk encryption set (CMK), no ADE, no encryption at host',
  },
  {
    file: `${VM}/windows.disks/dependencies.bicep`,
    absent: ['kv-purge-protection', 'kv-soft-delete-retention'],
    why: 'purge protection on, 7-day retention is allowed',
  },
  {
    file: `${VM}/linux.defaults/main.test.bicep`,
    present: ['ade-vm-no-encryption'],
    absent: ['ade-encryption-at-host', 'ade-retirement'],
    why: 'a minimal VM from the module: nothing beyond platform keys (CKV_AZURE_97 non-compliant after expansion)',
  },
  {
    file: `${VMSS}/linux.max/dependencies.bicep`,
    present: VAULT_WITHOUT_PURGE,
    why: 'same vault shape as the VM tests',
  },
  {
    file: `${VMSS}/linux.ssecmk/dependencies.bicep`,
    absent: ['kv-purge-protection'],
    why: 'purge protection on for the disk encryption set key',
  },
  {
    file: `${KV}/defaults/main.test.bicep`,
    present: ['kv-purge-protection', 'kv-firewall'],
    absent: ['kv-soft-delete', 'kv-rbac-authorization'],
    why: 'the module emits enablePurgeProtection null and networkAcls null; soft delete and RBAC are module defaults',
  },
  {
    file: `${KV}/waf-aligned/main.test.bicep`,
    present: ['kv-purge-protection'],
    absent: ['kv-firewall', 'kv-key-expiry', 'kv-key-rotation-policy', 'kv-rbac-authorization', 'kv-secret-expiry'],
    why: 'deny-by-default firewall, key with exp and rotation policy, secret with exp; purge protection off (test-only)',
  },
  {
    file: `${KV}/rsakey/main.test.bicep`,
    present: ['kv-purge-protection'],
    absent: ['kv-key-expiry', 'kv-key-rotation-policy', 'kv-rbac-authorization'],
    why: 'RSA key with exp and rotation policy',
  },
  {
    file: `${KV}/eckey/main.test.bicep`,
    present: ['kv-purge-protection', 'kv-key-hsm'],
    absent: ['kv-key-expiry'],
    why: 'EC key (not EC-HSM) with exp and rotation policy',
  },
  {
    file: `${KV}/max/main.test.bicep`,
    present: ['kv-rbac-authorization', 'kv-purge-protection'],
    absent: ['kv-firewall', 'kv-key-expiry'],
    why: 'access policies instead of RBAC, deny-by-default firewall, keys with exp',
  },
  {
    file: 'compute/disk-encryption-set/tests/e2e/defaults/dependencies.bicep',
    present: ['kv-key-expiry'],
    absent: ['kv-purge-protection'],
    why: "purge protection on ('Required for encryption to work'); RSA key without exp",
  },
  {
    file: 'compute/disk/tests/e2e/des-cmk-uami/dependencies.bicep',
    absent: ['kv-purge-protection'],
    why: 'purge protection on',
  },
];

describe('Azure Verified Modules corpus', function () {
  this.timeout(120_000);
  if (!fs.existsSync(corpusDir)) {
    it.skip('corpus not present next to the repository');
    return;
  }

  const lint = async (file: string): Promise<Finding[]> => {
    const abs = path.join(corpusDir, file);
    const outcome = await loadModel(abs, fs.readFileSync(abs, 'utf8'), { host: nodeHost });
    assert.ok(!('result' in outcome), `${file} was not analysed`);
    return [...lintModel(outcome.model, { rules: builtInRules }).findings];
  };

  for (const e of EXPECTATIONS) {
    it(`${e.file}: ${e.why}`, async () => {
      const findings = await lint(e.file);
      const ids = new Set(findings.map((f) => f.ruleId));
      for (const id of e.present ?? []) assert.ok(ids.has(id), `expected ${id}; got ${[...ids].join(', ')}`);
      for (const id of e.absent ?? []) {
        const hit = findings.find((f) => f.ruleId === id);
        assert.equal(hit, undefined, `unexpected ${id}: ${hit?.message}`);
      }
    });
  }

  it('no deployed e2e test gets an error-level finding', async () => {
    const tests = fs
      .readdirSync(corpusDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /tests[\\/]e2e[\\/].*\.bicep$/.test(f));
    assert.ok(tests.length >= 10, `found only ${tests.length} e2e files`);
    for (const file of tests) {
      const errors = (await lint(file)).filter((f) => f.severity === 'error');
      assert.deepEqual(
        errors.map((f) => `${f.ruleId}: ${f.message}`),
        [],
        file,
      );
    }
  });
});
