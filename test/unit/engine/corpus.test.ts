// Checks our verdicts against the verdicts recorded for the shared corpus (Checkov's own ARM and
// Bicep fixtures), wherever one of our rules declares the Checkov check as an equivalent.
// Where Checkov's verdict is wrong (lint-anchors.md §A3), the right answer is asserted instead,
// with the reason next to it in CORRECTIONS.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtInRules, lintModel, loadModel, nodeHost } from '../../../src/analysis/engine';
import { stringValue, type Finding, type Resource, type TemplateModel } from '../../../src/analysis/model';

const corpusDir = path.resolve(process.cwd(), '..', 'shared', 'corpus');
const manifest = path.join(corpusDir, 'MANIFEST.tsv');

type Verdict = 'PASSED' | 'FAILED';

interface Expectation {
  readonly file: string;
  readonly check: string;
  readonly verdict: Verdict;
  /** `Type.name` of the resource when recorded; else the verdict is per file. */
  readonly type?: string;
  readonly name?: string;
}

/**
 * Checkov verdicts we deliberately do not reproduce, keyed by `<corpus path>|<check>`.
 */
const CORRECTIONS: Record<string, { verdict: Verdict; why: string }> = {
  // CKV_AZURE_40 reads rotationPolicy.attributes.expiryTime instead of the key's own expiry; this
  // key has properties.attributes.exp (from a parameter default), so it does expire: no finding.
  'checkov/tests/arm/checks/resource/example_KeyExpirationDate/fail.json|CKV_AZURE_40': {
    verdict: 'PASSED',
    why: 'the key sets attributes.exp; Checkov looks at the rotation policy instead (§A3)',
  },
  // Checkov counts a disk without an `encryption` block as unencrypted. Managed disks are always
  // encrypted at rest with platform keys (SSE); this disk disables nothing, so the rule about
  // disabled disk encryption has nothing to report (the same noise §A3 notes for KICS).
  'checkov/tests/arm/checks/resource/example_AzureManagedDiscEncryption/azureManagedDiscEncryption-FAILED.json|CKV_AZURE_2':
    {
      verdict: 'PASSED',
      why: 'no encryption settings means platform-key SSE, not "unencrypted"',
    },
  // CKV_AZURE_189 passes a vault whose networkAcls list ipRules even when defaultAction is Allow
  // and public access is Enabled: IP rules only narrow access when the default action is Deny,
  // so these vaults accept traffic from every network.
  'checkov/tests/arm/checks/resource/example_KeyVaultDisablesPublicNetworkAccess/pass3.json|CKV_AZURE_189': {
    verdict: 'FAILED',
    why: 'ipRules do not restrict anything while defaultAction is Allow',
  },
  'checkov/tests/arm/checks/resource/example_KeyVaultDisablesPublicNetworkAccess/pass4.json|CKV_AZURE_189': {
    verdict: 'FAILED',
    why: 'ipRules do not restrict anything while defaultAction is Allow',
  },
  // CKV_AZURE_42 wants enableSoftDelete to be literally "true". Soft delete is on by default and
  // can no longer be turned off, so leaving it out is fine; purge protection is set here. Checkov's
  // own CKV_AZURE_111 agrees (a missing value passes).
  'checkov/tests/arm/checks/resource/example_KeyvaultRecoveryEnabled/keyvaultRecoveryEnabled-FAILED2.json|CKV_AZURE_42':
    {
      verdict: 'PASSED',
      why: 'soft delete is a platform default that cannot be disabled (§A3, KICS KV query)',
    },
};

function readExpectations(): Expectation[] {
  const rows = fs
    .readFileSync(manifest, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '');
  const out: Expectation[] = [];
  for (const row of rows) {
    const [localPath, , , , verdictText] = row.split('\t');
    if (!localPath || !verdictText) continue;
    for (const part of verdictText.split(';')) {
      const m = /checkov (CKV_AZURE_\d+) (PASSED|FAILED)(?: ([\w.]+\/[\w/]+)\.([\w-]+))?/.exec(part);
      if (!m) continue;
      out.push({ file: localPath, check: m[1]!, verdict: m[2] as Verdict, type: m[3], name: m[4] });
    }
  }
  return out;
}

/** Our rule ids per Checkov id, from the rules' declared equivalents. */
function rulesByCheckov(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const r of builtInRules) {
    for (const id of r.meta.equivalents?.checkov ?? []) map.set(id, [...(map.get(id) ?? []), r.meta.id]);
  }
  return map;
}

/** Checkov names ARM resources by evaluated name and Bicep resources by symbolic name. */
function resourceMatches(r: Resource, type: string, name: string): boolean {
  if (r.type.toLowerCase() !== type.toLowerCase()) return false;
  if (r.file.endsWith('.bicep') && r.id.toLowerCase() === name.toLowerCase()) return true;
  const n = stringValue(r.name)?.toLowerCase();
  return n !== undefined && (n === name.toLowerCase() || n.endsWith('/' + name.toLowerCase()));
}

describe('shared corpus verdicts', function () {
  this.timeout(120_000);
  if (!fs.existsSync(manifest)) {
    it.skip('corpus not present next to the repository');
    return;
  }
  const byCheckov = rulesByCheckov();
  const expectations = readExpectations().filter((e) => byCheckov.has(e.check));
  const cache = new Map<string, Promise<{ model?: TemplateModel; findings: Finding[] }>>();
  const lint = (file: string): Promise<{ model?: TemplateModel; findings: Finding[] }> => {
    let p = cache.get(file);
    if (!p) {
      p = (async () => {
        const abs = path.join(corpusDir, file);
        const outcome = await loadModel(abs, fs.readFileSync(abs, 'utf8'), { host: nodeHost });
        if ('result' in outcome) return { findings: [...outcome.result.findings] };
        return { model: outcome.model, findings: lintModel(outcome.model, { rules: builtInRules }).findings };
      })();
      cache.set(file, p);
    }
    return p;
  };

  it('covers some recorded checks', () => {
    assert.ok(expectations.length > 0, 'no Checkov check in the manifest maps to one of our rules');
  });

  for (const e of expectations) {
    const key = `${e.file}|${e.check}`;
    const correction = CORRECTIONS[key];
    const want = correction?.verdict ?? e.verdict;
    const label = `${e.file.replace(/^checkov\/tests\//, '')} ${e.check}${e.name ? ` ${e.name}` : ''} → ${want}${correction ? ` (Checkov says ${e.verdict}: ${correction.why})` : ''}`;
    it(label, async () => {
      const ours = byCheckov.get(e.check)!;
      const { model, findings } = await lint(e.file);
      assert.ok(model, `${e.file} was not analysed`);
      let relevant = findings.filter((f) => ours.includes(f.ruleId));
      if (e.type && e.name) {
        const targets = model.resources.filter((r) => resourceMatches(r, e.type!, e.name!));
        assert.ok(targets.length > 0, `no ${e.type} named ${e.name} in the model`);
        const ids = new Set(targets.map((r) => r.id));
        relevant = relevant.filter((f) => f.resourceId !== undefined && ids.has(f.resourceId));
      }
      const got: Verdict = relevant.length > 0 ? 'FAILED' : 'PASSED';
      assert.equal(
        got,
        want,
        `our rules ${ours.join(', ')} found: ${relevant.map((f) => `${f.ruleId}: ${f.message}`).join(' | ') || 'nothing'}`,
      );
    });
  }
});
